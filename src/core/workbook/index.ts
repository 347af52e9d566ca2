// Roster's own .xlsx reader (the platform's DecompressionStream, or fflate where it is missing, for
// inflate; a hand-written streaming scan for the XML): opens a workbook from a RandomAccessSource,
// says which sheets it has, and streams a sheet's rows as the pro sees them. It tells apart the
// files it cannot read (.xls, Numbers, ODS, encrypted). Pure TypeScript: runs in the import
// worker and in Node (CLI).
import type { CsvRecord } from '../csv-reader.ts';
import { isOle, oleEntryNames } from './ole.ts';
import { parseRels, parseStyles, parseWorkbook, relsPath, relType, xmlDecoder } from './parts.ts';
import { findMerges, KEEP, type MergeRange } from './merges.ts';
import { readSharedStrings, SharedStrings } from './shared-strings.ts';
import { SheetScanner } from './sheet.ts';
import { SheetFormatError, type StyleKinds } from './scan.ts';
import {
	WorkbookError,
	type OnRows,
	type RandomAccessSource,
	type ReadRowsOptions,
	type SheetInfo,
	type WorkbookReader,
} from './types.ts';
import { abortError, readEntry, readZipEntries, streamEntry, type ZipEntry } from './zip.ts';

export { WorkbookError } from './types.ts';
export type { RandomAccessSource, WorkbookReader, SheetInfo, WorkbookProblem } from './types.ts';

/** Rows handed to `onRows` at a time. */
const BATCH = 1000;

const utf8 = new TextDecoder('utf-8');

function text(bytes: Uint8Array): string {
	return xmlDecoder(bytes).decode(bytes);
}

interface SheetEntry extends SheetInfo {
	entry: ZipEntry;
}

class Package {
	readonly #source: RandomAccessSource;
	readonly #byName = new Map<string, ZipEntry>();
	readonly #byLower = new Map<string, ZipEntry>();

