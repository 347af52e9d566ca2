// Every fixture file: what the summary says, which codes on which rows, before and after fixes.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applySafeFixes } from '../../src/core/fixes.ts';
import { exportText } from '../../src/core/export.ts';
import { summarize } from '../../src/core/summary.ts';
import { codesAt, importBytes, TODAY } from './helpers.ts';

const DIR = new URL('../fixtures/', import.meta.url);
const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));

interface Expected {
	encoding: string;
	delimiter: string;
	summary: { rows: number; validRows: number; errors: number; warnings: number };
	codes: string[];
	afterFixes: { validRows: number; codes: string[] };
}

const FIXTURES: Record<string, Expected> = {
	'clean_google_sheets.csv': {
		encoding: 'utf-8',
		delimiter: ',',
		summary: { rows: 3, validRows: 3, errors: 0, warnings: 0 },
		codes: [],
		afterFixes: { validRows: 3, codes: [] },
	},
	'excel_bom_crlf_trailing_cells.csv': {
		encoding: 'utf-8',
		delimiter: ',',
		summary: { rows: 1, validRows: 1, errors: 0, warnings: 0 },
		codes: [],
		afterFixes: { validRows: 1, codes: [] },
	},
	'excel_windows_cp1252_semicolon.csv': {
		encoding: 'windows-1252',
		delimiter: ';',
		summary: { rows: 2, validRows: 0, errors: 5, warnings: 0 },
		codes: [
			'birthdate.format@2',
			'gender.alias@2',
			'password.missing@3',
			'birthdate.format@3',
			'gender.alias@3',
		],
		afterFixes: { validRows: 1, codes: ['password.missing@3'] },
	},
	'missing_passwords.csv': {
		encoding: 'utf-8',
		delimiter: ',',
		summary: { rows: 5, validRows: 1, errors: 5, warnings: 0 },
		codes: [
			'password.missing@2',
			'password.missing@4',
			'password.missing@5',
			'password.missing@6',
			'email.invalid@6',
		],
		afterFixes: {
			validRows: 1,
			codes: [
				'password.missing@2',
				'password.missing@4',
				'password.missing@5',
				'password.missing@6',
				'email.invalid@6',
			],
		},
	},
	'messy_mixed_problems.csv': {
		encoding: 'utf-8',
		delimiter: ',',
		summary: { rows: 5, validRows: 0, errors: 11, warnings: 1 },
		codes: [
			'header.unknown@1',
			'email.uppercase@2',
			'birthdate.format@2',
			'password.missing@3',
			'birthdate.ambiguous@3',
			'gender.alias@4',
			'email.duplicate@4',
			'email.invalid@5',
			'birthdate.invalid@5',
			'password.too_short@6',
			'birthdate.future@6',
			'gender.alias@6',
		],
		afterFixes: {
			validRows: 1,
			codes: [
				'password.missing@3',
				'birthdate.ambiguous@3',
				'email.duplicate@4',
				'email.invalid@5',
				'birthdate.invalid@5',
				'password.too_short@6',
				'birthdate.future@6',
			],
		},
	},
	'template.csv': {
		encoding: 'utf-8',
		delimiter: ',',
		summary: { rows: 0, validRows: 0, errors: 1, warnings: 0 },
		codes: ['file.no_rows@-'],
		afterFixes: { validRows: 0, codes: ['file.no_rows@-'] },
	},
};

describe('fixtures', () => {
	it('has an expectation for every fixture file', () => {
		const files = readdirSync(DIR).filter((f) => f.endsWith('.csv'));
		expect(files.sort()).toEqual(Object.keys(FIXTURES).sort());
	});

	describe.each(Object.entries(FIXTURES))('%s', (name, expected) => {
		it.each([1, 7, 64, 1 << 20])(
			'reads with the expected summary and issues (chunks of %i)',
			async (chunk) => {
				const result = await importBytes(bytesOf(name), chunk);
				expect(result.encoding).toBe(expected.encoding);
				expect(result.delimiter).toBe(expected.delimiter);
				expect(summarize(result.dataset)).toMatchObject(expected.summary);
				expect(codesAt(result.dataset)).toEqual([...expected.codes].sort());
			},
		);

		it('after safe fixes', async () => {
			const fixed = applySafeFixes((await importBytes(bytesOf(name))).dataset, { today: TODAY });
			expect(summarize(fixed).validRows).toBe(expected.afterFixes.validRows);
			expect(codesAt(fixed)).toEqual([...expected.afterFixes.codes].sort());
		});
	});

	it('decodes the Windows-1252 names and writes them out as UTF-8', async () => {
		const { dataset } = await importBytes(bytesOf('excel_windows_cp1252_semicolon.csv'));
		expect(dataset.records.toArray().map((r) => [r.first_name, r.last_name])).toEqual([
			['François', 'Leclerc'],
			['Inés', 'Peña'],
		]);
		const clean = exportText(applySafeFixes(dataset, { today: TODAY }), 'clean');
		expect(clean).toBe(
			'email_address,initial_password,first_name,last_name,birthdate,gender\r\n' +
				'francois.leclerc@example.fr,Mk3#Vz8!Qt6w,François,Leclerc,19790312,male\r\n',
		);
	});

	it('reads the Excel file with BOM, CRLF and empty trailing cells as a plain client', async () => {
		const { dataset } = await importBytes(bytesOf('excel_bom_crlf_trailing_cells.csv'));
		expect(dataset.records.toArray()).toEqual([
			{
				row: 2,
				email_address: 'nora.berg@example.com',
				initial_password: 'Cx7#Lh2!Rp5m',
				first_name: 'Nora',
				last_name: 'Berg',
				birthdate: '19940412',
				gender: 'female',
				tags: [],
				external_id: '',
				extra: [],
				leftOut: [],
			},
		]);
	});
});
