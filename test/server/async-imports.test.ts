// The asynchronous import contract (issue 16): `Prefer: respond-async` answered 202 with where to
// poll, the same results as the synchronous path once done, replays while processing and after,
// a chunk killed mid-hashing finished after a restart, and what the pending table keeps.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ImportResponseSchema, type ImportResponse } from '../../src/core/import-api.ts';
import {
	AcceptedSchema,
	BatchProgressSchema,
	DoneChunkSchema,
	ProcessingChunkSchema,
	prefersRespondAsync,
	type BatchProgress,
} from '../../server/async-schema.ts';
import { ImportRepository, openDatabase } from '../../server/db.ts';
import { ImportService } from '../../server/imports.ts';
import { openRequest, sealingKey, sealRequest } from '../../server/sealed-request.ts';
import type { StartServerOptions, TestServer } from '../../server/testing.ts';
import {
	call,
	client,
	clients,
	code,
	PASSWORD,
	postImport,
	request,
	serversStoppedAfterEach,
} from './helpers.ts';

const started = serversStoppedAfterEach();
/** A server that takes every asked-for asynchronous chunk as such, however quick it would be. */
const server = (opts: StartServerOptions = {}) =>
	started({ ...opts, args: [...(opts.args ?? []), '--sync-under', '0s'] });
const ASYNC = { prefer: 'respond-async' };

const statuses = (results: ImportResponse['results']) => results.map((r) => r.status);

async function progress(srv: TestServer, batch: string): Promise<BatchProgress> {
	const a = await call(srv, 'GET', `/imports/${encodeURIComponent(batch)}`);
	expect(a.status).toBe(200);
	return BatchProgressSchema.parse(a.json);
}

/** Polls the batch, as the app will, until `ready` holds; the server's own state, not a clock. */
async function pollUntil(
	srv: TestServer,
	batch: string,
	ready: (p: BatchProgress) => boolean,
	what: string,
): Promise<BatchProgress> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const p = await progress(srv, batch);
		if (ready(p)) return p;
		if (Date.now() > deadline)
			throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(p)}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

const allDone = (chunks: number) => (p: BatchProgress) =>
	p.summary.chunks_processing === 0 && p.summary.chunks_done === chunks;

function doneResults(p: BatchProgress, index: number): ImportResponse['results'] {
	const ch = p.chunks.find((c) => c.index === index && c.status === 'done');
	if (ch?.status !== 'done' || !ch.results)
		throw new Error(`chunk ${index} is not done with results: ${JSON.stringify(p)}`);
	return ch.results;
}

describe('api/openapi.yaml', () => {
	it('requires every field of the asynchronous answers, as the server sends them', () => {
		const text = readFileSync(fileURLToPath(new URL('../../api/openapi.yaml', import.meta.url)));
		const Required = z.object({ required: z.array(z.string()) });
		const Doc = z.object({
			paths: z.record(z.string(), z.unknown()),
			components: z.object({
				schemas: z.object({
					Accepted: Required,
					DoneChunk: Required,
					ProcessingChunk: Required,
					BatchStatus: Required.extend({
						properties: z.object({ summary: Required }),
					}),
				}),
			}),
		});
		const doc = Doc.parse(parse(text.toString('utf8')));
		const s = doc.components.schemas;
		// The fields an answer always has: optional ones are not `required` in the document.
		const keys = (o: Record<string, z.ZodType>) =>
			Object.keys(o)
				.filter((k) => !(o[k] instanceof z.ZodOptional))
				.sort();
		expect([...s.Accepted.required].sort()).toEqual(keys(AcceptedSchema.shape));
		expect([...s.DoneChunk.required].sort()).toEqual(keys(DoneChunkSchema.shape));
		expect([...s.ProcessingChunk.required].sort()).toEqual(keys(ProcessingChunkSchema.shape));
		expect([...s.BatchStatus.required].sort()).toEqual(keys(BatchProgressSchema.shape));
		expect([...s.BatchStatus.properties.summary.required].sort()).toEqual(
			keys(BatchProgressSchema.shape.summary.shape),
		);
		const post = JSON.stringify(doc.paths['/imports']);
		for (const word of ['"202"', 'Prefer', 'Preference-Applied', 'Location', 'respond-async'])
			expect(post).toContain(word);
	});
});

