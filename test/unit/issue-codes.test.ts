// One table-driven case for every issue code: file in, the user-visible issue out.
import { describe, expect, it } from 'vitest';
import {
	ISSUE_CODES,
	ISSUE_SEVERITY,
	IssueSchema,
	quote,
	wherePrefix,
	type IssueCode,
} from '../../src/core/issues.ts';
import { csv, HEADER, importBytes, issuesOf, line, utf8 } from './helpers.ts';

interface Case {
	code: IssueCode;
	input: string | Uint8Array;
	row: number | null;
	column: string | null;
	fix?: string;
	/** Texts the message must contain (the value, the column letter…). */
	says: string[];
	/** Other codes the same file reports (the case's code aside). */
	also?: IssueCode[];
}

const XLSX = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0, 0, 0]);
const PDF = utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
const bd = (birthdate: string) => csv(line({ birthdate }));

const CASES: Case[] = [
	{ code: 'file.empty', input: '', row: null, column: null, says: ['empty'] },
	{ code: 'file.binary', input: PDF, row: null, column: null, says: ['PDF', 'CSV', '.xlsx'] },
	{ code: 'file.workbook', input: XLSX, row: null, column: null, says: ['damaged', '.xlsx'] },
	{
		code: 'file.rows_skipped',
		input: 'Client list,March 2026\n\n' + csv(line()),
		row: null,
		column: null,
		says: ['The header is row 3: row 1 above it was skipped', "'Client list'"],
	},
	{ code: 'file.no_rows', input: csv(), row: null, column: null, says: ['no clients'] },
	{
		code: 'header.missing',
		input:
			'email_address,initial_password,first_name,last_name,birthdate\nann@example.com,Abcdef1!,Ann,Lee,19811120\n',
		row: 1,
		column: 'gender',
		says: ['gender is missing'],
	},
	{
		code: 'header.duplicate',
		input: `${HEADER},E-mail\n${line()},bob@example.com\n`,
		row: 1,
		column: 'email_address',
		says: ["column G 'E-mail'", 'second email_address'],
	},
	{
		code: 'header.unknown',
		input: `${HEADER},Notes\n${line()},VIP\n`,
		row: 1,
		column: null,
		says: ["column G 'Notes'", 'left out'],
	},
	{
		code: 'row.extra_cells',
		input: csv(line() + ',,x'),
		row: 2,
		column: null,
		says: ['cell H'],
	},
	{
		code: 'row.unclosed_quote',
		input: csv(
			line(),
			'bob@example.com,Abcdef1!,"Bob,Lee,19811120,male',
			line({ email_address: 'cy@example.com' }),
		),
		row: 3,
		column: null,
		says: ['never closed'],
		also: ['last_name.missing', 'birthdate.missing', 'gender.missing'],
	},
	{
		code: 'row.encoding',
		// A UTF-8 file (Zoé Müller) whose third row came from a Windows-1252 source (José, 0xE9).
		input: new Uint8Array([
			...utf8(csv(line({ first_name: 'Zoé', last_name: 'Müller' }))),
			...utf8(line({ email_address: 'jose@example.com', first_name: 'Jos~' })).map((b) =>
				b === 0x7e ? 0xe9 : b,
			),
		]),
		row: 3,
		column: null,
		says: ['not valid UTF-8', 'Windows-1252', 'CSV UTF-8'],
	},
	{
		code: 'value.too_long',
		input: csv(line({ last_name: `Lee${'e'.repeat(200)}` })),
		row: 2,
		column: 'last_name',
		says: [`last_name 'Lee${'e'.repeat(36)}…'`, '203 characters', 'at most 100'],
	},
	{
		code: 'value.formula',
		input: csv(line({ first_name: '=1+2' })),
		row: 2,
		column: 'first_name',
		says: ["'=1+2'"],
	},
	{
		code: 'email.missing',
		input: csv(line({ email_address: '' })),
		row: 2,
		column: 'email_address',
		says: ['email_address is empty'],
	},
	{
		code: 'email.invalid',
		input: csv(line({ email_address: 'ann@example' })),
		row: 2,
		column: 'email_address',
		says: ["'ann@example'"],
	},
	{
		code: 'email.uppercase',
		input: csv(line({ email_address: 'Ann@Example.COM' })),
		row: 2,
		column: 'email_address',
		fix: 'ann@example.com',
		says: ["'Ann@Example.COM'", 'use ann@example.com'],
	},
	{
		code: 'email.duplicate',
		input: csv(line(), line({ email_address: 'ANN@example.com', first_name: 'Anna' })),
		row: 3,
		column: 'email_address',
		says: ['ANN@example.com', 'row 2'],
		also: ['email.uppercase'],
	},
	{
		code: 'password.missing',
		input: csv(line({ initial_password: '' })),
		row: 2,
		column: 'initial_password',
		says: ['initial_password is empty'],
	},
	{
		code: 'password.too_short',
		input: csv(line({ initial_password: 'Ab1!xyz' })),
		row: 2,
		column: 'initial_password',
		says: ['7 characters', 'at least 8'],
	},
	{
		code: 'password.weak',
		input: csv(line({ initial_password: 'abcdefgh1' })),
		row: 2,
		column: 'initial_password',
		says: ['no an upper-case letter, no a symbol'],
	},
	{
		code: 'password.whitespace',
		input: csv(line({ initial_password: 'Abcdef1! ' })),
		row: 2,
		column: 'initial_password',
		says: ['space'],
	},
	{
		code: 'first_name.missing',
		input: csv(line({ first_name: '' })),
		row: 2,
		column: 'first_name',
		says: ['first_name is empty'],
	},
	{
		code: 'last_name.missing',
		input: csv(line({ last_name: ' ' })),
		row: 2,
		column: 'last_name',
		says: ['last_name is empty'],
	},
	{
		code: 'birthdate.missing',
		input: bd(''),
		row: 2,
		column: 'birthdate',
		says: ['birthdate is empty'],
	},
	{
		code: 'birthdate.format',
		input: bd('11/20/1981'),
		row: 2,
		column: 'birthdate',
		fix: '19811120',
		says: ["Row 2: birthdate '11/20/1981' is not YYYYMMDD — use 19811120"],
	},
	{
		code: 'birthdate.ambiguous',
		input: bd('01/02/1990'),
		row: 2,
		column: 'birthdate',
		says: ["'01/02/1990'", 'day-first (19900201)', 'month-first (19900102)'],
	},
	{
		code: 'birthdate.invalid',
		input: bd('19990230'),
		row: 2,
		column: 'birthdate',
		says: ["'19990230'", 'not a real day'],
	},
	{
		code: 'birthdate.future',
		input: bd('20261126'),
		row: 2,
		column: 'birthdate',
		says: ["'20261126'", 'future'],
	},
	{
		code: 'birthdate.out_of_range',
		input: bd('18991231'),
		row: 2,
		column: 'birthdate',
		says: ["'18991231'", 'before 1900'],
	},
	{
		code: 'gender.missing',
		input: csv(line({ gender: '' })),
		row: 2,
		column: 'gender',
		says: ['gender is empty'],
	},
	{
		code: 'gender.alias',
		input: csv(line({ gender: 'Homme' })),
		row: 2,
		column: 'gender',
		fix: 'male',
		says: ["'Homme'", 'written male'],
	},
	{
		code: 'gender.ambiguous',
		input: csv(line({ gender: 'M' })),
		row: 2,
		column: 'gender',
		says: ["'M'", 'could mean male', 'or female (H/M, Spanish mujer)', 'Choose male or female'],
	},
	{
		code: 'gender.invalid',
		input: csv(line({ gender: 'x' })),
		row: 2,
		column: 'gender',
		says: ["'x'", 'only male or female'],
	},
	{
		code: 'external_id.duplicate',
		input: `${HEADER},external_id\n${line()},C-7\n${line({ email_address: 'bob@example.com' })},C-7\n`,
		row: 3,
		column: 'external_id',
		says: ['C-7', 'row 2'],
	},
];

