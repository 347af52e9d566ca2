import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { DraftRepository, HISTORY_LIMIT, type NewHistory } from '../../../src/storage/drafts.ts';
import { isQuotaError, StorageFullError } from '../../../src/storage/errors.ts';
import type { CellValues } from '../../../src/core/row-patch.ts';
import { draftRecord, putDraft, quotaSwitch, storedRows, storeOf, uniqueName } from './harness.ts';

function setup(prefix: string) {
	const name = uniqueName(prefix);
	const db = openDatabase(name);
	return { name, db, repo: new DraftRepository(db) };
}

/** An undoable change of cells on one row. */
function edit(index: number, before: CellValues, after: CellValues, label: string): NewHistory {
	return {
		label,
		changes: [{ index, before: { index, set: before }, after: { index, set: after } }],
	};
}

async function commitEdit(repo: DraftRepository, id: string, index: number, to: string, at = 10) {
	const from = (await storedRows(repo, id)).at(index)?.first_name ?? '';
	return repo.commit(
		id,
		[{ index, set: { first_name: to } }],
		edit(index, { first_name: from }, { first_name: to }, `Name ${to}`),
		at,
	);
}

describe('DraftRepository: the drafts list', () => {
	it('lists drafts last edited first', async () => {
		const { repo } = setup('repo-list');
		await repo.create(draftRecord('a', { updatedAt: 1 }));
		await repo.create(draftRecord('b', { updatedAt: 3 }));
		await repo.create(draftRecord('c', { updatedAt: 2 }));
		expect((await repo.list()).map((d) => d.id)).toEqual(['b', 'c', 'a']);
		await repo.rename('a', 'Renamed', 5);
		expect((await repo.list()).map((d) => [d.id, d.name])[0]).toEqual(['a', 'Renamed']);
	});

	it('hides a deleted draft and shows it again when restored', async () => {
		const { repo } = setup('repo-soft-delete');
		await putDraft(repo, draftRecord('a', { updatedAt: 1 }), storeOf(3));
		await repo.create(draftRecord('b', { updatedAt: 2 }));
		await repo.softDelete('a', 100);
		expect((await repo.list()).map((d) => d.id)).toEqual(['b']);
		await repo.restore('a');
		expect((await repo.list()).map((d) => d.id)).toEqual(['b', 'a']);
		expect((await storedRows(repo, 'a')).length).toBe(3);
	});

	it('purges drafts deleted long enough ago with their blocks and history', async () => {
		const { db, repo } = setup('repo-purge');
		await putDraft(repo, draftRecord('old'), storeOf(1500));
		await putDraft(repo, draftRecord('recent'), storeOf(2));
		await putDraft(repo, draftRecord('kept'), storeOf(2));
		await commitEdit(repo, 'old', 0, 'Zoe');
		await commitEdit(repo, 'kept', 1, 'Kim');
		await repo.softDelete('old', 1000);
		await repo.softDelete('recent', 5000);
		expect(await repo.purgeDeleted(2000)).toBe(1);
		expect(await repo.get('old')).toBeUndefined();
		expect(await db.blocks.where('draftId').equals('old').count()).toBe(0);
		expect(await db.history.where('draftId').equals('old').count()).toBe(0);
		// Nothing of it is left in any table (rows, undo steps and whatever they keep beside).
		for (const table of db.tables) {
			const left = await table.filter((r: { draftId?: unknown }) => r.draftId === 'old').count();
			expect([table.name, left]).toEqual([table.name, 0]);
		}
		// The draft deleted later can still be restored; the other one is untouched.
		await repo.restore('recent');
		expect((await storedRows(repo, 'recent')).length).toBe(2);
		expect((await storedRows(repo, 'kept')).at(1)?.first_name).toBe('Kim');
		expect((await repo.historyInfo('kept')).undo).toBe(1);
	});

	it('duplicates every block under a new id, without the history', async () => {
		const { db, repo } = setup('repo-duplicate');
		// 40 blocks: more than one page (32) of blocks is copied.
		const store = storeOf(40 * 1024 + 5, (i) => ({ external_id: `x${i}` }));
		await putDraft(repo, draftRecord('src', { fileRows: store.length }), store);
		await commitEdit(repo, 'src', 40_000, 'Zoe');
		const copy = await repo.duplicate('src', { id: 'copy', name: 'Copy', now: 77 });
		expect(copy).toMatchObject({ id: 'copy', name: 'Copy', historyHead: 0, updatedAt: 77 });
		expect((await repo.list()).map((d) => d.id)).toEqual(['copy', 'src']);
		const copied = await storedRows(repo, 'copy');
		expect(copied.blockCount).toBe(41);
		expect(copied.toArray()).toEqual((await storedRows(repo, 'src')).toArray());
		expect(copied.at(40_000)?.first_name).toBe('Zoe');
		expect(await db.history.where('draftId').equals('copy').count()).toBe(0);
		expect(await repo.step('copy', -1, 80)).toBeNull();
		expect((await repo.historyInfo('src')).undo).toBe(1);
	});
});

