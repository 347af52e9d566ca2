// The CLI's column mapping, run as a child process like `npm run roster`: --map choosing the
// column a field comes from (or leaving one out), its usage mistakes (exit 2, saying what the
// file's headers are), the certain aliases without --map, the "Columns matched" report and the
// JSON statuses. Also the first look at the start of a file that --map needs.
import { describe, expect, it } from 'vitest';
import { csvRows, roster, tempFolder, validateJson as validateJsonOf } from './run-cli.ts';
import { readFileStart } from '../../../src/cli/columns.ts';
import type { ByteSource } from '../../../src/core/import-csv.ts';
import type { Issue } from '../../../src/core/issues.ts';

interface JsonReport {
	errors: number;
	columns: { letter: string; header: string; field: string | null; status: string }[];
	issues: Issue[];
}

const { file, path: temp } = tempFolder('roster-cli-map-');
const validateJson = (...args: string[]) => validateJsonOf<JsonReport>(...args);

/** Emails under a header Roster does not know, and a notes column. */
const CONTACT = [
	'Contact,Prénom,Nom,Notes,Mot de passe,DOB,Sexe',
	'ann.lee@example.com,Ann,Lee,VIP,Kw2#Rt9!Lm4x,19800506,female',
	'bo.ng@example.com,Bo,Ng,,Qz7$Hn3@Vb8p,19751224,male',
	'',
].join('\n');

const FRENCH = [
	'Courriel;Mot de passe;Prénom;Nom;Date de naissance;Sexe',
	'ann.lee@example.com;Kw2#Rt9!Lm4x;Ann;Lee;19800506;female',
	'',
].join('\n');

describe.concurrent('roster CLI: --map', { timeout: 180_000 }, () => {
	it('reads the emails from a Contact column and leaves Notes out', async () => {
		const path = await file('contact.csv', CONTACT);
		const result = await roster(
			'validate',
			path,
			'--map',
			'Contact=email_address',
			'--map',
			'Notes=skip',
		);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/Valid rows:\s+2 ready to import/);
		expect(result.stdout).toContain(
			'Columns matched: Contact → email_address, Prénom → first_name, Nom → last_name, Mot de passe → initial_password, DOB → birthdate, Sexe → gender\n',
		);
		expect(result.stdout).toContain('Left out: Notes (D)\n');
		expect(result.stdout).not.toContain('Rename it');

		const json = await validateJson(path, '--map', 'Contact=email_address', '--map', 'Notes=skip');
		expect(json.code).toBe(0);
		expect(json.report.columns.map((c) => [c.header, c.field, c.status])).toEqual([
			['Contact', 'email_address', 'mapped'],
			['Prénom', 'first_name', 'alias'],
			['Nom', 'last_name', 'alias'],
			['Notes', null, 'mapped'],
			['Mot de passe', 'initial_password', 'alias'],
			['DOB', 'birthdate', 'alias'],
			['Sexe', 'gender', 'alias'],
		]);
		// Left out by the pro's own choice: nothing to warn about.
		expect(json.report.issues).toEqual([]);
	});

	it('fix writes the Contact emails under email_address', async () => {
		const path = await file('contact-fix.csv', CONTACT);
		const out = temp('contact-clean.csv');
		const result = await roster('fix', path, '--out', out, '--map', 'contact=email_address');
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const rows = await csvRows(out);
		expect(rows[0]?.[0]).toBe('email_address');
		expect(rows.slice(1).map((r) => r[0])).toEqual(['ann.lee@example.com', 'bo.ng@example.com']);
	});

	it('fix --rejected gives back the cells of the column --map left out', async () => {
		const path = await file(
			'contact-rej.csv',
			CONTACT + 'not-an-email,Cy,Oh,call first,Pw4#Lk8@Tr2z,19900101,female\n',
		);
		const out = temp('contact-rej-clean.csv');
		const rej = temp('contact-rej-rest.csv');
		const result = await roster(
			'fix',
			path,
			'--out',
			out,
			'--rejected',
			rej,
			'--skip-invalid',
			'--map',
			'Contact=email_address',
			'--map',
			'Notes=skip',
		);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const rows = await csvRows(rej);
		expect(rows[0]).toEqual([
			'email_address',
			'initial_password',
			'first_name',
			'last_name',
			'birthdate',
			'gender',
			'Notes',
			'errors',
		]);
		expect(rows.slice(1).map((r) => r.slice(0, 7))).toEqual([
			['not-an-email', 'Pw4#Lk8@Tr2z', 'Cy', 'Oh', '19900101', 'female', 'call first'],
		]);
		expect(rows[1]?.[7]).toContain("Row 4: email 'not-an-email' is not a valid address");
	});

	it('without --map says how to name the missing column', async () => {
		const path = await file('contact-nomap.csv', CONTACT);
		const result = await roster('validate', path);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain(
			'The required column email_address is missing: add it to the file, or pass --map "HEADER=email_address" naming the column that holds it (left out now: Contact (A), Notes (D)).',
		);
		const fix = await roster('fix', path, '--out', temp('never.csv'));
		expect(fix.code).toBe(1);
		expect(fix.stderr).toContain('pass --map "HEADER=email_address"');
	});

	it('reads a French file by its aliases without --map, with no header error', async () => {
		const path = await file('french.csv', FRENCH);
		const result = await roster('validate', path);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/Errors:\s+0/);
		expect(result.stdout).toContain(
			'Columns matched: Courriel → email_address, Mot de passe → initial_password, Prénom → first_name, Nom → last_name, Date de naissance → birthdate, Sexe → gender\n',
		);
		expect(result.stdout).not.toContain('Left out');
		const json = await validateJson(path);
		expect(json.report.columns.map((c) => c.status)).toEqual(Array(6).fill('alias'));
		expect(json.report.issues.filter((i) => i.code.startsWith('header.'))).toEqual([]);
	});

	it('matches HEADER in a Windows-1252 file as the text reads', async () => {
		const bytes = Uint8Array.from(
			[
				...'Mél;Mot de passe;Prénom;Nom;Né le;Sexe\r\nann.lee@example.com;Kw2#Rt9!Lm4x;Ann;Lee;19800506;female\r\n',
			].map((c) => c.charCodeAt(0)),
		);
		const path = await file('latin1.csv', bytes);
		const { code, report } = await validateJson(path, '--map', 'Né le=birthdate');
		expect(code).toBe(0);
		expect(report.columns[4]).toMatchObject({
			header: 'Né le',
			field: 'birthdate',
			status: 'mapped',
		});
	});

	it('lets several columns feed tag', async () => {
		const path = await file(
			'tags.csv',
			'email_address,initial_password,first_name,last_name,birthdate,gender,Team,Level\nann.lee@example.com,Kw2#Rt9!Lm4x,Ann,Lee,19800506,female,Blue,Gold\n',
		);
		const out = temp('tags-clean.csv');
		const result = await roster(
			'fix',
			path,
			'--out',
			out,
			'--map',
			'Team=tag',
			'--map',
			'Level=tag',
		);
		expect(result.code).toBe(0);
		const rows = await csvRows(out);
		expect(rows[0]?.slice(6)).toEqual(['tag', 'tag']);
		expect(rows[1]?.slice(6)).toEqual(['Blue', 'Gold']);
	});
});

