// The CLI reading workbooks, run as a child process like `npm run roster`: the one sheet whose
// header matches (a notes sheet passed over), the Sheet line and the JSON "sheet", --sheet when
// several sheets match (and its mistakes, exit 2), cells as the pro sees them in the CSV that
// fix writes, the header found below a title row (in a workbook and in a CSV, with --map), and
// the files Roster refuses with how to export them. Workbooks are built at test time.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { csvRows, roster, tempFolder, validateJson as validateJsonOf } from './run-cli.ts';
import type { Issue } from '../../../src/core/issues.ts';
import {
	buildEncryptedLike,
	buildNumbersLike,
	buildOdsLike,
	buildXlsLike,
	buildXlsx,
	type CellInput,
	type SheetInput,
} from '../../workbooks/build-xlsx.ts';

interface JsonReport {
	file: string;
	sheet?: string;
	encoding: string | null;
	delimiter: string | null;
	rows: number;
	errors: number;
	columns: { letter: string; header: string; field: string | null; status: string }[];
	issues: Issue[];
}

const { file, path: temp } = tempFolder('roster-cli-workbook-');
const validateJson = (...args: string[]) => validateJsonOf<JsonReport>(...args);

const HEADER = [
	'Email',
	'initial_password',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
	'external_id',
];
const PASSWORD = 'Kw2#Rt9!Lm4x';
const may17 = new Date(Date.UTC(1980, 4, 17));

/** The clients sheet as pros keep it: a title, a blank row, then the header on row 3. */
function clientsSheet(name: string, extra: CellInput[][] = []): SheetInput {
	return {
		name,
		rows: [
			['Client list — March 2026'],
			[],
			HEADER,
			['ann.lee@example.com', PASSWORD, 'Ann', 'Lee', may17, 'female', 12345678901234],
			['BOB.ROE@example.com', PASSWORD, 'Bob', 'Roe', '19790101', 'male', '00123'],
			...extra,
		],
	};
}

const NOTES: SheetInput = {
	name: 'Notes',
	rows: [['Exported from PracticeX'], ['Call Ann about her plan']],
};

