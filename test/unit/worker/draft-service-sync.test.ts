// Sync in the worker against an in-memory import API: a batch is written to the outbox and its
// rows locked before the first send; answers land on the rows; retries after a dropped
// connection or a server fault never duplicate a client; a new worker finishes an old outbox.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_OPTIONS } from '../../../src/core/password.ts';
import { openDatabase } from '../../../src/storage/db.ts';
import { SettingsRepository } from '../../../src/storage/settings.ts';
import { readSyncSettings, syncConfigOf } from '../../../src/sync/settings.ts';
import type { SyncConfig } from '../../../src/sync/api-client.ts';
import { clientsCsv, harness, storedRows, uniqueName, waitFor, type Harness } from './harness.ts';
import { FakeImportApi } from '../storage/fake-import-api.ts';

const FAST = { baseMs: 5, capMs: 50 };

function engine(api: FakeImportApi, config: () => Promise<SyncConfig | null>) {
	return { config, fetch: api.fetch, policy: FAST, random: () => 0.5 };
}

const configured = async () => ({ baseUrl: 'http://api.test/api/v1', token: 'secret' });

function statuses(h: Harness) {
	return h.events.syncStatus;
}

async function queue(h: Harness, body: { chunkSize?: number; knownTags?: string[] }) {
	return await h.call('sync', { ...body });
}

async function settled(h: Harness): Promise<void> {
	await waitFor(
		async () => (await h.db.outbox.count()) === 0 && statuses(h).at(-1)?.phase === 'idle',
		5000,
	);
}

/** Five clients: 2 has a bad email (stays in the draft), 3 an email known to the platform. */
const FIVE = clientsCsv(5, (i) => (i === 2 ? { email_address: 'not-an-email' } : {}));

