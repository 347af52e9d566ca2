// What survives a restart or a crash, and what the database file holds: idempotency across
// restarts, a lost answer after the commit (drop fault), a kill mid-request and mid-commit, a
// stale claim taken over, password storage.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ImportResponseSchema, type ImportResponse } from '../../src/core/import-api.ts';
import { ImportRepository, openDatabase, STALE_RUNNING_MS } from '../../server/db.ts';
import { FaultInjector, parseFaultSpec, seededRandom } from '../../server/faults.ts';
import { ImportService, type ImportOutcome } from '../../server/imports.ts';
import { verifyPassword } from '../../server/passwords.ts';
import {
	client,
	clients,
	PASSWORD,
	postImport,
	request,
	serversStoppedAfterEach,
	until,
} from './helpers.ts';

const server = serversStoppedAfterEach();

describe('restart', () => {
	it('keeps rows and idempotency records on the same data file', async () => {
		const first = await server();
		const body = request('b', 0, clients(0, 5));
		const created = await postImport(first, 'restart-1', body);
		expect(created.status).toBe(200);
		await first.stop();

		const second = await server({ data: first.data, token: first.token });
		expect(second.count()).toBe(5);
		const replay = await postImport(second, 'restart-1', body);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(replay.json).toEqual(created.json);
		expect(second.count()).toBe(5);
	});

	it('starts over a request whose process was killed before it committed', async () => {
		// The delay holds the request after its claim, long past the moment the claim is seen.
		const first = await server({ faults: 'delay:60000' });
		const body = request('b', 0, clients(0, 4));
		const lost = postImport(first, 'crash-1', body).catch((e: unknown) => e);
		await until(() => first.claim('crash-1') === 'running', 'the claim of crash-1');
		await first.kill();
		expect(await lost).toBeInstanceOf(Error);
		expect(first.count()).toBe(0);
		expect(first.claim('crash-1')).toBe('running');

		// The `running` record left by the dead process must not answer 409 for ever.
		const second = await server({ data: first.data, token: first.token });
		expect(second.output()).toContain('1 unfinished import request(s) from an earlier run');
		expect(second.claim('crash-1')).toBeNull();
		const retry = await postImport(second, 'crash-1', body);
		expect(retry.status).toBe(200);
		expect(retry.headers.get('idempotent-replayed')).toBeNull();
		expect(second.count()).toBe(4);
	});
});

const statuses = (json: unknown): ImportResponse['results'][number]['status'][] =>
	ImportResponseSchema.parse(json).results.map((r) => r.status);

describe('killed mid-commit', () => {
	it('rolls the chunk back, and the retry after a restart creates each client once', async () => {
		const first = await server();
		const before = await postImport(first, 'mc-0', request('mc', 0, clients(0, 3), 2));
		expect(before.status).toBe(200);
		await first.stop();

		// Chunk 1 repeats client 2 (already created) and brings clients 3–6.
		const chunk1 = request('mc', 1, clients(2, 5), 2);
		const held = await server({
			data: first.data,
			token: first.token,
			faults: 'hold-commit:60000',
		});
		const lost = postImport(held, 'mc-1', chunk1).catch((e: unknown) => e);
		// The server says so on stderr once the clients are inserted, inside the transaction.
		await until(
			() => held.output().includes('holding the commit of Idempotency-Key mc-1'),
			'the held commit of mc-1',
		);
		await held.kill();
		expect(await lost).toBeInstanceOf(Error);
		// Nothing of the killed transaction is in the file; its claim is left `running`.
		expect(held.count()).toBe(3);
		expect(held.claim('mc-1')).toBe('running');
		expect(held.claim('mc-0')).toBe('done');

		const after = await server({ data: first.data, token: first.token });
		expect(after.output()).toContain('1 unfinished import request(s) from an earlier run');
		const retry = await postImport(after, 'mc-1', chunk1);
		expect(retry.status).toBe(200);
		expect(retry.headers.get('idempotent-replayed')).toBeNull();
		expect(statuses(retry.json)).toEqual(['exists', 'created', 'created', 'created', 'created']);
		const replay0 = await postImport(after, 'mc-0', request('mc', 0, clients(0, 3), 2));
		expect(replay0.headers.get('idempotent-replayed')).toBe('true');
		expect(after.emails()).toEqual(clients(0, 7).map((c) => c.email_address));
	});
});