describe.concurrent('roster CLI: workbooks', { timeout: 180_000 }, () => {
	it('reads the one sheet whose header matches, names it, and keeps the sheet row numbers', async () => {
		// Named .csv on purpose: the content says it is a workbook.
		const path = await file('clients.csv', buildXlsx({ sheets: [NOTES, clientsSheet('Clients')] }));
		const { code, stdout, stderr } = await roster('validate', path);
		expect(stderr).toBe('');
		expect(code).toBe(1);
		const head = stdout.split('\n').slice(0, 3);
		expect(head).toEqual([
			`File:       ${path}`,
			'Sheet:      Clients (of 2 sheets)',
			'Rows:       2 clients (blank rows not counted)',
		]);
		expect(stdout).not.toContain('Encoding:');
		expect(stdout).not.toContain('Delimiter:');
		// The header on row 3 (not the title) gives the columns; Bob is on sheet row 5.
		expect(stdout).toContain('Columns matched: Email → email_address\n');
		expect(stdout).toContain("Row 5: email 'BOB.ROE@example.com' has capital letters");
		expect(stdout).toContain(
			"The header is row 3: row 1 above it was skipped as a title or notes ('Client list — March 2026')",
		);
		expect(stdout).toContain(`fix ${path} --out clean.csv`);

		const json = await validateJson(path);
		expect(json.report.sheet).toBe('Clients');
		expect(json.report.encoding).toBeNull();
		expect(json.report.delimiter).toBeNull();
		expect(json.report.columns[0]).toMatchObject({ letter: 'A', header: 'Email', status: 'alias' });
		expect(json.report.issues.find((i) => i.code === 'email.uppercase')?.row).toBe(5);
	});

	it('asks for --sheet when two sheets hold clients, then reads the one named', async () => {
		const path = await file(
			'two-lists.xlsx',
			buildXlsx({
				sheets: [
					clientsSheet('March'),
					clientsSheet('April', [
						['new.one@example.com', PASSWORD, 'New', 'One', may17, 'male', 7],
					]),
				],
			}),
		);
		const ask = await roster('validate', path);
		expect(ask.code).toBe(2);
		expect(ask.stdout).toBe('');
		expect(ask.stderr).toContain("2 sheets that could hold the clients: 'March', 'April'");
		expect(ask.stderr).toContain('--sheet NAME');

		const april = await roster('validate', path, '--sheet', 'April');
		expect(april.code).toBe(1);
		expect(april.stdout).toContain('Sheet:      April (of 2 sheets)\n');
		expect(april.stdout).toContain('Rows:       3 clients');
		// The suggested fix names the sheet too, or it would stop at the same question.
		expect(april.stdout).toContain(`fix ${path} --sheet April --out clean.csv`);
		const json = await validateJson(path, '--sheet', 'March');
		expect(json.report.sheet).toBe('March');
		expect(json.report.rows).toBe(2);

		const out = temp('april.csv');
		const fix = await roster('fix', path, '--sheet', 'April', '--out', out);
		expect(fix.stderr).toBe('');
		expect(fix.code).toBe(0);
		expect(fix.stdout).toContain('Read');
		expect(fix.stdout).toContain('3 clients (sheet April of 2).');
		expect((await csvRows(out)).map((r) => r[0])).toEqual([
			'email_address',
			'ann.lee@example.com',
			'bob.roe@example.com',
			'new.one@example.com',
		]);
	});

	it('refuses a --sheet the workbook does not have (exact names), and --sheet on a CSV file', async () => {
		const path = await file('book.xlsx', buildXlsx({ sheets: [NOTES, clientsSheet('Clients')] }));
		const wrongCase = await roster('validate', path, '--sheet', 'clients');
		expect(wrongCase.code).toBe(2);
		expect(wrongCase.stdout).toBe('');
		expect(wrongCase.stderr).toContain("has no sheet named 'clients'");
		expect(wrongCase.stderr).toContain("Its sheets: 'Notes', 'Clients'.");

		const fix = await roster('fix', path, '--sheet', 'Summary', '--out', temp('never.csv'));
		expect(fix.code).toBe(2);
		expect(fix.stderr).toContain("has no sheet named 'Summary'");

		const csv = await file(
			'plain.xlsx',
			`${HEADER.join(',')}\nann@example.com,${PASSWORD},Ann,Lee,19800517,female,1\n`,
		);
		const onCsv = await roster('validate', csv, '--sheet', 'Clients');
		expect(onCsv.code).toBe(2);
		expect(onCsv.stderr).toContain('--sheet is only for workbooks');
		// Without --sheet the same file (named .xlsx) is read as the CSV it is.
		const asCsv = await validateJson(csv);
		expect(asCsv.code).toBe(0);
		expect(asCsv.report).toMatchObject({ encoding: 'utf-8', delimiter: ',', rows: 1 });
		expect(asCsv.report).not.toHaveProperty('sheet');

		const empty = await roster('validate', path, '--sheet=');
		expect(empty.code).toBe(2);
		expect(empty.stderr).toContain('--sheet needs the name of a sheet');
	});

	it('writes cells as the pro sees them: dates in both systems, long numbers, leading zeros', async () => {
		const rows = (extra: CellInput[]) => [
			HEADER,
			['ann.lee@example.com', PASSWORD, 'Ann', 'Lee', may17, 'female', 12345678901234],
			[
				'bob.roe@example.com',
				PASSWORD,
				'Bob',
				'Roe',
				new Date(Date.UTC(1979, 0, 1)),
				'male',
				'00123',
			],
			extra,
		];
		const padded: CellInput[] = [
			'cy.ng@example.com',
			PASSWORD,
			'Cy',
			'Ng',
			may17,
			'male',
			{ value: 42, style: 'zeros5' },
		];
		for (const date1904 of [false, true]) {
			const path = await file(
				`cells-${date1904}.xlsx`,
				buildXlsx({ date1904, sheets: [{ name: 'Sheet1', rows: rows(padded) }] }),
			);
			const out = temp(`cells-${date1904}.csv`);
			const fix = await roster('fix', path, '--out', out);
			expect(fix.stderr).toBe('');
			expect(fix.code).toBe(0);
			expect(fix.stdout).toContain('3 clients (sheet Sheet1, the only one).');
			const [header, ...clients] = await csvRows(out);
			const at = (field: string) => (header as string[]).indexOf(field);
			expect(clients.map((c) => c[at('birthdate')])).toEqual(['19800517', '19790101', '19800517']);
			expect(clients.map((c) => c[at('external_id')])).toEqual([
				'12345678901234',
				'00123',
				'00042',
			]);
		}
	});

	it('finds the header below a title in a workbook for --map, with the sheet row numbers', async () => {
		const path = await file(
			'mapped.xlsx',
			buildXlsx({
				sheets: [
					NOTES,
					{
						name: 'Clients',
						rows: [
							['Clients of Dr. Lee'],
							['Contact', 'initial_password', 'first_name', 'last_name', 'birthdate', 'gender'],
							['ann.lee@example.com', PASSWORD, 'Ann', 'Lee', may17, 'female'],
							['bob roe', PASSWORD, 'Bob', 'Roe', may17, 'male'],
						],
					},
				],
			}),
		);
		const { code, report } = await validateJson(path, '--map', 'Contact=email_address');
		expect(code).toBe(1);
		expect(report.sheet).toBe('Clients');
		expect(report.columns[0]).toMatchObject({
			header: 'Contact',
			field: 'email_address',
			status: 'mapped',
		});
		expect(
			report.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.column]),
		).toEqual([[4, 'email_address']]);
	});
});

