// The source file's header row as the reports show it: each header cell with its column letter
// and the template field it feeds, or null when its cells are left out. Also the cheap first
// look at the start of a file (or of a workbook sheet) that --map needs before the whole file is
// read. The header is found by the import's own HeaderSearch (a title above it is passed over),
// so --map and the Columns lines always name the row the import reads as the header.
import { CsvStreamReader, type CsvRecord, type Delimiter } from '../core/csv-reader.ts';
import { NotUtf8Error, StreamDecoder, type Encoding } from '../core/decode.ts';
import { HeaderSearch } from '../core/header-row.ts';
import type { ByteSource } from '../core/import-csv.ts';
import { isBlank } from '../core/row-cells.ts';
import { columnLetter, matchHeader, type Field, type HeaderMapping } from '../core/template.ts';
import type { WorkbookReader } from '../core/workbook/types.ts';

/**
 * - `template`: the header is the template name itself.
 * - `alias`: another name for a template column (e.g. `Email`); exports use the template name.
 * - `mapped`: chosen by --map (field null for `skip`).
 * - `duplicate`: a second column for the same field; left out.
 * - `unknown`: not a template column; left out.
 * - `empty`: no header text; its non-empty cells are reported as cells outside the columns.
 */
export type ColumnStatus = 'template' | 'alias' | 'mapped' | 'duplicate' | 'unknown' | 'empty';

export interface SourceColumn {
	/** 0-based position in the source file. */
	index: number;
	/** The spreadsheet column letter: A, B, … AA. */
	letter: string;
	/** The header cell as written in the file. */
	header: string;
	/** The template field the column feeds, or null when its cells are left out. */
	field: Field | null;
	status: ColumnStatus;
}

/** The header row and the first rows after it. */
export interface FileStart {
	header: string[];
	/** The header's row number in the file or sheet (1 unless a title sits above it). */
	headerRow: number;
	sample: string[][];
}

/** Rows of the sample: the CLI applies only name matches, so a few rows are plenty. */
const SAMPLE_ROWS = 20;
/** The most the first look reads: one chunk of a file on disk. */
const START_BYTES = 1 << 20;

/**
 * The header and a sample from the start of a file, before importCsv reads it whole: --map
 * must be matched to the header first, and the validator takes the mapping up front. A second
 * reading of at most ~1 MiB was chosen over a hook inside importCsv because it leaves the one
 * import path the browser and the CLI share untouched, and costs a few milliseconds even on a
 * million-row file. Null when the start holds no header (not text, or empty): the import then
 * reports why.
 */
export async function readFileStart(source: ByteSource): Promise<FileStart | null> {
	try {
		return await readStart(source, undefined, undefined, SAMPLE_ROWS);
	} catch (error) {
		// The same fallback importCsv makes: bytes that are not UTF-8 are Windows-1252.
		if (error instanceof NotUtf8Error)
			return readStart(source, 'windows-1252', undefined, SAMPLE_ROWS);
		throw error;
	}
}

/**
 * Reads the header row again, with the encoding and delimiter the import settled on. Only the
 * first chunks are read; an unreadable header gives [].
 */
export async function readHeaderCells(
	source: ByteSource,
	encoding: Encoding,
	delimiter: Delimiter,
): Promise<string[]> {
	try {
		return (await readStart(source, encoding, delimiter, 0))?.header ?? [];
	} catch {
		return [];
	}
}

/**
 * The header and a sample of one workbook sheet, from the first rows only (the reader stops
 * as soon as they are in). Null for a sheet without cells.
 */
export async function readSheetStart(
	reader: WorkbookReader,
	sheet: string,
): Promise<FileStart | null> {
	const start = new StartCollector(SAMPLE_ROWS);
	await reader.readRows(sheet, (rows) => {
		for (const r of rows) start.push(r);
		return !start.full;
	});
	return start.finish();
}

/** Feeds records to a HeaderSearch and keeps the header and the rows after it. */
class StartCollector {
	#search = new HeaderSearch();
	#sample: string[][] = [];
	#sampleRows: number;

	constructor(sampleRows: number) {
		this.#sampleRows = sampleRows;
	}

	/** The header is settled and the sample holds all it may. */
	get full(): boolean {
		return this.#search.header !== null && this.#sample.length >= this.#sampleRows;
	}

	get found(): boolean {
		return this.#search.header !== null;
	}

	push(record: CsvRecord): void {
		if (this.full || isBlank(record.cells)) return;
		this.#take(this.#search.push(record));
	}

	/** No more rows: a file whose rows name no template field keeps its first row as header. */
	finish(): FileStart | null {
		this.#take(this.#search.settle());
		const header = this.#search.header;
		return header === null
			? null
			: { header: header.cells, headerRow: header.row, sample: this.#sample };
	}

	#take(rows: readonly CsvRecord[]): void {
		for (const r of rows) if (this.#sample.length < this.#sampleRows) this.#sample.push(r.cells);
	}
}

async function readStart(
	source: ByteSource,
	encoding: Encoding | undefined,
	delimiter: Delimiter | undefined,
	sampleRows: number,
): Promise<FileStart | null> {
	const start = new StartCollector(sampleRows);
	const decoder = new StreamDecoder(encoding);
	const reader = new CsvStreamReader((records) => {
		for (const r of records) start.push(r);
	}, delimiter);
	let bytes = 0;
	for await (const chunk of source.chunks()) {
		bytes += chunk.length;
		reader.push(decoder.decode(chunk));
		if (decoder.binary) return null;
		// Read on until the header is settled (up to row 20, as the import reads it): stopping
		// earlier could pick another row than the import does.
		if (start.full || (bytes >= START_BYTES && start.found)) return start.finish();
	}
	reader.push(decoder.decode(new Uint8Array(0), true));
	if (decoder.binary) return null;
	reader.end();
	return start.finish();
}

/**
 * Pairs the header cells with the mapping the validation used; trailing empty cells are left
 * out. `mapped`: the positions a --map chose.
 */
export function describeColumns(
	cells: readonly string[],
	mapping: HeaderMapping,
	mapped: ReadonlySet<number> = new Set(),
): SourceColumn[] {
	let end = cells.length;
	while (end > 0 && (cells[end - 1] as string).trim() === '') end--;
	return cells.slice(0, end).map((header, index) => {
		const text = header.trim();
		const field = mapping.columns[index] ?? null;
		const status: ColumnStatus =
			text === ''
				? 'empty'
				: mapped.has(index)
					? 'mapped'
					: field !== null
						? text === field
							? 'template'
							: 'alias'
						: matchHeader(text) !== null
							? 'duplicate'
							: 'unknown';
		return { index, letter: columnLetter(index), header, field, status };
	});
}
