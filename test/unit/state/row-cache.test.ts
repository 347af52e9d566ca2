// The row cache drops what an older view answers: its rows and its failures alike (a request
// left over from before a close or a reopen must not put "No draft is open." on the new screen,
// nor let the new view's page be asked for twice).
import { expect, it } from 'vitest';
import { RowCache } from '../../../src/state/row-cache.svelte.ts';
import type { RowView } from '../../../src/worker/views.ts';

interface Asked {
	offset: number;
	settle: { resolve: (r: { total: number; rows: RowView[] }) => void; reject: (e: Error) => void };
}

it('ignores a failure from an older view, and does not ask again for a page on its way', async () => {
	const asked: Asked[] = [];
	const errors: unknown[] = [];
	const cache = new RowCache(
		{
			rows: (offset) =>
				new Promise((resolve, reject) => asked.push({ offset, settle: { resolve, reject } })),
		},
		() => 10,
		(error) => errors.push(error),
	);
	cache.ensure(0, 10);
	expect(asked).toHaveLength(1);
	cache.invalidate();
	cache.ensure(0, 10);
	expect(asked).toHaveLength(2);
	asked[0]!.settle.reject(new Error('No draft is open.'));
	await new Promise((r) => setTimeout(r));
	expect(errors).toEqual([]);
	// The new view's page is still on its way: asking again sends nothing more.
	cache.ensure(0, 10);
	expect(asked).toHaveLength(2);
	// A failure of the view on screen is reported.
	asked[1]!.settle.reject(new Error('Storage is full'));
	await new Promise((r) => setTimeout(r));
	expect(errors).toEqual([new Error('Storage is full')]);
});

it('after a sync answer, reads again only the pages holding rows it changed', async () => {
	const asked: number[] = [];
	// Page n answers rows whose indexes are 10 × their position (a view with gaps), marked `v`.
	let v = 1;
	const cache = new RowCache(
		{
			rows: async (offset, limit) => {
				asked.push(offset);
				const rows = Array.from(
					{ length: Math.min(limit, 200 - offset) },
					(_, k) => ({ index: (offset + k) * 10, first_name: `v${v}` }) as unknown as RowView,
				);
				return { total: 200, rows };
			},
		},
		() => 200,
		() => undefined,
	);
	const settled = () => new Promise((r) => setTimeout(r));
	cache.ensure(0, 200);
	await settled();
	expect(asked).toEqual([0, 64, 128, 192]);

	// Indexes 2,000–2,500 are not cached (positions stop at 199, index 1,990): nothing is read.
	v = 2;
	cache.invalidateWithin(2000, 2500);
	cache.ensure(0, 200);
	await settled();
	expect(asked).toHaveLength(4);
	expect(cache.at(70)?.first_name).toBe('v1');

	// Index 700 is position 70, on the second page: only that page is read again, and its rows
	// stay on screen until the fresh ones come.
	cache.invalidateWithin(695, 705);
	expect(cache.at(70)?.first_name).toBe('v1');
	cache.ensure(0, 200);
	expect(asked).toEqual([0, 64, 128, 192, 64]);
	await settled();
	expect(cache.at(70)?.first_name).toBe('v2');
	expect(cache.at(0)?.first_name).toBe('v1');
	expect(cache.at(130)?.first_name).toBe('v1');
});
