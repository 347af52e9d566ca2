// The grid's virtual-scroll maths without a browser: which rows are drawn, the scaled scroll
// range of drafts taller than an element may be, and scrolling a row into view — checked on
// drafts of up to ten million rows with the browser's rounding of scrollTop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	ANCHOR_ROWS,
	fillerHeight,
	layerOffset,
	MAX_SCROLL_HEIGHT,
	offsetInLayer,
	pageRows,
	revealScrollTop,
	ROW_HEIGHT,
	rowsAnchor,
	rowsToLoad,
	toContentTop,
	toScrollTop,
	viewport,
	visibleRange,
	type Viewport,
} from '../../../src/ui/grid/viewport.ts';

/** Float slack for comparisons of pixel positions near 440 million px: far below a pixel. */
const EPS = 1e-6;

const grid = (rows: number, bodyHeight = 556) =>
	viewport(rows, ROW_HEIGHT, bodyHeight, MAX_SCROLL_HEIGHT);

/**
 * What the scroller keeps of `scrollTop = value`: Chromium rounds it to a whole pixel (measured
 * in Chromium 156 at device pixel ratio 1: 10.3 → 10, 10.5 → 11) within its scroll range.
 */
function browserScrollTop(value: number, view: Viewport): number {
	return Math.max(0, Math.min(Math.round(value), fillerHeight(view)));
}

/** Where row `position` shows, from the top of the rows' area, with the view at `contentTop`. */
const rowOffset = (position: number, contentTop: number, view: Viewport) =>
	position * view.rowHeight - contentTop;

/** Whether row `position` is wholly inside the view at `contentTop`. */
function fullyInView(position: number, contentTop: number, view: Viewport): boolean {
	const top = rowOffset(position, contentTop, view);
	return top >= -EPS && top + view.rowHeight <= view.bodyHeight + EPS;
}

const inRange = (position: number, range: { first: number; count: number }) =>
	position >= range.first && position < range.first + range.count;

/** A draft (up to 10M rows) and a grid between the screen's minimum and a tall monitor. */
const draftAndView = fc
	.record({
		rows: fc.oneof(
			fc.integer({ min: 0, max: 50 }),
			fc.integer({ min: 0, max: 10_000_000 }),
			// Around the size where scaling starts (8M px / 44 px ≈ 181,818 rows).
			fc.integer({ min: 181_000, max: 183_000 }),
		),
		bodyHeight: fc.oneof(
			fc.integer({ min: 212, max: 2000 }),
			fc.double({ min: 212, max: 2000, noNaN: true }),
		),
	})
	.map(({ rows, bodyHeight }) => grid(rows, bodyHeight));

/** A view and a scroll position the scroller can be at (whole pixels, as the browser keeps). */
const scrolled = draftAndView.chain((view) =>
	fc.record({
		view: fc.constant(view),
		scrollTop: fc.integer({ min: 0, max: Math.floor(fillerHeight(view)) }),
	}),
);

