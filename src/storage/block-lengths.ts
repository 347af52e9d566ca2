// A block as IndexedDB keeps it: each value's length as one character of a string (`lens`)
// instead of the end offsets (`ends`, a Uint32Array). A 1,024-row block's ends are 36 KB of its
// ~210 KB, and as lengths they are 9 KB (one byte a value while every value is under 256
// characters). The million-row draft takes 56 MB of IndexedDB instead of 83 MB (what
// navigator.storage.estimate() reports after the import), which a shared tablet's quota feels;
// the import's time moved within its noise. Blocks stored before (with `ends`), and blocks with
// a value longer than a string's character can count, are kept and read with `ends`.
import type { BlockRecord } from './db.ts';

/** Longest value a `lens` character can count. */
const MAX_LENGTH = 0xffff;
/** Lengths turned into characters per call (well under any engine's argument limit). */
const SPAN = 4096;

/** What the blocks table holds: `ends` (older records, very long values) or `lens`. */
export type StoredBlock = Omit<BlockRecord, 'ends'> & { ends?: Uint32Array; lens?: string };

/** The block as stored: its value ends as a string of lengths, when every value fits. */
export function storedBlock(block: BlockRecord): StoredBlock {
	const { ends, ...rest } = block;
	const lengths = new Uint16Array(ends.length);
	let before = 0;
	for (let k = 0; k < ends.length; k++) {
		const end = ends[k] as number;
		if (end - before > MAX_LENGTH) return block;
		lengths[k] = end - before;
		before = end;
	}
	const parts: string[] = [];
	for (let k = 0; k < lengths.length; k += SPAN)
		parts.push(
			String.fromCharCode.apply(null, lengths.subarray(k, k + SPAN) as unknown as number[]),
		);
	return { ...rest, lens: parts.join('') };
}

/** The block as the store works with it: value ends again. */
export function openedBlock(stored: StoredBlock): BlockRecord {
	const { lens, ...rest } = stored;
	if (lens === undefined) return stored as BlockRecord;
	const ends = new Uint32Array(lens.length);
	let end = 0;
	for (let k = 0; k < lens.length; k++) {
		end += lens.charCodeAt(k);
		ends[k] = end;
	}
	return { ...rest, ends } as BlockRecord;
}
