// The sync engine's failure paths against a real outbox in fake-indexeddb: a full disk while an
// answer or an attempt is recorded pauses the sync with words for the pro (never an unhandled
// rejection), and two tabs woken at once under the Web Lock send every chunk exactly once.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { SyncEngine } from '../../../src/sync/engine.ts';
import { StorageFullError } from '../../../src/storage/errors.ts';
import { quotaSwitch, storedRows, uniqueName } from '../storage/harness.ts';
import {
	engineFor,
	CONFIG,
	FAST,
	IdempotentApi,
	openTab,
	queueBatch,
	waitFor,
	webLock,
} from './outbox-fixture.ts';

// Vitest fails the run on an unhandled rejection; these tests also name it where it happened.
let stray: unknown[] = [];
const onStray = (reason: unknown) => stray.push(reason);
beforeEach(() => {
	stray = [];
	process.on('unhandledRejection', onStray);
});
afterEach(() => {
	process.off('unhandledRejection', onStray);
	vi.restoreAllMocks();
});

/** Lets Node report rejections left unhandled so far (it does so once the microtasks are run). */
const rejectionsReported = () => new Promise((resolve) => setImmediate(resolve));

describe('SyncEngine: a full disk during a sync', () => {
	for (const where of ['apply', 'attempt'] as const) {
		const what = where === 'apply' ? 'the answer is applied' : 'a failed attempt is recorded';
		it(`pauses with words for the pro when ${what}, and resumes on Sync now`, async () => {
			const name = uniqueName(`engine-quota-${where}`);
			const db = openDatabase(name);
			const quota = quotaSwitch(db);
			const tab = openTab(name, db);
			const api = new IdempotentApi();
			const chunks = await queueBatch(tab, 4, 2);
			if (where === 'attempt') api.faults = [503, 503];
			// The rows go on being written (the answers' commits); the outbox is where it fails.
			quota.table = where === 'apply' ? undefined : 'outbox';
			quota.failing = true;
			const engine = engineFor(tab, api);
			// As the worker starts it: nobody awaits it.
			void engine.drain();
			await waitFor('the sync pauses', () => engine.status.phase === 'paused');
			await rejectionsReported();
			expect(stray).toEqual([]);
			expect(engine.status).toMatchObject({ phase: 'paused', waiting: 4 });
			expect(engine.status.message).toMatch(/no room left.*Delete drafts you no longer need/);
			expect((await tab.outbox.all()).map((c) => c.id)).toEqual(chunks.map((c) => c.id));
			expect((await storedRows(tab.drafts, 'd')).credential(0).sync).toBe('queued');

			// Room again: "Sync now" sends what waits; the server imported each client once.
			quota.failing = false;
			void engine.wake();
			await waitFor('the outbox is empty', async () => (await tab.outbox.all()).length === 0);
			await waitFor('the engine is idle', () => engine.status.phase === 'idle');
			const rows = await storedRows(tab.drafts, 'd');
			expect([0, 1, 2, 3].map((i) => rows.credential(i).sync)).toEqual([
				'synced',
				'synced',
				'synced',
				'synced',
			]);
			expect([...api.created.values()]).toEqual([1, 1, 1, 1]);
			await rejectionsReported();
			expect(stray).toEqual([]);
		});
	}

	it('pauses when "Sync now" cannot record the new times, without a rejection', async () => {
		const name = uniqueName('engine-quota-wake');
		const db = openDatabase(name);
		const quota = quotaSwitch(db);
		const tab = openTab(name, db);
		await queueBatch(tab, 2, 2);
		await tab.db.outbox.toCollection().modify({ nextAt: Number.MAX_SAFE_INTEGER });
		quota.failing = true;
		const engine = engineFor(tab, new IdempotentApi());
		await expect(engine.wake()).resolves.toBeUndefined();
		expect(engine.status.phase).toBe('paused');
		expect(engine.status.message).toMatch(/no room left/);
		await rejectionsReported();
		expect(stray).toEqual([]);
	});
});

describe('SyncEngine: a fault that is not the disk', () => {
	it('pauses with the fault in words and logs it, without a rejection', async () => {
		const tab = openTab(uniqueName('engine-bug'));
		await queueBatch(tab, 2, 2);
		const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const fault = new Error('answer lost its rows');
		const failing = new SyncEngine({
			outbox: tab.outbox,
			release: tab.release,
			apply: () => Promise.reject(fault),
			config: async () => CONFIG,
			onStatus: () => undefined,
			fetch: new IdempotentApi().fetch,
			policy: FAST,
		});
		void failing.drain();
		await waitFor('the sync pauses', () => failing.status.phase === 'paused');
		await rejectionsReported();
		expect(stray).toEqual([]);
		expect(failing.status.message).toBe(
			'Sending stopped: answer lost its rows. Sync now to try again.',
		);
		expect(logged).toHaveBeenCalledWith(fault);
	});
});

