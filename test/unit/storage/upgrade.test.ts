// Schema upgrades: a version-1 database built here, and databases the version-2 and version-3
// apps wrote (test/fixtures/databases), opened with today's code: every record comes through,
// and version 4's mappings table is there for them (version 6's sent emails: sent-emails.test.ts).
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RecordStore, type SealedBlock } from '../../../src/core/record-store.ts';
import {
	declareVersion1,
	DB_VERSION,
	openDatabase,
	SENT_BACKFILL_KEY,
	type BlockRecord,
} from '../../../src/storage/db.ts';
import { parseDraftRecord } from '../../../src/storage/draft-record.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { OutboxRepository } from '../../../src/storage/outbox.ts';
import { MappingRepository } from '../../../src/storage/mappings.ts';
import { createDraftService } from '../../../src/worker/service.ts';
import {
	fixtureRecords,
	restoreDatabase,
	type DatabaseFixture,
} from '../../fixtures/databases/encoding.ts';
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

/** A database as the app of that schema version wrote it (test/fixtures/databases/make.ts). */
function fixture(version: 2 | 3): DatabaseFixture {
	const url = new URL(`../../fixtures/databases/roster-v${version}.json`, import.meta.url);
	return JSON.parse(readFileSync(url, 'utf8')) as DatabaseFixture;
}

/** The fixture restored under a name of its own and opened with today's code. */
async function openFixture(version: 2 | 3) {
	const data = fixture(version);
	const name = uniqueName(`fixture-v${version}`);
	await restoreDatabase(data, name);
	const db = openDatabase(name);
	await db.open();
	return { data, db, repo: new DraftRepository(db), outbox: new OutboxRepository(db) };
}

/** The rows of a draft as the fixture's own blocks hold them. */
function fixtureRows(data: DatabaseFixture, draftId: string): RecordStore {
	const blocks = (fixtureRecords(data, 'blocks') as (SealedBlock & { draftId: string })[]).filter(
		(b) => b.draftId === draftId,
	);
	return RecordStore.fromBlocks(blocks);
}

describe.each([2, 3] as const)('a database written by the version-%i app', (version) => {
	it('opens at the current version with every record of every store as it was', async () => {
		const { data, db } = await openFixture(version);
		expect(data.schemaVersion).toBe(version);
		expect(db.verno).toBe(DB_VERSION);
		for (const store of data.stores) {
			const table = db.table(store.name);
			// Version 6 lists the drafts whose sent rows are to be recorded (sent-emails.ts).
			const records = (await table.toArray()).filter((r) => r.key !== SENT_BACKFILL_KEY);
			expect(records, store.name).toEqual(fixtureRecords(data, store.name));
		}
		expect((await db.settings.get(SENT_BACKFILL_KEY))?.value).toEqual(
			fixtureRecords(data, 'drafts').map((d) => (d as { id: string }).id),
		);
		// The stores a later version added are there, and empty.
		const names = db.tables.map((t) => t.name).sort();
		expect(names).toEqual(expect.arrayContaining(data.stores.map((s) => s.name)));
		for (const name of names.filter((n) => !data.stores.some((s) => s.name === n)))
			expect(await db.table(name).count(), name).toBe(0);
		db.close();
	});

	it("reads its drafts with today's schema, the deleted one hidden", async () => {
		const { data, db, repo } = await openFixture(version);
		for (const record of fixtureRecords(data, 'drafts'))
			expect(parseDraftRecord(record)).toMatchObject({ ok: true });
		const list = await repo.list();
		expect(list.map((d) => [d.id, d.name, d.status, d.position])).toEqual([
			['draft-1', 'spring-clients.csv · 2025-11-24 16:00', 'ready', 3],
		]);
		expect(list[0]?.counts).toEqual({ rows: 6, errorRows: 1, warningRows: 0 });
		expect((await repo.get('draft-2'))?.deletedAt).toEqual(expect.any(Number));
		db.close();
	});

	it('keeps every row, with its edits, fixes, passwords and printed marks', async () => {
		const { data, db, repo } = await openFixture(version);
		const rows = await storedRows(repo, 'draft-1');
		expect(rows.toArray()).toEqual(fixtureRows(data, 'draft-1').toArray());
		expect(rows.length).toBe(6);
		expect(rows.at(0)).toMatchObject({
			first_name: 'Mariella',
			tags: ['vip'],
			external_id: 'C-001',
		});
		expect(rows.at(1)?.last_name).toBe('López');
		expect(rows.at(3)).toMatchObject({
			email_address: 'sam.adeyemi@example.com',
			birthdate: '19750101',
		});
		expect(rows.at(5)?.tags).toEqual(['vip', 'yoga']);
		// Passwords created for the two rows without one; notices printed for the first two rows.
		expect(rows.credential(2)).toMatchObject({ origin: 'created', printedAt: expect.any(Number) });
		expect(rows.credential(2).setAt).toBeGreaterThan(0);
		expect(rows.at(2)?.initial_password).toMatch(/^\S{14}$/);
		expect(rows.credential(5).origin).toBe('created');
		expect(rows.credential(0)).toMatchObject({ origin: 'file', printedAt: expect.any(Number) });
		expect(rows.credential(0).printedAt).toBeGreaterThan(0);
		expect(rows.credential(3)).toMatchObject({ origin: 'file', printedAt: 0 });
		db.close();
	});

	it('keeps the undo history: three steps to undo, the undone one to redo', async () => {
		const { db, repo } = await openFixture(version);
		expect(await repo.historyInfo('draft-1')).toEqual({
			undo: 3,
			redo: 1,
			undoLabel: 'Apply 2 safe fixes',
			redoLabel: 'Edit last name on row 3',
		});
		await repo.step('draft-1', 1, 2_000_000_000_000);
		expect((await storedRows(repo, 'draft-1')).at(1)?.last_name).toBe('Lopez');
		await repo.step('draft-1', -1, 2_000_000_000_001);
		await repo.step('draft-1', -1, 2_000_000_000_002);
		const undone = await storedRows(repo, 'draft-1');
		expect(undone.at(1)?.last_name).toBe('López');
		expect(undone.at(3)).toMatchObject({
			email_address: 'SAM.ADEYEMI@EXAMPLE.COM',
			birthdate: '1975-01-01',
		});
		db.close();
	});
});

