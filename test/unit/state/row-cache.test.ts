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

/** A view of 2,000 rows whose index is its position, marked with the version `v()` read at. */
function versionedRows(v: () => number, asked: { offset: number; limit: number }[]) {
	return {
		rows: async (offset: number, limit: number) => {
			asked.push({ offset, limit });
			const rows = Array.from(
				{ length: Math.max(0, Math.min(limit, 2000 - offset)) },
				(_, k) => ({ index: offset + k, first_name: `v${v()}` }) as unknown as RowView,
			);
			return { total: 2000, rows };
		},
	};
}

/** A cache over versionedRows: 2,000 rows, errors ignored. */
function cacheOf(v: () => number, asked: { offset: number; limit: number }[]): RowCache {
	return new RowCache(
		versionedRows(v, asked),
		() => 2000,
		() => undefined,
	);
}

const settled = () => new Promise((r) => setTimeout(r));

it('after an edit, reads again only the rows it names, showing the old ones meanwhile', async () => {
	const asked: { offset: number; limit: number }[] = [];
	let v = 1;
	const cache = cacheOf(() => v, asked);
	cache.ensure(0, 128);
	await settled();
	expect(asked).toEqual([
		{ offset: 0, limit: 64 },
		{ offset: 64, limit: 64 },
	]);

	v = 2;
	// Row 70 was edited and row 900 (not on screen) shares its email: only row 70 is read.
	cache.readAgain([70, 900]);
	expect(cache.at(70)?.first_name).toBe('v1');
	cache.ensure(0, 128);
	await settled();
	expect(asked.slice(2)).toEqual([{ offset: 70, limit: 1 }]);
	expect(cache.at(70)?.first_name).toBe('v2');
	expect(cache.at(71)?.first_name).toBe('v1');

	// The first row of a page, read again, does not make the page be read whole.
	cache.readAgain([64]);
	cache.ensure(0, 128);
	await settled();
	expect(asked.slice(3)).toEqual([{ offset: 64, limit: 1 }]);
	expect(cache.at(64)?.first_name).toBe('v2');
});

it('reads neighbouring rows an edit names in one call, each put at its place', async () => {
	const asked: { offset: number; limit: number }[] = [];
	let v = 1;
	const cache = cacheOf(() => v, asked);
	cache.ensure(0, 128);
	await settled();

	v = 2;
	// A paste over rows 62–65 (across two pages) and an edit of row 100.
	cache.readAgain([65, 100, 62, 63, 64]);
	cache.ensure(0, 128);
	await settled();
	expect(asked.slice(2)).toEqual([
		{ offset: 62, limit: 4 },
		{ offset: 100, limit: 1 },
	]);
	for (const position of [62, 63, 64, 65, 100]) {
		expect(cache.at(position)?.index).toBe(position);
		expect(cache.at(position)?.first_name).toBe('v2');
	}
	expect(cache.at(61)?.first_name).toBe('v1');
	expect(cache.at(66)?.first_name).toBe('v1');
});

it('reads everything again when a page is on its way as an edit comes', async () => {
	const asked: { offset: number; limit: number }[] = [];
	const cache = cacheOf(() => 1, asked);
	cache.ensure(0, 64);
	await settled();
	cache.ensure(64, 128);
	// Page 64 may have been read before the edit: the rows it names are not enough.
	cache.readAgain([3]);
	cache.ensure(0, 128);
	await settled();
	expect(asked).toEqual([
		{ offset: 0, limit: 64 },
		{ offset: 64, limit: 64 },
		{ offset: 0, limit: 64 },
		{ offset: 64, limit: 64 },
	]);
});

it('keeps the pages around the screen, not every page it was asked for', async () => {
	const asked: { offset: number; limit: number }[] = [];
	const cache = cacheOf(() => 1, asked);
	// Down the 2,000 rows page by page, then back to the top.
	for (let from = 0; from < 2000; from += 64) {
		cache.ensure(from, from + 64);
		await settled();
	}
	expect(asked).toHaveLength(32);
	expect(cache.at(1990)?.index).toBe(1990);
	expect(cache.at(0)).toBeUndefined();
	cache.ensure(0, 64);
	await settled();
	expect(asked.at(-1)).toEqual({ offset: 0, limit: 64 });
	expect(cache.at(0)?.index).toBe(0);
	// Going back to the top dropped the page farthest from it (the last); the others stayed.
	cache.ensure(1856, 1984);
	await settled();
	expect(asked).toHaveLength(33);
	cache.ensure(1984, 2000);
	await settled();
	expect(asked.at(-1)).toEqual({ offset: 1984, limit: 64 });
});

it('reads everything again when a row read again fails, or finds another row there', async () => {
	const asked: { offset: number; limit: number }[] = [];
	const errors: unknown[] = [];
	let failing = false;
	let shift = 0;
	const view = versionedRows(() => 1, asked);
	const cache = new RowCache(
		{
			rows: async (offset, limit) => {
				if (failing && limit === 1) throw new Error('Storage is full');
				const answer = await view.rows(offset, limit);
				return { ...answer, rows: answer.rows.map((r) => ({ ...r, index: r.index + shift })) };
			},
		},
		() => 2000,
		(error) => errors.push(error),
	);
	cache.ensure(0, 64);
	await settled();

	failing = true;
	cache.readAgain([5]);
	await settled();
	expect(errors).toEqual([new Error('Storage is full')]);
	cache.ensure(0, 64);
	await settled();
	expect(asked.at(-1)).toEqual({ offset: 0, limit: 64 });
	expect(cache.at(5)?.index).toBe(5);

	// The row at position 7 is another client now: the view changed after all.
	failing = false;
	shift = 1;
	cache.readAgain([7]);
	await settled();
	expect(asked.at(-1)).toEqual({ offset: 7, limit: 1 });
	cache.ensure(0, 64);
	await settled();
	expect(asked.at(-1)).toEqual({ offset: 0, limit: 64 });
	expect(cache.at(7)?.index).toBe(8);
});

it('keeps the focused row however far the screen goes', async () => {
	const asked: { offset: number; limit: number }[] = [];
	const cache = new RowCache(
		versionedRows(() => 1, asked),
		() => 2000,
		() => undefined,
		(row) => row,
		() => 10,
	);
	for (let from = 0; from < 2000; from += 64) {
		cache.ensure(from, from + 64);
		await settled();
	}
	expect(cache.at(10)?.index).toBe(10);
	expect(cache.at(64)).toBeUndefined();
});
