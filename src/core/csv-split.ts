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
import {
	firstBreakEnd,
	lastBreakEnd,
	QUOTE,
	recordEnds,
	type Decoding,
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
/** How far back a reading may start when the lead held no quote to settle the state. */
const RETRACE = 4 << 20;
/**
 * A quote open for more than 8 M characters (STALLED_BYTES in csv-reader.ts, at most three
 * UTF-8 bytes each) is read literally by the reader from then on: with no quote within this many
 * bytes before a line break, a record starts there.
 */
const QUOTE_FREE = 32 << 20;
const BLOCK = 1 << 20;
/** The decoder's first look (SNIFF_LENGTH in decode.ts), which a second part also gets. */
const SNIFF = 4096;

const DECODINGS: readonly Decoding[] = ['utf-8', 'windows-1252'];

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
 * The record ends in [lo, hi) that hold in every reading: from every state reading may be in
 * where it starts, in both decodings (one that is not text there cannot happen). Reading starts
 * at the file's start when that is near, else at a line start `lead` bytes before `lo`, and
 * further back, at the line of the last quote before it, when the lead did not settle things.
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
	const quote = begin === start ? null : await lastQuoteBefore(source, begin, start);
	const ends = endsFrom(bytes.subarray(begin - from, end), begin, quote !== null, delimiter);
	if (ends.some((e) => e >= lo) || quote === null) return ends;
	// The lead held no quote to close a cell left open before it: go back to the line of the
	// last quote and read from there.
	const line = await lineStartBefore(source, quote, start);
	if (line === null || stop - line > RETRACE) return null;
	const retraced = await source.read(line, stop);
	const settled = line === start ? null : await lastQuoteBefore(source, line, start);
	return endsFrom(retraced, line, settled !== null, delimiter);
}

/** The ends every reading agrees on, less those a part that stops there would read otherwise. */
function endsFrom(
	bytes: Uint8Array,
	base: number,
	mayBeQuoted: boolean,
	delimiter: Delimiter,
): number[] {
	const readings: RecordEnds[] = [];
	for (const decoding of DECODINGS) {
		for (const quoted of mayBeQuoted ? [false, true] : [false]) {
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

/** The last quote before `end`, looking back no further than QUOTE_FREE bytes or `floor`. */
async function lastQuoteBefore(
	source: RandomAccessSource,
	end: number,
	floor: number,
): Promise<number | null> {
	const limit = Math.max(floor, end - QUOTE_FREE);
	for (let to = end; to > limit; to -= BLOCK) {
		const from = Math.max(limit, to - BLOCK);
		const at = (await source.read(from, to)).lastIndexOf(QUOTE);
		if (at !== -1) return from + at;
	}
	return null;
}

/** The start of the line holding `at`: after the line break before it, or the file's start. */
async function lineStartBefore(
	source: RandomAccessSource,
	at: number,
	floor: number,
): Promise<number | null> {
	for (let to = at; to > floor; to -= BLOCK) {
		const from = Math.max(floor, to - BLOCK);
		const bytes = await source.read(from, to + 1);
		for (let i = to - from - 1; i >= 0; i--) {
			const b = bytes[i];
			// A CR right before the LF of a CRLF is not a line start: the LF after it is.
			if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) return from + i + 1;
		}
		if (at - from > RETRACE) return null;
	}
	return floor;
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
