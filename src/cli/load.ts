// Reading the input file of a command: file-system checks, importTable (a CSV, or a workbook
// recognised by its first bytes) with today's date from the real clock (core takes the clock
// from its caller), the workbook sheet (--sheet, or the one whose header matches), the --map
// choices matched to the header, progress on a terminal, and the header row.
import type { Delimiter } from '../core/csv-reader.ts';
import { ymdOf } from '../core/dates.ts';
import type { Encoding } from '../core/decode.ts';
import { HEADER_SEARCH_ROWS } from '../core/header-row.ts';
import type { ImportProgress } from '../core/import-csv.ts';
import { importTable, isWorkbookFile, openWorkbookOf } from '../core/import-table.ts';
import { quote } from '../core/issues.ts';
import type { Dataset } from '../core/validate.ts';
import { pickSheet, readSheetHeads, sheetChoiceIssue } from '../core/workbook-sheets.ts';
import { WorkbookError, type WorkbookReader } from '../core/workbook/types.ts';
import {
	describeColumns,
	readFileStart,
	readHeaderCells,
	readSheetStart,
	type FileStart,
	type SourceColumn,
} from './columns.ts';
import { SheetError } from './errors.ts';
import { formatNumber } from '../i18n/format.ts';
import { issueText } from '../i18n/issue-text.ts';
import { m } from '../i18n/messages.ts';
import { resolveMapping, type MapChoice, type ResolvedMapping } from './map-option.ts';
import { openFileSource } from './node-source.ts';

/** How the file was read: a CSV text file, or a workbook's sheet. */
export type FileFormat =
	| { kind: 'csv'; encoding: Encoding; delimiter: Delimiter }
	| {
			kind: 'workbook';
			/** The sheet read; null when the workbook could not be read (its issue says why). */
			sheet: string | null;
			/** How many sheets the workbook has (0 when it could not be read). */
			sheets: number;
			/** The pro named the sheet with --sheet (a follow-up command must name it too). */
			asked: boolean;
	  };

export interface LoadedFile {
	path: string;
	/** Today as YYYYMMDD: the date the rules were checked against. */
	today: string;
	dataset: Dataset;
	format: FileFormat;
	columns: SourceColumn[];
}

export interface LoadOptions {
	map?: readonly MapChoice[];
	/** --sheet: the workbook sheet to read; null reads the one whose header matches. */
	sheet?: string | null;
}

/** Files smaller than this read too fast for a progress line to help. */
const PROGRESS_MIN_BYTES = 16 << 20;

/**
 * Reads and validates the file. Without --map choices the validator matches the header itself
 * (names and aliases for certain; an unknown column keeps its warning); with them, the header
 * is read first and the --map choices plus the certain suggestions make the mapping.
 */
export async function loadFile(path: string, options: LoadOptions = {}): Promise<LoadedFile> {
	const choices = options.map ?? [];
	const asked = options.sheet ?? null;
	const source = await openFileSource(path);
	const today = ymdOf(new Date());
	const workbook = (await isWorkbookFile(source)) ? await openBook(path, source, asked) : null;
	if (workbook === null && asked !== null) throw new SheetError(m.core_cli_sheet_for_csv({ path }));
	// No sheet to read (an unreadable workbook, or only empty sheets): the import says why.
	const book = workbook === 'none' ? null : workbook;
	const start: FileStart | null = book
		? await orNone(readSheetStart(book.reader, book.sheet))
		: choices.length > 0 && workbook === null
			? await readFileStart(source)
			: null;
	let resolved: ResolvedMapping | null = null;
	// No header (not text, or empty): the import below says why, and no --map can help.
	if (choices.length > 0 && start)
		resolved = resolveMapping(path, start.header, start.sample, choices);
	const progress =
		process.stderr.isTTY && source.size >= PROGRESS_MIN_BYTES ? terminalProgress(path) : null;
	try {
		const result = await importTable(source, {
			today,
			mapping: resolved?.mapping ?? null,
			onProgress: progress?.update,
			...(book ? { workbook: book.reader, sheet: book.sheet } : {}),
		});
		const { dataset, encoding, delimiter } = result;
		const hasHeader = dataset.header.columns.length > 0;
		const cells = !hasHeader
			? []
			: workbook !== null
				? (start?.header ?? [])
				: await readHeaderCells(source, encoding, delimiter);
		const format: FileFormat =
			workbook === null
				? { kind: 'csv', encoding, delimiter }
				: {
						kind: 'workbook',
						sheet: result.sheet,
						sheets: book?.reader.sheets.length ?? 0,
						asked: asked !== null,
					};
		return {
			path,
			today,
			dataset,
			format,
			columns: describeColumns(cells, dataset.header, resolved?.mapped),
		};
	} finally {
		progress?.clear();
	}
}

interface OpenBook {
	reader: WorkbookReader;
	sheet: string;
}

/**
 * Opens the workbook and settles its sheet: the one --sheet names, else the one whose header
 * matches. A sheet to choose is the pro's call, so it stops the command (exit 2) with the
 * sheets to choose from. 'none' when there is no sheet to read (a workbook that cannot be read,
 * or only empty sheets): the import then reports it as it does for any unreadable file.
 */
async function openBook(
	path: string,
	source: Parameters<typeof openWorkbookOf>[0],
	asked: string | null,
): Promise<OpenBook | 'none'> {
	const reader = await orNone(openWorkbookOf(source));
	if (reader === null) return 'none';
	if (asked !== null) {
		if (reader.sheets.some((s) => s.name === asked)) return { reader, sheet: asked };
		const names = reader.sheets.map((s) => quote(s.name)).join(', ');
		throw new SheetError(m.core_cli_sheet_not_found({ sheet: quote(asked), path, names }));
	}
	const heads = await orNone(readSheetHeads(reader, HEADER_SEARCH_ROWS));
	if (heads === null) return 'none';
	const sheet = pickSheet(heads);
	if (sheet !== null) return { reader, sheet };
	const issue = sheetChoiceIssue(heads, null);
	if (issue.code === 'file.empty') return 'none';
	throw new SheetError(`${path}: ${issueText(issue)}`);
}

/**
 * Null when the workbook turns out unreadable (a damaged sheet): the import meets the same
 * problem and reports it with what to do, so the first look need not.
 */
async function orNone<T>(reading: Promise<T>): Promise<T | null> {
	try {
		return await reading;
	} catch (error) {
		if (error instanceof WorkbookError) return null;
		throw error;
	}
}

/** A one-line progress indicator on stderr, redrawn at most five times a second. */
function terminalProgress(path: string) {
	let last = 0;
	return {
		update(p: ImportProgress): void {
			const now = performance.now();
			if (now - last < 200) return;
			last = now;
			const percent = p.totalBytes > 0 ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 0;
			const line = m.core_cli_progress({ path, percent: formatNumber(percent), count: p.rows });
			process.stderr.write(`\r${line}\x1b[K`);
		},
		clear(): void {
			if (last > 0) process.stderr.write('\r\x1b[K');
		},
	};
}
