// Merged ranges of a sheet. They are written after its rows (`<mergeCells>` follows
// `<sheetData>`), yet rows must come out with merges applied, so they are found before the rows
// are read: see findMerges for how, and what it costs.
import type { MergeRange } from './sheet.ts';
import type { RandomAccessSource } from './types.ts';
import { attributes, tags } from './xml.ts';
import { streamEntry, type ZipEntry } from './zip.ts';
import { xmlDecoder } from './parts.ts';

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

/**
 * A sheet's merged ranges. A deflate stream cannot be entered at its end, so the sheet is
 * inflated once without parsing it (only the last few MB are kept and decoded): measured at
 * about a sixth of the full read for a million rows, paid once per sheet (the reader caches
 * the result). When the tail holds `</sheetData>`, every merge is in it; otherwise (a huge
 * merge list or other content after the rows) the whole sheet text is scanned.
 */
export async function findMerges(
	source: RandomAccessSource,
	entry: ZipEntry,
	signal?: AbortSignal,
): Promise<MergeRange[]> {
	const tail: Uint8Array[] = [];
	let tailSize = 0;
	let first: Uint8Array | null = null;
	await streamEntry(
		source,
		entry,
		(bytes) => {
			first ??= bytes;
			tail.push(bytes);
			tailSize += bytes.length;
			while (tail.length > 1 && tailSize - tail[0]!.length >= TAIL)
				tailSize -= tail.shift()!.length;
		},
		{ signal },
	);
	if (!first) return [];
	// Most sheets end with a few hundred bytes after their rows: decode that first.
	const bytes = concatTail(tail, tailSize);
	for (const size of [1 << 16, bytes.length]) {
		const text = xmlDecoder(first).decode(bytes.subarray(Math.max(0, bytes.length - size)));
		// A character cut in two at the start only garbles what precedes `</sheetData>`.
		const close = text.lastIndexOf('sheetData>');
		if (close >= 0) return mergesIn(text.slice(close));
		if (size >= bytes.length && tail[0] === first) return mergesIn(text);
	}
	return mergesInWhole(source, entry, signal);
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
			const cut = text.lastIndexOf('<');
			out.push(...mergesIn(text.slice(0, cut < 0 ? text.length : cut)));
			carry = cut < 0 ? '' : text.slice(cut);
		},
		{ signal },
	);
	out.push(...mergesIn(carry));
	return out;
}
