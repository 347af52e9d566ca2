// The Roster CLI run as a child process (as `npm run roster` runs it): exit codes, the readable
// and JSON reports, the files `fix` writes and what happens when they cannot be written. Also
// the core helper behind --generate-passwords. Over 400 lines: every group runs the real CLI
// through the same spawn helpers and temporary folder, which splitting would duplicate.
import { spawn } from 'node:child_process';
import {
	copyFile,
	lstat,
	mkdir,
	mkdtemp,
	readdir,
	readFile,
	readlink,
	rm,
	symlink,
	writeFile,
} from 'node:fs/promises';
import { closeSync, existsSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillMissingPasswords } from '../../src/core/fixes.ts';
import { IssueSchema, type Issue } from '../../src/core/issues.ts';
import { validateCells } from '../../src/core/validate.ts';
import { csvRows, ROOT, roster, run } from './cli/run-cli.ts';

const FIXTURES = join(ROOT, 'test/fixtures');
const fixture = (name: string) => join(FIXTURES, name);

interface JsonReport {
	file: string;
	encoding: string;
	delimiter: string;
	rows: number;
	validRows: number;
	errors: number;
	warnings: number;
	columns: {
		index: number;
		letter: string;
		header: string;
		field: string | null;
		status: string;
	}[];
	issues: Issue[];
}

