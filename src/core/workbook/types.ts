// The contract of Roster's workbook reader (.xlsx): what the import, `inspect` and the CLI ask
// of it. The reader itself is loaded only when a file turns out to be a workbook, so nothing on
// the CSV path imports more than these types.
import type { CsvRecord } from '../csv-reader.ts';

/** Bytes that can be read at any offset: a File (Blob.slice) or a file on disk. */
export interface RandomAccessSource {
	size: number;
	/** Bytes `start` (inclusive) to `end` (exclusive); fewer only at the end of the source. */
	read(start: number, end: number): Promise<Uint8Array>;
}

export interface SheetInfo {
	/** The tab's name, as the pro sees it. */
	name: string;
	/** Hidden or very hidden in the workbook: never picked by itself. */
	hidden: boolean;
}

export interface ReadRowsOptions {
	signal?: AbortSignal;
	/** Compressed bytes of the sheet read so far, of `total` (for a progress bar). */
	onProgress?: (done: number, total: number) => void;
}

/**
 * Rows come in sheet order, numbered by the sheet's own row numbers (gaps kept); each row's
 * cells are read as the pro sees them (dates as YYYYMMDD, numbers without exponent, text as
 * written) with trailing empty cells dropped; rows with no cell are not emitted. Returning
 * `false` from `onRows` stops the reading early (a preview).
 */
export type OnRows = (rows: CsvRecord[]) => void | boolean | Promise<void | boolean>;

export interface WorkbookReader {
	readonly sheets: readonly SheetInfo[];
	/** True when the workbook uses the 1904 date system (older Mac Excel). */
	readonly date1904: boolean;
	readRows(sheet: string, onRows: OnRows, options?: ReadRowsOptions): Promise<void>;
}

/** Why a file that looks like a workbook cannot be read. */
export type WorkbookProblem =
	| 'xls' // legacy Excel 97–2003 binary workbook
	| 'numbers' // Apple Numbers document
	| 'ods' // OpenDocument spreadsheet (LibreOffice, Google Sheets export)
	| 'encrypted' // a workbook protected by a password to open
	| 'no-sheets' // a workbook without a worksheet (only charts)
	| 'damaged'; // not a readable zip / OOXML package

export class WorkbookError extends Error {
	readonly problem: WorkbookProblem;
	constructor(problem: WorkbookProblem, detail?: string) {
		super(detail ?? `The workbook cannot be read (${problem})`);
		this.name = 'WorkbookError';
		this.problem = problem;
	}
}
