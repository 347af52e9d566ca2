// What survives a restart or a crash, and what the database file holds: idempotency across
// restarts, a lost answer after the commit (drop fault), a kill mid-request, password storage.
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ImportResponseSchema } from '../../src/core/import-api.ts';
import { FaultInjector, parseFaultSpec, seededRandom } from '../../server/faults.ts';
import { verifyPassword } from '../../server/passwords.ts';
import {
	client,
	clients,
	PASSWORD,
	postImport,
	request,
	serversStoppedAfterEach,
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
		const first = await server({ faults: 'delay:5000' });
		const body = request('b', 0, clients(0, 4));
		const lost = postImport(first, 'crash-1', body).catch((e: unknown) => e);
		await new Promise((r) => setTimeout(r, 500));
		await first.kill();
		expect(await lost).toBeInstanceOf(Error);
		expect(first.count()).toBe(0);

		// The `running` record left by the dead process must not answer 409 for ever.
		const second = await server({ data: first.data, token: first.token });
		const retry = await postImport(second, 'crash-1', body);
		expect(retry.status).toBe(200);
		expect(retry.headers.get('idempotent-replayed')).toBeNull();
		expect(second.count()).toBe(4);
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
