// "Apply safe fixes" and the two downloads: the clean file and the rows needing attention.
import { describe, expect, it } from 'vitest';
import { applySafeFixes } from '../../src/core/fixes.ts';
import { exportParts, exportText } from '../../src/core/export.ts';
import { csvField, neutralise } from '../../src/core/csv-writer.ts';
import { summarize } from '../../src/core/summary.ts';
import type { Dataset } from '../../src/core/validate.ts';
import { codesAt, csv, HEADER, importText, issuesOf, line, TODAY } from './helpers.ts';

const opts = { today: TODAY };
const fix = (d: Dataset) => applySafeFixes(d, opts);

const MESSY = [
	'Gender;DOB;Surname;First Name;Password;E-mail;Notes',
	'F;20/11/1981;Lee;Ann;Abcdef1!;Ann@Example.com;hi',
	'male;02/03/1990;"Ng, ""Bo""\nJr";Bo;Xyz12345!;bo@example.com;',
	'M;1990-07-15;Diaz;Rosa; Pass w0rd! ;rosa@example.com;;extra',
].join('\r\n');

describe('applySafeFixes', () => {
	it('starts from a file with aliases, reordered columns and fixable values', async () => {
		const { dataset } = await importText(MESSY);
		expect(codesAt(dataset)).toEqual(
			[
				'header.unknown@1',
				'email.uppercase@2',
				'birthdate.format@2',
				'gender.alias@2',
				'birthdate.format@3',
				'birthdate.format@4',
				'gender.alias@4',
				'password.whitespace@4',
				'row.extra_cells@4',
			].sort(),
		);
		expect(exportText(dataset, 'clean')).toBe(HEADER + '\r\n');
	});

	it('lowercases emails, writes certain dates as YYYYMMDD, canonical genders; aliases disappear', async () => {
		const fixed = fix((await importText(MESSY)).dataset);
		expect(codesAt(fixed)).toEqual(['password.whitespace@4']);
		expect(
			fixed.records.toArray().map((r) => [r.row, r.email_address, r.birthdate, r.gender, r.extra]),
		).toEqual([
			[2, 'ann@example.com', '19811120', 'female', []],
			[3, 'bo@example.com', '19900302', 'male', []],
			[4, 'rosa@example.com', '19900715', 'male', []],
		]);
		expect(summarize(fixed)).toMatchObject({ rows: 3, validRows: 3, errors: 0, warnings: 1 });
	});

	it('writes the clean file in template order, CRLF, RFC 4180 quoting, no BOM', async () => {
		const fixed = fix((await importText(MESSY)).dataset);
		expect(exportText(fixed, 'clean')).toBe(
			'email_address,initial_password,first_name,last_name,birthdate,gender\r\n' +
				'ann@example.com,Abcdef1!,Ann,Lee,19811120,female\r\n' +
				'bo@example.com,Xyz12345!,Bo,"Ng, ""Bo""\nJr",19900302,male\r\n' +
				'rosa@example.com," Pass w0rd! ",Rosa,Diaz,19900715,male\r\n',
		);
		expect(exportParts(fixed, 'clean')).toHaveLength(4);
	});

	it('changes nothing more when applied twice', async () => {
		const once = fix((await importText(MESSY)).dataset);
		const twice = fix(once);
		expect(exportText(twice, 'clean')).toBe(exportText(once, 'clean'));
		expect(issuesOf(twice)).toEqual(issuesOf(once));
	});

	it('leaves what is not certain: ambiguous dates, missing passwords, invalid values', async () => {
		const text = csv(
			line({ birthdate: '01/02/1990' }),
			line({ email_address: 'bob@example.com', initial_password: '', gender: 'x' }),
		);
		const d = (await importText(text)).dataset;
		expect(codesAt(fix(d))).toEqual(codesAt(d));
		expect(fix(d).records.toArray()).toEqual(d.records.toArray());
	});

	it('keeps an unclosed quote in the header row, the cause of the missing column', async () => {
		const text =
			'Email,initial_password,first_name,last_name,birthdate,"gender\r\nann@example.com,x\r\n';
		const d = (await importText(text)).dataset;
		expect(codesAt(d)).toContain('row.unclosed_quote@1');
		expect(codesAt(fix(d))).toEqual(['file.no_rows@-', 'header.missing@1', 'row.unclosed_quote@1']);
	});

	it('keeps a blocked file blocked', async () => {
		const d = (await importText('Email,First,Last\r\nAnn@example.com,Ann,Lee\r\n')).dataset;
		const fixed = fix(d);
		expect(fixed.records.at(0)?.email_address).toBe('ann@example.com');
		expect(codesAt(fixed)).toEqual(Array(3).fill('header.missing@1'));
		expect(summarize(fixed).validRows).toBe(0);
	});
});

