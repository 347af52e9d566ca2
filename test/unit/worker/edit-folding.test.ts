// When the worker folds the edit log (src/worker/edit-folding.ts): on close, after a pause in
// edits, and at once for a block whose log is long; a failing fold loses nothing.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditFolder, FOLD_IDLE_MS } from '../../../src/worker/edit-folding.ts';
import { FOLD_AT } from '../../../src/storage/edit-log.ts';
import type { DraftRepository } from '../../../src/storage/drafts.ts';
import { clientsCsv, harness, storedRows, uniqueName, waitFor } from './harness.ts';

afterEach(() => {
	vi.useRealTimers();
});

/** A repository that only records the folds asked of it (and fails them while `failing`). */
function recordingRepo() {
	const folds: [string, number][] = [];
	const state = { failing: false };
	const repo = {
		foldEdits: (id: string, atLeast: number) => {
			folds.push([id, atLeast]);
			return state.failing ? Promise.reject(new Error('disk full')) : Promise.resolve(1);
		},
	} as unknown as DraftRepository;
	return { repo, folds, state };
}

describe('EditFolder', () => {
	it('folds the draft once the pro has paused, not while edits keep coming', async () => {
		vi.useFakeTimers();
		const { repo, folds } = recordingRepo();
		const folder = new EditFolder(repo);
		folder.committed('d', 1);
		await vi.advanceTimersByTimeAsync(FOLD_IDLE_MS - 100);
		folder.committed('d', 2);
		await vi.advanceTimersByTimeAsync(FOLD_IDLE_MS - 100);
		expect(folds).toEqual([]);
		await vi.advanceTimersByTimeAsync(200);
		expect(folds).toEqual([['d', 1]]);
	});

	it('folds a long block at once, a draft left for another at once, and nothing unlogged', async () => {
		vi.useFakeTimers();
		const { repo, folds } = recordingRepo();
		const folder = new EditFolder(repo);
		folder.committed('a', 0);
		await vi.advanceTimersByTimeAsync(FOLD_IDLE_MS * 2);
		expect(folds).toEqual([]);
		folder.committed('a', FOLD_AT);
		await vi.advanceTimersByTimeAsync(1);
		expect(folds).toEqual([['a', FOLD_AT]]);
		folder.committed('b', 1);
		expect(folds).toEqual([
			['a', FOLD_AT],
			['a', 1],
		]);
	});

	it('a failed fold is no error: the log waits for the next one', async () => {
		const { repo, folds, state } = recordingRepo();
		state.failing = true;
		const folder = new EditFolder(repo);
		folder.committed('d', 1);
		await expect(folder.now()).resolves.toBeUndefined();
		expect(folds).toEqual([['d', 1]]);
	});
});

describe('DraftService and the edit log', () => {
	it('logs a typed cell, folds it when the draft is closed, and keeps the value', async () => {
		const h = harness(uniqueName('fold-close'));
		const { draft } = await h.importText(clientsCsv(5));
		await h.call('locate', { index: 0 });
		await h.change({ type: 'edit', index: 2, set: { first_name: 'Zora' } });
		expect(await h.db.edits.count()).toBe(1);
		await h.call('close', {});
		await waitFor(async () => (await h.db.edits.count()) === 0);
		expect((await storedRows(h.repo, draft.id)).at(2)?.first_name).toBe('Zora');
		await h.open(draft.id);
		expect((await h.rows(2, 1))[0]?.first_name).toBe('Zora');
	});
});
