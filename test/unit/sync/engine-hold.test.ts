// The engine's side of "Cancel sending": a held draft's chunks are not sent while other drafts'
// are, the hold is granted only once the draft's request in flight is answered, and a chunk
// removed from the outbox after the engine read it (cancelled in another tab) is never sent.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { storedRows, uniqueName } from '../storage/harness.ts';
import { engineFor, IdempotentApi, openTab, queueBatch } from './outbox-fixture.ts';

/** A failed chunk waits a minute: the test sees what `hold` lets through, not a retry. */
const HOLD_DEPS = { policy: { baseMs: 60_000, capMs: 60_000 }, parallel: 1 };

describe('SyncEngine.hold', () => {
	it('waits for the request in flight, then sends none of the draft until released', async () => {
		const tab = openTab(uniqueName('engine-hold'));
		const api = new IdempotentApi();
		const chunks = await queueBatch(tab, 6, 2);
		let answer = () => undefined as void;
		api.held.set(chunks[0]!.key, new Promise<void>((resolve) => (answer = resolve)));
		const engine = engineFor(tab, api, HOLD_DEPS);
		const drained = engine.drain();
		await expect.poll(() => api.inFlight).toBe(1);

		let granted = false;
		const holding = engine.hold('d').then((release) => {
			granted = true;
			return release;
		});
		// Still in flight: not granted yet, whatever else runs meanwhile.
		await tab.outbox.all();
		expect(granted).toBe(false);
		answer();
		const release = await holding;
		// The answer that came is applied; nothing else of the draft was sent.
		expect((await storedRows(tab.drafts, 'd')).credential(0).sync).toBe('synced');
		expect([...api.posts.keys()]).toEqual([chunks[0]!.key]);
		expect((await tab.outbox.all()).map((c) => c.index)).toEqual([1, 2]);

		// Cancelled meanwhile (as the worker does): chunk 1 leaves the outbox under the hold.
		await tab.drafts.commit('d', [], null, 1, { outbox: { remove: [chunks[1]!.id] } });
		release();
		await expect.poll(async () => (await tab.outbox.all()).length).toBe(0);
		await drained;
		expect([...api.posts.keys()].sort()).toEqual([chunks[0]!.key, chunks[2]!.key].sort());
	});

	it('never sends a chunk another tab removed after this engine read the outbox', async () => {
		const name = uniqueName('engine-removed');
		const tab = openTab(name);
		const other = openTab(name);
		const api = new IdempotentApi();
		const chunks = await queueBatch(tab, 4, 2);
		let answer = () => undefined as void;
		api.held.set(chunks[0]!.key, new Promise<void>((resolve) => (answer = resolve)));
		const engine = engineFor(tab, api, HOLD_DEPS);
		const drained = engine.drain();
		await expect.poll(() => api.inFlight).toBe(1);
		// The other tab cancels chunk 1 while this engine, holding the lock, has it in memory.
		await other.drafts.commit('d', [], null, 1, { outbox: { remove: [chunks[1]!.id] } });
		answer();
		await drained;
		expect([...api.posts.keys()]).toEqual([chunks[0]!.key]);
		expect(engine.status).toMatchObject({ phase: 'idle', waiting: 0 });
	});
});
