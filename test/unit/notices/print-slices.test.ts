// How many notices the print preview builds per task: fewer when the last slice was slow, more
// (at most twice as many, at most MAX_SLICE) when it was quick, and never none, so a run always
// finishes, whatever the clock says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SLICE, nextSliceSize, SLICE_BUDGET_MS } from '../../../src/notices/print-slices.ts';

describe('nextSliceSize', () => {
	it('builds as many as fit the budget at the last slice’s pace', () => {
		// 4 notices in 16 ms: 4 ms each, so 3 fit in 12 ms.
		expect(SLICE_BUDGET_MS).toBe(12);
		expect(nextSliceSize(4, 16)).toBe(3);
		// 8 notices in 80 ms: 10 ms each, one fits.
		expect(nextSliceSize(8, 80)).toBe(1);
	});

	it('at most doubles after a quick slice, up to the most per task', () => {
		expect(nextSliceSize(4, 2)).toBe(8);
		expect(nextSliceSize(8, 2)).toBe(16);
		expect(nextSliceSize(16, 2)).toBe(MAX_SLICE);
		expect(nextSliceSize(MAX_SLICE, 1)).toBe(MAX_SLICE);
	});

	it('still builds one notice per task on a very slow device', () => {
		expect(nextSliceSize(1, 500)).toBe(1);
		expect(nextSliceSize(20, 10_000)).toBe(1);
	});

	it('grows as after a quick slice when the clock stood still, went back or is not a number', () => {
		expect(nextSliceSize(4, 0)).toBe(8);
		expect(nextSliceSize(4, -5)).toBe(8);
		expect(nextSliceSize(4, Number.NaN)).toBe(8);
		expect(nextSliceSize(4, Number.POSITIVE_INFINITY)).toBe(8);
	});

	it('is always a whole number from 1 to MAX_SLICE', () => {
		fc.assert(
			fc.property(fc.oneof(fc.integer(), fc.double()), fc.double(), (size, took) => {
				const next = nextSliceSize(size, took);
				expect(Number.isInteger(next)).toBe(true);
				expect(next).toBeGreaterThanOrEqual(1);
				expect(next).toBeLessThanOrEqual(MAX_SLICE);
			}),
		);
	});
});