describe.concurrent('roster CLI: --map mistakes exit 2', { timeout: 180_000 }, () => {
	it('names the allowed values for a field that is not one', async () => {
		const path = await file('bad-field.csv', CONTACT);
		const result = await roster('validate', path, '--map', 'Contact=mail');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(
			"'mail' is not a field. Use one of: email_address, initial_password, first_name, last_name, birthdate, gender, tag, external_id, skip",
		);
	});

	it('refuses a --map without "=" or header, and one field named twice', async () => {
		const path = await file('bad-syntax.csv', CONTACT);
		const noEquals = await roster('validate', path, '--map', 'Contact');
		expect(noEquals.code).toBe(2);
		expect(noEquals.stderr).toContain('--map "Contact": write the column\'s header');
		const twice = await roster(
			'fix',
			path,
			'--out',
			temp('never2.csv'),
			'--map',
			'Contact=email_address',
			'--map',
			'Notes=email_address',
		);
		expect(twice.code).toBe(2);
		expect(twice.stderr).toContain('both name email_address');
	});

	it('names the header and lists the file headers when no column has it', async () => {
		const path = await file('unknown-header.csv', CONTACT);
		const result = await roster('validate', path, '--map', 'Phone=email_address');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			`roster: --map "Phone=email_address": no column of ${path} is headed "Phone". Its headers: A "Contact", B "Prénom", C "Nom", D "Notes", E "Mot de passe", F "DOB", G "Sexe".\n`,
		);
	});

	it('prefers the exact header, and refuses a header that two columns have', async () => {
		const path = await file(
			'twice.csv',
			'Contact,CONTACT,first_name,last_name,initial_password,birthdate,gender\nann.lee@example.com,x,Ann,Lee,Kw2#Rt9!Lm4x,19800506,female\n',
		);
		const exact = await validateJson(
			path,
			'--map',
			'Contact=email_address',
			'--map',
			'CONTACT=skip',
		);
		expect(exact.code).toBe(0);
		expect(exact.report.columns.slice(0, 2).map((c) => c.field)).toEqual(['email_address', null]);

		const folded = await roster('validate', path, '--map', 'contact=email_address');
		expect(folded.code).toBe(2);
		expect(folded.stderr).toContain(
			`--map "contact=email_address": 2 columns of ${path} are headed "contact" (A, B)`,
		);
	});
});

/** A file of `chunks` 1 MiB chunks of client rows that counts the chunks read. */
function countingSource(chunks: number): { source: ByteSource; read: () => number } {
	const filled = (head: string) => {
		const bytes = new TextEncoder().encode(head + 'ann.lee@example.com,Ann\n'.repeat(50_000));
		return bytes.subarray(0, 1 << 20);
	};
	const first = filled('Contact,first_name\n');
	let read = 0;
	return {
		source: {
			size: chunks * first.length,
			async *chunks() {
				for (let i = 0; i < chunks; i++) {
					read++;
					yield i === 0 ? first : filled('');
				}
			},
		},
		read: () => read,
	};
}

describe('readFileStart', () => {
	it('reads the header and a sample from the first chunk only', async () => {
		const { source, read } = countingSource(50);
		const start = await readFileStart(source);
		expect(start?.header).toEqual(['Contact', 'first_name']);
		expect(start?.sample[0]).toEqual(['ann.lee@example.com', 'Ann']);
		expect(read()).toBe(1);
	});
});