describe('viewport', () => {
	it('scrolls a small draft one to one, and draws all of it', () => {
		const view = grid(5);
		expect(view.ratio).toBe(1);
		expect(view.contentHeight).toBe(5 * 44);
		expect(fillerHeight(view)).toBe(0);
		expect(visibleRange(0, view)).toEqual({ first: 0, count: 5 });
	});

	it('caps the scroll area of a million rows and maps its whole range onto the draft', () => {
		const view = grid(1_000_000);
		expect(view.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
		expect(view.ratio).toBeGreaterThan(5);
		const bottom = toContentTop(fillerHeight(view), view);
		expect(bottom).toBeCloseTo(view.contentHeight - view.bodyHeight, 3);
		const range = visibleRange(bottom, view);
		expect(range.first + range.count).toBe(1_000_000);
		expect(inRange(999_999, range)).toBe(true);
	});

	it('draws the rows in view plus one, from the first one partly in view', () => {
		const view = grid(100, 556);
		expect(visibleRange(44 * 10 + 20, view)).toEqual({ first: 10, count: 14 });
		expect(visibleRange(44 * 95, view)).toEqual({ first: 95, count: 5 });
		// A scroll position left over from a longer view (the browser clamps it next) draws none.
		expect(visibleRange(44 * 200, view)).toEqual({ first: 200, count: 0 });
	});

	it('loads the overscan around the view, within the draft', () => {
		expect(rowsToLoad({ first: 10, count: 14 }, 24, 100)).toEqual({ from: 0, to: 48 });
		expect(rowsToLoad({ first: 80, count: 14 }, 24, 100)).toEqual({ from: 56, to: 100 });
	});

	it('pages by a screenful less one row, and by one row in a tiny view', () => {
		expect(pageRows(grid(1000, 556))).toBe(11);
		expect(pageRows(grid(1000, 44))).toBe(1);
	});

	it('draws each row where its layer and its place in it say: at its offset, within a few screens', () => {
		fc.assert(
			fc.property(scrolled, ({ view, scrollTop }) => {
				const contentTop = toContentTop(scrollTop, view);
				const range = visibleRange(contentTop, view);
				const anchor = rowsAnchor(range.first);
				const layer = layerOffset(anchor, contentTop, view);
				// Small numbers whatever the draft: the layer within an anchor's rows of the view.
				expect(layer).toBeLessThanOrEqual(EPS);
				expect(layer).toBeGreaterThan(-ANCHOR_ROWS * view.rowHeight);
				for (let p = range.first; p < range.first + range.count; p++) {
					const place = offsetInLayer(p, anchor, view);
					expect(place).toBeLessThan((ANCHOR_ROWS + range.count) * view.rowHeight);
					expect(Math.abs(layer + place - rowOffset(p, contentTop, view))).toBeLessThan(EPS);
				}
			}),
		);
	});

	it('never makes the scroll area taller than the cap', () => {
		fc.assert(
			fc.property(draftAndView, (view) => {
				expect(view.scrollHeight).toBeLessThanOrEqual(MAX_SCROLL_HEIGHT);
				expect(view.ratio).toBeGreaterThanOrEqual(1);
			}),
		);
	});

	it('draws only rows of the draft, and at least one when it has any', () => {
		fc.assert(
			fc.property(scrolled, ({ view, scrollTop }) => {
				const range = visibleRange(toContentTop(scrollTop, view), view);
				expect(range.first).toBeGreaterThanOrEqual(0);
				expect(range.first + range.count).toBeLessThanOrEqual(view.rows);
				expect(range.count > 0).toBe(view.rows > 0);
			}),
		);
	});

	it('draws every row that is even partly in view', () => {
		fc.assert(
			fc.property(scrolled, ({ view, scrollTop }) => {
				const top = toContentTop(scrollTop, view);
				const range = visibleRange(top, view);
				const lastInView = Math.min(view.rows, Math.ceil((top + view.bodyHeight) / ROW_HEIGHT));
				expect(range.first * ROW_HEIGHT).toBeLessThanOrEqual(top + EPS);
				expect(range.first + range.count).toBeGreaterThanOrEqual(lastInView);
			}),
		);
	});

	it('moves forward through the draft as the scrollbar moves down, and maps back', () => {
		const twoPositions = draftAndView.chain((view) => {
			const max = Math.floor(fillerHeight(view));
			return fc.record({
				view: fc.constant(view),
				a: fc.integer({ min: 0, max }),
				b: fc.integer({ min: 0, max }),
			});
		});
		fc.assert(
			fc.property(twoPositions, ({ view, a, b }) => {
				const [low, high] = a <= b ? [a, b] : [b, a];
				const lowTop = toContentTop(low, view);
				const highTop = toContentTop(high, view);
				expect(lowTop).toBeLessThanOrEqual(highTop);
				expect(visibleRange(lowTop, view).first).toBeLessThanOrEqual(
					visibleRange(highTop, view).first,
				);
				expect(toScrollTop(highTop, view)).toBeCloseTo(high, 6);
			}),
		);
	});

	it('reaches the last row at the end of the scroll range', () => {
		fc.assert(
			fc.property(draftAndView, (view) => {
				fc.pre(view.rows > 0);
				const range = visibleRange(toContentTop(fillerHeight(view), view), view);
				expect(inRange(view.rows - 1, range)).toBe(true);
			}),
		);
	});
});

describe('revealScrollTop', () => {
	const view = grid(100, 556);

	it('scrolls the least: a row below ends at the bottom, a row above starts at the top', () => {
		expect(revealScrollTop(20, 0, view)).toBe(21 * 44 - 556);
		expect(revealScrollTop(5, 44 * 10, view)).toBe(5 * 44);
	});

	it('does not scroll for a row already wholly in view', () => {
		expect(revealScrollTop(3, 0, view)).toBeNull();
		expect(revealScrollTop(11, 0, view)).toBeNull();
	});

	it('centres a row when asked, within the scroll range', () => {
		expect(revealScrollTop(50, 0, view, true)).toBe(50 * 44 - 556 / 2 + 22);
		expect(revealScrollTop(0, 44 * 10, view, true)).toBe(0);
		expect(revealScrollTop(99, 0, view, true)).toBe(100 * 44 - 556);
	});

	it('keeps a row revealed above the view of a million rows wholly in view', () => {
		const million = grid(1_000_000);
		const from = toContentTop(
			browserScrollTop(toScrollTop(500_010 * 44, million), million),
			million,
		);
		const target = revealScrollTop(500_000, from, million);
		if (target === null) throw new Error('row 500,000 is out of view: it must scroll');
		const after = toContentTop(browserScrollTop(target, million), million);
		// Rounded to the nearest pixel, the row's top stayed 2.5 px under the header.
		expect(rowOffset(500_000, after, million)).toBeGreaterThanOrEqual(0);
		expect(rowOffset(500_000, after, million)).toBeLessThan(million.ratio);
	});

	/** A draft, a row of it, and where the scroller is before the row is revealed. */
	const revealCase = scrolled.chain(({ view, scrollTop }) =>
		fc.record({
			view: fc.constant(view),
			scrollTop: fc.constant(scrollTop),
			position: fc.integer({ min: 0, max: Math.max(0, view.rows - 1) }),
			centre: fc.boolean(),
		}),
	);

	it('brings any row wholly into view and into the drawn range, after the browser rounds', () => {
		fc.assert(
			fc.property(revealCase, ({ view, scrollTop, position, centre }) => {
				fc.pre(view.rows > 0);
				const target = revealScrollTop(position, toContentTop(scrollTop, view), view, centre);
				const after = target === null ? scrollTop : browserScrollTop(target, view);
				const top = toContentTop(after, view);
				expect(fullyInView(position, top, view)).toBe(true);
				expect(inRange(position, visibleRange(top, view))).toBe(true);
			}),
			{ numRuns: 500 },
		);
	});

	it('reveals the last row of a scaled draft once, at the end of the scroll range', () => {
		// Found by the property below (seed 1094442022): ceil rounded one pixel past the end, the
		// browser stopped at the end, and float dust then asked to scroll there again, forever.
		const view = viewport(181_960, ROW_HEIGHT, 1196, MAX_SCROLL_HEIGHT);
		const first = revealScrollTop(181_959, toContentTop(4_239_376, view), view);
		expect(first).toBe(fillerHeight(view));
		expect(revealScrollTop(181_959, toContentTop(first as number, view), view)).toBeNull();
	});

	it('leaves the scroller alone when the same row is revealed again', () => {
		fc.assert(
			fc.property(revealCase, ({ view, scrollTop, position }) => {
				fc.pre(view.rows > 0);
				const target = revealScrollTop(position, toContentTop(scrollTop, view), view);
				const after = target === null ? scrollTop : browserScrollTop(target, view);
				expect(revealScrollTop(position, toContentTop(after, view), view)).toBeNull();
			}),
			{ numRuns: 500 },
		);
	});
});
