// A batch handed to the engine as it was queued (drain(chunks)): it is sent after the batches
// already waiting, as if read from the outbox, without reading its clients back; a chunk of it
// taken out of the outbox before the engine got to it is neither sent nor counted; one an engine
// tried meanwhile (another tab's, which then stopped) is taken as stored, its backoff kept; and a
// batch handed over while the engine was reading an empty outbox is sent, not left for later.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { buildBatch } from '../../../src/sync/chunks.ts';
import type { OutboxRecord } from '../../../src/storage/db.ts';
import { clientRecord, draftRecord, putDraft, storeOf, uniqueName } from '../storage/harness.ts';
import { engineFor, IdempotentApi, openTab, waitFor, type Tab } from './outbox-fixture.ts';

/** Queues rows `rows` of draft 'd' as batch `batchId` made at `now`, in chunks of two. */
async function queue(
	tab: Tab,
	batchId: string,
	rows: number[],
	now: number,
): Promise<OutboxRecord[]> {
	const chunks = buildBatch({
		draftId: 'd',
		batchId,
		rows,
		record: (i) => clientRecord(i),
		chunkSize: 2,
		now,
		newKey: () => `${batchId}-key-${Math.random()}`,
	});
	const patches = rows.map((index) => ({
		index,
		credential: { sync: 'queued' as const, syncedAt: now },
	}));
	await tab.drafts.commit('d', patches, null, now, { outbox: { put: chunks } });
	return chunks;
}

async function twoBatches(name: string) {
	const tab = openTab(uniqueName(name));
	await putDraft(tab.drafts, draftRecord('d', { fileRows: 8 }), storeOf(8));
	const older = await queue(tab, 'older', [0, 1, 2, 3], 10);
	const newer = await queue(tab, 'newer', [4, 5, 6, 7], 20);
	return { tab, older, newer };
}

describe('SyncEngine.drain with the chunks just queued', () => {
	it('sends them after the batches already waiting, reading only those back', async () => {
		const { tab, older, newer } = await twoBatches('engine-handover');
		const api = new IdempotentApi();
		const waiting = vi.spyOn(tab.outbox, 'waiting');
		const engine = engineFor(tab, api, { parallel: 1 });
		await engine.drain(newer);

		expect([...api.posts.keys()]).toEqual([...older, ...newer].map((c) => c.key));
		expect(await tab.outbox.all()).toEqual([]);
		expect([...api.created.values()]).toEqual(Array(8).fill(1));
		// The first read left the batch handed over out: only the older one was read back.
		expect(waiting.mock.calls[0]?.[0]).toEqual(newer.map((c) => c.id));
		expect((await waiting.mock.results[0]?.value)?.others.map((c: OutboxRecord) => c.id)).toEqual(
			older.map((c) => c.id),
		);
	});

	it('neither sends nor counts a chunk handed over but cancelled before it was read', async () => {
		const { tab, older, newer } = await twoBatches('engine-handover-cancel');
		// The engine has no address yet: it reads what waits, counts it, and stops there.
		const engine = engineFor(tab, new IdempotentApi(), { config: async () => null });
		await engine.drain(newer);
		expect(engine.status).toMatchObject({ phase: 'unconfigured', waiting: 8 });

		// Handed over again (queued once more), then cancelled before the engine reads it.
		await tab.drafts.commit('d', [], null, 30, { outbox: { remove: newer.map((c) => c.id) } });
		await engine.drain(newer);
		expect(engine.status).toMatchObject({ phase: 'unconfigured', waiting: 4 });

		const api = new IdempotentApi();
		const sending = engineFor(tab, api, { parallel: 1 });
		await sending.drain(newer);
		await waitFor('the older batch is sent', async () => (await tab.outbox.all()).length === 0);
		expect([...api.posts.keys()]).toEqual(older.map((c) => c.key));
	});

	it('takes a chunk tried since it was handed over as stored: its backoff holds', async () => {
		const { tab, older, newer } = await twoBatches('engine-handover-tried');
		// Another tab's engine sent the first chunk, heard "busy", and stopped before the retry.
		const later = Date.now() + 60_000;
		await tab.outbox.retryLater(newer[0]!.id, later, 'The platform is busy.');
		const api = new IdempotentApi();
		const engine = engineFor(tab, api, { parallel: 1, sleep: () => new Promise(() => {}) });
		void engine.drain(newer);
		await waitFor('only the chunk tried waits', () => engine.status.phase === 'waiting');

		expect([...api.posts.keys()]).toEqual([...older, ...newer.slice(1)].map((c) => c.key));
		expect(engine.status).toMatchObject({
			waiting: 2,
			nextAt: later,
			message: 'The platform is busy.',
		});
	});

	it('sends a batch queued while it was reading an empty outbox, not at the next drain', async () => {
		const tab = openTab(uniqueName('engine-handover-late'));
		await putDraft(tab.drafts, draftRecord('d', { fileRows: 4 }), storeOf(4));
		const api = new IdempotentApi();
		const engine = engineFor(tab, api);
		// The engine's read of the empty outbox is held until the batch is queued and handed over.
		const read = tab.outbox.waiting.bind(tab.outbox);
		let release = () => undefined as void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let reads = 0;
		vi.spyOn(tab.outbox, 'waiting').mockImplementation(async (ids) => {
			const found = await read(ids);
			if (reads++ === 0) await held;
			return found;
		});
		const drained = engine.drain();
		await waitFor('the engine reads', () => reads === 1);
		const batch = await queue(tab, 'late', [0, 1, 2, 3], 10);
		void engine.drain(batch);
		release();
		await drained;

		expect(await tab.outbox.all()).toEqual([]);
		expect([...api.created.values()]).toEqual([1, 1, 1, 1]);
		expect(engine.status.phase).toBe('idle');
	});
});