async function validateJson(path: string): Promise<{ code: number; report: JsonReport }> {
	const result = await roster('validate', path, '--json');
	expect(result.stderr).toBe('');
	return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'roster-cli-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});
const temp = (name: string) => join(dir, name);

// Each test spawns its own process and uses its own files, so they run side by side.
describe.concurrent('roster CLI: usage', { timeout: 60_000 }, () => {
	it('prints the usage with --help and exits 0', async () => {
		const { code, stdout, stderr } = await roster('--help');
		expect(code).toBe(0);
		expect(stdout).toContain('validate FILE [--json]');
		expect(stdout).toContain('fix FILE --out OUT');
		expect(stdout).toContain('"status"');
		expect(stdout).toContain('report cannot be written');
		expect(stdout).toContain('OUT and REJ are written whole or not at all');
		expect(stdout).toContain('--map "Contact=email_address" --map "Notes=skip"');
		expect(stderr).toBe('');
	});

	it.each([
		[[], 'Missing command'],
		[['frobnicate', 'x.csv'], "Unknown command 'frobnicate'"],
		[['validate'], 'validate needs a FILE'],
		[['validate', 'a.csv', 'b.csv'], 'takes one FILE'],
		[['validate', fixture('clean_google_sheets.csv'), '--jsn'], "Unknown option '--jsn'"],
		[['fix', fixture('clean_google_sheets.csv')], 'fix needs --out OUT'],
		[['fix', fixture('clean_google_sheets.csv'), '--out'], 'argument missing'],
		[['validate', fixture('clean_google_sheets.csv'), '--map'], 'argument missing'],
	])('rejects %j with exit 2 and the usage on stderr', async (args, message) => {
		const { code, stdout, stderr } = await roster(...args);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain(message);
		expect(stderr).toContain('Usage:');
	});

	it('refuses the same file for --out and --rejected', async () => {
		const out = temp('same.csv');
		const { code, stderr } = await roster(
			'fix',
			fixture('messy_mixed_problems.csv'),
			'--out',
			out,
			'--rejected',
			out,
			'--skip-invalid',
		);
		expect(code).toBe(2);
		expect(stderr).toContain('must be different files');
		expect(existsSync(out)).toBe(false);
	});
});

describe.concurrent('roster validate', { timeout: 60_000 }, () => {
	it('exits 0 on a clean file and reports its rows', async () => {
		const { code, stdout, stderr } = await roster('validate', fixture('clean_google_sheets.csv'));
		expect(code).toBe(0);
		expect(stderr).toBe('');
		expect(stdout).toMatch(/Rows:\s+3 clients/);
		expect(stdout).toMatch(/Valid rows:\s+3 ready to import/);
		expect(stdout).toMatch(/Errors:\s+0/);
		expect(stdout).toContain('all 3 clients are ready to import');
	});

	it('exits 1 on the messy file with issues grouped by code, their rows and the fixes', async () => {
		const { code, stdout } = await roster('validate', fixture('messy_mixed_problems.csv'));
		expect(code).toBe(1);
		expect(stdout).toMatch(/Encoding:\s+utf-8/);
		expect(stdout).toMatch(/Delimiter:\s+comma/);
		expect(stdout).toMatch(/Rows:\s+5 clients/);
		expect(stdout).toMatch(/Valid rows:\s+0 ready to import · 5 need attention/);
		expect(stdout).toMatch(/Errors:\s+11/);
		expect(stdout).toMatch(/Warnings:\s+1/);
		expect(stdout).toContain(
			'Email has capital letters [email.uppercase] · 1 issue · row 2 · 1 fixable',
		);
		expect(stdout).toContain(
			"Row 2: email 'Oliver.Grant@Example.COM' has capital letters; the platform needs lowercase — use oliver.grant@example.com",
		);
		// One line for the recognised headers, not a warning each.
		expect(stdout).toContain(
			'Columns matched: Email Address → email_address, Password → initial_password, First → first_name, Last → last_name, Date of Birth → birthdate, Gender → gender\nLeft out: Notes (G)\n',
		);
		expect(stdout).not.toContain('[header.alias]');
		expect(stdout).toContain('4 issues have a certain fix');
		expect(stdout).toContain(`fix ${fixture('messy_mixed_problems.csv')} --out clean.csv`);
		// Errors come before warnings.
		expect(stdout.indexOf('[email.invalid]')).toBeLessThan(stdout.indexOf('[header.unknown]'));
	});

	it('prints one JSON object with --json, with the counts of the messy file', async () => {
		const { code, report } = await validateJson(fixture('messy_mixed_problems.csv'));
		expect(code).toBe(1);
		expect(Object.keys(report)).toEqual([
			'file',
			'encoding',
			'delimiter',
			'rows',
			'validRows',
			'errors',
			'warnings',
			'columns',
			'issues',
		]);
		expect(report).toMatchObject({
			file: fixture('messy_mixed_problems.csv'),
			encoding: 'utf-8',
			delimiter: ',',
			rows: 5,
			validRows: 0,
			errors: 11,
			warnings: 1,
		});
		expect(report.issues).toHaveLength(12);
		for (const issue of report.issues) expect(IssueSchema.parse(issue)).toEqual(issue);
		expect(report.issues.filter((i) => i.severity === 'error')).toHaveLength(report.errors);
		expect(report.issues.filter((i) => i.fix !== undefined)).toHaveLength(4);
		expect(report.issues).toContainEqual({
			row: 3,
			column: 'birthdate',
			code: 'birthdate.ambiguous',
			severity: 'error',
			message: expect.stringContaining("'06/05/1980'"),
		});
		expect(report.columns).toHaveLength(7);
		expect(report.columns[0]).toEqual({
			index: 0,
			letter: 'A',
			header: 'Email Address',
			field: 'email_address',
			status: 'alias',
		});
		expect(report.columns[6]).toEqual({
			index: 6,
			letter: 'G',
			header: 'Notes',
			field: null,
			status: 'unknown',
		});
	});

	it('reports the encoding and delimiter of a Windows-1252 semicolon file', async () => {
		const { code, report } = await validateJson(fixture('excel_windows_cp1252_semicolon.csv'));
		expect(code).toBe(1);
		expect(report).toMatchObject({ encoding: 'windows-1252', delimiter: ';', rows: 2, errors: 5 });
		expect(report.columns.map((c) => c.status)).toEqual(Array(6).fill('template'));
		expect(report.issues.map((i) => i.code)).toContain('password.missing');
	});

	it('does not count blank rows nor list trailing empty header cells', async () => {
		const { code, report } = await validateJson(fixture('excel_bom_crlf_trailing_cells.csv'));
		expect(code).toBe(0);
		expect(report).toMatchObject({ encoding: 'utf-8', rows: 1, validRows: 1, errors: 0 });
		expect(report.columns.map((c) => c.field)).toEqual([
			'email_address',
			'initial_password',
			'first_name',
			'last_name',
			'birthdate',
			'gender',
		]);
	});

	it('exits 1 on a header without clients, and on a file that is not text', async () => {
		const template = await validateJson(fixture('template.csv'));
		expect(template.code).toBe(1);
		expect(template.report.rows).toBe(0);
		expect(template.report.issues.map((i) => i.code)).toEqual(['file.no_rows']);

		// Zip bytes are a workbook whatever the name (issue 12): this one is no real .xlsx.
		const xlsx = temp('clients.csv');
		await writeFile(xlsx, Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]));
		const workbook = await validateJson(xlsx);
		expect(workbook.code).toBe(1);
		expect(workbook.report.columns).toEqual([]);
		expect(workbook.report.issues[0]).toMatchObject({ code: 'file.workbook', row: null });

		const pdf = temp('clients-pdf.csv');
		await writeFile(pdf, Uint8Array.from([...Buffer.from('%PDF-1.4\n'), 0, 1, 2, 0, 0xff, 0]));
		const binary = await validateJson(pdf);
		expect(binary.code).toBe(1);
		expect(binary.report.columns).toEqual([]);
		expect(binary.report.issues[0]).toMatchObject({ code: 'file.binary', row: null });
	});

	it('lists 20 messages per code and counts the rest', async () => {
		const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
		for (let i = 0; i < 30; i++) lines.push(`User${i}@example.com,Kw2#Rt9!Lm4x,A,B,19800101,male`);
		const path = temp('thirty.csv');
		await writeFile(path, lines.join('\n'));
		const { code, stdout } = await roster('validate', path);
		expect(code).toBe(1);
		expect(stdout).toContain('[email.uppercase] · 30 issues · rows 2–31 · 30 fixable');
		expect(stdout.match(/^ {4}Row \d+: email/gm)).toHaveLength(20);
		expect(stdout).toContain('… and 10 more issues of this kind');
	});

	it('exits 2 with a clear message when the file cannot be read', async () => {
		const missing = await roster('validate', temp('does-not-exist.csv'));
		expect(missing.code).toBe(2);
		expect(missing.stdout).toBe('');
		expect(missing.stderr).toBe(
			`roster: Cannot read ${temp('does-not-exist.csv')}: no such file.\n`,
		);

		const folder = temp('a-folder');
		await mkdir(folder, { recursive: true });
		const directory = await roster('validate', folder, '--json');
		expect(directory.code).toBe(2);
		expect(directory.stdout).toBe('');
		expect(directory.stderr).toContain('is a directory');
	});

	it('prints only the JSON through `npm run --silent roster`', async () => {
		const { code, stdout } = await run('npm', [
			'run',
			'--silent',
			'roster',
			'--',
			'validate',
			'test/fixtures/messy_mixed_problems.csv',
			'--json',
		]);
		expect(code).toBe(1);
		expect(stdout.startsWith('{')).toBe(true);
		expect((JSON.parse(stdout) as JsonReport).rows).toBe(5);
	});
});

