// Nothing lost: the attention file writes back the cells of the source columns the mapping left
// out (each under its header as written, between the template columns and `errors`), so a
// round trip through a spreadsheet keeps every value; the clean file stays in template form.
import { describe, expect, it } from 'vitest';
import { exportText } from '../../../src/core/export.ts';
import { Validator, type Dataset } from '../../../src/core/validate.ts';
import type { HeaderMapping } from '../../../src/core/template.ts';
import type { Field } from '../../../src/core/fields.ts';
import type { ClientRecord } from '../../../src/core/record.ts';
import { bytesSource, importCsv } from '../../../src/core/import-csv.ts';
import type { ColumnMapping } from '../../../src/core/column-mapping.ts';
import { HEADER, importText, TODAY, utf8 } from '../helpers.ts';

/** A header whose columns feed `columns` (null: left out), as the mapping step settles it. */
function headerOf(names: string[], columns: (Field | null)[]): HeaderMapping {
	return {
		columns,
		names,
		blank: names.map((n) => n === ''),
		present: new Set(columns.filter((f): f is Field => f !== null)),
		issues: [],
	};
}

/** Checks records under a header, as an import does, and settles the file. */
function datasetOf(header: HeaderMapping, records: ClientRecord[]): Dataset {
	const v = new Validator({ today: TODAY });
	v.setHeader(header);
	for (const rec of records) v.addRecord(rec);
	return v.finish();
}

const client = (row: number, over: Partial<ClientRecord>): ClientRecord => ({
	row,
	email_address: '',
	initial_password: 'Abcdef1!',
	first_name: 'Ann',
	last_name: 'Lee',
	birthdate: '19811120',
	gender: 'female',
	tags: [],
	external_id: '',
	extra: [],
	leftOut: [],
	...over,
});

// Contact → email_address, Notes and Téléphone left out, the others by their French names.
const FRENCH = headerOf(
	['Contact', 'Prénom', 'Nom', 'Notes', 'Mot de passe', 'DOB', 'Sexe', 'Téléphone'],
	[
		'email_address',
		'first_name',
		'last_name',
		null,
		'initial_password',
		'birthdate',
		'gender',
		null,
	],
);

const ROWS = [
	client(2, { email_address: 'ann@example.com', leftOut: ['Allergic to nuts, see file', ''] }),
	client(3, {
		email_address: 'bob(at)example.com',
		first_name: 'Bob',
		last_name: 'Ng',
		gender: 'male',
		leftOut: ['=HYPERLINK("x")', '+33 6 12 34 56 78'],
	}),
	// Every left-out cell of this row is empty: the record holds none.
	client(4, { email_address: 'cy@example.com', first_name: 'Cy', birthdate: '' }),
	client(5, { email_address: 'dee@example.com', first_name: '', leftOut: ['Prefers "Dee"', ''] }),
];