describe('the rows needing attention', () => {
	const text = csv(
		line({ first_name: '=HYPERLINK("http://x")', gender: 'x' }),
		line({ email_address: '', last_name: '+44', initial_password: '-Abcdef1!' }),
		line({ email_address: 'cy@example.com', last_name: '@SUM(A1)', birthdate: '' }),
		line({ email_address: 'dee@example.com', first_name: '=1+2' }),
	);

	it('has a BOM, an errors column, and neutralises formula-like cells', async () => {
		const { dataset } = await importText(text);
		expect(exportText(dataset, 'attention')).toBe(
			'\ufeffemail_address,initial_password,first_name,last_name,birthdate,gender,errors\r\n' +
				`ann@example.com,Abcdef1!,"'=HYPERLINK(""http://x"")",Lee,19811120,x,Row 2: gender 'x' is not accepted; the platform accepts only male or female.\r\n` +
				`,'-Abcdef1!,Ann,'+44,19811120,female,Row 3: email_address is empty. Add the client’s email address.\r\n` +
				`cy@example.com,Abcdef1!,Ann,'@SUM(A1),,female,"Row 4: birthdate is empty. Add it as YYYYMMDD, e.g. 19811120."\r\n`,
		);
	});

	it('leaves values exact in the clean file, which is for the platform', async () => {
		const { dataset } = await importText(text);
		expect(exportText(dataset, 'clean')).toBe(
			`${HEADER}\r\ndee@example.com,Abcdef1!,=1+2,Lee,19811120,female\r\n`,
		);
	});

	it('joins several errors of a row and gives file errors to rows of a blocked file', async () => {
		const one = (await importText(csv(line({ email_address: 'x', gender: '' })))).dataset;
		expect(exportText(one, 'attention')).toContain(
			"Row 2: email 'x' is not a valid address. Write it as name@example.com. | Row 2: gender is empty.",
		);
		const blocked = (await importText('email_address,first_name\r\nann@example.com,Ann\r\n'))
			.dataset;
		expect(exportText(blocked, 'attention').split('\r\n')[1]).toContain(
			'Header (row 1): the required column initial_password is missing. Add a column named initial_password. | Header (row 1): the required column last_name',
		);
	});
});

describe('the two files together', () => {
	const files = [
		csv(
			line(),
			line({ email_address: 'Bob@example.com' }),
			'',
			line({ email_address: 'cy@example.com', gender: 'x' }),
		),
		MESSY,
		`${HEADER},tag,tag,external_id\r\n${line()},a,b,1\r\n${line({ email_address: 'b@example.com' })},,,1\r\n`,
	];

	it.each(files.map((f, i) => [i, f] as const))(
		'hold every client of file %i, before and after fixes',
		async (_i, source) => {
			const { dataset } = await importText(source);
			for (const d of [dataset, fix(dataset)]) {
				const clean = (await importText(exportText(d, 'clean'))).dataset;
				const attention = (await importText(exportText(d, 'attention'))).dataset;
				expect(clean.records.length + attention.records.length).toBe(d.records.length);
				const emails = [...clean.records, ...attention.records].map((r) =>
					r.email_address.toLowerCase(),
				);
				expect(emails.sort()).toEqual(
					d.records
						.toArray()
						.map((r) => r.email_address.toLowerCase())
						.sort(),
				);
				expect(codesAt(clean).filter((c) => c.startsWith('header.'))).toEqual([]);
			}
		},
	);

	it('writes tag and external_id columns when clients have them', async () => {
		const { dataset } = await importText(files[2] as string);
		expect(exportText(dataset, 'clean')).toBe(
			`${HEADER},tag,tag,external_id\r\n${line()},a,b,1\r\n`,
		);
		expect(exportText(dataset, 'attention').split('\r\n')[0]).toBe(
			`\ufeff${HEADER},external_id,errors`,
		);
	});
});

describe('CSV cells', () => {
	it.each([
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['line\nbreak', '"line\nbreak"'],
		['cr\rhere', '"cr\rhere"'],
		[' lead', '" lead"'],
		['trail ', '"trail "'],
		['a;b', 'a;b'],
		['', ''],
	])('csvField(%j) = %j', (value, out) => {
		expect(csvField(value)).toBe(out);
	});

	it.each([
		['=1+2', "'=1+2"],
		['+44', "'+44"],
		['-x', "'-x"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tx', "'\tx"],
		['a=b', 'a=b'],
		['', ''],
	])('neutralise(%j) = %j', (value, out) => {
		expect(neutralise(value)).toBe(out);
	});
});
