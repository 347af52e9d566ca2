// The draft grid's virtual-scroll maths, with no DOM: which rows are in view, how the scroll
// area is scaled when a draft is taller than a browser lets an element be, and where to scroll
// to bring a row into view. DraftGrid.svelte feeds it the scroller's scrollTop and height (as
// TanStack keeps virtual-core apart from its framework adapters); docs/decisions.md, "Grid:
// hand-written virtual scrolling", says why the grid does not use a library.
//
// Two coordinates: `scrollTop`, the scroller's own (at most `scrollHeight - bodyHeight`), and
// `contentTop`, the same place in the full-scale column of rows (rows × rowHeight px high).
// They are equal until the rows outgrow `maxHeight`; past it, one scroll pixel is `ratio` pixels
// of rows, so the scrollbar still spans the whole draft.

/** The grid's rows (and its header) are 44 px high: a touch target each. */
export const ROW_HEIGHT = 44;
/** The tallest scroll area used; Chromium caps an element's height near 33.5 million px. */
export const MAX_SCROLL_HEIGHT = 8_000_000;
/** Rows loaded beyond each edge of the view, so a glide finds them ready. */
export const OVERSCAN = 24;

export interface Viewport {
	rows: number;
	rowHeight: number;
	/** The height in view for rows: the scroller's height less the header's. */
	bodyHeight: number;
	/** Every row at full scale. */
	contentHeight: number;
	/** The scroll area's height: the rows', capped at the tallest element used. */
	scrollHeight: number;
	/** Content pixels per scroll pixel: 1 until the cap, more past it. */
	ratio: number;
}

/** The rows `[first, first + count)` of the view; `count` is 0 when none are in view. */
export interface RowRange {
	first: number;
	count: number;
}

export function viewport(
	rows: number,
	rowHeight: number,
	bodyHeight: number,
	maxHeight: number,
): Viewport {
	const contentHeight = rows * rowHeight;
	const scrollHeight = Math.min(contentHeight, maxHeight);
	// The last scroll position must show the last rows: map the scroll range, not the heights.
	const ratio =
		scrollHeight > bodyHeight ? (contentHeight - bodyHeight) / (scrollHeight - bodyHeight) : 1;
	return { rows, rowHeight, bodyHeight, contentHeight, scrollHeight, ratio };
}

export function toContentTop(scrollTop: number, view: Viewport): number {
	return scrollTop * view.ratio;
}

export function toScrollTop(contentTop: number, view: Viewport): number {
	return contentTop / view.ratio;
}

/** The height of the element below the sticky window that gives the scroller its range. */
export function fillerHeight(view: Viewport): number {
	return Math.max(0, view.scrollHeight - view.bodyHeight);
}

/** The rows drawn at `contentTop`: the first one in view (even partly) and those below it. */
export function visibleRange(contentTop: number, view: Viewport): RowRange {
	const first = Math.max(0, Math.floor(contentTop / view.rowHeight));
	const fit = Math.ceil(view.bodyHeight / view.rowHeight) + 1;
	return { first, count: Math.max(0, Math.min(view.rows - first, fit)) };
}

/** The rows to have loaded around `range`: `overscan` more each side, within the draft. */
export function rowsToLoad(
	range: RowRange,
	overscan: number,
	rows: number,
): { from: number; to: number } {
	return {
		from: Math.max(0, range.first - overscan),
		to: Math.min(rows, range.first + range.count + overscan),
	};
}

/**
 * Rows are drawn in a layer placed at an anchor row, which moves only every ANCHOR_ROWS rows:
 * a scroll of a few rows moves the layer, and each row keeps its place in it (its inline style
 * unchanged). Past the scroll cap a step leaves rows at fresh fractional offsets, and Chromium
 * restyled every row with its cells from scratch: 1M rows, a glide step's style and layout took
 * 5.2–5.8 ms against 2.0–2.4 ms with the layer (docs/decisions.md).
 */
export const ANCHOR_ROWS = 256;

/** The anchor of the rows' layer when `first` is the first row drawn. */
export function rowsAnchor(first: number): number {
	return first - (first % ANCHOR_ROWS);
}

/** Where the layer anchored at row `anchor` goes, from the top of the rows' area. */
export function layerOffset(anchor: number, contentTop: number, view: Viewport): number {
	return anchor * view.rowHeight - contentTop;
}

/** Where row `position` is drawn in the layer anchored at `anchor` (plus layerOffset: on screen). */
export function offsetInLayer(position: number, anchor: number, view: Viewport): number {
	return (position - anchor) * view.rowHeight;
}

/** How far Page Up and Page Down move: a screenful less one row, so one row stays in sight. */
export function pageRows(view: Viewport): number {
	return Math.max(1, Math.floor(view.bodyHeight / view.rowHeight) - 1);
}

/**
 * The scrollTop that brings row `position` fully into view: the least scrolling (its edge at the
 * nearest edge of the view), or centred; null when nothing needs to move.
 */
export function revealScrollTop(
	position: number,
	contentTop: number,
	view: Viewport,
	centre = false,
): number | null {
	const { rowHeight, bodyHeight } = view;
	const top = position * rowHeight;
	let wanted: number;
	// Browsers keep scrollTop in whole pixels, and past the cap one pixel is `ratio` pixels of
	// rows: round towards the side that keeps the row's far edge in view, or a row revealed at
	// an edge of a million-row draft stays a few pixels out of it. (A centred row has room
	// either way but for the last one, which must round down the view: up.)
	let round = Math.ceil;
	// Scaling a scroll position to content pixels and back leaves float dust: a row within it of
	// an edge is at that edge (or the last row, at the bottom, would be "revealed" forever).
	const dust = 1e-6;
	if (centre) wanted = top - bodyHeight / 2 + rowHeight / 2;
	else if (top < contentTop - dust) {
		wanted = top;
		round = Math.floor;
	} else if (top + rowHeight > contentTop + bodyHeight + dust)
		wanted = top + rowHeight - bodyHeight;
	else return null;
	wanted = Math.max(0, Math.min(wanted, view.contentHeight - bodyHeight));
	if (Math.abs(wanted - contentTop) <= dust) return null;
	// Never past the end of the scroll range: the browser would stop there anyway.
	return Math.min(round(toScrollTop(wanted, view)), Math.ceil(fillerHeight(view)));
}

/**
 * The scrollLeft that brings a cell (`left`, `width` in the rows' pixels) fully into view right
 * of the frozen columns (`frozen` px wide, always shown); null when nothing needs to move. A
 * frozen cell is always in view; a cell wider than the room left shows its start.
 */
export function revealScrollLeft(
	cell: { left: number; width: number },
	scroll: { left: number; width: number },
	frozen: number,
): number | null {
	if (cell.left < frozen) return null;
	if (cell.left < scroll.left + frozen) return cell.left - frozen;
	if (cell.left + cell.width > scroll.left + scroll.width)
		return Math.min(cell.left + cell.width - scroll.width, cell.left - frozen);
	return null;
}
