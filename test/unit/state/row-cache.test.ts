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