describe.concurrent('roster fix', { timeout: 60_000 }, () => {
	it('refuses while errors remain: exit 1, nothing written, the reasons on stderr', async () => {
		const out = temp('refused-out.csv');
		const rej = temp('refused-rej.csv');
		const { code, stdout, stderr } = await roster(
			'fix',
			fixture('messy_mixed_problems.csv'),
			'--out',
			out,
			'--rejected',
			rej,
		);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toContain('Nothing written: 4 clients of 5 still have errors');
		expect(stderr).toContain('Row 3: initial_password is empty');
		expect(stderr).toContain('--generate-passwords');
		expect(stderr).toContain('--skip-invalid');
		expect(existsSync(out)).toBe(false);
		expect(existsSync(rej)).toBe(false);
	});

	it('with --skip-invalid writes the valid rows to OUT and the rest to REJ', async () => {
		const out = temp('messy-out.csv');
		const rej = temp('messy-rej.csv');
		const { code, stdout, stderr } = await roster(
			'fix',
			fixture('messy_mixed_problems.csv'),
			'--out',
			out,
			'--rejected',
			rej,
			'--skip-invalid',
		);
		expect(code).toBe(0);
		expect(stderr).toBe('');
		expect(stdout).toContain('Applied 5 safe fixes');
		expect(stdout).toContain('Email has capital letters [email.uppercase]');
		expect(stdout).toContain(`Wrote ${out}: 1 client ready to import.`);
		expect(stdout).toContain(`Wrote ${rej}: 4 clients needing attention`);

		const clean = await readFile(out, 'utf8');
		expect(clean).toBe(
			'email_address,initial_password,first_name,last_name,birthdate,gender\r\n' +
				'oliver.grant@example.com,Kw2#Rt9!Lm4x,Oliver,Grant,19800506,male\r\n',
		);
		const rejected = await csvRows(rej);
		expect((await readFile(rej)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(rejected[0]).toEqual([
			'email_address',
			'initial_password',
			'first_name',
			'last_name',
			'birthdate',
			'gender',
			'Notes',
			'errors',
		]);
		// The column left out of the import comes back with its cells.
		expect(rejected.slice(1).map((r) => r[6])).toEqual(['', 'duplicate', '', '']);
		expect(rejected.slice(1).map((r) => r[7])).toEqual([
			expect.stringContaining('Row 3:'),
			expect.stringContaining('Row 4:'),
			expect.stringContaining('Row 5:'),
			expect.stringContaining('Row 6:'),
		]);
		// Together the two files hold every client of the source, once.
		const emails = [...(await csvRows(out)).slice(1), ...rejected.slice(1)].map((r) => r[0]);
		expect(emails.sort()).toEqual([
			'oliver.grant@example.com',
			'petra.novak@example.com',
			'petra.novak@example.com',
			'quentin.blair@example',
			'rosa.diaz@example.com',
		]);
	});

	it('with --generate-passwords makes the Windows-1252 file fully valid, written as UTF-8', async () => {
		const out = temp('cp1252-out.csv');
		const { code, stdout } = await roster(
			'fix',
			fixture('excel_windows_cp1252_semicolon.csv'),
			'--out',
			out,
			'--generate-passwords',
		);
		expect(code).toBe(0);
		expect(stdout).toContain('windows-1252, semicolon-separated');
		expect(stdout).toContain('Generated 1 password');
		expect(stdout).toContain(`Wrote ${out}: 2 clients ready to import.`);

		const rows = await csvRows(out);
		expect(rows).toHaveLength(3);
		expect(rows[1]).toEqual([
			'francois.leclerc@example.fr',
			'Mk3#Vz8!Qt6w',
			'François',
			'Leclerc',
			'19790312',
			'male',
		]);
		expect(rows[2]).toMatchObject({ 0: 'ines.pena@example.es', 2: 'Inés', 3: 'Peña', 5: 'female' });
		expect(rows[2]?.[1]).toMatch(/^[A-Za-z0-9!#$%&*+\-=?@^_]{14}$/);
		const bytes = await readFile(out);
		expect(bytes[0]).not.toBe(0xef);
		expect(bytes.includes(Buffer.from('François', 'utf8'))).toBe(true);

		const again = await validateJson(out);
		expect(again.code).toBe(0);
		expect(again.report).toMatchObject({ encoding: 'utf-8', rows: 2, validRows: 2, errors: 0 });
	});

	it('without --generate-passwords says a missing password blocks the file', async () => {
		const out = temp('cp1252-refused.csv');
		const { code, stderr } = await roster(
			'fix',
			fixture('excel_windows_cp1252_semicolon.csv'),
			'--out',
			out,
		);
		expect(code).toBe(1);
		expect(stderr).toContain('1 client of 2 still has errors');
		expect(stderr).toContain('Add --generate-passwords to create the 1 missing password.');
		expect(existsSync(out)).toBe(false);
	});

	it('adds the password column to a file without one when asked', async () => {
		const source = temp('no-passwords.csv');
		await writeFile(
			source,
			'Email,First Name,Surname,DOB,Sex\nana@example.com,Ana,Lima,1990-01-31,F\nbo@example.com,Bo,Ek,19850615,m\n',
		);
		const refused = await roster('fix', source, '--out', temp('np-refused.csv'), '--skip-invalid');
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('the required column initial_password is missing');

		const out = temp('np-out.csv');
		const { code } = await roster('fix', source, '--out', out, '--generate-passwords');
		expect(code).toBe(0);
		const rows = await csvRows(out);
		expect(rows.map((r) => [r[0], r[4], r[5]])).toEqual([
			['email_address', 'birthdate', 'gender'],
			['ana@example.com', '19900131', 'female'],
			['bo@example.com', '19850615', 'male'],
		]);
		expect((await validateJson(out)).code).toBe(0);
	});

	it('writes a clean file unchanged apart from CRLF line ends, and may replace its input', async () => {
		const source = temp('clean-copy.csv');
		await copyFile(fixture('clean_google_sheets.csv'), source);
		const original = await readFile(source, 'utf8');
		const { code, stdout } = await roster('fix', source, '--out', source);
		expect(code).toBe(0);
		expect(stdout).toContain('No safe fixes were needed.');
		expect(await readFile(source, 'utf8')).toBe(original.replace(/\n/g, '\r\n'));
	});

	it('refuses a file without clients even with --skip-invalid', async () => {
		const out = temp('template-out.csv');
		const { code, stderr } = await roster(
			'fix',
			fixture('template.csv'),
			'--out',
			out,
			'--skip-invalid',
		);
		expect(code).toBe(1);
		expect(stderr).toContain('the file itself has 1 error');
		expect(existsSync(out)).toBe(false);
	});

	it('exits 2 when the input cannot be read or OUT cannot be written', async () => {
		const unreadable = await roster('fix', temp('nope.csv'), '--out', temp('nope-out.csv'));
		expect(unreadable.code).toBe(2);
		expect(unreadable.stderr).toContain('no such file');

		const unwritable = await roster(
			'fix',
			fixture('clean_google_sheets.csv'),
			'--out',
			temp('missing-folder/out.csv'),
		);
		expect(unwritable.code).toBe(2);
		expect(unwritable.stderr).toContain(`Cannot write ${temp('missing-folder/out.csv')}`);
	});
});

/** A file whose JSON report is megabytes long: 5,000 rows with errors in every cell. */
async function bigReportFile(): Promise<string> {
	const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
	for (let i = 0; i < 5000; i++) lines.push(`User${i}@Example.com,x,,B,1980,zz`);
	const path = temp('big-report.csv');
	await writeFile(path, lines.join('\n'));
	return path;
}

/** Runs the CLI with its stdout going where `stdout` says, collecting stderr. */
function rosterTo(
	stdout: 'pipe' | number,
	args: string[],
	onStdout?: (child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
			cwd: ROOT,
			stdio: ['ignore', stdout, 'pipe'],
		});
		let stderr = '';
		child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
		onStdout?.(child);
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stderr }));
	});
}

