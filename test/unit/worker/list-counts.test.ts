// The home screen's card counts kept in clear on the draft record: how many rows were sent,
// wait to be sent, were refused, and whose notices were printed — up to date after sync answers
// arrive (the draft open, or closed because the pro went home) and after notices are printed.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { afterAnswer } from '../../../src/worker/list-counts.ts';
import { FILE_CREDENTIAL } from '../../../src/core/credentials.ts';
import type { DraftListCredentials } from '../../../src/storage/draft-record.ts';
import { FakeImportApi } from '../storage/fake-import-api.ts';
import { clientsCsv, harness, uniqueName, waitFor, type Harness } from './harness.ts';

const FAST = { baseMs: 5, capMs: 50 };
const configured = async () => ({ baseUrl: 'http://api.test/api/v1', token: 'secret' });
/** Five clients: 2 has a bad email (never sent), 3 an email the platform already has. */
const FIVE = clientsCsv(5, (i) => (i === 2 ? { email_address: 'not-an-email' } : {}));

function withApi(name: string) {
	const api = new FakeImportApi();
	api.accounts.set('client3@example.com', { batch: 'earlier' });
	let release = () => {};
	api.gate = new Promise((r) => (release = r));
	const h = harness(uniqueName(name), {
		engine: { config: configured, fetch: api.fetch, policy: FAST, random: () => 0.5 },
	});
	return { h, release: () => release() };
}

async function listed(h: Harness) {
	const [draft] = await h.call('listDrafts', {});
	return draft?.counts;
}

async function sentAll(h: Harness) {
	await waitFor(async () => (await h.db.outbox.count()) === 0, 5000);
}

const ANSWERED: DraftListCredentials = {
	unsent: 0,
	queued: 0,
	synced: 3,
	exists: 1,
	rejected: 0,
	printed: 0,
	noticeReady: 3,
};

describe('draft list counts', () => {
	it('are known from the import: nothing sent, every row without errors unsent', async () => {
		const { h } = withApi('list-import');
		await h.importText(FIVE);
		expect(await listed(h)).toMatchObject({
			rows: 5,
			errorRows: 1,
			credentials: { unsent: 4, queued: 0, synced: 0, printed: 0, noticeReady: 4 },
		});
	});

	it('follow the answers of a draft closed while it was being sent', async () => {
		const { h, release } = withApi('list-closed');
		await h.importText(FIVE);
		await h.call('sync', { chunkSize: 2 });
		// The pro goes home while the first chunk waits for its answer.
		await h.call('close', {});
		expect((await listed(h))?.credentials).toMatchObject({ queued: 4, unsent: 0, synced: 0 });
		release();
		await sentAll(h);
		await waitFor(async () => (await listed(h))?.credentials?.queued === 0, 5000);
		expect((await listed(h))?.credentials).toEqual(ANSWERED);
	});

	it('follow the answers and the printed notices of the open draft', async () => {
		const { h, release } = withApi('list-open');
		await h.importText(FIVE);
		await h.call('sync', { chunkSize: 2 });
		release();
		await sentAll(h);
		await h.call('markPrinted', { indexes: [0, 1] });
		// Saved a moment after the last change, or at once when the pro leaves the draft.
		await h.call('close', {});
		expect((await listed(h))?.credentials).toEqual({ ...ANSWERED, printed: 2 });
	});
});

describe('afterAnswer', () => {
	const before: DraftListCredentials = { ...ANSWERED, synced: 0, exists: 0, queued: 4 };
	const row = (sync: 'none' | 'synced' | 'exists' | 'rejected', deleted = false) => ({
		index: 0,
		rec: {} as never,
		deleted,
		credential: { ...FILE_CREDENTIAL, sync, syncedAt: 1 },
	});

	it('moves each answered row out of the queue into its state', () => {
		expect(
			afterAnswer(before, [row('synced'), row('exists'), row('rejected'), row('none')]),
		).toEqual({
			...before,
			queued: 0,
			synced: 1,
			exists: 1,
			rejected: 1,
			unsent: 1,
			noticeReady: 2,
		});
	});

	it('never counts below zero when the stored counts were behind', () => {
		expect(afterAnswer({ ...before, queued: 0 }, [row('synced')]).queued).toBe(0);
		expect(afterAnswer(before, [row('synced', true)])).toEqual(before);
	});
});
