// A block as IndexedDB keeps it: its numbers as characters of strings where they fit, instead
// of typed arrays of four bytes each.
// - Each value's length (`lens`) instead of the end offsets (`ends`): a 1,024-row block's ends
//   are 36 KB of its ~210 KB, and as lengths they are 9 KB (one byte a value while every value
//   is under 256 characters). The million-row draft took 56 MB of IndexedDB instead of 83 MB
//   (navigator.storage.estimate() after the import), which a shared tablet's quota feels.
// - Each row's count of values (`counts`) instead of where its values start (`starts`), and the
//   row numbers as the first one and the steps between them (`rowsFrom`, `rowSteps`, absent
//   when every step is one, as in a file without blank lines) instead of `rows`: 8 KB a block
//   that neither Chromium's compression nor its database could shrink. Storing is what fills the
//   second core while a file is read: as strings, the 1M import's browser process used 0.24 s
//   less CPU (1.08 → 0.84 s) and the import went 3.77 → 3.34 s (medians of four alternated
//   pairs, docs/decisions.md).
// Blocks stored before, and blocks whose numbers do not fit a character, are kept and read
// with the arrays.
import type { BlockRecord } from './db.ts';

/** Largest number a character holds. */
const MAX_CHAR = 0xffff;
/** Numbers turned into characters per call (well under any engine's argument limit). */
const SPAN = 4096;

/**
 * What the blocks table holds: `ends` or `lens`; `starts` or `counts`; `rows` or `rowsFrom`
 * (with `rowSteps` unless every step is one). The arrays in older records and where a number
 * does not fit a character.
 */
export type StoredBlock = Omit<BlockRecord, 'ends' | 'starts' | 'rows'> & {
	ends?: Uint32Array;
	lens?: string;
	starts?: Uint32Array;
	counts?: string;
	rows?: Int32Array;
	rowsFrom?: number;
	rowSteps?: string;
};

/** `numbers` as a string of one character each (every one must be 0…MAX_CHAR). */
function charsOf(numbers: Uint16Array): string {
	const parts: string[] = [];
	for (let k = 0; k < numbers.length; k += SPAN)
		parts.push(
			String.fromCharCode.apply(null, numbers.subarray(k, k + SPAN) as unknown as number[]),
		);
	return parts.join('');
}

/** The steps between neighbours of `sorted` (from 0 before the first), or null if one does not fit. */
function stepsOf(sorted: Uint32Array | Int32Array, from: number): Uint16Array | null {
	// Each number read once, the length once: 11M numbers a million rows, and this took a
	// quarter longer reading each twice (Node, docs/decisions.md).
	const n = sorted.length;
	const steps = new Uint16Array(n);
	let before = from;
	for (let k = 0; k < n; k++) {
		const v = sorted[k] as number;
		const step = v - before;
		if (step < 0 || step > MAX_CHAR) return null;
		steps[k] = step;
		before = v;
	}
	return steps;
}

/** Running sums of a string's character codes, from `from`. */
function sumsOf(chars: string, into: Uint32Array | Int32Array, at: number, from: number): void {
	let sum = from;
	for (let k = 0; k < chars.length; k++) {
		sum += chars.charCodeAt(k);
		into[at + k] = sum;
	}
}

/** The block as stored: its numbers as strings where every one fits. */
export function storedBlock(block: BlockRecord): StoredBlock {
	const { ends, starts, rows, ...rest } = block;
	const stored: StoredBlock = { ...rest };
	const lens = stepsOf(ends, 0);
	if (lens) stored.lens = charsOf(lens);
	else stored.ends = ends;
	const counts = starts[0] === 0 ? stepsOf(starts.subarray(1), 0) : null;
	if (counts) stored.counts = charsOf(counts);
	else stored.starts = starts;
	const first = rows.length > 0 ? (rows[0] as number) : 0;
	const steps = stepsOf(rows.subarray(1), first);
	if (steps) {
		stored.rowsFrom = first;
		if (steps.some((s) => s !== 1)) stored.rowSteps = charsOf(steps);
	} else stored.rows = rows;
	return stored;
}

/** The block as the store works with it: its arrays again. */
export function openedBlock(stored: StoredBlock): BlockRecord {
	const { lens, counts, rowsFrom, rowSteps, ...rest } = stored;
	const block = rest as Partial<BlockRecord> & Omit<BlockRecord, 'ends' | 'starts' | 'rows'>;
	if (lens !== undefined) {
		const ends = new Uint32Array(lens.length);
		sumsOf(lens, ends, 0, 0);
		block.ends = ends;
	}
	if (counts !== undefined) {
		const starts = new Uint32Array(counts.length + 1);
		sumsOf(counts, starts, 1, 0);
		block.starts = starts;
	}
	if (rowsFrom !== undefined) {
		const rows = new Int32Array(stored.count);
		if (rows.length > 0) rows[0] = rowsFrom;
		if (rowSteps !== undefined) sumsOf(rowSteps, rows, 1, rowsFrom);
		else for (let k = 1; k < rows.length; k++) rows[k] = rowsFrom + k;
		block.rows = rows;
	}
	return block as BlockRecord;
}
