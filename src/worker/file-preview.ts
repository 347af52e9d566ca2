// Reading the head of a file for the mapping step: its header row and first rows, decoded and
// split exactly as an import reads them (encoding, Windows-1252 fallback, binary detection,
// delimiter sniffing), without reading further than those rows, nor ever past HEAD_BYTES. A
// million-row export answers as fast as a ten-row one.
import { NotUtf8Error, StreamDecoder, type Encoding } from '../core/decode.ts';
import { CsvStreamReader } from '../core/csv-reader.ts';
import { binaryIssue as binaryKindIssue, emptyFileIssue } from '../core/import-csv.ts';
import { noRowsIssue } from '../core/validate.ts';
import type { Issue } from '../core/issues.ts';
import { HeaderSearch, HEADER_SEARCH_ROWS } from '../core/header-row.ts';
import type { CsvRecord } from '../core/csv-reader.ts';
import { isWorkbookFile } from '../core/import-table.ts';
import { openWorkbookCached, workbookKey } from './workbook-cache.ts';
import {
	pickSheet,
	readSheetHeads,
	emptySheetIssue,
	sheetChoiceIssue,
	workbookIssue,
} from '../core/workbook-sheets.ts';
import { WorkbookError, type WorkbookReader } from '../core/workbook/types.ts';
import { SAMPLE_ROWS, type FilePreview } from './mapping-views.ts';
import { blobSource } from './blob-source.ts';

/** The most `inspect` reads of a file: a header and SAMPLE_ROWS rows fit many times over. */
export const HEAD_BYTES = 1 << 20;
/** Read in slices, so a small header and sample stop the reading early. */
const SLICE_BYTES = 64 * 1024;

export interface FileHead {
	/** The header row's cells as written ([] when there is none): see header-row.ts. */
	header: string[];
	/** Its row number in the file. */
	headerRow: number;
	/** Up to SAMPLE_ROWS non-blank records after it. */
	sample: string[][];
	/** Why the file cannot be imported at all, as an import would report it. */
	problem: Issue | null;
	/** A workbook's sheets and the one previewed (null for CSV). */
	workbook: FilePreview['workbook'];
}

/** Rows the head keeps: any title rows above the header, the header, and the sample. */
const HEAD_ROWS = HEADER_SEARCH_ROWS + SAMPLE_ROWS + 1;

/** Reads the header and first rows of `file` (of `sheet`, for a workbook). */
export async function readFileHead(file: Blob, sheet?: string, name = ''): Promise<FileHead> {
	const source = blobSource(file);
	if (await isWorkbookFile(source)) return readWorkbookHead(source, sheet, workbookKey(file, name));
	try {
		return await readHead(file, undefined);
	} catch (error) {
		if (error instanceof NotUtf8Error) return readHead(file, 'windows-1252');
		throw error;
	}
}

/** Splits a head's non-blank rows into header and sample, as the import will. */
function splitHead(
	records: readonly CsvRecord[],
): Pick<FileHead, 'header' | 'headerRow' | 'sample'> {
	const search = new HeaderSearch();
	const sample: string[][] = [];
	const take = (rows: CsvRecord[]) => {
		for (const r of rows) if (sample.length < SAMPLE_ROWS) sample.push(r.cells);
	};
	for (const r of records) take(search.push(r));
	take(search.settle());
	const header = search.header;
	return { header: header?.cells ?? [], headerRow: header?.row ?? 1, sample };
}

async function readWorkbookHead(
	source: ReturnType<typeof blobSource>,
	asked: string | undefined,
	key: string,
): Promise<FileHead> {
	const none = { header: [], headerRow: 1, sample: [] };
	let reader: WorkbookReader;
	try {
		reader = await openWorkbookCached(source, key);
	} catch (error) {
		if (!(error instanceof WorkbookError)) throw error;
		const problem = workbookIssue(error.problem);
		return { ...none, problem, workbook: null };
	}
	let heads;
	try {
		heads = await readSheetHeads(reader, HEAD_ROWS);
	} catch (error) {
		if (!(error instanceof WorkbookError)) throw error;
		const problem = workbookIssue(error.problem);
		return { ...none, problem, workbook: null };
	}
	const sheets = heads.map((h) => ({ name: h.name, hidden: h.hidden, matches: h.matches }));
	const known = asked !== undefined && heads.some((h) => h.name === asked);
	const sheet = known ? (asked as string) : pickSheet(heads);
	if (sheet === null) {
		// Several sheets could hold the clients: the pro chooses (every sheet empty: a problem).
		const issue = sheetChoiceIssue(heads, null);
		const problem = issue.code === 'file.empty' ? issue : null;
		return { ...none, problem, workbook: { sheets, sheet: null } };
	}
	const rows = heads.find((h) => h.name === sheet)?.rows ?? [];
	const head = splitHead(rows);
	let problem: Issue | null = null;
	if (rows.length === 0) problem = emptySheetIssue(sheet, true);
	else if (head.sample.length === 0) problem = noRowsIssue();
	return { ...head, problem, workbook: { sheets, sheet } };
}

async function readHead(file: Blob, forced: Encoding | undefined): Promise<FileHead> {
	const decoder = new StreamDecoder(forced);
	const records: CsvRecord[] = [];
	const reader = new CsvStreamReader((batch) => {
		for (const r of batch)
			if (records.length < HEAD_ROWS && r.cells.some((c) => c.trim() !== '')) records.push(r);
	});
	const limit = Math.min(file.size, HEAD_BYTES);
	let offset = 0;
	let sawText = false;
	while (offset < limit && records.length < HEAD_ROWS) {
		const end = Math.min(offset + SLICE_BYTES, limit);
		const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
		offset = end;
		// At the file's end the decoder flushes; before it, a character cut in two waits.
		const text = decoder.decode(bytes, offset === file.size);
		if (decoder.binary) {
			return {
				header: [],
				headerRow: 1,
				sample: [],
				problem: binaryIssue(decoder),
				workbook: null,
			};
		}
		sawText ||= text.trim() !== '';
		reader.push(text);
	}
	const whole = offset === file.size;
	// Only a file read to its end has a last row to take; a cut one's last row is partial.
	if (whole && records.length < HEAD_ROWS) reader.end();
	const head = splitHead(records);
	let problem: Issue | null = null;
	if (!sawText || records.length === 0) problem = emptyFileIssue();
	else if (whole && head.sample.length === 0) problem = noRowsIssue();
	return { ...head, problem, workbook: null };
}

function binaryIssue(decoder: StreamDecoder): Issue {
	const kind = decoder.binary ?? 'binary';
	return binaryKindIssue(kind);
}
