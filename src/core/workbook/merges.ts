// Merged ranges of a sheet. They are written after its rows (`<mergeCells>` follows
// `<sheetData>`), yet rows must come out with merges applied, so they are found before the rows
// are read: see findMerges for how, and what it costs.
import type { CsvRecord } from '../csv-reader.ts';
import type { RandomAccessSource } from './types.ts';
import { attributes, lastIndexOf, tags } from './xml.ts';
import { streamEntry, type ZipEntry } from './zip.ts';
import { xmlDecoder } from './parts.ts';

export interface MergeRange {
	r1: number;
	r2: number;
	c1: number;
	c2: number;
}

/** Rows with merges: covered cells take the top-left value, covered empty rows appear. */
export class MergeSpreader {
	readonly #merges: MergeRange[];
	readonly #emit: (record: CsvRecord) => void;
	#next = 0;
	/** Ranges whose rows are being read, with their top-left value (never empty). */
	#active: { range: MergeRange; value: string }[] = [];
	#lastEmitted = 0;

	constructor(merges: MergeRange[], emit: (record: CsvRecord) => void) {
		this.#merges = [...merges].sort((a, b) => a.r1 - b.r1);
		this.#emit = emit;
	}

	row(row: number, cells: string[]): void {
		this.#fillGap(row - 1);
		const merges = this.#merges;
		while (this.#next < merges.length && merges[this.#next]!.r1 <= row) {
			const range = merges[this.#next++]!;
			// A range whose first row has no cells in the sheet has no value to spread.
			const value = range.r1 === row ? (cells[range.c1] ?? '') : '';
			if (value !== '' && range.r2 >= row) this.#active.push({ range, value });
		}
		this.#emitMerged(row, cells);
	}

	/** The end of the sheet: rows still covered by a range come out. */
	finish(): void {
		this.#fillGap(Infinity);
	}

	/** Rows up to `last` that the sheet has no cells for but a merged range covers. */
	#fillGap(last: number): void {
		for (let row = this.#lastEmitted + 1; row <= last && this.#active.length; row++)
			this.#emitMerged(row, []);
	}

	#emitMerged(row: number, cells: string[]): void {
		let expired = false;
		for (const { range, value } of this.#active) {
			for (let c = range.c1; c <= range.c2; c++) {
				while (cells.length < c) cells.push('');
				cells[c] = value;
			}
			if (range.r2 <= row) expired = true;
		}
		if (expired) this.#active = this.#active.filter((m) => m.range.r2 > row);
		let length = cells.length;
		while (length > 0 && cells[length - 1] === '') length--;
		cells.length = length;
		if (length) this.#emit({ cells, row });
		this.#lastEmitted = row;
	}
}

/** `B2:D4` → rows 2–4, columns 1–3 (0-based columns); null for anything else. */
export function parseRange(ref: string): MergeRange | null {
	const m = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
	if (!m) return null;
	const col = (letters: string) => {
		let n = 0;
		for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
		return n - 1;
	};
	const [a, b] = [col(m[1]!), col(m[3]!)];
	const [r1, r2] = [Number(m[2]), Number(m[4])];
	return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(a, b), c2: Math.max(a, b) };
}

/** The `<mergeCell ref>` ranges in a piece of sheet XML. */
export function mergesIn(xml: string): MergeRange[] {
	const out: MergeRange[] = [];
	const i = xml.indexOf('mergeCell');
	if (i < 0) return out;
	for (const tag of tags(xml, Math.max(0, xml.lastIndexOf('<', i)))) {
		if (tag.local !== 'mergeCell' || tag.closing) continue;
		const range = parseRange(attributes(tag.attrs).get('ref') ?? '');
		if (range && (range.r1 !== range.r2 || range.c1 !== range.c2)) out.push(range);
	}
	return out;
}

/** Bytes of inflated text kept from the end of a sheet: the part after its rows. */
const TAIL = 4 << 20;
/** A sheet whose XML is at most this size is inflated once and kept for its rows. */
export const KEEP = 32 << 20;

export interface FoundMerges {
	merges: MergeRange[];
	/** The whole inflated sheet, when it was small enough to keep (read it, don't inflate twice). */
	inflated: Uint8Array[] | null;
}

