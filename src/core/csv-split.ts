// Where a CSV file can be cut in two so that two workers each read one part: right after a line
// break that starts a record, past the header rows. Counting quotes is only a guess (a quoted
// cell may hold line breaks and doubled quotes, and this reader takes a quote inside an unquoted
// cell as a character), so a cut is offered only where the reader's own parser ends a record
// whether reading met it at a record start or inside a quoted cell, and whether the bytes read
// as UTF-8 or as Windows-1252. When that cannot be shown near the target the answer is null:
// read the file in one piece.
import { CsvStreamReader, type Delimiter } from './csv-reader.ts';
import { detectBom, sniffBinary, sniffUtf16 } from './decode.ts';
import { HEADER_SEARCH_ROWS } from './header-row.ts';
import { quoteStateAt } from './csv-split-state.ts';
import {
	firstBreakEnd,
	lastBreakEnd,
	recordEnds,
	DECODINGS,
	type RecordEnds,
} from './csv-split-scan.ts';
import type { RandomAccessSource } from './workbook/types.ts';

export interface CsvSplit {
	/** The byte offset where the second part starts: the start of a record after the header. */
	offset: number;
	/** The delimiter the reader picks for the whole file: the second part must be read with it. */
	delimiter: Delimiter;
}

export interface SplitOptions {
	/** Where to cut, roughly, in bytes (default: the middle). */
	target?: number;
	/** Bytes on each side of the target where a cut may fall (default 64 KB). */
	window?: number;
	/**
	 * Bytes read before the first place a cut may fall, for a reading begun inside a quoted cell
	 * to meet its closing quote (default 64 KB).
	 */
	lead?: number;
}

/** Fewer bytes than the reader's 65,536 characters: its delimiter pick is settled within them. */
const HEAD_BYTES = 60_000;
const WINDOW = 64 << 10;
const LEAD = 64 << 10;
/** The decoder's first look (SNIFF_LENGTH in decode.ts), which a second part also gets. */
const SNIFF = 4096;

/**
 * A byte offset near `target` where the file can be read as two parts that give exactly the
 * records (and, offset, the row numbers) of one reading; null when none is certain. UTF-16
 * files, files that look binary and files whose header rows do not fit the first 60 KB are
 * never cut.
 */
export async function findCsvSplit(
	source: RandomAccessSource,
	options: SplitOptions = {},
): Promise<CsvSplit | null> {
	const { size } = source;
	const head = await source.read(0, Math.min(size, HEAD_BYTES));
	const bom = detectBom(head);
	if (bom && bom.encoding !== 'utf-8') return null;
	if (!bom && (sniffUtf16(head) !== null || sniffBinary(head, 'utf-8') !== null)) return null;
	const start = bom ? bom.length : 0;
	const delimiter = readerDelimiter(head.subarray(start), size <= HEAD_BYTES);
	if (delimiter === null) return null;
	const headerEnd = await headerZoneEnd(source, head, start, delimiter);
	if (headerEnd === null) return null;

	const target = options.target ?? Math.floor(size / 2);
	const window = options.window ?? WINDOW;
	const lo = Math.max(headerEnd, target - window);
	const hi = Math.min(size, target + window);
	if (lo >= hi) return null;
	const ends = await provenEnds(source, start, lo, hi, delimiter, options.lead ?? LEAD);
	if (ends === null) return null;
	const candidates = ends
		.filter((end) => end >= lo && end < hi && end >= headerEnd && end < size)
		.sort((a, b) => Math.abs(a - target) - Math.abs(b - target));
	for (const offset of candidates) {
		if (await startsLikeAFile(source, offset)) continue;
		return { offset, delimiter };
	}
	return null;
}

/**
 * The delimiter the reader picks: pushed less than 65,536 characters, it picks one only once the
 * first line with a delimiter has ended, and nothing later changes that pick.
 */
function readerDelimiter(bytes: Uint8Array, wholeFile: boolean): Delimiter | null {
	const reader = new CsvStreamReader(() => {});
	reader.push(new TextDecoder().decode(bytes));
	if (reader.delimiter === null && wholeFile) reader.end();
	return reader.delimiter;
}

/**
 * The end of the records the header search may still be deciding over: up to row 20, and up to
 * the first non-blank row when those are all blank. Past it the header is settled, so the second
 * part holds only client rows. The latest such end over both decodings.
 */
async function headerZoneEnd(
	source: RandomAccessSource,
	head: Uint8Array,
	start: number,
	delimiter: Delimiter,
): Promise<number | null> {
	const after =
		head.length < source.size ? ((await source.read(head.length, head.length + 1))[0] ?? -1) : -1;
	const cut = lastBreakEnd(head, after);
	if (cut <= start) return null;
	let zone: number | null = null;
	for (const decoding of DECODINGS) {
		const found = recordEnds(head.subarray(start, cut), start, false, delimiter, decoding);
		if (found === null) continue;
		const firstContent = found.blank.indexOf(false);
		if (firstContent === -1) return null;
		const end = found.ends[Math.max(HEADER_SEARCH_ROWS, firstContent + 1) - 1];
		if (end === undefined) return null;
		zone = Math.max(zone ?? 0, end);
	}
	return zone;
}

/**
 * The record ends in [lo, hi) that hold in every reading: from the state reading is in where it
 * starts (worked out backwards from the quotes before it; both states when that cannot be
 * told), in both decodings (one that is not text there cannot happen). Reading starts at the
 * file's start when that is near, else at a line start `lead` bytes before `lo`.
 */
async function provenEnds(
	source: RandomAccessSource,
	start: number,
	lo: number,
	hi: number,
	delimiter: Delimiter,
	lead: number,
): Promise<number[] | null> {
	const from = Math.max(start, lo - lead);
	const bytes = await source.read(from, Math.min(source.size, hi + 1));
	const end = lastBreakEnd(
		bytes.subarray(0, hi - from),
		hi < source.size ? (bytes[hi - from] ?? -1) : -1,
	);
	if (end === -1) return null;
	const stop = from + end;
	let begin = from;
	if (from > start) {
		const first = firstBreakEnd(bytes, 0);
		if (first === -1 || from + first >= stop) return null;
		begin = from + first;
	}
	const quoted = begin === start ? false : await quoteStateAt(source, begin, start, delimiter);
	const states = quoted === null ? [false, true] : [quoted];
	return endsFrom(bytes.subarray(begin - from, end), begin, states, delimiter);
}

/** The ends every reading agrees on, less those a part that stops there would read otherwise. */
function endsFrom(
	bytes: Uint8Array,
	base: number,
	states: readonly boolean[],
	delimiter: Delimiter,
): number[] {
	const readings: RecordEnds[] = [];
	for (const decoding of DECODINGS) {
		for (const quoted of states) {
			const found = recordEnds(bytes, base, quoted, delimiter, decoding);
			if (found !== null) readings.push(found);
		}
	}
	const [first, ...rest] = readings;
	if (!first) return [];
	const others = rest.map((r) => new Set(r.ends));
	return first.ends.filter(
		(e) => others.every((set) => set.has(e)) && readings.every((r) => !r.unsafe.has(e)),
	);
}

/**
 * True when a decoder started at `offset` would take the part for a new file: a UTF-8 BOM there
 * (a U+FEFF that opens a record) would be dropped, and a line that looks binary or like a PDF
 * would stop the reading.
 */
async function startsLikeAFile(source: RandomAccessSource, offset: number): Promise<boolean> {
	const bytes = await source.read(offset, Math.min(source.size, offset + SNIFF));
	return detectBom(bytes)?.encoding === 'utf-8' || sniffBinary(bytes, 'utf-8') !== null;
}