describe('roster CLI: help for workbooks', { timeout: 180_000 }, () => {
	it('documents --sheet, the JSON sheet and that fix writes CSV', async () => {
		const { code, stdout } = await roster('--help');
		expect(code).toBe(0);
		// Read as one line: the wording matters here, not where the help wraps it.
		const text = stdout.replace(/\s+/g, ' ');
		expect(text).toContain('validate FILE [--json] [--sheet NAME]');
		expect(text).toContain('"sheet"?');
		expect(text).toContain('for a workbook both are null');
		expect(text).toContain('a CSV file (also when FILE is a workbook)');
	});
});

describe.concurrent('roster CLI: a title row above a CSV header', { timeout: 180_000 }, () => {
	const csv = [
		'Client list — exported 2026-03-01,,,,,',
		',,,,,',
		'Contact,initial_password,Prénom,last_name,birthdate,gender',
		`ann.lee@example.com,${PASSWORD},Ann,Lee,19800517,female`,
		`BOB@example.com,${PASSWORD},Bob,Roe,19790101,male`,
	].join('\r\n');

	it('reads the header on row 3, says the title was skipped, and keeps the file row numbers', async () => {
		const path = await file('titled.csv', csv);
		const { code, stdout } = await roster('validate', path, '--map', 'Contact=email_address');
		expect(code).toBe(1);
		expect(stdout).toContain('Encoding:   utf-8\n');
		expect(stdout).toContain('Columns matched: Contact → email_address, Prénom → first_name\n');
		expect(stdout).toContain("Row 5: email 'BOB@example.com' has capital letters");
		expect(stdout).toContain('The header is row 3: row 1 above it was skipped');

		const out = temp('titled-clean.csv');
		const fix = await roster('fix', path, '--map', 'Contact=email_address', '--out', out);
		expect(fix.code).toBe(0);
		expect(fix.stdout).toContain('2 clients (utf-8, comma-separated)');
		expect((await csvRows(out)).map((r) => r[0])).toEqual([
			'email_address',
			'ann.lee@example.com',
			'bob@example.com',
		]);
	});

	it('names the real header row when a --map header is not in it', async () => {
		const path = await file('titled-missing.csv', csv);
		const { code, stderr } = await roster('validate', path, '--map', 'Courriel=email_address');
		expect(code).toBe(2);
		expect(stderr).toContain('no column of');
		expect(stderr).toContain('A "Contact", B "initial_password", C "Prénom"');
		expect(stderr).not.toContain('Client list');
	});
});

/** A real workbook whose sheet's compressed bytes are spoilt: the zip opens, the sheet does not. */
function spoiltSheet(): Uint8Array {
	const rows = [HEADER, ...Array.from({ length: 3000 }, (_, i) => [`u${i}@example.com`, PASSWORD])];
	const bytes = buildXlsx({ sheets: [{ name: 'Clients', rows }], level: 6, sharedStrings: false });
	// The sheet is the first entry: past its local header lies its deflated XML.
	bytes.fill(0xff, 200, 260);
	return bytes;
}

describe.concurrent('roster CLI: workbooks Roster cannot read', { timeout: 180_000 }, () => {
	const cases: [string, () => Uint8Array, string][] = [
		['old.csv', buildXlsLike, 'old Excel workbook (.xls)'],
		['locked.xlsx', buildEncryptedLike, 'protected by a password'],
		['sheet.ods', buildOdsLike, 'OpenDocument spreadsheet (.ods)'],
		['list.numbers', buildNumbersLike, 'Apple Numbers file'],
		[
			'broken.xlsx',
			() => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 9, 9, 9, 9]),
			'damaged',
		],
		['spoilt.xlsx', spoiltSheet, 'damaged'],
	];
	for (const [name, build, says] of cases) {
		it(`${name}: the report says what it is and how to export it`, async () => {
			const path = await file(name, build());
			const { code, report } = await validateJson(path);
			expect(code).toBe(1);
			expect(report.rows).toBe(0);
			expect(report.columns).toEqual([]);
			expect(report.issues).toHaveLength(1);
			expect(report.issues[0]).toMatchObject({ code: 'file.workbook', row: null });
			expect(report.issues[0]?.message).toContain(says);
		});
	}

	it('fix refuses an old .xls with the same words, writing nothing', async () => {
		const path = await file('old-fix.xls', buildXlsLike());
		const out = temp('old-fix.out.csv');
		const fix = await roster('fix', path, '--out', out);
		expect(fix.code).toBe(1);
		expect(fix.stderr).toContain('Nothing written');
		expect(fix.stderr).toContain('In Excel choose File → Save As');
		await expect(readFile(out)).rejects.toThrow();
	});
});