describe('stale claim', () => {
	it('is taken over by a retry with the same key; the first request cannot commit too', async () => {
		const secret = randomBytes(32);
		const { db } = openDatabase(join(mkdtempSync(join(tmpdir(), 'roster-stale-')), 'r.db'), secret);
		let now = Date.parse('2026-03-01T10:00:00Z');
		const repo = new ImportRepository(db, { now: () => new Date(now) });
		const service = new ImportService(repo, {
			scryptN: 16,
			secret,
			knownTags: null,
			today: () => '20260301',
		});
		const count = () => (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
		const body = request('st', 0, clients(0, 6));

		let retry: Promise<ImportOutcome> | undefined;
		let letRetryFinish = () => {};
		const retryMayFinish = new Promise<void>((r) => (letRetryFinish = r));
		// The first request stalls past the stale limit; the retry claims the key and then waits
		// until the first request has tried to commit.
		const stalled = await service.run('st-0', body, async () => {
			now += STALE_RUNNING_MS + 1;
			await new Promise<void>((claimed) => {
				retry = service.run('st-0', body, async () => {
					claimed();
					await retryMayFinish;
				});
			});
		});
		expect(stalled).toEqual({ kind: 'in_progress' });
		// Its inserts were rolled back with the commit that lost the key.
		expect(count()).toBe(0);

		letRetryFinish();
		const taken = await retry;
		if (taken?.kind !== 'done') throw new Error(`the retry ended ${JSON.stringify(taken)}`);
		expect(statuses(JSON.parse(taken.responseJson))).toEqual(Array(6).fill('created'));
		expect(count()).toBe(6);
		expect(await service.run('st-0', body)).toEqual({
			kind: 'done',
			responseJson: taken.responseJson,
			replayed: true,
		});
		db.close();
	});
});

/** A seed whose first request is dropped and whose second is not, found with the server's code. */
function dropThenAnswerSeed(spec: string): number {
	for (let seed = 0; seed < 10_000; seed++) {
		const f = new FaultInjector(parseFaultSpec(spec), seededRandom(seed));
		if (f.decide().kind === 'drop' && f.decide().kind === 'none') return seed;
	}
	throw new Error('no seed');
}

describe('drop fault', () => {
	it('commits, loses the answer, and the retry gets the results without duplicates', async () => {
		const spec = 'drop:0.5';
		const srv = await server({
			faults: spec,
			args: ['--fault-seed', String(dropThenAnswerSeed(spec))],
		});
		const body = request('b', 0, clients(0, 10));
		const dropped = await postImport(srv, 'drop-1', body).catch((e: unknown) => e);
		expect(dropped).toBeInstanceOf(TypeError); // fetch failed: the socket was closed
		expect(srv.count()).toBe(10);

		const retry = await postImport(srv, 'drop-1', body);
		expect(retry.status).toBe(200);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		const r = ImportResponseSchema.parse(retry.json).results;
		expect(r.map((x) => x.status)).toEqual(Array(10).fill('created'));
		expect(srv.count()).toBe(10);
	});

	it('answers 429 and 500 before doing anything', async () => {
		const srv = await server({ faults: '429:1,retry-after:3' });
		const a = await postImport(srv, 'thr-1', request('b', 0, clients(0, 2)));
		expect(a.status).toBe(429);
		expect(a.headers.get('retry-after')).toBe('3');
		const srv500 = await server({ faults: '500:1' });
		expect((await postImport(srv500, 'err-1', request('b', 0, clients(0, 2)))).status).toBe(500);
		expect(srv.count()).toBe(0);
		expect(srv500.count()).toBe(0);
	});
});

describe('password storage', () => {
	it('stores only scrypt hashes, never the password', async () => {
		const srv = await server({ env: { ROSTER_SCRYPT_N: '1024' } });
		const a = await postImport(srv, 'pw-1', request('b', 0, [client(1), client(2)]));
		expect(a.status).toBe(200);
		expect(srv.count()).toBe(2);

		const db = new Database(srv.data, { readonly: true });
		const rows = db
			.prepare('SELECT email, password_hash, must_change_password, tags FROM clients ORDER BY id')
			.all() as {
			email: string;
			password_hash: string;
			must_change_password: number;
			tags: string;
		}[];
		db.close();
		expect(rows.map((r) => r.must_change_password)).toEqual([1, 1]);
		expect(rows[0]?.password_hash).toMatch(
			/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/,
		);
		expect(await verifyPassword(`${PASSWORD}-1`, rows[0]?.password_hash ?? '')).toBe(true);
		expect(await verifyPassword('wrong', rows[0]?.password_hash ?? '')).toBe(false);

		await srv.stop();
		// Every byte SQLite wrote: the main file and any write-ahead log left beside it.
		for (const file of [srv.data, `${srv.data}-wal`]) {
			if (!existsSync(file)) continue;
			const bytes = readFileSync(file);
			expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
			expect(bytes.includes(Buffer.from(PASSWORD, 'utf16le'))).toBe(false);
		}
		expect(srv.output()).not.toContain(PASSWORD);
	});
});