	constructor(source: RandomAccessSource, entries: ZipEntry[]) {
		this.#source = source;
		for (const e of entries) {
			const name = e.name.replace(/^\//, '');
			this.#byName.set(name, e);
			this.#byLower.set(name.toLowerCase(), e);
		}
	}

	/** Part names are case-insensitive in OPC; some writers differ from their rels in case. */
	entry(path: string): ZipEntry | undefined {
		return this.#byName.get(path) ?? this.#byLower.get(path.toLowerCase());
	}

	async text(path: string): Promise<string | null> {
		const e = this.entry(path);
		return e ? text(await readEntry(this.#source, e)) : null;
	}
}

async function notReadable(source: RandomAccessSource): Promise<WorkbookError> {
	const names = await oleEntryNames(source).catch(() => [] as string[]);
	if (names.includes('EncryptedPackage'))
		return new WorkbookError('encrypted', 'The workbook is protected by a password.');
	return new WorkbookError('xls', 'This is an Excel 97–2003 workbook (.xls).');
}

/** Opens a workbook. Throws WorkbookError when it is not one Roster can read, saying why. */
export async function openWorkbook(
	source: RandomAccessSource,
	tuning: ReaderTuning = {},
): Promise<WorkbookReader> {
	try {
		return await open(source, tuning);
	} catch (error) {
		if (error instanceof WorkbookError) throw error;
		throw new WorkbookError('damaged', `The workbook cannot be read: ${(error as Error).message}`);
	}
}

/** For tests and benchmarks: the largest sheet XML kept in memory after the merge pre-scan. */
export interface ReaderTuning {
	keepLimit?: number;
}

async function open(source: RandomAccessSource, tuning: ReaderTuning): Promise<WorkbookReader> {
	const head = await source.read(0, 8);
	if (isOle(head)) throw await notReadable(source);
	const entries = await readZipEntries(source);
	const pkg = new Package(source, entries);
	const mimetype = pkg.entry('mimetype');
	if (mimetype) {
		const type = utf8.decode(await readEntry(source, mimetype)).trim();
		if (type === 'application/vnd.oasis.opendocument.spreadsheet')
			throw new WorkbookError('ods', 'This is an OpenDocument spreadsheet (.ods).');
	}
	if (entries.some((e) => /^\/?Index(\/|\.zip$)/.test(e.name) || e.name.endsWith('.iwa')))
		throw new WorkbookError('numbers', 'This is an Apple Numbers document.');

	const rootRels = parseRels((await pkg.text('_rels/.rels')) ?? '', '');
	let workbookPath = [...rootRels.values()].find((r) => relType(r.type, 'officeDocument'))?.target;
	if (!workbookPath || !pkg.entry(workbookPath)) workbookPath = 'xl/workbook.xml';
	const workbookXml = await pkg.text(workbookPath);
	if (workbookXml === null)
		throw new WorkbookError(
			'damaged',
			'This zip file is not an Excel workbook (no xl/workbook.xml).',
		);
	const rels = parseRels((await pkg.text(relsPath(workbookPath))) ?? '', workbookPath);
	const book = parseWorkbook(workbookXml);
	const sheets: SheetEntry[] = [];
	for (const s of book.sheets) {
		const rel = rels.get(s.relId);
		// Chartsheets, dialog and macro sheets have no cells.
		if (!rel || !relType(rel.type, 'worksheet')) continue;
		const entry = pkg.entry(rel.target);
		if (!entry)
			throw new WorkbookError('damaged', `The workbook is damaged: sheet "${s.name}" is missing.`);
		sheets.push({ name: s.name, hidden: s.hidden, entry });
	}
	if (!sheets.length) throw new WorkbookError('no-sheets', 'The workbook has no worksheet.');
	const find = (type: string) => [...rels.values()].find((r) => relType(r.type, type))?.target;
	const stylesPath = find('styles') ?? 'xl/styles.xml';
	const stringsPath = find('sharedStrings') ?? 'xl/sharedStrings.xml';
	const stylesXml = await pkg.text(stylesPath);
	const kinds = stylesXml ? parseStyles(stylesXml) : new Int16Array(0);
	const strings = pkg.entry(stringsPath) ?? null;
	return new Reader(source, sheets, book.date1904, kinds, strings, tuning.keepLimit ?? KEEP);
}

class Reader implements WorkbookReader {
	readonly sheets: readonly SheetInfo[];
	readonly date1904: boolean;
	readonly #source: RandomAccessSource;
	readonly #entries: Map<string, ZipEntry>;
	readonly #kinds: StyleKinds;
	readonly #stringsEntry: ZipEntry | null;
	readonly #keepLimit: number;
	#strings: Promise<SharedStrings> | null = null;
	/** Merged ranges per sheet, once found (a preview then the import read them once). */
	readonly #merges = new Map<string, MergeRange[]>();

	constructor(
		source: RandomAccessSource,
		sheets: SheetEntry[],
		date1904: boolean,
		kinds: StyleKinds,
		stringsEntry: ZipEntry | null,
		keepLimit: number,
	) {
		this.#keepLimit = keepLimit;
		this.#source = source;
		this.sheets = sheets.map(({ name, hidden }) => ({ name, hidden }));
		this.#entries = new Map(sheets.map((s) => [s.name, s.entry]));
		this.date1904 = date1904;
		this.#kinds = kinds;
		this.#stringsEntry = stringsEntry;
	}

	/** Read once, on the first sheet read (opening a workbook stays quick). */
	#sharedStrings(signal?: AbortSignal): Promise<SharedStrings> {
		if (!this.#stringsEntry) return Promise.resolve(new SharedStrings());
		this.#strings ??= readSharedStrings(this.#source, this.#stringsEntry, signal);
		// A cancelled read must not leave a failed table for the next one.
		this.#strings.catch(() => (this.#strings = null));
		return this.#strings;
	}

	async readRows(sheet: string, onRows: OnRows, options: ReadRowsOptions = {}): Promise<void> {
		const entry = this.#entries.get(sheet);
		if (!entry) throw new WorkbookError('no-sheets', `The workbook has no sheet named "${sheet}".`);
		const { signal } = options;
		try {
			const cached = this.#merges.get(sheet);
			// Both inflate: side by side, one's inflating overlaps the other's parsing.
			const [strings, found] = await Promise.all([
				this.#sharedStrings(signal),
				cached ? null : findMerges(this.#source, entry, signal, this.#keepLimit),
			]);
			const inflated = found?.inflated ?? null;
			const merges = found?.merges ?? cached ?? [];
			if (found) this.#merges.set(sheet, merges);
			const scanner = new SheetScanner(strings, this.#kinds, this.date1904, merges);
			let decoder: TextDecoder | null = null;
			let stopped = false;
			const deliver = async (all: boolean): Promise<boolean> => {
				const out = scanner.out;
				let from = 0;
				while (out.length - from >= BATCH || (all && from < out.length)) {
					const batch: CsvRecord[] = out.slice(from, from + BATCH);
					from += batch.length;
					if ((await onRows(batch)) === false) return false;
					if (signal?.aborted) throw abortError();
				}
				scanner.out = from ? out.slice(from) : out;
				return true;
			};
			const onBytes = async (bytes: Uint8Array) => {
				decoder ??= xmlDecoder(bytes);
				scanner.feed(decoder.decode(bytes, { stream: true }));
				if (!(await deliver(false))) stopped = true;
				return !stopped && !scanner.done;
			};
			if (inflated) {
				// The sheet is already inflated (small enough to keep): progress follows its bytes.
				const total = entry.compressedSize;
				let done = 0;
				for (const bytes of inflated) {
					if (signal?.aborted) throw abortError();
					done += bytes.length;
					options.onProgress?.(Math.round((total * done) / Math.max(1, entry.size)), total);
					if (!(await onBytes(bytes))) break;
				}
			} else await streamEntry(this.#source, entry, onBytes, options);
			if (stopped) return;
			if (decoder) scanner.feed((decoder as TextDecoder).decode());
			scanner.end();
			await deliver(true);
			options.onProgress?.(entry.compressedSize, entry.compressedSize);
		} catch (error) {
			if (error instanceof SheetFormatError)
				throw new WorkbookError('damaged', `Sheet "${sheet}" is damaged: ${error.message}.`);
			throw error;
		}
	}
}
