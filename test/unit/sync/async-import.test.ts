// The API client with a server that takes `Prefer: respond-async`: a 202 is polled (growing
// waits, Retry-After honoured) until the chunk is done, and its final answer is the very outcome
// a synchronous 200 gives; a server without the contract is used as before; a failure while
// polling is the ordinary retry.
import { describe, expect, it } from 'vitest';
import { ImportApiClient, type FetchLike } from '../../../src/sync/api-client.ts';
import { buildBatch } from '../../../src/sync/chunks.ts';
import { pollDelay, statusUrl, type ChunkProgress } from '../../../src/sync/async-import.ts';
import { clientRecord } from '../storage/harness.ts';
import { AsyncApi, recordedSleep } from './async-fixture.ts';
import { CONFIG, IdempotentApi } from './outbox-fixture.ts';

const [chunk] = buildBatch({
	draftId: 'd',
	batchId: 'batch-1',
	rows: [0, 1, 2, 3],
	record: (i) => clientRecord(i),
	chunkSize: 4,
	now: 0,
	newKey: () => 'key-0',
});
if (!chunk) throw new Error('no chunk');

function clientOf(fetch: FetchLike, sleep = recordedSleep()) {
	return {
		sleep,
		client: new ImportApiClient(CONFIG, { fetch, sleep: sleep.sleep, random: () => 0.5 }),
	};
}

