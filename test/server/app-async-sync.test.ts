// The app's sync engine (in Node, its outbox in fake-indexeddb) against the real reference
// server's asynchronous imports: the progress rises while the server hashes, the server killed
// mid-hashing and started again on the same file finishes the chunks it had accepted, and the
// engine's resends with the same keys pick them up: every client created exactly once, every
// row synced.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SyncEngine, type SyncStatus } from '../../src/sync/engine.ts';
import { emailOf, storedRows, uniqueName } from '../unit/storage/harness.ts';
import { FAST, openTab, queueBatch } from '../unit/sync/outbox-fixture.ts';
import { serversStoppedAfterEach, until } from './helpers.ts';

const server = serversStoppedAfterEach();

describe('the app syncing with a server that imports asynchronously', () => {
	it('shows the accounts being created, survives a server restart, creates each once', async () => {
		// Each finished hash holds its slot for a minute: the chunks stay mid-hashing until killed.
		const held = await server({ faults: 'hash-delay:60000' });
		const tab = openTab(uniqueName('app-async'));
		const chunks = await queueBatch(tab, 6, 3);
		let base = held.url;
		const statuses: SyncStatus[] = [];
		const engine = new SyncEngine({
			outbox: tab.outbox,
			apply: tab.apply,
			release: tab.release,
			config: async () => ({ baseUrl: base, token: held.token }),
			onStatus: (s) => statuses.push(s),
			policy: FAST,
			poll: { firstMs: 20, maxMs: 100 },
		});
		const drained = engine.drain();
		const creating = () => engine.status.creating ?? { done: 0, total: 0 };
		await until(() => creating().done > 0, 'the first accounts to be counted');
		expect(creating()).toMatchObject({ total: 6 });
		expect(creating().done).toBeLessThan(6);
		await held.kill();
		// Both chunks were accepted; nothing is committed while their hashes are held.
		expect(held.count()).toBe(0);
		expect(chunks.map((c) => held.claim(c.key))).toEqual(['running', 'running']);

		// The server is back on the same file (at another port: the settings changed).
		const after = await server({ data: held.data, token: held.token });
		base = after.url;
		await engine.wake();
		await drained;

		expect(await tab.outbox.all()).toEqual([]);
		expect(after.count()).toBe(6);
		expect(after.emails().sort()).toEqual(
			Array.from({ length: 6 }, (_, i) => emailOf(i).toLowerCase()).sort(),
		);
		const rows = await storedRows(tab.drafts, 'd');
		expect(Array.from({ length: 6 }, (_, i) => rows.credential(i).sync)).toEqual(
			Array(6).fill('synced'),
		);
		const counts = statuses.flatMap((s) => (s.creating ? [s.creating.done] : []));
		expect(counts.some((n) => n > 0 && n < 6)).toBe(true);
		expect(counts.at(-1)).toBe(6);
		expect(engine.status).toMatchObject({ phase: 'idle', creating: null });
	}, 60_000);
});