/** Codes no longer reported, kept because stored drafts still hold them. */
const RETIRED: readonly IssueCode[] = ['header.alias'];

describe('every issue code', () => {
	it('has a case in the table below, but the retired ones', () => {
		expect(new Set(CASES.map((c) => c.code))).toEqual(
			new Set(ISSUE_CODES.filter((c) => !RETIRED.includes(c))),
		);
	});

	it('never reports a retired code: a renamed template column is matched silently', async () => {
		const { dataset } = await importBytes(
			utf8(csv(line()).replace('email_address', 'E-mail Address')),
		);
		expect(issuesOf(dataset)).toEqual([]);
	});

	describe.each(CASES)('$code', (c) => {
		const bytes = typeof c.input === 'string' ? utf8(c.input) : c.input;

		it.each([7, 1 << 20])(
			'is reported with its row, column, severity and fix (chunks of %i)',
			async (chunk) => {
				const { dataset } = await importBytes(bytes, chunk);
				const issues = issuesOf(dataset);
				const mine = issues.filter((i) => i.code === c.code);
				expect(mine).toHaveLength(1);
				const [issue] = mine;
				expect({
					row: issue?.row,
					column: issue?.column,
					severity: issue?.severity,
					fix: issue?.fix,
				}).toEqual({
					row: c.row,
					column: c.column,
					severity: ISSUE_SEVERITY[c.code],
					fix: c.fix,
				});
				expect(
					issues
						.filter((i) => i.code !== c.code)
						.map((i) => i.code)
						.sort(),
				).toEqual([...(c.also ?? [])].sort());
			},
		);

		it('has a message that names the row and the value', async () => {
			const { dataset } = await importBytes(bytes);
			const issue = issuesOf(dataset).find((i) => i.code === c.code);
			expect(IssueSchema.parse(issue)).toEqual(issue);
			const message = issue?.message ?? '';
			if (c.row !== null) expect(message.startsWith(wherePrefix(c.row))).toBe(true);
			else expect(message).not.toMatch(/^Row \d+/);
			for (const text of c.says) expect(message).toContain(text);
		});
	});
});