describe('Asynchronous import (202) in the API client', () => {
	it('polls until the chunk is done and returns what a synchronous 200 gives', async () => {
		const api = new AsyncApi();
		const { client, sleep } = clientOf(api.fetch);
		const heard: ChunkProgress[] = [];
		const outcome = await client.sendChunk(chunk, { onProgress: (p) => heard.push(p) });

		const synchronous = await clientOf(new IdempotentApi().fetch).client.sendChunk(chunk);
		expect(synchronous.kind).toBe('ok');
		expect(outcome).toEqual(synchronous);
		// Asked for, polled on the Location, then the same request again for the stored answer.
		expect(api.prefer).toEqual(['respond-async', 'respond-async']);
		expect(api.requests.filter((r) => r.startsWith('GET'))).toEqual(
			Array(4).fill('GET http://api.test/api/v1/imports/batch-1?results=none'),
		);
		expect(api.posts.get('key-0')).toBe(2);
		expect([...api.created.values()]).toEqual([1, 1, 1, 1]);
		expect(heard.map((p) => p.processed)).toEqual([1, 2, 3, 4]);
		expect(heard.at(-1)).toMatchObject({ clients: 4, batchId: 'batch-1' });
		expect(sleep.waits).toEqual([100, 200, 400, 800]);
	});

	it('uses a server that ignores the preference exactly as before: one POST, no poll', async () => {
		const api = new IdempotentApi();
		const { client, sleep } = clientOf(api.fetch);
		const outcome = await client.sendChunk(chunk);
		expect(outcome.kind).toBe('ok');
		expect(outcome.kind === 'ok' ? outcome.response.results.length : 0).toBe(4);
		expect([...api.posts.values()]).toEqual([1]);
		expect(sleep.waits).toEqual([]);
	});

	it('waits as long as the 202 or a poll asks with Retry-After', async () => {
		const api = new AsyncApi();
		api.acceptedHeaders = { 'Retry-After': '3' };
		api.step = 2;
		const { client, sleep } = clientOf(api.fetch);
		expect((await client.sendChunk(chunk)).kind).toBe('ok');
		// 3 s as asked; then the doubling waits of polls that gave none.
		expect(sleep.waits).toEqual([3000, 200]);
	});

	it('grows each wait from 0.1 s to 5 s, with a little jitter, and caps Retry-After', () => {
		const mid = () => 0.5;
		expect([0, 1, 2, 3, 4, 5, 6, 9].map((n) => pollDelay(n, null, mid))).toEqual([
			100, 200, 400, 800, 1600, 3200, 5000, 5000,
		]);
		expect(pollDelay(0, null, () => 0)).toBe(90);
		expect(pollDelay(6, null, () => 0.999999)).toBe(5500);
		expect(pollDelay(7, 2000, mid)).toBe(2000);
		expect(pollDelay(0, 3_600_000, mid)).toBe(60_000);
	});

	it('turns a lost connection while polling into a retry; the resend resumes the same chunk', async () => {
		const api = new AsyncApi();
		api.pollFaults = ['offline'];
		const { client } = clientOf(api.fetch);
		const first = await client.sendChunk(chunk);
		expect(first).toMatchObject({ kind: 'retry', offline: true });
		expect(api.created.size).toBe(0);

		const again = await client.sendChunk(chunk);
		expect(again.kind).toBe('ok');
		expect([...api.created.values()]).toEqual([1, 1, 1, 1]);
	});

	it('turns a server fault or a time-out while polling into a retry, never a refusal', async () => {
		const api = new AsyncApi();
		api.pollFaults = [503];
		const { client } = clientOf(api.fetch);
		expect(await client.sendChunk(chunk)).toMatchObject({ kind: 'retry', offline: false });
		api.pollFaults = [400];
		expect(await client.sendChunk(chunk)).toMatchObject({ kind: 'retry', offline: false });
		api.pollFaults = [401];
		expect((await client.sendChunk(chunk)).kind).toBe('unauthorized');

		const silent: FetchLike = (input, init) =>
			init?.method === 'POST'
				? api.fetch(input, init)
				: new Promise((_, reject) =>
						init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
					);
		const slow = new ImportApiClient(CONFIG, {
			fetch: silent,
			sleep: recordedSleep().sleep,
			timeouts: { quickMs: 20 },
		});
		const outcome = await slow.sendChunk(chunk);
		expect(outcome).toMatchObject({ kind: 'retry', offline: false });
		expect(outcome.kind === 'retry' ? outcome.reason : '').toMatch(/did not answer within/);
	});

	it('sends the request again when the batch is no longer listed (a server restart lost it)', async () => {
		const api = new AsyncApi();
		api.pollFaults = [404];
		const { client } = clientOf(api.fetch);
		expect((await client.sendChunk(chunk)).kind).toBe('ok');
		expect(api.posts.get('key-0')).toBe(3);
		expect([...api.created.values()]).toEqual([1, 1, 1, 1]);
	});

	it('gives up to the engine’s backoff when the server keeps accepting and never lists it', async () => {
		const api = new AsyncApi();
		api.pollFaults = [404, 404, 404, 404];
		const { client } = clientOf(api.fetch);
		const outcome = await client.sendChunk(chunk);
		expect(outcome).toMatchObject({ kind: 'retry', offline: false });
		expect(outcome.kind === 'retry' ? outcome.reason : '').toMatch(
			/does not list them as being processed/,
		);
		expect(api.posts.get('key-0')).toBe(4);
		expect(api.created.size).toBe(0);
	});

	it('stops polling when asked, as a retry that keeps the chunk', async () => {
		const api = new AsyncApi();
		const stop = new AbortController();
		api.beforePoll = () => stop.abort();
		const { client } = clientOf(api.fetch);
		const outcome = await client.sendChunk(chunk, { signal: stop.signal });
		expect(outcome).toMatchObject({ kind: 'retry', offline: false });
		expect(outcome.kind === 'retry' ? outcome.reason : '').toMatch(/Stopped waiting/);
		expect(api.created.size).toBe(0);
	});

	it('never follows a Location to another origin with the token; polls without results', () => {
		const post = 'https://api.example/api/v1/imports';
		const own = 'https://api.example/api/v1/imports/b?results=none';
		expect(statusUrl('/api/v1/imports/b', post, 'x')).toBe(own);
		const fallback = '/api/v1/imports/b';
		expect(statusUrl('https://evil.example/imports/b', post, fallback)).toBe(own);
		expect(statusUrl(null, post, fallback)).toBe(own);
		expect(statusUrl('http://[bad', post, fallback)).toBe(own);
	});
});
