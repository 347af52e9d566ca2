// Whether reading is inside a quoted cell at a line start, worked out backwards from the quotes
// before it: between two quotes nothing changes, so only the lines that hold quotes are read,
// from the last one back until reading them from a record start and from inside a quoted cell
// ends in the same state.
import type { Delimiter } from './csv-reader.ts';
import { DECODINGS, firstBreakEnd, QUOTE, recordEnds } from './csv-split-scan.ts';
import type { RandomAccessSource } from './workbook/types.ts';

/**
 * A quote open for more than 8 M characters (STALLED_BYTES in csv-reader.ts, at most three
 * UTF-8 bytes each) is read literally by the reader from then on: with no quote within this many
 * bytes before a line start, a record starts there.
 */
const QUOTE_FREE = 32 << 20;
const BLOCK = 1 << 20;
/** Lines longer than this are not looked through: the state is then unknown. */
const LONGEST_LINE = 4 << 20;
/** Lines with quotes looked at before giving up. */
const MAX_STEPS = 64;

/**
 * True when reading is inside a quoted cell at `at` (a line start after `start`, where the text
 * begins), false when a record starts there; null when that cannot be told for sure, in either
 * decoding.
 */
export async function quoteStateAt(
	source: RandomAccessSource,
	at: number,
	start: number,
	delimiter: Delimiter,
): Promise<boolean | null> {
	// Each step gives the state at `p` from the state at the start of the line of the last
	// quote before it (for a record start, for a quoted cell); undefined where it is unsure.
	const steps: [boolean | undefined, boolean | undefined][] = [];
	let p = at;
	let known: boolean | null = null;
	for (let step = 0; step < MAX_STEPS && known === null; step++) {
		const quote = p === start ? null : await lastQuoteBefore(source, p, start);
		if (quote === null) {
			known = false;
			break;
		}
		const line = await lineStartBefore(source, quote, start);
		if (line === null) return null;
		const bytes = await source.read(line, Math.min(source.size, p + 1, quote + LONGEST_LINE));
		const lineEnd = firstBreakEnd(bytes, quote - line + 1);
		if (lineEnd === -1 || line + lineEnd > p) return null;
		const region = bytes.subarray(0, lineEnd);
		const after = (quoted: boolean): boolean | undefined => {
			let state: boolean | undefined;
			for (const decoding of DECODINGS) {
				const found = recordEnds(region, line, quoted, delimiter, decoding);
				if (found === null) continue;
				const inside = found.ends[found.ends.length - 1] !== line + lineEnd;
				if (state !== undefined && state !== inside) return undefined;
				state = inside;
			}
			return state;
		};
		const fromRecord = after(false);
		const fromQuoted = after(true);
		if (fromRecord !== undefined && fromRecord === fromQuoted) known = fromRecord;
		else {
			steps.push([fromRecord, fromQuoted]);
			p = line;
		}
	}
	if (known === null) return null;
	let state: boolean | undefined = known;
	for (let i = steps.length - 1; i >= 0; i--) {
		const [fromRecord, fromQuoted] = steps[i] as [boolean | undefined, boolean | undefined];
		state = state ? fromQuoted : fromRecord;
		if (state === undefined) return null;
	}
	return state;
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

/** The start of the line holding `at`: after the line break before it, or `floor`. */
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
		if (at - from > LONGEST_LINE) return null;
	}
	return floor;
}
