// `roster fix --lang`, and the CLI's errors: every sentence a person reads is in the chosen
// language (the rejected file's errors column too), while option names, file names and
// commands stay as typed.
import { afterAll, describe, expect, it } from 'vitest';
import { loadMessages, m } from '../../src/i18n/messages.ts';
import { csvRows, roster, tempFolder } from './cli/run-cli.ts';

// An uppercase email and a gender written otherwise (safe fixes), a missing password, and a
// birthdate that is no real day (no fix can save the row).
const FILE = [
	'email_address,initial_password,first_name,last_name,birthdate,gender',
	'Ann@Example.com,Abcdef1!,Ann,Lee,19811120,f',
	'bob@example.com,,Bob,Lee,19811120,male',
	'carl@example.com,Abcdef1!,Carl,Lee,19811345,male',
	'',
].join('\n');

const folder = tempFolder('roster-lang-fix-');
const nbsp = '\u00a0';

/** The printed lines, for whole-line assertions. */
const lines = (text: string) => text.split('\n');

describe('roster fix --lang', () => {
	it('says in French what it read, fixed, generated and wrote', async () => {
		const file = await folder.file('clients.csv', FILE);
		const out = folder.path('clean.csv');
		const rejected = folder.path('rejected.csv');
		const { code, stdout, stderr } = await roster(
			'fix',
			file,
			'--out',
			out,
			'--rejected',
			rejected,
			'--skip-invalid',
			'--generate-passwords',
			'--lang',
			'fr',
		);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(lines(stdout)).toEqual(
			expect.arrayContaining([
				`Fichier ${file} lu${nbsp}: 3 clients (utf-8, séparé par des virgules).`,
				`2 corrections sûres appliquées${nbsp}:`,
				`1 mot de passe créé pour les clients qui n’en avaient pas${nbsp}; les fichiers écrits le contiennent${nbsp}: remettez à chaque client son mot de passe temporaire.`,
				`${out} écrit${nbsp}: 2 clients prêts à importer.`,
				`${rejected} écrit${nbsp}: 1 client à vérifier, avec les raisons dans la colonne errors.`,
			]),
		);
		expect(stdout).not.toMatch(/Read |Applied|Generated|Wrote|ready to import/);
		// The rejected file's errors column speaks French too; its header stays as typed.
		const [header, row] = await csvRows(rejected);
		expect(header?.at(-1)).toBe('errors');
		expect(row?.at(-1)).toMatch(/^Ligne 4\u00a0: la date de naissance '19811345' /);
	});

	it('leaves out the invalid client in Portuguese, naming --rejected as typed', async () => {
		const file = await folder.file('clients.csv', FILE);
		const { code, stdout } = await roster(
			'fix',
			file,
			'--out',
			folder.path('clean.csv'),
			'--skip-invalid',
			'--generate-passwords',
			'--lang=pt',
		);
		expect(code).toBe(0);
		expect(lines(stdout)).toContain(
			'1 cliente com erros ficou de fora (adicione --rejected ARQUIVO para mantê-lo).',
		);
	});

	it('refuses in German, saying why and what to add', async () => {
		const file = await folder.file('clients.csv', FILE);
		const out = folder.path('refused.csv');
		const { code, stdout, stderr } = await roster('fix', file, '--out', out, '--lang', 'de');
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(lines(stderr)).toEqual([
			'Nichts geschrieben: 2 von 3 Klienten haben nach den sicheren Korrekturen noch Fehler (2 Fehler).',
			'  Zeile 3: initial_password ist leer. Geben Sie ein vorläufiges Passwort ein oder lassen Sie Roster eines erstellen.',
			expect.stringMatching(/^ {2}Zeile 4: Geburtsdatum '19811345' /),
			'Geben Sie --generate-passwords an, um das fehlende Passwort zu erzeugen.',
			`Korrigieren Sie die Zeilen in der Tabelle, oder geben Sie --skip-invalid an, um den gültigen Klienten in ${out} zu schreiben (und die übrigen in --rejected DATEI).`,
			'',
		]);
	});
});

describe('CLI errors in the chosen language', () => {
	it('explains a --map header the file lacks in Spanish', async () => {
		const file = await folder.file('clients.csv', FILE);
		const { code, stdout, stderr } = await roster(
			'validate',
			file,
			'--map',
			'Correo=email_address',
			'--lang',
			'es',
		);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe(
			`roster: --map "Correo=email_address": ninguna columna de ${file} tiene el encabezado "Correo". Encabezados del archivo: A "email_address", B "initial_password", C "first_name", D "last_name", E "birthdate", F "gender".\n`,
		);
	});

	it('says in Spanish that a file does not exist', async () => {
		const missing = folder.path('nowhere.csv');
		const { code, stderr } = await roster('validate', missing, '--lang', 'es');
		expect(code).toBe(2);
		expect(stderr).toBe(`roster: No se puede leer ${missing}: el archivo no existe.\n`);
	});

	it('gives a usage mistake in Portuguese, the synopsis left as typed', async () => {
		const file = await folder.file('clients.csv', FILE);
		const { code, stderr } = await roster('fix', file, '--lang', 'pt');
		expect(code).toBe(2);
		expect(stderr).toMatch(/^roster: fix precisa de --out SAÍDA\.\n\n/);
		expect(stderr).toContain('npm run roster -- fix FILE --out OUT');
		expect(stderr).toContain(
			'Execute `npm run roster -- --help` para ver as opções e os códigos de saída.',
		);
	});

	it('words an unknown option in French', async () => {
		const { code, stderr } = await roster('validate', '--verbose', '--lang', 'fr');
		expect(code).toBe(2);
		expect(stderr).toMatch(/^roster: Option inconnue «\u00a0--verbose\u00a0»\.\n/);
	});

	it('answers a mistake in --lang itself in English', async () => {
		const { code, stderr } = await roster('fix', '--lang', 'xx');
		expect(code).toBe(2);
		expect(stderr).toContain('Run `npm run roster -- --help` for the options and exit codes.');
	});
});

describe('CLI counts in the millions', () => {
	afterAll(() => loadMessages('en'));

	// French, Spanish and Portuguese have a plural form of their own for a million.
	it('words a million rows in French, Spanish and Portuguese', async () => {
		const million = 1_000_000;
		await loadMessages('fr');
		expect(m.core_cli_rows({ count: million })).toBe(
			'1\u202f000\u202f000 clients (lignes vides non comptées)',
		);
		await loadMessages('es');
		expect(m.core_cli_fix_wrote_out({ file: 'a.csv', count: million })).toBe(
			'a.csv escrito: 1.000.000 clientes listos para importar.',
		);
		await loadMessages('pt');
		expect(m.core_cli_issue_count({ count: million })).toBe('1.000.000 problemas');
	});
});