describe('Prefer: respond-async', () => {
	it('reads the preference among others, case aside', () => {
		expect(prefersRespondAsync('respond-async')).toBe(true);
		expect(prefersRespondAsync('return=minimal, Respond-Async; x=1, wait=10')).toBe(true);
		expect(prefersRespondAsync('wait=10')).toBe(false);
		expect(prefersRespondAsync('respond-asynchronously')).toBe(false);
		expect(prefersRespondAsync(undefined)).toBe(false);
	});

	it('answers 202 at once with where to poll; done, the results are the synchronous ones', async () => {
		const [sync, async] = [await server(), await server()];
		// The same rows on both: valid, invalid, a duplicate in the chunk, an email already known.
		const body = request('async batch 1', 0, [
			client(1),
			client(2, { email_address: 'not-an-email' }),
			client(1, { first_name: 'Again' }),
			client(100),
			client(3),
		]);
		for (const srv of [sync, async])
			expect((await postImport(srv, 'known', request('k', 0, [client(100)]))).status).toBe(200);
		const expected = ImportResponseSchema.parse((await postImport(sync, 'c-0', body)).json);

		const a = await postImport(async, 'c-0', body, ASYNC);
		expect(a.status).toBe(202);
		expect(a.headers.get('preference-applied')).toBe('respond-async');
		expect(a.headers.get('idempotent-replayed')).toBeNull();
		const location = a.headers.get('location') ?? '';
		expect(location).toBe('/api/v1/imports/async%20batch%201');
		expect(AcceptedSchema.parse(a.json)).toEqual({
			batch_id: 'async batch 1',
			chunk: { index: 0, count: 1 },
			clients: 5,
			status: 'processing',
		});

		const done = await pollUntil(async, 'async batch 1', allDone(1), 'the chunk to commit');
		expect(doneResults(done, 0)).toEqual(expected.results);
		expect(statuses(expected.results)).toEqual([
			'created',
			'rejected',
			'rejected',
			'exists',
			'created',
		]);
		expect(done.summary).toEqual({
			chunks_done: 1,
			chunks_processing: 0,
			clients_received: 5,
			clients_done: 5,
			clients_processed: 5,
		});
		// The Location is the batch's status, as GET answers it.
		const viaLocation = await call(async, 'GET', location.slice('/api/v1'.length));
		expect(BatchProgressSchema.parse(viaLocation.json)).toEqual(done);
		// A poller's view: the same listing, finished chunks without their results.
		const light = await call(async, 'GET', `${location.slice('/api/v1'.length)}?results=none`);
		expect(BatchProgressSchema.parse(light.json)).toEqual({
			...done,
			chunks: done.chunks.map(({ index, count, received_at, status, clients }) => ({
				index,
				count,
				received_at,
				status,
				clients,
			})),
		});
		expect(async.emails()).toEqual(sync.emails());
	});

	it('answers a chunk it will finish within a second at once, asked for a 202 or not', async () => {
		// The tests' hashing cost: two clients take well under a millisecond.
		const srv = await started();
		const body = request('quick', 0, [client(1), client(2, { email_address: 'not-an-email' })]);
		const a = await postImport(srv, 'q-0', body, ASYNC);
		expect(a.status).toBe(200);
		expect(a.headers.get('preference-applied')).toBeNull();
		expect(statuses(ImportResponseSchema.parse(a.json).results)).toEqual(['created', 'rejected']);
		expect(srv.count()).toBe(1);
		// The same key again: its stored answer, as for any finished chunk.
		const again = await postImport(srv, 'q-0', body, ASYNC);
		expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
		// Told to always take the preference, the same server kind answers 202.
		const strict = await server();
		expect((await postImport(strict, 'q-0', body, ASYNC)).status).toBe(202);
	});

	it('lets an allowed origin send the preference and read where to poll', async () => {
		const origin = 'http://app.example:5173';
		const srv = await server({ args: ['--allow-origin', origin] });
		const pre = await fetch(`${srv.url}/imports`, {
			method: 'OPTIONS',
			headers: {
				origin,
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'prefer, idempotency-key',
			},
		});
		expect(pre.headers.get('access-control-allow-headers')).toMatch(/\bPrefer\b/);
		const a = await postImport(srv, 'o-0', request('o', 0, clients(0, 1)), { ...ASYNC, origin });
		expect(a.status).toBe(202);
		const exposed = a.headers.get('access-control-expose-headers') ?? '';
		expect(exposed).toMatch(/\bLocation\b/);
		expect(exposed).toMatch(/\bPreference-Applied\b/);
	});

	it('replays a finished chunk with 200 and its stored answer; another body is 422', async () => {
		const srv = await server();
		const body = request('r', 0, clients(0, 4));
		expect((await postImport(srv, 'r-0', body, ASYNC)).status).toBe(202);
		const done = await pollUntil(srv, 'r', allDone(1), 'the chunk to commit');

		for (const headers of [ASYNC, {}]) {
			const replay = await postImport(srv, 'r-0', body, headers);
			expect(replay.status).toBe(200);
			expect(replay.headers.get('idempotent-replayed')).toBe('true');
			expect(replay.headers.get('preference-applied')).toBeNull();
			expect(ImportResponseSchema.parse(replay.json).results).toEqual(doneResults(done, 0));
		}
		const other = await postImport(srv, 'r-0', request('r', 0, clients(10, 4)), ASYNC);
		expect([other.status, code(other)]).toEqual([422, 'idempotency_key.reused']);
		expect(srv.count()).toBe(4);
	});

	it('answers 202 again while the chunk is processing and lists it with its counts', async () => {
		// The fault switch's delay holds an accepted chunk before any of its work.
		const srv = await server({ faults: 'delay:60000' });
		const body = request('p', 2, clients(0, 3), 4);
		const first = await postImport(srv, 'p-2', body, ASYNC);
		expect(first.status).toBe(202);

		const again = await postImport(srv, 'p-2', body, ASYNC);
		expect(again.status).toBe(202);
		expect(again.headers.get('location')).toBe(first.headers.get('location'));
		expect(again.json).toEqual(first.json);
		// A synchronous retry keeps the synchronous contract: in progress, retry shortly.
		const sync = await postImport(srv, 'p-2', body);
		expect([sync.status, code(sync)]).toEqual([409, 'idempotency_key.in_progress']);
		const other = await postImport(srv, 'p-2', request('p', 2, clients(5, 3), 4), ASYNC);
		expect([other.status, code(other)]).toEqual([422, 'idempotency_key.reused']);

		const p = await progress(srv, 'p');
		expect(p.chunks).toEqual([
			{
				index: 2,
				count: 4,
				received_at: expect.any(String),
				status: 'processing',
				clients: 3,
				processed: 0,
			},
		]);
		expect(p.summary).toEqual({
			chunks_done: 0,
			chunks_processing: 1,
			clients_received: 3,
			clients_done: 0,
			clients_processed: 0,
		});
		expect(srv.count()).toBe(0);
		expect(srv.claim('p-2')).toBe('running');
	});
});

