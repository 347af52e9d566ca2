// Benchmark input for issue 12: the benchmark clients (generate-clients.ts, the same rows as the
// CSV benchmarks) as an .xlsx the way Excel saves it, written under ROSTER_XLSX_DIR (default
// /tmp/roster-xlsx), never into the repository. Used by workbook-libraries.ts and xlsx-app.ts.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { buildXlsx, type CellInput } from '../workbooks/build-xlsx.ts';
import { generateClients } from './generate-clients.ts';

export const XLSX_DIR = process.env.ROSTER_XLSX_DIR ?? '/tmp/roster-xlsx';

export function benchWorkbookPath(clients: number): string {
	return join(XLSX_DIR, `clients-${clients}-v1.xlsx`);
}

/** A CSV record as Excel would hold it: the birthdate a date cell (a bad, dashed one stays text). */
function* cells(records: string[][]): Generator<CellInput[]> {
	for (const [i, record] of records.entries()) {
		const date = i > 0 ? /^(\d{4})(\d\d)(\d\d)$/.exec(record[4] ?? '') : null;
		if (!date) yield record;
		else {
			const birthdate = new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!));
			yield [...record.slice(0, 4), birthdate, ...record.slice(5)];
		}
	}
}

/**
 * The benchmark clients (generate-clients.ts, the same rows as the CSV benchmarks, so the
 * summaries can be compared) as Excel saves them: one sheet, shared strings, deflate level 6.
 * Written once; returns its path.
 */
export async function writeBenchWorkbook(clients: number): Promise<string> {
	const path = benchWorkbookPath(clients);
	if (existsSync(path)) return path;
	mkdirSync(XLSX_DIR, { recursive: true });
	const csv = readFileSync(await generateClients(clients), 'utf8');
	const records = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
	const bytes = buildXlsx({ sheets: [{ name: 'Clients', rows: cells(records) }], level: 6 });
	writeFileSync(`${path}.partial`, bytes);
	renameSync(`${path}.partial`, path);
	return path;
}
