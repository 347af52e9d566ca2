// Strings kept past the block they were read into. A cell is a slice of the decoded file chunk
// it came from, and V8 keeps a slice of 13 characters or more as a pointer into its parent: an
// issue that quotes a cell kept that whole chunk alive. Issues on rows all through a file kept
// every chunk, 163 MB of a 1M-row import's heap (Node heap profile, sampling by allocation).

/** `s` as a string of its own: the same characters, holding no larger string alive. */
export function ownString(s: string): string {
	// Concatenating makes a rope; slicing it flattens the rope into a new string first.
	return s.length === 0 ? s : (' ' + s).slice(1);
}

/** `params` with each string value made a string of its own. */
export function ownStrings<T extends Record<string, string | number>>(params: T): T {
	const out = {} as Record<string, string | number>;
	for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? ownString(v) : v;
	return out as T;
}
