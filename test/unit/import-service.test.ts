import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ImportService } from '../../src/worker/service.ts';
import { ResponseSchema, type Response } from '../../src/worker/protocol.ts';

const TODAY = '20261125';
const fixture = (name: string) =>
	new Blob([readFileSync(new URL(`../fixtures/${name}`, import.meta.url))]);

function service() {
	const sent: Response[] = [];
	// Every message the worker posts must match the protocol the page parses.
	const svc = new ImportService((r) => sent.push(ResponseSchema.parse(r)));
	const last = <T extends Response['type']>(type: T) =>
		sent.filter((r): r is Extract<Response, { type: T }> => r.type === type).at(-1);
	return { svc, sent, last };
}

function bigFile(rows: number): Blob {
	const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
	for (let i = 0; i < rows; i++)
		lines.push(`c${i}@example.com,Hb4#Yq8!Nz2k,Ana,Silva,19811120,female`);
	return new Blob([lines.join('\n')]);
}

describe('ImportService (the import worker)', () => {
	it('reads a file and reports its summary, encoding and columns', async () => {
		const { svc, last } = service();
		await svc.handle({
			type: 'import',
			id: 1,
			file: fixture('messy_mixed_problems.csv'),
			name: 'messy.csv',
			today: TODAY,
		});
		const report = last('report')?.report;
		expect(report?.summary).toMatchObject({ rows: 5, validRows: 0, errorRows: 5, warnings: 7 });
		expect(report?.columns[0]).toEqual({
			letter: 'A',
			header: 'Email Address',
			field: 'email_address',
		});
		expect(report?.columns[6]).toEqual({ letter: 'G', header: 'Notes', field: null });
		expect(last('progress')).toMatchObject({ bytesRead: report?.size, totalBytes: report?.size });
	});

	it('serves pages of rows, filtered by issue code', async () => {
		const { svc, last } = service();
		await svc.handle({
			type: 'import',
			id: 1,
			file: fixture('messy_mixed_problems.csv'),
			name: 'm.csv',
			today: TODAY,
		});
		await svc.handle({ type: 'rows', id: 2, filter: 'gender.invalid', offset: 0, limit: 50 });
		const page = last('rows');
		expect(page?.total).toBe(1);
		expect(page?.rows[0]).toMatchObject({ row: 6, gender: 'woman', hasError: true });
		await svc.handle({ type: 'rows', id: 3, filter: 'all', offset: 3, limit: 50 });
		expect(last('rows')?.rows.map((r) => r.row)).toEqual([5, 6]);
	});

	it('applies safe fixes and exports both files', async () => {
		const { svc, last } = service();
		await svc.handle({
			type: 'import',
			id: 1,
			file: fixture('excel_windows_cp1252_semicolon.csv'),
			name: 'eu.csv',
			today: TODAY,
		});
		await svc.handle({ type: 'applyFixes', id: 2, today: TODAY });
		expect(last('report')?.report).toMatchObject({
			fixesApplied: true,
			summary: { validRows: 1, errorRows: 1 },
		});
		await svc.handle({ type: 'export', id: 3, kind: 'clean' });
		const clean = last('exported');
		expect(clean?.rows).toBe(1);
		expect(await clean?.blob.text()).toContain('François,Leclerc,19790312,male');
	});

	it('a second import cancels the first, which answers cancelled', async () => {
		const { svc, sent, last } = service();
		const first = svc.handle({
			type: 'import',
			id: 1,
			file: bigFile(200_000),
			name: 'big.csv',
			today: TODAY,
		});
		const second = svc.handle({
			type: 'import',
			id: 2,
			file: fixture('clean_google_sheets.csv'),
			name: 'ok.csv',
			today: TODAY,
		});
		await Promise.all([first, second]);
		expect(sent.find((r) => r.id === 1 && r.type === 'cancelled')).toBeDefined();
		expect(sent.find((r) => r.id === 1 && r.type === 'report')).toBeUndefined();
		expect(last('report')).toMatchObject({
			id: 2,
			report: { fileName: 'ok.csv', summary: { rows: 3 } },
		});
	});

	it('cancel stops a running import', async () => {
		const { svc, sent } = service();
		const running = svc.handle({
			type: 'import',
			id: 7,
			file: bigFile(200_000),
			name: 'big.csv',
			today: TODAY,
		});
		await svc.handle({ type: 'cancel', id: 8, target: 7 });
		await running;
		expect(sent.at(-1)).toEqual({ type: 'cancelled', id: 7 });
	});

	it('answers failed, not a crash, when asked for rows before any file', async () => {
		const { svc, last } = service();
		await svc.handle({ type: 'rows', id: 1, filter: 'all', offset: 0, limit: 10 });
		expect(last('failed')?.message).toBe('No file has been read yet.');
	});
});