describe('DraftRepository: commits', () => {
	it('applies patches on top of the stored row, so edits from two tabs both stay', async () => {
		const { name, repo } = setup('repo-two-tabs');
		await putDraft(repo, draftRecord('d'), storeOf(3));
		// Each tab has its own connection and its own stale copy of row 1.
		const other = new DraftRepository(openDatabase(name));
		await Promise.all([
			repo.commit('d', [{ index: 1, set: { email_address: 'new@example.com' } }], null, 10),
			other.commit('d', [{ index: 1, set: { first_name: 'Zoe' } }], null, 11),
		]);
		const row = (await storedRows(repo, 'd')).at(1);
		expect(row).toMatchObject({ row: 3, email_address: 'new@example.com', first_name: 'Zoe' });
		expect((await storedRows(repo, 'd')).at(0)?.email_address).toBe('client0@example.com');
	});

	it('undoes and redoes a committed change', async () => {
		const { repo } = setup('repo-undo');
		await putDraft(repo, draftRecord('d'), storeOf(3));
		const done = await commitEdit(repo, 'd', 2, 'Zoe', 10);
		expect(done.historyHead).toBe(1);
		expect(done.rows.map((r) => [r.index, r.rec.first_name])).toEqual([[2, 'Zoe']]);
		const undone = await repo.step('d', -1, 11);
		expect(undone?.rows.map((r) => [r.index, r.rec.first_name])).toEqual([[2, 'Ann']]);
		expect(undone?.entry?.label).toBe('Name Zoe');
		expect((await storedRows(repo, 'd')).at(2)?.first_name).toBe('Ann');
		expect((await repo.get('d'))?.historyHead).toBe(0);
		const redone = await repo.step('d', 1, 12);
		expect(redone?.historyHead).toBe(1);
		expect((await storedRows(repo, 'd')).at(2)?.first_name).toBe('Zoe');
	});

	it('undoes an added row and a delete', async () => {
		const { repo } = setup('repo-add-delete');
		await putDraft(repo, draftRecord('d'), storeOf(2));
		await repo.commit(
			'd',
			[{ index: 2, add: { row: 4 }, deleted: false }],
			{
				label: 'Add row 4',
				changes: [
					{ index: 2, before: { index: 2, deleted: true }, after: { index: 2, deleted: false } },
				],
			},
			10,
		);
		await repo.commit(
			'd',
			[{ index: 0, deleted: true }],
			{
				label: 'Delete row 2',
				changes: [
					{ index: 0, before: { index: 0, deleted: false }, after: { index: 0, deleted: true } },
				],
			},
			11,
		);
		let rows = await storedRows(repo, 'd');
		expect([rows.length, rows.isDeleted(0), rows.isDeleted(2), rows.rowNumber(2)]).toEqual([
			3,
			true,
			false,
			4,
		]);
		await repo.step('d', -1, 12);
		await repo.step('d', -1, 13);
		rows = await storedRows(repo, 'd');
		expect([rows.isDeleted(0), rows.isDeleted(2)]).toEqual([false, true]);
	});

	it('drops the redo step when a new change follows an undo', async () => {
		const { db, repo } = setup('repo-redo-dropped');
		await putDraft(repo, draftRecord('d'), storeOf(3));
		await commitEdit(repo, 'd', 0, 'One', 10);
		await commitEdit(repo, 'd', 0, 'Two', 11);
		await repo.step('d', -1, 12);
		expect(await repo.historyInfo('d')).toEqual({
			undo: 1,
			redo: 1,
			undoLabel: 'Name One',
			redoLabel: 'Name Two',
		});
		await commitEdit(repo, 'd', 1, 'Three', 13);
		expect(await repo.historyInfo('d')).toEqual({
			undo: 2,
			redo: 0,
			undoLabel: 'Name Three',
			redoLabel: null,
		});
		expect(await repo.step('d', 1, 14)).toBeNull();
		expect(await db.history.where('draftId').equals('d').count()).toBe(2);
		const rows = await storedRows(repo, 'd');
		expect([rows.at(0)?.first_name, rows.at(1)?.first_name]).toEqual(['One', 'Three']);
	});

	it(`keeps only the last ${HISTORY_LIMIT} steps`, async () => {
		const { db, repo } = setup('repo-history-limit');
		await putDraft(repo, draftRecord('d'), storeOf(1));
		for (let k = 1; k <= HISTORY_LIMIT + 2; k++) await commitEdit(repo, 'd', 0, `N${k}`, k);
		expect(await db.history.where('draftId').equals('d').count()).toBe(HISTORY_LIMIT);
		const info = await repo.historyInfo('d');
		expect(info).toMatchObject({
			undo: HISTORY_LIMIT,
			redo: 0,
			undoLabel: `Name N${HISTORY_LIMIT + 2}`,
		});
		for (let k = 0; k < HISTORY_LIMIT; k++)
			expect(await repo.step('d', -1, 500 + k)).not.toBeNull();
		// The two oldest steps are gone: undo stops at the name the second step set.
		expect(await repo.step('d', -1, 999)).toBeNull();
		expect((await storedRows(repo, 'd')).at(0)?.first_name).toBe('N2');
		expect(await repo.historyInfo('d')).toMatchObject({
			undo: 0,
			redo: HISTORY_LIMIT,
			undoLabel: null,
		});
	});

	it('has nothing to undo or redo on a new draft', async () => {
		const { repo } = setup('repo-nothing');
		await putDraft(repo, draftRecord('d'), storeOf(1));
		expect(await repo.step('d', -1, 1)).toBeNull();
		expect(await repo.step('d', 1, 1)).toBeNull();
		expect(await repo.step('missing', -1, 1)).toBeNull();
		expect(await repo.historyInfo('d')).toEqual({
			undo: 0,
			redo: 0,
			undoLabel: null,
			redoLabel: null,
		});
	});
});

