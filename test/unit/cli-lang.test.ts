// `roster --lang`: the report and the issue messages in the pro's language, English by default,
// and a language Roster does not speak refused with the ones it does.
import { describe, expect, it } from 'vitest';
import { roster, tempFolder } from './cli/run-cli.ts';

const FILE = [
	'email_address,initial_password,first_name,last_name,birthdate,gender',
	'Ann@Example.com,Abcdef1!,Ann,Lee,1981-11-20,f',
	'bob@example.com,short,Bob,Lee,19811120,male',
	'',
].join('\n');

const folder = tempFolder('roster-lang-');

describe('roster --lang', () => {
	it('prints the report and each issue in French', async () => {
		const file = await folder.file('clients.csv', FILE);
		const { code, stdout, stderr } = await roster('validate', file, '--lang', 'fr');
		expect(stderr).toBe('');
		expect(code).toBe(1);
		expect(stdout).toContain('Lignes\u00a0:         2 clients (lignes vides non comptées)');
		expect(stdout).toContain('Mot de passe de moins de 8 caractères [password.too_short]');
		expect(stdout).toContain(
			'Ligne 3\u00a0: initial_password fait 5 caractères\u00a0; il en faut au moins 8.',
		);
		expect(stdout).toContain("Ligne 2\u00a0: le genre 'f' doit s’écrire female");
		expect(stdout).toContain('Résultat\u00a0: 2 clients à vérifier avant l’import\u00a0; 0 prêts.');
		expect(stdout).not.toMatch(/Row \d|Result:|need attention|Errors/);
	});

	it('gives --json issue messages in the language, keeping its fields', async () => {
		const file = await folder.file('clients.csv', FILE);
		const { stdout } = await roster('validate', file, '--json', '--lang=de');
		const report = JSON.parse(stdout) as { issues: Record<string, unknown>[]; rows: number };
		expect(report.rows).toBe(2);
		const short = report.issues.find((i) => i.code === 'password.too_short');
		expect(short).toEqual({
			row: 3,
			column: 'initial_password',
			code: 'password.too_short',
			severity: 'error',
			message: 'Zeile 3: initial_password hat 5 Zeichen; nötig sind mindestens 8.',
		});
	});

	it('refuses a language it does not speak, naming the ones it does', async () => {
		const file = await folder.file('clients.csv', FILE);
		const { code, stdout, stderr } = await roster('validate', file, '--lang', 'it');
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain("Unknown language 'it' for --lang: choose en, fr, es, de or pt.");
	});

	it('stays English without --lang', async () => {
		const file = await folder.file('clients.csv', FILE);
		const { stdout } = await roster('validate', file);
		expect(stdout).toContain('Rows:       2 clients (blank rows not counted)');
		expect(stdout).toContain('Row 3: initial_password has 5 characters; it needs at least 8.');
		expect(stdout).toContain('Result: 2 clients need attention before import; 0 ready.');
	});
});
