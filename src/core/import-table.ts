// Reading a client list whatever it is: a CSV text file, or an .xlsx workbook recognised by its
// first bytes (never by its name). The workbook reader is loaded only when one is chosen, so the
// CSV path never pays for it. The browser worker and the Node CLI both run exactly this.
import {
	importCsv,
	ImportCancelledError,
	type ByteSource,
	type ImportOptions,
	type ImportResult,
} from './import-csv.ts';
import { Validator } from './validate.ts';
import {
	isWorkbookHead,
	pickSheet,
	readSheetHeads,
	emptySheetIssue,
	sheetChoiceIssue,
	workbookIssue,
} from './workbook-sheets.ts';
import { HEADER_SEARCH_ROWS } from './header-row.ts';
import { WorkbookError, type RandomAccessSource, type WorkbookReader } from './workbook/types.ts';

/** A file that can be streamed (CSV) and read at any offset (a workbook's zip directory). */
export type TableSource = ByteSource & RandomAccessSource;

export interface TableImportOptions extends ImportOptions {
	/** The workbook sheet to read (absent: the one sheet whose header matches). */
	sheet?: string;
	/** A workbook already opened for this file (`inspect` read its sheets a moment ago). */
	workbook?: WorkbookReader;
}

export interface TableImportResult extends ImportResult {
	/** The sheet read, for a workbook. */
	sheet: string | null;
}

/** Opens the workbook reader, loading its code now. */
export async function openWorkbookOf(source: RandomAccessSource): Promise<WorkbookReader> {
	const { openWorkbook } = await import('./workbook/index.ts');
	return openWorkbook(source);
}

/** True when the file's first bytes are a workbook's (zip or OLE). */
export async function isWorkbookFile(source: RandomAccessSource): Promise<boolean> {
	return source.size >= 8 && isWorkbookHead(await source.read(0, 8));
}

export async function importTable(
	source: TableSource,
	options: TableImportOptions,
): Promise<TableImportResult> {
	if (!options.workbook && !(await isWorkbookFile(source)))
		return { ...(await importCsv(source, options)), sheet: null };
	return importWorkbook(source, options);
}

async function importWorkbook(
	source: TableSource,
	options: TableImportOptions,
): Promise<TableImportResult> {
	// Roughly 30 bytes of zipped sheet a client row: enough to size the duplicate indexes.
	const validator = new Validator({
		...options,
		expectedRows: Math.ceil(source.size / 30),
		claimAtFinish: true,
	});
	const done = (sheet: string | null): TableImportResult => ({
		dataset: validator.finish(),
		validator,
		encoding: 'utf-8',
		delimiter: ',',
		sheet,
	});
	let reader: WorkbookReader;
	try {
		reader = options.workbook ?? (await openWorkbookOf(source));
	} catch (error) {
		if (!(error instanceof WorkbookError)) throw error;
		validator.addFileIssue(workbookIssue(error.problem));
		return done(null);
	}
	const asked = options.sheet ?? null;
	let sheet = asked !== null && reader.sheets.some((s) => s.name === asked) ? asked : null;
	if (sheet === null) {
		// A sheet that cannot be inflated fails here first: report it, never crash.
		const heads = await readSheetHeads(reader, HEADER_SEARCH_ROWS).catch((error: unknown) => {
			if (!(error instanceof WorkbookError)) throw error;
			validator.addFileIssue(workbookIssue(error.problem));
			return null;
		});
		if (heads === null) return done(null);
		sheet = asked === null ? pickSheet(heads) : null;
		if (sheet === null) {
			validator.addFileIssue(sheetChoiceIssue(heads, asked));
			return done(null);
		}
	}
	try {
		await reader.readRows(
			sheet,
			async (rows) => {
				validator.addRows(rows);
				if (options.afterChunk) await options.afterChunk(validator, false);
			},
			{
				...(options.signal ? { signal: options.signal } : {}),
				onProgress: (read, total) =>
					options.onProgress?.({
						bytesRead: Math.round((read / Math.max(total, 1)) * source.size),
						totalBytes: source.size,
						rows: validator.rowCount,
					}),
			},
		);
	} catch (error) {
		if (options.signal?.aborted) throw new ImportCancelledError();
		if (!(error instanceof WorkbookError)) throw error;
		validator.addFileIssue(workbookIssue(error.problem));
		return done(sheet);
	}
	if (options.signal?.aborted) throw new ImportCancelledError();
	if (!validator.hasHeader) validator.addFileIssue(emptySheetIssue(sheet));
	options.onProgress?.({
		bytesRead: source.size,
		totalBytes: source.size,
		rows: validator.rowCount,
	});
	return done(sheet);
}