describe('DraftRepository: a full disk', () => {
	async function fullDisk(prefix: string, table?: string) {
		const { db, repo } = setup(prefix);
		const quota = quotaSwitch(db);
		await putDraft(repo, draftRecord('d'), storeOf(3));
		await commitEdit(repo, 'd', 0, 'Kept', 10);
		quota.failing = true;
		if (table) quota.table = table;
		const error: unknown = await commitEdit(repo, 'd', 0, 'Lost', 11).catch((e: unknown) => e);
		quota.failing = false;
		return { repo, error };
	}

	for (const table of [undefined, 'history', 'drafts']) {
		it(`tells the pro to delete drafts and keeps the last saved state (${table ?? 'every'} table full)`, async () => {
			const { repo, error } = await fullDisk(`repo-quota-${table ?? 'all'}`, table);
			expect(error).toBeInstanceOf(StorageFullError);
			expect((error as Error).message).toMatch(/Delete drafts you no longer need/);
			expect((await storedRows(repo, 'd')).at(0)?.first_name).toBe('Kept');
			expect((await repo.get('d'))?.historyHead).toBe(1);
			expect(await repo.historyInfo('d')).toMatchObject({ undo: 1, undoLabel: 'Name Kept' });
			// Once there is room again, the same change goes through.
			await commitEdit(repo, 'd', 0, 'Later', 12);
			expect((await storedRows(repo, 'd')).at(0)?.first_name).toBe('Later');
		});
	}

	it('recognises a quota error Dexie wrapped', () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		expect(isQuotaError(quota)).toBe(true);
		expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
		expect(isQuotaError({ name: 'AbortError', cause: { name: 'Error', inner: quota } })).toBe(true);
		expect(isQuotaError({ name: 'BulkError', failures: [new Error('x'), quota] })).toBe(true);
		expect(
			isQuotaError({ name: 'AbortError', inner: new DOMException('x', 'ConstraintError') }),
		).toBe(false);
		expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
		expect(isQuotaError(null)).toBe(false);
	});
});
