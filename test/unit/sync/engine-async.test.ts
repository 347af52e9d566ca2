// The sync engine with a server that creates accounts asynchronously (202, then polls): answers
// applied as a synchronous server's, the status counting "creating accounts: X of Y" as the
// platform goes, a lost connection mid-polling resumed without a duplicate, "Cancel sending"
// granted without waiting for the platform, and the line in the pro's language.
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import type { SyncEngine } from '../../../src/sync/engine.ts';
import { type EngineDeps } from '../../../src/sync/engine.ts';
import { AsyncProgress } from '../../../src/sync/async-progress.ts';
import { SyncState } from '../../../src/state/sync.svelte.ts';
import { loadMessages } from '../../../src/i18n/messages.ts';
import type { OutboxRecord } from '../../../src/storage/db.ts';
import type { Locale } from '../../../src/i18n/locales.ts';
import type { SyncStatusEvent } from '../../../src/worker/client.ts';
import { storedRows, uniqueName } from '../storage/harness.ts';
import { AsyncApi, recordedSleep } from './async-fixture.ts';
import { engineFor, openTab, queueBatch, type Tab } from './outbox-fixture.ts';

/** The fixture's engine, its backoff waits recorded instead of slept. */
function engineOn(tab: Tab, api: AsyncApi, deps: Partial<EngineDeps> = {}): SyncEngine {
	return engineFor(tab, api, { sleep: recordedSleep().sleep, ...deps });
}

describe('SyncEngine with asynchronous imports', () => {
	it('applies each chunk once it is done and counts the accounts being created', async () => {
		const tab = openTab(uniqueName('engine-async'));
		const api = new AsyncApi();
		await queueBatch(tab, 6, 2);
		await engineOn(tab, api).drain();

		const rows = await storedRows(tab.drafts, 'd');
		expect(Array.from({ length: 6 }, (_, i) => rows.credential(i).sync)).toEqual(
			Array(6).fill('synced'),
		);
		expect([...api.created.values()]).toEqual(Array(6).fill(1));
		expect(await tab.outbox.all()).toEqual([]);
		const counts = tab.statuses.flatMap((s) => (s.creating ? [s.creating] : []));
		// Every count is of the batch's 6 clients, never goes back, and rises to all of them.
		expect(new Set(counts.map((c) => c.total))).toEqual(new Set([6]));
		const done = counts.map((c) => c.done);
		expect(done).toEqual([...done].sort((a, b) => a - b));
		expect(done[0]).toBeLessThan(6);
		expect(done.at(-1)).toBe(6);
		expect(tab.statuses.at(-1)).toMatchObject({ phase: 'idle', waiting: 0, creating: null });
	});

	it('keeps a chunk whose polling lost the connection, and resends it without a duplicate', async () => {
		const tab = openTab(uniqueName('engine-async-offline'));
		const api = new AsyncApi();
		api.pollFaults = ['offline'];
		const chunks = await queueBatch(tab, 2, 2);
		const engine = engineOn(tab, api, { policy: { baseMs: 60_000, capMs: 60_000 } });
		void engine.drain();
		await expect.poll(() => engine.status.phase).toBe('offline');
		expect(engine.status).toMatchObject({ waiting: 2 });
		expect((await tab.outbox.all()).map((c) => [c.index, c.attempts])).toEqual([[0, 1]]);

		// Back online: the same key again, 202, polled to the end; each account created once.
		await engine.wake();
		expect(await tab.outbox.all()).toEqual([]);
		expect(api.posts.get(chunks[0]!.key)).toBe(3);
		expect([...api.created.values()]).toEqual([1, 1]);
		expect((await storedRows(tab.drafts, 'd')).credential(1).sync).toBe('synced');
	});

	/** Time passes only in the polls' waits, so how long a chunk took is exact. */
	function clocked(): Partial<EngineDeps> {
		let clock = 0;
		return {
			now: () => clock,
			sleep: async (ms) => {
				clock += ms;
				await new Promise((resolve) => setImmediate(resolve));
			},
		};
	}

	it('asks a platform that finished by the first poll for synchronous answers from then on', async () => {
		const tab = openTab(uniqueName('engine-async-fast'));
		const api = new AsyncApi();
		api.step = 100;
		await queueBatch(tab, 6, 2);
		await engineOn(tab, api, { ...clocked(), parallel: 1 }).drain();
		// Chunk 0: asked, polled once (0.1 s), fetched; chunks 1 and 2 then without the wait.
		expect(api.prefer).toEqual(['respond-async', 'respond-async', null, null]);
		expect([...api.created.values()]).toEqual(Array(6).fill(1));
	});

	it('asks for asynchronous answers again once a request outlasts its limit', async () => {
		const tab = openTab(uniqueName('engine-async-timeout'));
		const api = new AsyncApi();
		api.step = 100;
		api.hangSynchronous = 1;
		await queueBatch(tab, 6, 2);
		await engineOn(tab, api, { parallel: 1, timeouts: { importMs: 20 } }).drain();
		// Chunk 0 taught "fast"; chunk 1's synchronous request got no answer in time, so its
		// resend asks for an asynchronous one, and chunk 2 (fast again) does not.
		expect(api.prefer).toEqual([
			'respond-async',
			'respond-async',
			null,
			'respond-async',
			'respond-async',
			null,
		]);
		expect([...api.created.values()]).toEqual(Array(6).fill(1));
	});

	it('keeps asking a platform that takes its time for asynchronous answers', async () => {
		const tab = openTab(uniqueName('engine-async-slow'));
		const api = new AsyncApi();
		await queueBatch(tab, 10, 5);
		await engineOn(tab, api, { ...clocked(), parallel: 1 }).drain();
		// Each chunk of 5 is done at the fifth poll: 0.1 + 0.2 + 0.4 + 0.8 + 1.6 s.
		expect(api.prefer).toEqual(Array(4).fill('respond-async'));
		expect([...api.created.values()]).toEqual(Array(10).fill(1));
	});

	it('grants "Cancel sending" at once while the platform is still processing', async () => {
		const tab = openTab(uniqueName('engine-async-hold'));
		const api = new AsyncApi();
		await queueBatch(tab, 4, 2);
		// The platform takes for ever: polls wait until stopped.
		const waiting = (_ms: number, signal?: AbortSignal) =>
			new Promise<void>((_, reject) =>
				signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
			);
		const engine = engineOn(tab, api, {
			sleep: waiting,
			parallel: 1,
			policy: { baseMs: 60_000, capMs: 60_000 },
		});
		const drained = engine.drain();
		await expect.poll(() => api.posts.size).toBe(1);

		const release = await engine.hold('d');
		const left = await tab.outbox.all();
		// Chunk 0 was sent and not answered: still there, counted as sent; chunk 1 never left.
		expect(left.map((c) => [c.index, c.attempts])).toEqual([
			[0, 1],
			[1, 0],
		]);
		expect(left[0]?.lastError).toMatch(/Stopped waiting for the platform/);
		expect(api.created.size).toBe(0);
		await tab.drafts.commit('d', [], null, 1, { outbox: { remove: left.map((c) => c.id) } });
		release();
		await drained;
	});
});

