// A row's left-out cells (the source columns the mapping left out) stay with it on the device:
// through IndexedDB, edits and their undo, deletes, a duplicated draft, and the copy the worker
// posts (structured clone); blocks without any are stored as before.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { draftRecord, putDraft, storedRows, storeOf, uniqueName } from './harness.ts';

/** Notes on every third row, across a full block and the partial one after it. */
const notes = (i: number): string[] =>
	i % 3 === 0 ? [`note ${i}`, i % 2 === 0 ? '' : '=1+1'] : [];

function setup(prefix: string) {
	const db = openDatabase(uniqueName(prefix));
	return { db, repo: new DraftRepository(db) };
}

describe('left-out cells in storage', () => {
	it('read back as imported, and blocks without any store no left-out part', async () => {
		const { db, repo } = setup('left-out-stored');
		const store = storeOf(1024 + 10, (i) => ({ leftOut: i >= 1024 ? notes(i) : [] }));
		await putDraft(repo, draftRecord('d'), store);
		const blocks = await db.blocks.where('draftId').equals('d').sortBy('index');
		expect(blocks.map((b) => 'leftOut' in b)).toEqual([false, true]);
		const rows = await storedRows(repo, 'd');
		expect(rows.toArray()).toEqual(store.toArray());
		expect(rows.at(1026)?.leftOut).toEqual(['note 1026', '']);
		// The worker posts blocks and rows to other tabs and the page: a copy reads the same.
		expect(structuredClone(rows.sealedBlock(1)).leftOut).toEqual(store.sealedBlock(1).leftOut);
	});

	it('stay with their row through an edit, its undo, a delete and a duplicate', async () => {
		const { repo } = setup('left-out-edits');
		await putDraft(
			repo,
			draftRecord('d'),
			storeOf(1024 + 10, (i) => ({ leftOut: notes(i) })),
		);
		const index = 1029;
		await repo.commit(
			'd',
			[{ index, set: { first_name: 'Zoe', tags: ['vip'] } }],
			{
				label: 'Name Zoe',
				changes: [
					{
						index,
						before: { index, set: { first_name: 'Ann', tags: [] } },
						after: { index, set: { first_name: 'Zoe', tags: ['vip'] } },
					},
				],
			},
			10,
		);
		await repo.commit('d', [{ index: 3, deleted: true }], null, 11);
		let rows = await storedRows(repo, 'd');
		expect(rows.at(index)).toMatchObject({ first_name: 'Zoe', leftOut: ['note 1029', '=1+1'] });
		expect(rows.isDeleted(3)).toBe(true);
		expect(rows.at(3)?.leftOut).toEqual(['note 3', '=1+1']);
		await repo.step('d', -1, 12);
		rows = await storedRows(repo, 'd');
		expect(rows.at(index)).toMatchObject({ first_name: 'Ann', leftOut: ['note 1029', '=1+1'] });
		await repo.duplicate('d', { id: 'copy', name: 'Copy', now: 13 });
		const copied = await storedRows(repo, 'copy');
		expect(copied.toArray()).toEqual(rows.toArray());
		expect(copied.at(1026)?.leftOut).toEqual(['note 1026', '']);
	});
});