/** Files left in a folder that a failed write might have left behind (temporary or not). */
async function leftovers(folder: string): Promise<string[]> {
	return (await readdir(folder)).filter((name) => name.includes('.tmp'));
}

/** No stack trace, no "unexpected error": one line starting with "roster: ". */
function expectOneLine(stderr: string): void {
	expect(stderr).toMatch(/^roster: [^\n]+\n$/);
	expect(stderr).not.toMatch(/\n\s+at /);
}

// Writes that fail the ways a disk or a pipe does. The tests run as root in CI, where chmod does
// not stop a write: the refusals come from the kernel's own file systems instead (/sys refuses
// new files even to root, /dev/full is always full).
describe.concurrent('roster: output that cannot be written', { timeout: 60_000 }, () => {
	it('exits 2 with one line when OUT is in a folder that refuses new files', async () => {
		const out = '/sys/kernel/roster-out.csv';
		const r = await roster('fix', fixture('clean_google_sheets.csv'), '--out', out);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expectOneLine(r.stderr);
		// Root in a container sees /sys read-only; elsewhere it is a permission refusal.
		expect(r.stderr).toMatch(
			/^roster: Cannot write \/sys\/kernel\/roster-out\.csv: (permission denied|the file system is read-only)\. Nothing was written; /,
		);
		expect(existsSync(out)).toBe(false);
	});

	it('exits 2 with one line when OUT is a directory, leaving nothing beside it', async () => {
		const folder = temp('out-parent');
		await mkdir(join(folder, 'a-folder'), { recursive: true });
		const out = join(folder, 'a-folder');
		const r = await roster('fix', fixture('clean_google_sheets.csv'), '--out', out);
		expect(r.code).toBe(2);
		expectOneLine(r.stderr);
		expect(r.stderr).toBe(
			`roster: Cannot write ${out}: it is a directory, not a file. Nothing was written; give a file name.\n`,
		);
		expect(await leftovers(folder)).toEqual([]);
	});

	it('exits 2 on a full disk, and leaves OUT as it was (a link to /dev/full here)', async () => {
		// A link in a temporary folder rather than /dev/full itself: the write goes to the same
		// full device, and a regression that replaced the target would replace only the link.
		const folder = temp('full-disk');
		await mkdir(folder, { recursive: true });
		const out = join(folder, 'clean.csv');
		await symlink('/dev/full', out);
		const r = await roster('fix', fixture('clean_google_sheets.csv'), '--out', out);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expectOneLine(r.stderr);
		expect(r.stderr).toBe(
			`roster: Cannot write ${out}: the disk is full. Nothing was written; free some space or write to another disk.\n`,
		);
		expect((await lstat(out)).isSymbolicLink()).toBe(true);
		expect(await readlink(out)).toBe('/dev/full');
		expect(await leftovers(folder)).toEqual([]);
	});

	it('writes neither file when --rejected fails after OUT was written, and says so', async () => {
		const folder = temp('rejected-fails');
		await mkdir(folder, { recursive: true });
		const out = join(folder, 'clean.csv');
		await writeFile(out, 'the file of an earlier run\n');
		const rej = '/sys/kernel/roster-rejected.csv';
		const r = await roster(
			'fix',
			fixture('messy_mixed_problems.csv'),
			'--out',
			out,
			'--rejected',
			rej,
			'--skip-invalid',
		);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expectOneLine(r.stderr);
		expect(r.stderr).toMatch(
			new RegExp(
				`^roster: Cannot write ${rej.replaceAll('.', '\\.')}: (permission denied|the file system is read-only)\\. Nothing was written, not ${out.replaceAll('.', '\\.')} either; `,
			),
		);
		// OUT alone would look like the whole result of this run: it keeps the earlier content.
		expect(await readFile(out, 'utf8')).toBe('the file of an earlier run\n');
		expect(await leftovers(folder)).toEqual([]);
	});

	it('exits 2 with one line when the report cannot be written to a full stdout', async () => {
		const full = openSync('/dev/full', 'w');
		try {
			const r = await rosterTo(full, ['validate', fixture('messy_mixed_problems.csv'), '--json']);
			expect(r.code).toBe(2);
			expect(r.stderr).toBe(
				'roster: Cannot write the standard output: the disk is full. The report is incomplete; free some space or write to another disk.\n',
			);
		} finally {
			closeSync(full);
		}
	});

	it('exits 2 quietly when the reader of stdout goes away (| head -c1)', async () => {
		const big = await bigReportFile();
		let firstBytes = '';
		const r = await rosterTo('pipe', ['validate', big, '--json'], (child) => {
			// Reads the first chunk and closes the pipe, as `head -c1` does.
			child.stdout?.once('data', (b: Buffer) => {
				firstBytes = b.toString('utf8', 0, 1);
				child.stdout?.destroy();
			});
		});
		expect(firstBytes).toBe('{');
		expect(r.code).toBe(2);
		expect(r.stderr).toBe('');
	});
});

