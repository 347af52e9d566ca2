// How many notices the print preview builds per task. Building a notice costs a few ms of script,
// then style, layout and garbage collection after it, all in the same task: a task over 50 ms
// is one the pro can feel (a click or a scroll waits for it). The next slice is sized from how
// long the last one took, so a busy or slow device builds fewer per task, a fast one more.

/** The first slice after the first page: small, as nothing is known of this device yet. */
export const FIRST_SLICE = 4;
/** Time a slice's script may take: the rest of a 50 ms task is left to style, layout and GC. */
export const SLICE_BUDGET_MS = 12;
/** Never more per task, however fast: one garbage collection must still fit beside a slice. */
export const MAX_SLICE = 24;

/**
 * The size of the next slice, given that `size` notices took `tookMs` to build: the number that
 * fits the budget at that pace, at most doubling at once (one quick slice may be luck), at least
 * one notice (the run always moves on), at most MAX_SLICE.
 */
export function nextSliceSize(size: number, tookMs: number): number {
	const last = Number.isFinite(size) && size >= 1 ? Math.floor(size) : 1;
	// A clock that stood still (or went back) says nothing: grow as after a quick slice.
	const perNotice = Number.isFinite(tookMs) && tookMs > 0 ? tookMs / last : 0;
	const fits = perNotice > 0 ? Math.floor(SLICE_BUDGET_MS / perNotice) : Infinity;
	return Math.max(1, Math.min(fits, last * 2, MAX_SLICE));
}
