// What "Send" asks of the worker as the platform describes itself: its tags, and chunks of the
// API's largest size for a platform that takes imports asynchronously (GET /health), remembered
// for a start without a connection.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, MAX_CHUNK_CLIENTS } from '../../../src/core/import-api.ts';
import { SyncState, type SyncBackend } from '../../../src/state/sync.svelte.ts';
import { openDatabase } from '../../../src/storage/db.ts';
import { SettingsRepository } from '../../../src/storage/settings.ts';
import { uniqueName } from '../storage/harness.ts';

const BASE = 'https://platform.example/api/v1';

const backend: SyncBackend = {
	onSyncStatus: () => () => undefined,
	syncNow: async () => undefined,
	cancelSync: async () => ({ cancelled: 0, uncertain: { clients: 0, ranges: [] }, state: null }),
};

const json = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A platform answering /health and /tags as given (an Error: the request fails). */
function platform(answers: { health: Response | Error; tags: Response | Error }): typeof fetch {
	return async (input) => {
		const url = String(input);
		const answer = url.endsWith('/health') ? answers.health : answers.tags;
		if (answer instanceof Error) throw answer;
		return answer.clone();
	};
}

async function started(db: string, api: typeof fetch): Promise<SyncState> {
	const sync = new SyncState(backend, new SettingsRepository(openDatabase(db)), {
		fetch: api,
		served: async () => ({ apiBase: BASE, token: 'token-1234567890' }),
		policy: () => null,
	});
	await sync.start();
	return sync;
}

describe('Send, as the platform describes itself', () => {
	it('sends chunks of 1,000 to a platform that imports asynchronously, with its tags', async () => {
		const sync = await started(
			uniqueName('platform-async'),
			platform({
				health: json(200, { ok: true, version: '1', async_imports: true }),
				tags: json(200, { tags: ['vip'] }),
			}),
		);
		expect(sync.batchOptions).toEqual({ knownTags: ['vip'], chunkSize: MAX_CHUNK_CLIENTS });
	});

	it('keeps chunks of 500 for a platform that does not say so', async () => {
		const sync = await started(
			uniqueName('platform-sync'),
			platform({ health: json(200, { ok: true, version: '1' }), tags: json(200, { tags: [] }) }),
		);
		expect(sync.batchOptions).toEqual({ chunkSize: DEFAULT_CHUNK_SIZE });
	});

	it('remembers what the platform said for a start without a connection', async () => {
		const db = uniqueName('platform-offline');
		await started(
			db,
			platform({
				health: json(200, { ok: true, version: '1', async_imports: true }),
				tags: json(200, { tags: ['vip'] }),
			}),
		);
		const offline = new TypeError('Failed to fetch');
		const later = await started(db, platform({ health: offline, tags: offline }));
		expect(later.batchOptions).toEqual({ knownTags: ['vip'], chunkSize: MAX_CHUNK_CLIENTS });
	});

	it('learns how the platform imports even when its tag list cannot be read', async () => {
		const sync = await started(
			uniqueName('platform-no-tags'),
			platform({
				health: json(200, { ok: true, version: '1', async_imports: true }),
				tags: json(500, { error: { code: 'fault', message: 'Down' } }),
			}),
		);
		expect(sync.knownTags).toBeNull();
		expect(sync.chunkSize).toBe(MAX_CHUNK_CLIENTS);
	});

	it('learns the platform from "Test connection" itself, asking /health and /tags once each', async () => {
		const asked: string[] = [];
		let health = json(200, { ok: true, version: '1' });
		const api: typeof fetch = async (input) => {
			const url = String(input);
			asked.push(url.slice(url.lastIndexOf('/')));
			return (url.endsWith('/health') ? health : json(200, { tags: ['vip'] })).clone();
		};
		const sync = await started(uniqueName('platform-test'), api);
		expect(sync.chunkSize).toBe(DEFAULT_CHUNK_SIZE);
		// The platform now imports asynchronously: the check is what tells the app.
		health = json(200, { ok: true, version: '2', async_imports: true });
		asked.length = 0;
		await sync.test();
		expect(sync.testResult?.ok).toBe(true);
		expect(asked.sort()).toEqual(['/health', '/tags']);
		expect(sync.batchOptions).toEqual({ knownTags: ['vip'], chunkSize: MAX_CHUNK_CLIENTS });
	});
});