describe('DraftService: sync', () => {
	it('sends the rows without errors once each, and their results land on the rows', async () => {
		const api = new FakeImportApi();
		api.accounts.set('client3@example.com', { batch: 'earlier' });
		const h = harness(uniqueName('sync-basic'), { engine: engine(api, configured) });
		const opened = await h.importText(FIVE);
		const queued = await queue(h, { chunkSize: 2 });
		expect(queued.queued).toBe(4);
		await settled(h);
		expect([...api.accounts.keys()].sort()).toEqual([
			'client0@example.com',
			'client1@example.com',
			'client3@example.com',
			'client4@example.com',
		]);
		expect(api.requests.map((r) => r.clients)).toEqual([2, 2]);
		const rows = await h.allRows();
		expect(rows.map((r) => r.credential.sync)).toEqual([
			'synced',
			'synced',
			'none',
			'exists',
			'synced',
		]);
		const stored = await storedRows(h.repo, opened.draft.id);
		expect(stored.credential(3).sync).toBe('exists');
		// The page hears the batch queued, then the answers with the rows they changed (answers
		// within 0.1 s of each other as one), so it reads only those again; the last says it all.
		const bySync = h.events.changed.filter((e) => e.bySync);
		expect(bySync[0]?.within).toEqual([0, 4]);
		const answered = bySync.slice(1).map((e): [number, number] => e.within ?? [-1, -1]);
		for (const row of [0, 1, 3, 4])
			expect(answered.some(([lo, hi]) => lo <= row && row <= hi)).toBe(true);
		expect(bySync.at(-1)?.state.credentials).toMatchObject({ synced: 3, exists: 1, queued: 0 });
		// Nothing is left to send: Sync again sends nothing.
		const again = await queue(h, {});
		expect(again.queued).toBe(0);
		expect(api.requests).toHaveLength(2);
		// An already registered client gets no notice: their password is their own.
		const notices = await h.call('notices', { choice: 'all' });
		expect(notices).toMatchObject({ registered: 1, withErrors: 1 });
		// Each notice says whether the platform created its client ("Print after sending" needs it).
		expect(notices.notices.map((n) => [n.index, n.sync])).toEqual([
			[0, 'synced'],
			[1, 'synced'],
			[4, 'synced'],
		]);
	});

	it('locks rows in flight, and retries a dropped answer and a 503 without duplicates', async () => {
		const api = new FakeImportApi();
		let release = () => {};
		api.gate = new Promise((r) => (release = r));
		api.faults = [{ kind: 'drop' }, { kind: 'status', status: 503, retryAfter: '0' }];
		const h = harness(uniqueName('sync-faults'), { engine: engine(api, configured) });
		await h.importText(clientsCsv(6));
		await queue(h, { chunkSize: 3 });
		expect(await h.db.outbox.count()).toBe(2);
		const refused = await h.failure('edit', { index: 0, set: { first_name: 'Zed' } });
		expect(refused).toMatchObject({
			reason: 'error',
			message: expect.stringMatching(/Row 2 is being sent/),
		});
		const queuedRows = await h.allRows();
		expect(queuedRows.every((r) => r.credential.sync === 'queued')).toBe(true);
		api.gate = null;
		release();
		await settled(h);
		expect(api.accounts.size).toBe(6);
		// 2 chunks, one answer dropped after commit and one 503, each retried with its key.
		expect(api.requests.length).toBe(4);
		expect(new Set(api.requests.map((r) => r.key)).size).toBe(2);
		expect((await h.allRows()).every((r) => r.credential.sync === 'synced')).toBe(true);
		await h.change({ type: 'edit', index: 0, set: { first_name: 'Zed' } });
	});

	it('keeps the reasons of a rejected row until it is edited, then sends it again', async () => {
		const api = new FakeImportApi();
		const h = harness(uniqueName('sync-rejected'), { engine: engine(api, configured) });
		await h.importText(clientsCsv(2));
		// The app's checks pass, but the server's do not: the organisation has no such tag.
		api.tags = new Set(['vip']);
		await h.change({ type: 'edit', index: 1, set: { tags: ['gold'] } });
		await queue(h, {});
		await settled(h);
		const rows = await h.allRows();
		expect(rows[0]!.credential.sync).toBe('synced');
		expect(rows[1]!.credential.sync).toBe('rejected');
		expect(rows[1]!.syncIssues).toEqual([
			{ code: 'tag.unknown', message: expect.stringContaining("tag 'gold'") },
		]);
		expect(statuses(h).at(-1)).toMatchObject({ phase: 'idle', waiting: 0 });
		await h.change({ type: 'edit', index: 1, set: { tags: ['vip'] } });
		expect((await h.rows(1, 1))[0]!.credential.sync).toBe('none');
		await queue(h, {});
		await settled(h);
		expect((await h.rows(1, 1))[0]!.credential.sync).toBe('synced');
		expect(api.accounts.size).toBe(2);
		// Accepted now: its old reasons are gone from storage too, not only from the open draft.
		expect(await h.db.syncIssues.count()).toBe(0);
	});

	it('waits without settings, and a later worker finishes the outbox', async () => {
		const name = uniqueName('sync-resume');
		const api = new FakeImportApi();
		const h = harness(name, { engine: engine(api, async () => null) });
		await h.importText(clientsCsv(1200));
		await queue(h, {});
		await waitFor(() => statuses(h).at(-1)?.phase === 'unconfigured');
		expect(statuses(h).at(-1)).toMatchObject({ waiting: 1200 });
		expect(await h.db.outbox.count()).toBe(3);
		expect(api.requests).toHaveLength(0);

		// The page is reopened with the API set up: the new worker's engine sends what waited.
		const db = openDatabase(name);
		await new SettingsRepository(db).set('syncSettings', {
			baseUrl: 'http://api.test/api/v1',
			token: 'secret',
		});
		const settings = new SettingsRepository(db);
		const later = harness(name, {
			db,
			engine: engine(api, async () => syncConfigOf(await readSyncSettings(settings))),
		});
		await later.call('syncNow', {});
		await settled(later);
		expect(api.accounts.size).toBe(1200);
		const opened = await later.call('open', {
			draftId: (await later.repo.list())[0]!.id,
			today: '20261203',
		});
		expect(opened.draft.status).toBe('ready');
		await later.call('locate', { index: 0 });
		expect((await later.allRows()).filter((r) => r.credential.sync === 'synced')).toHaveLength(
			1200,
		);
	});

	it('stops on a refused token until the settings change, and releases a chunk the server refuses', async () => {
		const api = new FakeImportApi();
		api.token = 'other';
		const h = harness(uniqueName('sync-refused'), { engine: engine(api, configured) });
		await h.importText(clientsCsv(3));
		await queue(h, {});
		await waitFor(() => statuses(h).at(-1)?.phase === 'paused');
		expect(statuses(h).at(-1)?.message).toMatch(/refused the token/);
		expect(await h.db.outbox.count()).toBe(1);

		api.token = 'secret';
		api.faults = [{ kind: 'status', status: 413 }];
		await h.call('syncNow', {});
		await settled(h);
		expect(statuses(h).at(-1)?.message).toMatch(/refused 3 clients/);
		expect(api.accounts.size).toBe(0);
		// Unlocked, and sent by the next Sync.
		expect((await h.allRows()).map((r) => r.credential.sync)).toEqual(['none', 'none', 'none']);
		await queue(h, {});
		await settled(h);
		expect(api.accounts.size).toBe(3);
	});

	it('holds back rows with a tag the organisation lacks, when its tags are known', async () => {
		const api = new FakeImportApi();
		const h = harness(uniqueName('sync-tags'), { engine: engine(api, configured) });
		await h.importText(clientsCsv(3));
		await h.change({ type: 'edit', index: 1, set: { tags: ['gold', 'vip'] } });
		await h.change({ type: 'edit', index: 2, set: { tags: ['vip'] } });
		const queued = await queue(h, { knownTags: ['vip'] });
		expect(queued).toMatchObject({ queued: 2, heldBack: 1, unknownTags: ['gold'] });
		await settled(h);
		expect([...api.accounts.keys()].sort()).toEqual(['client0@example.com', 'client2@example.com']);
		expect((await h.rows(1, 1))[0]!.credential.sync).toBe('none');
	});

	it('removing passwords cancels the batch waiting with them, and no password stays in the outbox', async () => {
		const api = new FakeImportApi();
		const h = harness(uniqueName('sync-wipe'), { engine: engine(api, async () => null) });
		await h.importText(clientsCsv(2));
		await queue(h, {});
		expect(await h.db.outbox.count()).toBeGreaterThan(0);
		const wiped = await h.change({ type: 'removePasswords' });
		expect(wiped.wiped).toEqual({ drafts: 1, cancelled: 2, uncertain: 0 });
		expect(await h.db.outbox.count()).toBe(0);
		const rows = await h.rows(0, 2);
		expect(rows.map((r) => [r.initial_password, r.credential.sync])).toEqual([
			['', 'none'],
			['', 'none'],
		]);
	});
});