describe('SyncEngine: a failed answer among chunks sent side by side', () => {
	it('pauses only once the other chunk in flight is answered and applied', async () => {
		const tab = openTab(uniqueName('engine-side-by-side'));
		const api = new IdempotentApi();
		const chunks = await queueBatch(tab, 4, 2);
		let release = () => {};
		api.held.set(chunks[1]!.key, new Promise<void>((resolve) => (release = resolve)));
		const phases: { phase: string; inFlight: number }[] = [];
		const engine = new SyncEngine({
			outbox: tab.outbox,
			release: tab.release,
			apply: async (chunk, outcome) => {
				if (chunk.index === 1) return tab.apply(chunk, outcome);
				// The other answer arrives after this failure has run its course.
				setImmediate(release);
				throw new StorageFullError();
			},
			config: async () => CONFIG,
			onStatus: (s) => phases.push({ phase: s.phase, inFlight: api.inFlight }),
			fetch: api.fetch,
			policy: FAST,
			parallel: 2,
		});
		await engine.drain();
		expect(phases.filter((p) => p.phase === 'paused')).toEqual([{ phase: 'paused', inFlight: 0 }]);
		// Chunk 1's answer is on its rows; chunk 0 waits for Sync now.
		expect((await tab.outbox.all()).map((c) => c.index)).toEqual([0]);
		expect((await storedRows(tab.drafts, 'd')).credential(2).sync).toBe('synced');
	});
});

describe('SyncEngine: two tabs under the Web Lock', () => {
	it('sends every chunk exactly once; the tab that waited finds the outbox done', async () => {
		const name = uniqueName('engine-two-tabs');
		const first = openTab(name);
		const second = openTab(name);
		const api = new IdempotentApi();
		const lock = webLock();
		const chunks = await queueBatch(first, 9, 2);
		const engines = [
			engineFor(first, api, { lock: lock.request }),
			engineFor(second, api, { lock: lock.request }),
		];
		// Both tabs come back online at the same moment.
		await Promise.all(engines.map((e) => e.wake()));
		expect(lock.maxHeld()).toBe(1);
		expect([...api.posts.entries()].sort()).toEqual(chunks.map((c) => [c.key, 1]).sort());
		expect([...api.created.values()]).toEqual(Array(9).fill(1));
		expect(await first.outbox.all()).toEqual([]);
		expect(engines.map((e) => [e.status.phase, e.status.waiting])).toEqual([
			['idle', 0],
			['idle', 0],
		]);
		// The tab that got the lock second sent nothing: it found the outbox done.
		expect(second.statuses.map((s) => s.phase)).toEqual(['idle']);
		const rows = await storedRows(second.drafts, 'd');
		expect(Array.from({ length: 9 }, (_, i) => rows.credential(i).sync)).toEqual(
			Array(9).fill('synced'),
		);
	});
});

describe('SyncEngine: chunks in flight', () => {
	it('sends the next chunk as soon as one is answered, never more than `parallel` at once', async () => {
		const tab = openTab(uniqueName('engine-slots'));
		const api = new IdempotentApi();
		const chunks = await queueBatch(tab, 10, 2);
		// Chunk 1's answer is slow: the other slot goes on through chunks 2, 3 and 4 meanwhile.
		let answerSlow = () => undefined as void;
		api.held.set(chunks[1]?.key ?? '', new Promise<void>((r) => (answerSlow = r)));
		let most = 0;
		const engine = engineFor(tab, api, {
			parallel: 2,
			fetch: (input, init) => {
				const answer = api.fetch(input, init);
				most = Math.max(most, api.inFlight);
				return answer;
			},
		});
		const drained = engine.drain();
		await waitFor('chunks 0, 2, 3 and 4 are answered', async () =>
			(await tab.outbox.all()).every((c) => c.index === 1),
		);
		expect(api.inFlight).toBe(1);
		answerSlow();
		await drained;
		expect(most).toBe(2);
		expect(engine.status).toMatchObject({ phase: 'idle', waiting: 0 });
		expect([...api.posts.values()]).toEqual([1, 1, 1, 1, 1]);
		expect([...api.created.values()]).toEqual(Array(10).fill(1));
	});

	it('does not send a chunk taken out of the outbox since the engine read it', async () => {
		const tab = openTab(uniqueName('engine-gone'));
		const api = new IdempotentApi();
		const chunks = await queueBatch(tab, 6, 2);
		const gone = chunks[2];
		// While chunk 0 is on its way, another tab cancels chunk 2 (its rows go back to the draft).
		api.held.set(
			chunks[0]?.key ?? '',
			(async () => {
				if (gone) await tab.release(gone);
			})(),
		);
		const engine = engineFor(tab, api, { parallel: 1 });
		await engine.drain();
		expect(engine.status).toMatchObject({ phase: 'idle', waiting: 0 });
		expect(api.posts.has(gone?.key ?? '')).toBe(false);
		expect([...api.posts.values()]).toEqual([1, 1]);
		expect(await tab.outbox.has(gone?.id ?? '')).toBe(false);
		expect(await tab.outbox.has(chunks[1]?.id ?? '')).toBe(false);
	});
});
