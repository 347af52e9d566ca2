// The row cache under a grid's effect (runes in this file: it is compiled as a Svelte module).
import { flushSync } from 'svelte';
import { expect, it } from 'vitest';
import { RowCache } from '../../src/state/row-cache.svelte.ts';
import type { RowView } from '../../src/worker/views.ts';

it('asks for its rows again when a row read again empties it, with nothing else changed', async () => {
	const asked: { offset: number; limit: number }[] = [];
	let empty = false;
	const cache = new RowCache(
		{
			rows: async (offset, limit) => {
				asked.push({ offset, limit });
				const count = empty && limit === 1 ? 0 : limit;
				const rows = Array.from({ length: count }, (_, k) => ({ index: offset + k }) as RowView);
				return { total: 100, rows };
			},
		},
		() => 100,
		() => undefined,
	);
	// As DraftGrid does: an effect that asks for the rows on screen.
	const stop = $effect.root(() => {
		$effect(() => cache.ensure(0, 20));
	});
	flushSync();
	await new Promise((r) => setTimeout(r));
	expect(asked).toEqual([{ offset: 0, limit: 64 }]);

	// The row read again is not there any more: the cache empties, and the effect asks again.
	empty = true;
	cache.readAgain([5]);
	await new Promise((r) => setTimeout(r));
	flushSync();
	await new Promise((r) => setTimeout(r));
	expect(asked).toEqual([
		{ offset: 0, limit: 64 },
		{ offset: 5, limit: 1 },
		{ offset: 0, limit: 64 },
	]);
	expect(cache.at(5)?.index).toBe(5);
	stop();
});