/**
 * A sheet's merged ranges, before its rows are read. A deflate stream cannot be entered at its
 * end, so:
 * - a stored (uncompressed) sheet: its tail is read directly, at no cost;
 * - a sheet of up to KEEP bytes of XML (about 100k rows of eight cells): inflated once, kept in
 *   memory, and its rows read from those bytes: no inflate is repeated;
 * - a larger one: inflated once without parsing (only the last few MB kept), then again for
 *   its rows. That pass is native inflate only: about 1 s of the 4.2 s a 1,048,576-row sheet
 *   takes in Node (test/bench/xlsx-reader.ts), paid before the first row.
 * The reader caches the result per sheet. When the tail kept holds `</sheetData>`, every merge
 * is in it; otherwise (a huge merge list after the rows) the whole sheet text is scanned.
 */
export async function findMerges(
	source: RandomAccessSource,
	entry: ZipEntry,
	signal?: AbortSignal,
	keepLimit = KEEP,
): Promise<FoundMerges> {
	if (entry.method === 0 && entry.compressedSize > 1 << 16) {
		const merges = await storedTail(source, entry);
		if (merges) return { merges, inflated: null };
	}
	let keep = entry.size <= keepLimit;
	let kept = 0;
	const all: Uint8Array[] = [];
	const tail: Uint8Array[] = [];
	let tailSize = 0;
	let first: Uint8Array | null = null;
	await streamEntry(
		source,
		entry,
		(bytes) => {
			first ??= bytes;
			if (keep) {
				all.push(bytes);
				kept += bytes.length;
				// The size in the zip directory was wrong: stop keeping rather than hold it all.
				if (kept > keepLimit) {
					keep = false;
					all.length = 0;
				}
			}
			tail.push(bytes);
			tailSize += bytes.length;
			while (tail.length > 1 && tailSize - tail[0]!.length >= TAIL)
				tailSize -= tail.shift()!.length;
		},
		{ signal },
	);
	const inflated = keep ? all : null;
	if (!first) return { merges: [], inflated };
	// Most sheets end with a few hundred bytes after their rows: decode that first.
	const bytes = concatTail(tail, tailSize);
	for (const size of [1 << 16, bytes.length]) {
		const text = xmlDecoder(first).decode(bytes.subarray(Math.max(0, bytes.length - size)));
		// A character cut in two at the start only garbles what precedes `</sheetData>`.
		const close = lastIndexOf(text, 'sheetData>');
		if (close >= 0) return { merges: mergesIn(text.slice(close)), inflated };
		if (size >= bytes.length && tail[0] === first) return { merges: mergesIn(text), inflated };
	}
	return { merges: await mergesInWhole(source, entry, signal), inflated };
}

/** A stored sheet's merges from its last 64 KB, or null when its rows end before that. */
async function storedTail(
	source: RandomAccessSource,
	entry: ZipEntry,
): Promise<MergeRange[] | null> {
	const head = await source.read(entry.offset, entry.offset + 30);
	const start = entry.offset + 30 + (head[26]! | (head[27]! << 8)) + (head[28]! | (head[29]! << 8));
	const end = start + entry.compressedSize;
	const text = new TextDecoder().decode(await source.read(end - (1 << 16), end));
	const close = lastIndexOf(text, 'sheetData>');
	return close >= 0 ? mergesIn(text.slice(close)) : null;
}

function concatTail(chunks: Uint8Array[], size: number): Uint8Array {
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** The rare case: the sheet's text after its rows is longer than the tail kept. */
async function mergesInWhole(
	source: RandomAccessSource,
	entry: ZipEntry,
	signal?: AbortSignal,
): Promise<MergeRange[]> {
	const out: MergeRange[] = [];
	let decoder: TextDecoder | null = null;
	let carry = '';
	await streamEntry(
		source,
		entry,
		(bytes) => {
			decoder ??= xmlDecoder(bytes);
			const text = carry + decoder.decode(bytes, { stream: true });
			const cut = lastIndexOf(text, '<');
			out.push(...mergesIn(text.slice(0, cut < 0 ? text.length : cut)));
			carry = cut < 0 ? '' : text.slice(cut);
		},
		{ signal },
	);
	out.push(...mergesIn(carry));
	return out;
}