describe('message helpers', () => {
	it('prefix a message with where the problem is', () => {
		expect(wherePrefix(null)).toBe('');
		expect(wherePrefix(1)).toBe('Header (row 1): ');
		expect(wherePrefix(14)).toBe('Row 14: ');
	});

	it('quote values showing invisible characters and shortening long ones', () => {
		expect(quote('tiny ')).toBe("'tiny '");
		expect(quote('a\tb\r\nc')).toBe("'a\\tb\\r\\nc'");
		expect(quote('x'.repeat(41))).toBe(`'${'x'.repeat(39)}…'`);
		expect(quote('x'.repeat(40))).toBe(`'${'x'.repeat(40)}'`);
		// A cut never leaves half an emoji behind.
		expect(quote(`${'x'.repeat(38)}😀😀`)).toBe(`'${'x'.repeat(38)}…'`);
		expect(quote(`${'x'.repeat(37)}😀😀`)).toBe(`'${'x'.repeat(37)}😀…'`);
		expect(quote('y'.repeat(10_000))).toHaveLength(42);
	});

	it('every code has an error or warning severity; warnings are the non-blocking ones', () => {
		const warnings = ISSUE_CODES.filter((c) => ISSUE_SEVERITY[c] === 'warning').sort();
		expect(warnings).toEqual([
			'file.rows_skipped',
			'header.alias',
			'header.unknown',
			'password.weak',
			'password.whitespace',
			'row.encoding',
			'row.extra_cells',
			'value.formula',
		]);
	});
});