describe('"The platform is creating accounts"', () => {
	it('counts chunks answered before a restart from the platform’s listing', () => {
		const progress = new AsyncProgress();
		const chunk = (index: number): OutboxRecord => ({
			id: `b:${index}`,
			draftId: 'd',
			batchId: 'b',
			index,
			count: 200,
			key: `k${index}`,
			rows: Array.from({ length: 500 }, (_, i) => index * 500 + i),
			clients: [],
			attempts: 1,
			nextAt: 0,
			lastError: null,
			createdAt: 0,
		});
		// 67 chunks answered before the page was reloaded; 133 still in the outbox.
		const outbox = Array.from({ length: 133 }, (_, i) => chunk(67 + i));
		const listed = Array.from({ length: 67 }, (_, index) => ({
			index,
			done: true,
			clients: 500,
			processed: 500,
		}));
		listed.push({ index: 67, done: false, clients: 500, processed: 500 });
		listed.push({ index: 68, done: false, clients: 500, processed: 0 });
		progress.polled({ processed: 500, clients: 500, batchId: 'b', batch: listed });
		expect(progress.count('b', outbox)).toEqual({ done: 34_000, total: 100_000 });
	});

	afterAll(() => loadMessages('en'));

	function lineOf(status: SyncStatusEvent): string {
		let tell: (s: SyncStatusEvent) => void = () => undefined;
		const sync = new SyncState(
			{
				onSyncStatus: (listener) => {
					tell = listener;
					return () => undefined;
				},
				syncNow: async () => undefined,
				cancelSync: async () => ({
					cancelled: 0,
					uncertain: { clients: 0, ranges: [] },
					state: null,
				}),
			},
			{ get: async () => undefined, set: async () => undefined, remove: async () => undefined },
		);
		tell(status);
		return sync.line(null);
	}

	const sending = (done: number, total: number): SyncStatusEvent => ({
		phase: 'sending',
		waiting: total - done,
		done: 68,
		total: 200,
		message: '',
		nextAt: null,
		creating: { done, total },
	});

	it.each([
		['en', 'The platform is creating accounts: 34,000 of 100,000'],
		['fr', 'La plateforme crée les comptes\u00a0: 34\u202f000 sur 100\u202f000'],
		['es', 'La plataforma está creando las cuentas: 34.000 de 100.000'],
		['de', 'Die Plattform legt die Konten an: 34.000 von 100.000'],
		['pt', 'A plataforma está criando as contas: 34.000 de 100.000'],
	] as [Locale, string][])('says it in %s with its numbers', async (locale, text) => {
		await loadMessages(locale);
		expect(lineOf(sending(34_000, 100_000))).toBe(text);
	});

	it('is singular for one client and plural for a million, and absent without it', async () => {
		await loadMessages('fr');
		expect(lineOf(sending(0, 1))).toBe('La plateforme crée le compte\u00a0: 0 sur 1');
		expect(lineOf(sending(5, 1_000_000))).toBe(
			'La plateforme crée les comptes\u00a0: 5 sur 1\u202f000\u202f000',
		);
		await loadMessages('en');
		expect(lineOf({ ...sending(5, 10), creating: null })).toBe('Sending 69 of 200');
	});
});
