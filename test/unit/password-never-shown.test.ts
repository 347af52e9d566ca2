// "Never shown, never logged": passwords that trip every password rule go through the core
// validation, the export notes and the CLI, and no message, title, fix, note or CLI line may
// hold one of them, nor any 6-character piece of one (issue 13). The passwords are distinctive
// markers, so finding a piece of one anywhere means it leaked.
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { exportParts } from '../../src/core/export.ts';
import { applySafeFixes } from '../../src/core/fixes.ts';
import { checkImportClient } from '../../src/core/import-api.ts';
import { ISSUE_TITLES, type IssueCode } from '../../src/core/issues.ts';
import { summarize } from '../../src/core/summary.ts';
import { csv, importText, issuesOf, line, TODAY } from './helpers.ts';
import { csvRows, roster, tempFolder } from './cli/run-cli.ts';

/** One password per rule it trips (some trip several), and the codes it must raise. */
const PASSWORDS: readonly { password: string; email: string; codes: IssueCode[] }[] = [
	{ password: '=Zq9Marker1!', email: 'eq@example.com', codes: ['value.formula'] },
	{ password: '-Secr3t!pass', email: 'minus@example.com', codes: ['value.formula'] },
	{ password: '+Plu5Marker!x', email: 'plus@example.com', codes: ['value.formula'] },
	{ password: '@At7Marker!yz', email: 'at@example.com', codes: ['value.formula'] },
	{
		password: '\tTab8Marker!q',
		email: 'tab@example.com',
		codes: ['value.formula', 'password.whitespace'],
	},
	{ password: '\nNl6Marker!w', email: 'newline@example.com', codes: ['password.whitespace'] },
	{ password: 'Trail5Mk!r\t', email: 'trail@example.com', codes: ['password.whitespace'] },
	{
		password: '=Qx7!k',
		email: 'short-formula@example.com',
		codes: ['password.too_short', 'value.formula'],
	},
	{ password: 'Vy4!kj', email: 'short@example.com', codes: ['password.too_short'] },
	{ password: 'zqweakmarkerx', email: 'weak@example.com', codes: ['password.weak'] },
	{
		password: ' Spac3dMarker! ',
		email: 'space@example.com',
		codes: ['password.whitespace'],
	},
	{
		password: `Lg7!${'Zx9#Qv'.repeat(50)}`,
		email: 'long@example.com',
		codes: ['value.too_long'],
	},
	{
		password: `=Lf7!${'Wk3$Hp'.repeat(50)}`,
		email: 'long-formula@example.com',
		codes: ['value.too_long', 'value.formula'],
	},
	{ password: 'P\u00e4ssw\u00f6rt9!Mk', email: 'accents@example.com', codes: [] },
	{ password: 'Ctl\u0001Mark9!r', email: 'control@example.com', codes: [] },
	{ password: 'Mid\tTab9!Mrk', email: 'midtab@example.com', codes: [] },
	{
		password: 'same.as.email@example.org',
		email: 'same.as.email@example.org',
		codes: ['password.weak'],
	},
];

/** A file of those clients, one a row, in template form. */
const FILE = csv(
	...PASSWORDS.map(({ password, email }) =>
		line({ initial_password: password, email_address: email }),
	),
);

/** Escapes as quote() and JSON show invisible characters: a leak may be written that way. */
const shown = (s: string) =>
	s
		.replace(/\t/g, '\\t')
		.replace(/\r/g, '\\r')
		.replace(/\n/g, '\\n')
		.replaceAll('\u0001', '\\u0001');

/** Every 6-character piece of every password (the whole of a shorter one), as is and shown. */
const PIECES: readonly string[] = [
	...new Set(
		PASSWORDS.flatMap(({ password }) =>
			[password, shown(password)].flatMap((p) =>
				p.length <= 6 ? [p] : Array.from({ length: p.length - 5 }, (_, i) => p.slice(i, i + 6)),
			),
		),
	),
];

/** The pieces of a password found in `text`. */
function leaks(text: string): string[] {
	return PIECES.filter((piece) => text.includes(piece));
}