/** Every byte SQLite wrote for the file, to look for a password in clear. */
function fileBytes(db: string): Buffer {
	return Buffer.concat([db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

function pendingRows(db: string): number {
	const conn = new Database(db, { readonly: true });
	try {
		return Number(conn.prepare('SELECT count(*) FROM pending').pluck().get());
	} finally {
		conn.close();
	}
}

describe('restart mid-hashing', () => {
	it('finishes every accepted chunk after a kill: none lost, none created twice', async () => {
		const first = await server();
		const chunk0 = request('m', 0, clients(0, 3), 3);
		expect((await postImport(first, 'm-0', chunk0, ASYNC)).status).toBe(202);
		await pollUntil(first, 'm', allDone(1), 'chunk 0');
		await first.stop();

		// Each finished hash then holds its slot: both chunks stay mid-hashing until the kill.
		const held = await server({ data: first.data, token: first.token, faults: 'hash-delay:60000' });
		// Chunk 1 repeats client 2 (created by chunk 0) and brings clients 3–7.
		const chunk1 = request('m', 1, clients(2, 6), 3);
		const chunk2 = request('m', 2, clients(8, 2), 3);
		expect((await postImport(held, 'm-1', chunk1, ASYNC)).status).toBe(202);
		expect((await postImport(held, 'm-2', chunk2, ASYNC)).status).toBe(202);
		// Client 2 is decided at once (exists); more than that means a password was hashed.
		await pollUntil(
			held,
			'm',
			(p) => p.chunks.some((c) => c.index === 1 && c.status === 'processing' && c.processed > 1),
			'chunk 1 to be mid-hashing',
		);
		await held.kill();
		expect(held.count()).toBe(3);
		expect([held.claim('m-1'), held.claim('m-2')]).toEqual(['running', 'running']);
		expect(pendingRows(held.data)).toBe(2);
		// The pending requests are sealed: no password of theirs is in the file in clear.
		expect(fileBytes(held.data).includes(Buffer.from(PASSWORD))).toBe(false);

		const after = await server({ data: first.data, token: first.token });
		expect(after.output()).toContain('finishing 2 accepted asynchronous import chunk(s)');
		const done = await pollUntil(after, 'm', allDone(3), 'chunks 1 and 2 after the restart');
		expect(statuses(doneResults(done, 1))).toEqual(['exists', ...Array(5).fill('created')]);
		expect(statuses(doneResults(done, 2))).toEqual(['created', 'created']);
		expect(after.count()).toBe(10);
		expect([...after.emails()].sort()).toEqual(
			clients(0, 10)
				.map((c) => c.email_address)
				.sort(),
		);
		expect(pendingRows(after.data)).toBe(0);

		const replay = await postImport(after, 'm-1', chunk1, ASYNC);
		expect(replay.status).toBe(200);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(after.count()).toBe(10);
	});

	it('says where to look when a chunk it would answer at once is still being finished', async () => {
		const held = await server({ faults: 'hash-delay:60000' });
		const body = request('w', 0, clients(0, 40));
		expect((await postImport(held, 'w-0', body, ASYNC)).status).toBe(202);
		await held.kill();
		// Back at a cost that takes 0.1–0.3 s a hash, the resumed chunk is hashed for seconds;
		// told to answer anything expected within 30 s at once (these 40, after the 40 waiting:
		// ~13 s by the cost), the server runs the resend itself, finds the key in work, and
		// answers where to look rather than "retry shortly" (409).
		const after = await started({
			data: held.data,
			token: held.token,
			env: { ROSTER_SCRYPT_N: '65536' },
			args: ['--sync-under', '30s'],
		});
		const again = await postImport(after, 'w-0', body, ASYNC);
		expect(again.status).toBe(202);
		expect(again.headers.get('preference-applied')).toBe('respond-async');
		await pollUntil(after, 'w', allDone(1), 'the resumed chunk');
		expect(after.count()).toBe(40);
	}, 60_000);
});

describe('pending chunks in the repository', () => {
	it('neither go stale nor expire before their commit, and are gone after it', async () => {
		const secret = randomBytes(32);
		const file = join(mkdtempSync(join(tmpdir(), 'roster-async-')), 'r.db');
		const { db } = openDatabase(file, secret);
		let now = Date.parse('2026-03-01T10:00:00Z');
		const repo = new ImportRepository(db, { now: () => new Date(now), ttlMs: 5 * 60_000 });
		const body = request('q', 0, clients(0, 2));
		const meta = { batchId: 'q', chunkIndex: 0, chunkCount: 1, clientCount: 2 };
		const sealed = sealRequest(sealingKey(secret), 'q-0', body);
		const claim = repo.claim('q-0', 'fp', meta, sealed);
		expect(claim.kind).toBe('claimed');

		// An hour in a long queue: past both the stale limit and the record's lifetime.
		now += 60 * 60_000;
		expect(repo.purgeExpired()).toBe(0);
		expect(repo.claim('q-0', 'fp', meta)).toEqual({ kind: 'in_progress' });
		expect(repo.clearRunning()).toBe(0);
		expect(repo.pendingChunks().map((p) => p.key)).toEqual(['q-0']);
		db.close();

		// A new process resumes it: the service opens the request and commits it.
		const reopened = openDatabase(file, secret).db;
		const repo2 = new ImportRepository(reopened);
		const service = new ImportService(repo2, {
			scryptN: 16,
			secret,
			knownTags: null,
			today: () => '20260301',
		});
		expect(service.resume()).toBe(1);
		const deadline = Date.now() + 10_000;
		while (repo2.chunks('q').length === 0 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 10));
		const [chunk] = repo2.chunks('q');
		expect(
			statuses(ImportResponseSchema.parse(JSON.parse(chunk?.responseJson ?? '')).results),
		).toEqual(['created', 'created']);
		expect(repo2.pendingChunks()).toEqual([]);
		expect(repo2.runningChunks('q')).toEqual([]);
		service.close();
		reopened.close();
	});

	it('are dropped, with a note, when the secret that sealed them changed', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'roster-async-')), 'r.db');
		const secret = randomBytes(32);
		const { db } = openDatabase(file, secret);
		const meta = { batchId: 'x', chunkIndex: 0, chunkCount: 1, clientCount: 1 };
		const body = request('x', 0, clients(0, 1));
		new ImportRepository(db).claim('x-0', 'fp', meta, sealRequest(sealingKey(secret), 'x-0', body));
		db.close();

		const other = openDatabase(file, randomBytes(32));
		expect(other.notes.join('\n')).toContain('1 accepted asynchronous chunk(s) cannot be finished');
		const repo = new ImportRepository(other.db);
		expect(repo.pendingChunks()).toEqual([]);
		expect(repo.runningChunks('x')).toEqual([]);
		other.db.close();
	});

	it('opens a sealed request only with its key and its Idempotency-Key', () => {
		const key = sealingKey(randomBytes(32));
		const body = request('s', 0, clients(0, 1));
		const sealed = sealRequest(key, 'k-1', body);
		expect(sealed.includes(Buffer.from(PASSWORD))).toBe(false);
		expect(openRequest(key, 'k-1', sealed)).toEqual(body);
		expect(() => openRequest(key, 'k-2', sealed)).toThrow();
		expect(() => openRequest(sealingKey(randomBytes(32)), 'k-1', sealed)).toThrow();
		const altered = Buffer.from(sealed);
		altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
		expect(() => openRequest(key, 'k-1', altered)).toThrow();
	});
});
