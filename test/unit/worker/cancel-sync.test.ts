// "Cancel sending" in the worker, and a copy made mid-sync: a request in flight is answered
// first, the rest leaves the outbox with its rows unlocked, the clients sent without an answer
// are named, and a duplicate of a draft whose batch waits has no row stuck as "sending".
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../src/sync/api-client.ts';
import { rowRanges } from '../../../src/worker/handlers/sync.ts';
import { FakeImportApi } from '../storage/fake-import-api.ts';
import { openDatabase } from '../../../src/storage/db.ts';
import { clientsCsv, harness, quotaSwitch, storedRows, uniqueName, waitFor } from './harness.ts';

const configured = async () => ({ baseUrl: 'http://api.test/api/v1', token: 'secret' });
/** Retries wait 30 s: nothing is sent again while a test looks. */
const SLOW_RETRY = { baseMs: 60_000, capMs: 60_000 };

/** The API behind a fetch whose `n`-th import request waits until `release`. */
function holding(api: FakeImportApi, n: number) {
	let release = () => undefined as void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let imports = 0;
	const fetch: FetchLike = async (input, init) => {
		if (new URL(input).pathname.endsWith('/imports') && ++imports === n) await held;
		return api.fetch(input, init);
	};
	return { fetch, release: () => release(), sent: () => imports };
}

describe('cancelSync', () => {
	it('waits for the request in flight, unlocks the rest, and names the clients the platform may have', async () => {
		const api = new FakeImportApi();
		// The first chunk is imported but its answer is lost: the platform has clients 0 and 1.
		api.faults = [{ kind: 'drop' }];
		const gate = holding(api, 2);
		const h = harness(uniqueName('cancel-sync'), {
			engine: {
				config: configured,
				fetch: gate.fetch,
				policy: SLOW_RETRY,
				random: () => 0.5,
				parallel: 1,
			},
		});
		const { draft } = await h.importText(clientsCsv(6));
		expect((await h.call('sync', { chunkSize: 2 })).queued).toBe(6);
		await waitFor(() => gate.sent() === 2, 5000);

		let answered = false;
		const cancelling = h.call('cancelSync', { draftId: draft.id }).then((r) => {
			answered = true;
			return r;
		});
		// The worker still serves other calls; the cancel waits for the chunk in flight.
		await h.call('rows', { offset: 0, limit: 1 });
		expect(answered).toBe(false);
		expect(await h.db.outbox.count()).toBe(3);
		gate.release();
		const result = await cancelling;

		// Rows 2–3 (client0, client1) were sent without an answer; rows 6–7 were never sent.
		expect(result).toMatchObject({
			cancelled: 4,
			uncertain: { clients: 2, ranges: [[2, 3]] },
		});
		expect(await h.db.outbox.count()).toBe(0);
		expect((await h.allRows()).map((r) => r.credential.sync)).toEqual([
			'none',
			'none',
			'synced',
			'synced',
			'none',
			'none',
		]);
		expect(result.state?.credentials).toMatchObject({ queued: 0, unsent: 4, synced: 2 });
		// Nothing else is sent, and the engine says nothing waits.
		await waitFor(() => h.events.syncStatus.at(-1)?.waiting === 0, 5000);
		expect(api.requests).toHaveLength(2);

		// Unlocked: the rows take edits again.
		const edited = await h.change({
			type: 'edit',
			index: 4,
			set: { first_name: 'Edited' },
		});
		expect(edited.refused ?? []).toEqual([]);
		expect((await storedRows(h.repo, draft.id)).at(4)?.first_name).toBe('Edited');

		// Sent again, a new batch has new keys: the platform answers "already registered" for
		// the clients it took from the cancelled chunk (what docs/decisions.md warns of).
		await h.call('sync', { chunkSize: 2 });
		await waitFor(async () => (await h.db.outbox.count()) === 0, 5000);
		await waitFor(
			async () => (await h.allRows()).every((r) => r.credential.sync !== 'queued'),
			5000,
		);
		expect((await h.allRows()).map((r) => r.credential.sync)).toEqual([
			'exists',
			'exists',
			'synced',
			'synced',
			'synced',
			'synced',
		]);
	});

	it('on a full disk, says so, keeps the batch as it was, and lets it send again', async () => {
		const api = new FakeImportApi();
		const gate = holding(api, 1);
		const name = uniqueName('cancel-full');
		const db = openDatabase(name);
		const quota = quotaSwitch(db);
		const h = harness(name, {
			db,
			engine: { config: configured, fetch: gate.fetch, policy: SLOW_RETRY, random: () => 0.5 },
		});
		const { draft } = await h.importText(clientsCsv(2));
		await h.call('sync', {});
		await waitFor(() => gate.sent() === 1, 5000);
		quota.table = 'blocks';
		quota.failing = true;
		const failure = h.failure('cancelSync', { draftId: draft.id });
		gate.release();
		expect(await failure).toMatchObject({ reason: 'storage-full' });
		quota.failing = false;
		// The answer that came meanwhile could not be saved either: the chunk waits, rows locked.
		expect(await h.db.outbox.count()).toBe(1);
		expect((await storedRows(h.repo, draft.id)).credential(0).sync).toBe('queued');
		// The hold is over: Sync now sends it again (same key) and it lands.
		await h.call('syncNow', {});
		await waitFor(async () => (await h.db.outbox.count()) === 0, 5000);
		expect((await storedRows(h.repo, draft.id)).credential(0).sync).toBe('synced');
		expect(api.accounts.size).toBe(2);
	});

	it('answers that nothing waited when the draft has no chunk', async () => {
		const h = harness(uniqueName('cancel-none'));
		const { draft } = await h.importText(clientsCsv(2));
		const result = await h.call('cancelSync', { draftId: draft.id });
		expect(result).toMatchObject({ cancelled: 0, uncertain: { clients: 0, ranges: [] } });
	});

	it('writes spreadsheet rows as runs', () => {
		expect(rowRanges([9, 2, 3, 4, 11, 12])).toEqual([
			[2, 4],
			[9, 9],
			[11, 12],
		]);
		expect(rowRanges([])).toEqual([]);
	});
});

describe('duplicate while a batch waits', () => {
	it('leaves no row of the copy locked as sending; the original stays locked', async () => {
		const api = new FakeImportApi();
		const gate = holding(api, 1);
		const h = harness(uniqueName('duplicate-mid-sync'), {
			engine: { config: configured, fetch: gate.fetch, policy: SLOW_RETRY, random: () => 0.5 },
		});
		const { draft } = await h.importText(clientsCsv(3));
		await h.call('sync', {});
		await waitFor(() => gate.sent() === 1, 5000);

		const { draftId: copyId } = await h.call('duplicate', { draftId: draft.id, name: 'Copy' });
		const copy = await storedRows(h.repo, copyId);
		expect([0, 1, 2].map((i) => copy.credential(i).sync)).toEqual(['none', 'none', 'none']);
		const original = await storedRows(h.repo, draft.id);
		expect([0, 1, 2].map((i) => original.credential(i).sync)).toEqual([
			'queued',
			'queued',
			'queued',
		]);
		// The copy's rows can be sent on their own.
		await h.open(copyId);
		const state = await h.call('view', { filter: 'all', search: '' });
		expect(state.credentials).toMatchObject({ queued: 0, unsent: 3 });
		gate.release();
	});
});
