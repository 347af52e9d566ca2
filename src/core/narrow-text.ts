// A block's values as the record store holds them in memory: one string of one byte per
// character. JavaScript engines keep a string in one byte per character only while all of it
// fits Latin-1, and a decoded file chunk holding one Chinese name or emoji is two bytes per
// character from end to end, as is every value sliced from it and every block joined from those.
// With a few such rows in each block of a real list, a million rows took twice the memory they
// need (Chromium, 1M bench rows: renderer peak RSS 650–778 MB against 492–501 MB,
// docs/decisions.md). So the values holding a character past U+00FF are set apart, and the rest
// is copied into a string of one byte per character, in memory and in storage (`StoredWide`).

/**
 * Whether the bytes are written as UTF-8 (Node) or Latin-1 (elsewhere), whichever decodes
 * fastest where the code runs (per 1,024-row block of the bench file): Chromium's windows-1252
 * decoder after a byte loop took 0.2 ms, encoding to UTF-8 and decoding it 0.5–1.1 ms; Node's
 * windows-1252 decoder is slow (1.3 ms), its UTF-8 one fast (0.15 ms there and back). Both
 * decoders return one byte per character when it fits (V8, JavaScriptCore).
 */
const IN_NODE =
	(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !==
	undefined;
const utf8 = new TextDecoder();
const latin1 = new TextDecoder('windows-1252');
/** Reused across blocks; grown when a block's values need more. */
let buffer = new Uint8Array(1 << 18);

export interface NarrowText {
	/** The values, each value set apart in `wide` left empty here. */
	text: string;
	/** End offset in `text` of each value. */
	ends: Uint32Array<ArrayBuffer>;
	/** The values set apart (see packValues), by value index, in index order; or null. */
	wide: Map<number, string> | null;
}

/**
 * A block's values joined into one string of one byte per character. Set apart: the values
 * with a character past U+00FF, or a C1 control (U+0080–U+009F), which windows-1252 decodes to
 * other characters (0x80 is €); no name has one. One pass writes each kept character's bytes
 * and one decode makes the string: cheaper than joining the values and copying the join again.
 * `viaBytes`: Latin-1 bytes (exported for the tests, which run in Node, to cover both ways).
 */
export function packValues(values: readonly string[], viaBytes = !IN_NODE): NarrowText {
	let length = 0;
	for (const v of values) length += v.length;
	// UTF-8 takes at most two bytes for each character kept.
	if (buffer.length < length * 2) buffer = new Uint8Array(length * 2);
	const bytes = buffer;
	const ends = new Uint32Array(values.length);
	let wide: Map<number, string> | null = null;
	let at = 0;
	let end = 0;
	for (let k = 0; k < values.length; k++) {
		const v = values[k] as string;
		const from = at;
		let kept = true;
		for (let i = 0; i < v.length; i++) {
			const c = v.charCodeAt(i);
			if (c < 0x80) bytes[at++] = c;
			else if (c < 0xa0 || c > 0xff) {
				(wide ??= new Map()).set(k, v);
				at = from;
				kept = false;
				break;
			} else if (viaBytes) bytes[at++] = c;
			else {
				bytes[at++] = 0xc0 | (c >> 6);
				bytes[at++] = 0x80 | (c & 0x3f);
			}
		}
		if (kept) end += v.length;
		ends[k] = end;
	}
	const text = at === 0 ? '' : (viaBytes ? latin1 : utf8).decode(bytes.subarray(0, at));
	return { text, ends, wide };
}

/** How a stored block keeps its set-apart values: their indexes and the values, in order. */
export interface StoredWide {
	at: Uint32Array<ArrayBuffer>;
	values: string[];
}

export function storedWide(wide: Map<number, string>): StoredWide {
	return { at: Uint32Array.from(wide.keys()), values: [...wide.values()] };
}

export function wideMap(stored: StoredWide): Map<number, string> {
	const wide = new Map<number, string>();
	stored.values.forEach((value, i) => wide.set(stored.at[i] as number, value));
	return wide;
}

/** Value `k` of packed values (spelled out, not a `NarrowText`: it runs per cell read). */
export function narrowValue(
	text: string,
	ends: Uint32Array,
	wide: Map<number, string> | null,
	k: number,
): string {
	const from = k === 0 ? 0 : (ends[k - 1] as number);
	const to = ends[k] as number;
	if (from === to) return wide?.get(k) ?? '';
	return text.substring(from, to);
}

/**
 * Calls `visit` with each value set apart, its row in the block and its place in the row (0 is
 * the email; `starts`: each row's first value): search looks at these on their own, as they are
 * empty slots in the text.
 */
export function forEachWide(
	wide: Map<number, string>,
	starts: Uint32Array,
	count: number,
	visit: (row: number, slot: number, value: string) => void,
): void {
	for (const [k, value] of wide) {
		let lo = 0;
		let hi = count - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((starts[mid] as number) <= k) lo = mid;
			else hi = mid - 1;
		}
		visit(lo, k - (starts[lo] as number), value);
	}
}