describe('passwords are never shown by the core', () => {
	it('raises each password rule, with no password in any message, title or fix', async () => {
		const { dataset } = await importText(FILE);
		const issues = issuesOf(dataset);
		PASSWORDS.forEach(({ codes }, i) => {
			const row = i + 2;
			const own = issues.filter((x) => x.row === row).map((x) => x.code);
			expect(own.sort(), `row ${row}`).toEqual([...codes].sort());
		});
		const texts = issues.flatMap((x) => [x.message, x.fix ?? '', ISSUE_TITLES[x.code]]);
		const summary = summarize(dataset, 100);
		texts.push(...summary.groups.flatMap((g) => [g.title, ...g.sample.map((s) => s.message)]));
		expect(texts.length).toBeGreaterThan(PASSWORDS.length);
		expect(leaks(texts.join('\n'))).toEqual([]);
	});

	it('says what is wrong in plain words instead: the first character, the length', async () => {
		const { dataset } = await importText(FILE);
		const messages = issuesOf(dataset).map((x) => x.message);
		expect(messages).toContain(
			'Row 2: initial_password starts with =, which a spreadsheet may run as a formula. Files for people to open will show it with a leading apostrophe.',
		);
		expect(messages).toContain(
			'Row 3: initial_password starts with -, which a spreadsheet may run as a formula. Files for people to open will show it with a leading apostrophe.',
		);
		expect(messages).toContain(
			'Row 6: initial_password starts with a tab, which a spreadsheet may run as a formula. Files for people to open will show it with a leading apostrophe.',
		);
		expect(messages).toContain(
			'Row 13: initial_password is 304 characters long; the platform takes at most 128. Shorten it.',
		);
		expect(messages).toContain(
			'Row 8: initial_password ends with a tab, which the client may not type. Remove it unless it is intended.',
		);
		expect(messages).toContain(
			'Row 12: initial_password starts with a space and ends with a space, which the client may not type. Remove it unless it is intended.',
		);
	});

	it('writes no password in the notes of the attention file, before or after the safe fixes', async () => {
		const { dataset } = await importText(FILE);
		for (const d of [dataset, applySafeFixes(dataset, { today: TODAY })]) {
			const rows = Papa.parse<string[]>(
				exportParts(d, 'attention')
					.join('')
					.replace(/^\ufeff/, ''),
			).data;
			const header = rows[0] as string[];
			const notes = header.indexOf('errors');
			expect(notes).toBeGreaterThan(-1);
			const written = rows.slice(1).map((r) => r[notes] ?? '');
			expect(written.filter((n) => n !== '').length).toBeGreaterThan(2);
			expect(leaks(written.join('\n'))).toEqual([]);
		}
	});
});

/** A file without a header row: its first client is read as the header. */
const HEADERLESS = PASSWORDS.slice(0, 3)
	.map(({ password, email }) => line({ initial_password: password, email_address: email }))
	.join('\r\n');

/** The first client sits above the header (password first), read as a title row. */
const CLIENT_ABOVE = [
	'-Secr3t!pass,minus@example.com,Ann,Lee,19811120,female',
	'initial_password,email_address,first_name,last_name,birthdate,gender',
	'=Zq9Marker1!,eq@example.com,Bob,Ray,19811120,male',
].join('\r\n');

describe('a client read as a header or a title is never quoted either', () => {
	it('names the columns of a file without a header row by letter', async () => {
		// Three columns: few enough that each unknown column gets a message of its own.
		const { dataset } = await importText('eq@example.com,=Zq9Marker1!,-Secr3t!pass\r\n');
		const messages = issuesOf(dataset).map((x) => x.message);
		expect(messages).toContain(
			'Header (row 1): column B is not a template column; it will be left out. Template columns: email_address, initial_password, first_name, last_name, birthdate, gender, tag, external_id.',
		);
		expect(leaks(messages.join('\n'))).toEqual([]);
	});

	it('says a client was skipped above the header, without quoting it', async () => {
		const { dataset } = await importText(CLIENT_ABOVE);
		const skipped = issuesOf(dataset).find((x) => x.code === 'file.rows_skipped');
		expect(skipped?.message).toBe(
			"The header is row 2: row 1 above it was skipped as a title or notes (a client's details). If clients are listed there, move them below the header.",
		);
		expect(
			leaks(
				issuesOf(dataset)
					.map((x) => x.message)
					.join('\n'),
			),
		).toEqual([]);
	});

	it('the server check of one client says the same without the password', () => {
		const answers = PASSWORDS.flatMap(({ password, email }) =>
			checkImportClient(
				{
					email_address: email,
					initial_password: password,
					first_name: 'Ann',
					last_name: 'Lee',
					birthdate: '19811120',
					gender: 'female',
				},
				TODAY,
				null,
			),
		);
		expect(answers.map((a) => a.code)).toContain('password.too_short');
		expect(answers.map((a) => a.code)).toContain('value.too_long');
		expect(leaks(answers.map((a) => a.message).join('\n'))).toEqual([]);
	});
});