describe('the attention file of a mapped file', () => {
	it('writes every source value back: moved cells under their field, left-out columns, then errors', () => {
		expect(exportText(datasetOf(FRENCH, ROWS), 'attention')).toBe(
			'\ufeffemail_address,initial_password,first_name,last_name,birthdate,gender,Notes,Téléphone,errors\r\n' +
				`bob(at)example.com,Abcdef1!,Bob,Ng,19811120,male,"'=HYPERLINK(""x"")",'+33 6 12 34 56 78,Row 3: email 'bob(at)example.com' is not a valid address. Write it as name@example.com.\r\n` +
				`cy@example.com,Abcdef1!,Cy,Lee,,female,,,"Row 4: birthdate is empty. Add it as YYYYMMDD, e.g. 19811120."\r\n` +
				`dee@example.com,Abcdef1!,,Lee,19811120,female,"Prefers ""Dee""",,Row 5: first_name is empty. Add the client’s first name.\r\n`,
		);
	});

	it('keeps the clean file in template form, without the left-out columns', () => {
		expect(exportText(datasetOf(FRENCH, ROWS), 'clean')).toBe(
			`${HEADER}\r\nann@example.com,Abcdef1!,Ann,Lee,19811120,female\r\n`,
		);
	});

	it('writes empty cells under the left-out columns for a row without any', () => {
		const header = headerOf(
			[...HEADER.split(','), 'Notes'],
			[...(HEADER.split(',') as Field[]), null],
		);
		const rows = [
			client(2, { email_address: 'x', leftOut: ['kept'] }),
			client(3, { email_address: 'y' }),
		];
		expect(exportText(datasetOf(header, rows), 'attention')).toBe(
			`\ufeff${HEADER},Notes,errors\r\n` +
				`x,Abcdef1!,Ann,Lee,19811120,female,kept,Row 2: email 'x' is not a valid address. Write it as name@example.com.\r\n` +
				`y,Abcdef1!,Ann,Lee,19811120,female,,Row 3: email 'y' is not a valid address. Write it as name@example.com.\r\n`,
		);
	});

	it('writes a file that came back with its own errors column with one errors column', () => {
		const header = headerOf(
			[...HEADER.split(','), 'Notes', 'errors'],
			[...(HEADER.split(',') as Field[]), null, null],
		);
		const rows = [client(2, { email_address: 'x', leftOut: ['kept', 'Row 2: an old problem'] })];
		expect(exportText(datasetOf(header, rows), 'attention')).toBe(
			`\ufeff${HEADER},Notes,errors\r\n` +
				`x,Abcdef1!,Ann,Lee,19811120,female,kept,Row 2: email 'x' is not a valid address. Write it as name@example.com.\r\n`,
		);
	});

	it('neutralises a formula-like left-out header', () => {
		const header = headerOf(
			[...HEADER.split(','), '=Notes'],
			[...(HEADER.split(',') as Field[]), null],
		);
		const rows = [client(2, { email_address: 'x', leftOut: ['a'] })];
		expect(exportText(datasetOf(header, rows), 'attention').split('\r\n')[0]).toBe(
			`\ufeff${HEADER},'=Notes,errors`,
		);
	});
});

describe('a file imported with a mapping', () => {
	const text =
		[
			'Contact,Prénom,Nom,Notes,Mot de passe,DOB,Sexe',
			'ann@example.com,Ann,Lee,"Allergic to nuts, see file",Abcdef1!,19811120,female',
			'bob(at)example.com,Bob,Ng,"=HYPERLINK(""x"")",Xyz12345!,19900302,male',
			'cy@example.com,Cy,Diaz,,Pqr12345!,,female',
			'dee@example.com,Dee,Roy,  call first  ,Stu12345!,19700101,female',
		].join('\r\n') + '\r\n';
	const mapping: ColumnMapping = {
		columns: [
			'email_address',
			'first_name',
			'last_name',
			null,
			'initial_password',
			'birthdate',
			'gender',
		],
		fill: {},
	};
	const ATTENTION =
		'\ufeffemail_address,initial_password,first_name,last_name,birthdate,gender,Notes,errors\r\n' +
		`bob(at)example.com,Xyz12345!,Bob,Ng,19900302,male,"'=HYPERLINK(""x"")",Row 3: email 'bob(at)example.com' is not a valid address. Write it as name@example.com.\r\n` +
		`cy@example.com,Pqr12345!,Cy,Diaz,,female,,"Row 4: birthdate is empty. Add it as YYYYMMDD, e.g. 19811120."\r\n`;

	it('holds every source value: the emails under email_address, the Notes cells, the errors last', async () => {
		const { dataset } = await importCsv(bytesSource(utf8(text)), { today: TODAY, mapping });
		expect(exportText(dataset, 'attention')).toBe(ATTENTION);
		expect(exportText(dataset, 'clean')).toBe(
			`${HEADER}\r\n` +
				'ann@example.com,Abcdef1!,Ann,Lee,19811120,female\r\n' +
				'dee@example.com,Stu12345!,Dee,Roy,19700101,female\r\n',
		);
		// The clean rows keep their notes too, as written (a later edit may send them back).
		expect(dataset.records.at(0)?.leftOut).toEqual(['Allergic to nuts, see file']);
		expect(dataset.records.at(3)?.leftOut).toEqual(['  call first  ']);
	});

	it('gives the notes back when the attention file is imported again', async () => {
		const { dataset } = await importCsv(bytesSource(utf8(text)), { today: TODAY, mapping });
		const again = await importText(exportText(dataset, 'attention'));
		expect(again.dataset.records.toArray().map((r) => r.leftOut[0] ?? '')).toEqual([
			'\'=HYPERLINK("x")',
			'',
		]);
		// Roster's own errors column comes back left out, and is written once.
		expect(exportText(again.dataset, 'attention').split('\r\n')[0]).toBe(
			`\ufeff${HEADER},Notes,errors`,
		);
	});
});