describe('fillMissingPasswords', () => {
	const today = '20250601';
	const header = [
		'email_address',
		'initial_password',
		'first_name',
		'last_name',
		'birthdate',
		'gender',
	];
	let counter = 0;
	const generate = () => `Gen#Pass${++counter}x`;

	it('fills only the empty passwords and re-validates', () => {
		const dataset = validateCells(
			[
				header,
				['a@example.com', '', 'A', 'A', '19800101', 'male'],
				['b@example.com', 'short', 'B', 'B', '19800101', 'male'],
				['c@example.com', '', 'C', 'C', '19800101', 'female'],
			],
			{ today },
		);
		counter = 0;
		const { dataset: filled, filled: count } = fillMissingPasswords(dataset, generate, { today });
		expect(count).toBe(2);
		expect(filled.records.toArray().map((r) => r.initial_password)).toEqual([
			'Gen#Pass1x',
			'short',
			'Gen#Pass2x',
		]);
		expect(filled.recordIssues.map((list) => list?.map((i) => i.code))).toEqual([
			undefined,
			['password.too_short'],
			undefined,
		]);
		expect(dataset.records.at(0)?.initial_password).toBe('');
	});

	it('adds the column when the file has none', () => {
		const dataset = validateCells(
			[
				['email_address', 'first_name', 'last_name', 'birthdate', 'gender'],
				['a@example.com', 'A', 'A', '19800101', 'male'],
			],
			{ today },
		);
		expect(dataset.fileIssues.map((i) => i.code)).toEqual(['header.missing']);
		const { dataset: filled, filled: count } = fillMissingPasswords(dataset, generate, { today });
		expect(count).toBe(1);
		expect(filled.fileIssues).toEqual([]);
		expect(filled.header.present.has('initial_password')).toBe(true);
		expect(filled.recordIssues).toEqual([undefined]);
	});

	it('returns the same dataset when no password is missing', () => {
		const dataset = validateCells(
			[header, ['a@example.com', 'Kw2#Rt9!Lm4x', 'A', 'A', '19800101', 'male']],
			{
				today,
			},
		);
		expect(fillMissingPasswords(dataset, generate, { today })).toEqual({ dataset, filled: 0 });
	});
});