describe('a database written by the version-3 app with a batch half sent', () => {
	it("keeps the waiting chunks, their keys and clients, and the server's reasons", async () => {
		const { data, db, outbox, repo } = await openFixture(3);
		const chunks = await outbox.forDraft('draft-1');
		expect(chunks).toEqual(fixtureRecords(data, 'outbox'));
		expect(chunks.map((c) => [c.index, c.count, c.rows, c.attempts])).toEqual([
			[1, 3, [2, 3], 1],
			[2, 3, [5], 1],
		]);
		expect(new Set(chunks.map((c) => c.key)).size).toBe(2);
		expect(chunks[0]?.clients.map((c) => c.email_address)).toEqual([
			'li.wei@example.com',
			'sam.adeyemi@example.com',
		]);
		expect(chunks[0]?.clients[0]?.initial_password).toMatch(/^\S{14}$/);
		expect(chunks.every((c) => c.lastError?.startsWith('No connection'))).toBe(true);
		expect((await outbox.allIssues('draft-1')).map((r) => [r.index, r.issues[0]?.code])).toEqual([
			[1, 'tag.unknown'],
		]);
		// The rows say where each client is: sent, rejected, or locked in the outbox.
		const rows = await storedRows(repo, 'draft-1');
		expect([0, 1, 2, 3, 4, 5].map((i) => rows.credential(i).sync)).toEqual([
			'synced',
			'rejected',
			'queued',
			'queued',
			'none',
			'queued',
		]);
		db.close();
	});
});

describe('version 4: remembered column mappings', () => {
	it('opens a version-3 database with an empty mappings table that keeps what is put in it', async () => {
		const { db } = await openFixture(3);
		expect(db.verno).toBe(DB_VERSION);
		const mappings = new MappingRepository(db);
		expect(await mappings.list()).toEqual([]);
		const mapping = { columns: ['email_address' as const, null], fill: { gender: '' } };
		await mappings.put({ key: 'mail\u001fnotes', header: ['Mail', 'Notes'], mapping, savedAt: 5 });
		expect(await mappings.get('mail\u001fnotes')).toMatchObject({
			mapping,
			header: ['Mail', 'Notes'],
		});
		db.close();
	});

	it('opens a draft of version 3 (no mapping kept) as matched by the template', async () => {
		const { db, repo } = await openFixture(3);
		const draft = await repo.get('draft-1');
		expect(draft?.mapping).toBeUndefined();
		expect(draft?.genderConvention).toBeUndefined();
		const service = createDraftService({ repo, post: () => undefined });
		const opened = await service.handlers.open(
			{ draftId: 'draft-1', today: '20251201' },
			{ id: 1 },
		);
		// Edited and printed: its columns can no longer be changed by importing it again.
		expect(opened.draft.columnsInfo).toEqual({ how: 'template', changeable: false });
		const columns = await service.handlers.columns({}, { id: 2 });
		expect(columns.header).toEqual(opened.draft.columns.map((c) => c.header));
		expect(columns.mapping.columns).toEqual(opened.draft.columns.map((c) => c.field));
		expect(columns.sample).toEqual([]);
		db.close();
	});
});