describe('DraftService: undo after sync', () => {
	it('never undoes what the platform said, nor a password the platform has', async () => {
		const api = new FakeImportApi();
		const h = harness(uniqueName('sync-undo'), { engine: engine(api, configured) });
		await h.importText(clientsCsv(2, (i) => (i === 1 ? { initial_password: '' } : {})));
		await h.change({ type: 'passwords', scope: 'missing', options: DEFAULT_PASSWORD_OPTIONS });
		await h.change({ type: 'edit', index: 0, set: { first_name: 'Zed' } });
		await queue(h, {});
		await settled(h);
		// The name edit undoes (the platform keeps what it got); the row stays synced.
		const undone = await h.change({ type: 'undo' });
		expect(undone.changedRows).toBe(1);
		expect((await h.rows(0, 1))[0]).toMatchObject({
			first_name: 'Ann',
			credential: { sync: 'synced' },
		});
		// The created password is the one on the client's account: that step is refused.
		const refused = await h.failure('undo', {});
		expect(refused).toMatchObject({
			reason: 'error',
			message: expect.stringMatching(/Row 3 is on the platform/),
		});
		expect((await h.rows(1, 1))[0]!.initial_password).toHaveLength(14);
		expect(api.accounts.size).toBe(2);
	});

	it('refuses a typed password on a row the platform has, and keeps its notice printed', async () => {
		const api = new FakeImportApi();
		api.accounts.set('client1@example.com', { batch: 'earlier' });
		const h = harness(uniqueName('sync-typed'), { engine: engine(api, configured) });
		await h.importText(clientsCsv(2));
		await h.change({ type: 'markPrinted', indexes: [0, 1] });
		await queue(h, {});
		await settled(h);
		for (const index of [0, 1]) {
			const refused = await h.failure('edit', {
				index,
				set: { initial_password: 'New-Pass-123!' },
			});
			expect(refused.message).toMatch(/is on the platform with its current password/);
		}
		const rows = await h.rows(0, 2);
		expect(rows.map((r) => r.credential.sync)).toEqual(['synced', 'exists']);
		expect(rows.map((r) => r.initial_password)).toEqual(['Abcdef1!', 'Abcdef1!']);
		expect(rows.every((r) => r.credential.printedAt > 0 && r.credential.origin === 'file')).toBe(
			true,
		);
		// Other cells of a synced row stay editable (the platform keeps what it got).
		await h.change({ type: 'edit', index: 0, set: { first_name: 'Zed' } });
	});
});
