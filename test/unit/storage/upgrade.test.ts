import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
	declareVersion1,
	DB_VERSION,
	openDatabase,
	type BlockRecord,
} from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { draftRecord, storedRows, storeOf, uniqueName } from './harness.ts';

/** A draft as version 1 stored it: no position, history head, soft delete or status. */
function version1Draft(id: string): Record<string, unknown> {
	const v1: Record<string, unknown> = {
		...draftRecord(id, {
			name: 'Spring clients',
			counts: { rows: 1500, errorRows: 3, warningRows: 1 },
			fileRows: 1500,
			updatedAt: 42,
		}),
	};
	for (const key of ['position', 'historyHead', 'deletedAt', 'status']) delete v1[key];
	return v1;
}

/** Writes a version-1 database with one draft of 1,500 rows (two blocks) and closes it. */
async function makeVersion1(name: string) {
	const store = storeOf(1500, (i) => (i % 7 === 0 ? { tags: ['vip', `t${i}`] } : {}));
	const v1 = new Dexie(name);
	declareVersion1(v1);
	await v1.open();
	await v1.table('drafts').put(version1Draft('old'));
	const blocks: BlockRecord[] = [0, 1].map((b) => ({
		...store.sealedBlock(b),
		draftId: 'old',
		index: b,
	}));
	await v1.table('blocks').bulkPut(blocks);
	expect(v1.verno).toBe(1);
	expect(v1.tables.map((t) => t.name).sort()).toEqual(['blocks', 'drafts']);
	v1.close();
	return store;
}

describe('schema upgrade from version 1', () => {
	it('gives old drafts the version-2 fields with their defaults', async () => {
		const name = uniqueName('upgrade-fields');
		await makeVersion1(name);
		const db = openDatabase(name);
		await db.open();
		expect(db.verno).toBe(DB_VERSION);
		const draft = await db.drafts.get('old');
		expect(draft).toMatchObject({
			id: 'old',
			name: 'Spring clients',
			position: 0,
			historyHead: 0,
			historyStart: 0,
			historyEnd: 0,
			deletedAt: null,
			status: 'ready',
			fileRows: 1500,
			counts: { rows: 1500, errorRows: 3, warningRows: 1 },
		});
		db.close();
	});

	it('keeps every block intact', async () => {
		const name = uniqueName('upgrade-blocks');
		const before = await makeVersion1(name);
		const db = openDatabase(name);
		const repo = new DraftRepository(db);
		const after = await storedRows(repo, 'old');
		expect(after.length).toBe(1500);
		expect(after.blockCount).toBe(2);
		expect(after.toArray()).toEqual(before.toArray());
		expect(after.at(7)?.tags).toEqual(['vip', 't7']);
		db.close();
	});

	it('adds usable history and settings tables', async () => {
		const name = uniqueName('upgrade-tables');
		await makeVersion1(name);
		const db = openDatabase(name);
		await db.settings.put({ key: 'theme', value: 'dark' });
		expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
		const repo = new DraftRepository(db);
		// An undoable edit writes the history table; undo reads it back.
		const edited = await repo.commit(
			'old',
			[{ index: 3, set: { first_name: 'Zoe' } }],
			{
				label: 'Edit first name on row 5',
				changes: [
					{
						index: 3,
						before: { index: 3, set: { first_name: 'Ann' } },
						after: { index: 3, set: { first_name: 'Zoe' } },
					},
				],
			},
			100,
		);
		expect(edited.historyHead).toBe(1);
		expect(await db.history.count()).toBe(1);
		expect(await repo.historyInfo('old')).toEqual({
			undo: 1,
			redo: 0,
			undoLabel: 'Edit first name on row 5',
			redoLabel: null,
		});
		await repo.step('old', -1, 101);
		expect((await storedRows(repo, 'old')).at(3)?.first_name).toBe('Ann');
		db.close();
	});

	it('lists the upgraded draft', async () => {
		const name = uniqueName('upgrade-list');
		await makeVersion1(name);
		const db = openDatabase(name);
		const list = await new DraftRepository(db).list();
		expect(list.map((d) => [d.id, d.status, d.deletedAt])).toEqual([['old', 'ready', null]]);
		db.close();
	});

	it('opens a database already at version 2 without touching its drafts', async () => {
		const name = uniqueName('upgrade-twice');
		await makeVersion1(name);
		const first = openDatabase(name);
		await first.drafts.update('old', { position: 812, historyHead: 4 });
		first.close();
		const second = openDatabase(name);
		expect(await second.drafts.get('old')).toMatchObject({ position: 812, historyHead: 4 });
		second.close();
	});
});