describe('passwords are never shown by the CLI', () => {
	const temp = tempFolder('roster-never-shown-');

	it('validate prints no password, as text or as JSON', async () => {
		const path = await temp.file('clients.csv', FILE);
		const text = await roster('validate', path);
		expect(text.code).toBe(1);
		expect(text.stdout).toContain('[value.formula]');
		expect(leaks(text.stdout + text.stderr)).toEqual([]);

		const json = await roster('validate', path, '--json');
		expect(json.code).toBe(1);
		const report = JSON.parse(json.stdout) as { issues: { code: string; message: string }[] };
		expect(report.issues.map((i) => i.code).sort()).toEqual(
			PASSWORDS.flatMap((p) => p.codes).sort(),
		);
		// Both as written (escapes) and as read back (the characters themselves).
		expect(leaks(json.stdout + json.stderr)).toEqual([]);
		expect(leaks(report.issues.map((i) => i.message).join('\n'))).toEqual([]);
	});

	it('fix prints no password when it refuses, nor when it writes, nor in the notes', async () => {
		const path = await temp.file('fix-clients.csv', FILE);
		const refused = await roster('fix', path, '--out', temp.path('refused.csv'));
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('Nothing written');
		expect(leaks(refused.stdout + refused.stderr)).toEqual([]);

		const rejected = temp.path('rejected.csv');
		const written = await roster(
			'fix',
			path,
			'--out',
			temp.path('clean.csv'),
			'--rejected',
			rejected,
			'--skip-invalid',
		);
		expect(written.code).toBe(0);
		expect(written.stdout).toContain('needing attention');
		expect(leaks(written.stdout + written.stderr)).toEqual([]);
		const rows = await csvRows(rejected);
		const notes = (rows[0] as string[]).indexOf('errors');
		const noted = rows.slice(1).map((r) => r[notes] ?? '');
		expect(noted.some((n) => n.includes('too short') || n.includes('at least 8'))).toBe(true);
		expect(leaks(noted.join('\n'))).toEqual([]);
	});

	it('names the columns of a file without a header row by letter, in every command', async () => {
		const path = await temp.file('headerless.csv', HEADERLESS);
		const text = await roster('validate', path);
		expect(text.stdout).toContain('Left out: column A, column B, column C, column D');
		expect(text.stdout).toContain("The header row holds a client's details (an email address)");
		const json = await roster('validate', path, '--json');
		const report = JSON.parse(json.stdout) as { columns: { letter: string; header: string }[] };
		expect(report.columns.map((c) => [c.letter, c.header])).toContainEqual(['B', '']);
		const fix = await roster('fix', path, '--out', temp.path('headerless-out.csv'));
		const map = await roster('validate', path, '--map', 'Password=initial_password');
		expect(map.stderr).toContain('Its headers: none');
		for (const r of [text, json, fix, map])
			expect(leaks(r.stdout + r.stderr), r.stdout + r.stderr).toEqual([]);
	});

	it('says a client was skipped above the header, without quoting it', async () => {
		const path = await temp.file('above.csv', CLIENT_ABOVE);
		const text = await roster('validate', path);
		expect(text.stdout).toContain("(a client's details)");
		expect(leaks(text.stdout + text.stderr)).toEqual([]);
	});
});
