// A block's values as the record store holds them in memory: one string of one byte per
// character. JavaScript engines keep a string in one byte per character only while all of it
// fits Latin-1, and a decoded file chunk holding one Chinese name or emoji is two bytes per
// character from end to end, as is every value sliced from it and every block joined from those.
// With a few such rows in each block of a real list, a million rows took twice the memory they
// need (Chromium, 1M bench rows: renderer peak RSS 650–778 MB against 492–501 MB,
// docs/decisions.md). So the values holding a character past U+00FF are set apart, and the rest
// is copied into a string of one byte per character, in memory and in storage (`StoredWide`).
import { NarrowBuilder } from './narrow-builder.ts';

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
 * `viaBuffer`: the string made through Node's Buffer where there is one, else through a
 * TextDecoder as in browsers (the tests, which run in Node, cover both ways).
 */
export function packValues(values: readonly string[], viaBuffer = true): NarrowText {
	const builder = new NarrowBuilder(values.length, viaBuffer);
	for (const v of values) builder.pushString(v);
	return builder.finish();
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
