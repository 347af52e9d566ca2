// Benchmark input for issue 12: the benchmark clients (generate-clients.ts, the same rows as the
// CSV benchmarks) as an .xlsx the way Excel saves it, written under ROSTER_XLSX_DIR (default
// /tmp/roster-xlsx), never into the repository. Used by workbook-libraries.ts and xlsx-app.ts.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
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

const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/**
 * Lists the styles and shared strings parts in [Content_Types].xml, as Excel does: SheetJS finds
 * them only there (without it, it reads no sheet at all), while the test-time builder leaves them
 * out. Re-zipped at Excel's level.
 */
function withExcelContentTypes(xlsx: Uint8Array): Uint8Array {
	const files = unzipSync(xlsx);
	const types = strFromU8(files['[Content_Types].xml']!);
	const extra = [
		`<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`,
		`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`,
	].filter((o) => !types.includes(o.slice(0, o.indexOf('ContentType'))));
	files['[Content_Types].xml'] = strToU8(types.replace('</Types>', `${extra.join('')}</Types>`));
	return zipSync(files, { level: 6 });
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
	writeFileSync(`${path}.partial`, withExcelContentTypes(bytes));
	renameSync(`${path}.partial`, path);
	return path;
}
