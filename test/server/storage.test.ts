// What the server leaves on disk (issue 13): no password and no unkeyed hash of a request in the
// database file, files only its owner can read, a fingerprint secret kept outside the database,
// idempotency records that expire, and databases of the previous schema carried over.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ImportRequest } from '../../src/core/import-api.ts';
import { ImportRepository, openDatabase } from '../../server/db.ts';
import { canonicalJson, requestFingerprint } from '../../server/fingerprint.ts';
import { ImportService } from '../../server/imports.ts';
import { secretFileFor } from '../../server/secret.ts';
import {
	client,
	clients,
	PASSWORD,
	postImport,
	request,
	serversStoppedAfterEach,
} from './helpers.ts';

const server = serversStoppedAfterEach();

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Every file SQLite may have written for `db`: the database, its WAL and shared memory. */
function sqliteFiles(db: string): string[] {
	return [db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f));
}

/** Where in the files a needle was found, as `file: what` lines (empty: nowhere). */
function findIn(files: string[], needles: Record<string, Buffer>): string[] {
	const found: string[] = [];
	for (const file of files) {
		const bytes = readFileSync(file);
		for (const [what, needle] of Object.entries(needles))
			if (bytes.includes(needle)) found.push(`${file}: ${what}`);
	}
	return found;
}

function fingerprintIn(db: string, key: string): string | undefined {
	const conn = new Database(db, { readonly: true });
	try {
		const row = conn.prepare('SELECT request_hash FROM idempotency WHERE key = ?').pluck().get(key);
		return typeof row === 'string' ? row : undefined;
	} finally {
		conn.close();
	}
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the database file', () => {
	it('holds no client password and no unkeyed SHA-256 of a request', async () => {
		const srv = await server();
		// One client per request is the easiest to guess from a hash; one row is rejected (its
		// password is too short) so a stored rejection is scanned too.
		const single = request('scan', 0, [client(1)], 2);
		const rejected = client(2, { initial_password: 'Ab1!' });
		const pair = request('scan', 1, [client(3), rejected], 2);
		expect((await postImport(srv, 'scan-0', single)).status).toBe(200);
		expect((await postImport(srv, 'scan-1', pair)).status).toBe(200);
		const passwords = [client(1), rejected, client(3)].map((c) => c.initial_password);

		const needles: Record<string, Buffer> = {};
		for (const pw of passwords) {
			needles[`password ${pw} (UTF-8)`] = Buffer.from(pw);
			needles[`password ${pw} (UTF-16)`] = Buffer.from(pw, 'utf16le');
		}
		for (const [name, body] of [
			['scan-0', single],
			['scan-1', pair],
		] as const) {
			// As the server canonicalises it, and as the client sent it.
			for (const [how, text] of [
				['canonical', canonicalJson(body)],
				['as sent', JSON.stringify(body)],
			] as const) {
				const digest = sha256(text);
				needles[`SHA-256 of ${name} ${how} (hex)`] = Buffer.from(digest.toString('hex'));
				needles[`SHA-256 of ${name} ${how} (HEX)`] = Buffer.from(
					digest.toString('hex').toUpperCase(),
				);
				needles[`SHA-256 of ${name} ${how} (raw)`] = digest;
				needles[`SHA-256 of ${name} ${how} (base64)`] = Buffer.from(digest.toString('base64'));
			}
		}

		// While it runs (the rows are in the write-ahead log) and after a clean stop.
		expect(findIn(sqliteFiles(srv.data), needles)).toEqual([]);
		await srv.stop();
		expect(findIn(sqliteFiles(srv.data), needles)).toEqual([]);

		// What is there instead: the HMAC with the secret from the file beside the database.
		const secret = Buffer.from(readFileSync(secretFileFor(srv.data), 'utf8').trim());
		expect(fingerprintIn(srv.data, 'scan-0')).toBe(requestFingerprint(secret, single));
		expect(fingerprintIn(srv.data, 'scan-1')).toBe(requestFingerprint(secret, pair));
		expect(srv.output()).not.toContain(PASSWORD);
	});

	it('and the secret file are readable by their owner only', async () => {
		const folder = join(mkdtempSync(join(tmpdir(), 'roster-modes-')), 'data');
		const data = join(folder, 'roster.db');
		const srv = await server({ data });
		expect((await postImport(srv, 'm-0', request('m', 0, clients(0, 2)))).status).toBe(200);
		expect(modeOf(folder)).toBe(0o700);
		expect(modeOf(data)).toBe(0o600);
		expect(existsSync(`${data}-wal`)).toBe(true);
		expect(modeOf(`${data}-wal`)).toBe(0o600);
		expect(modeOf(secretFileFor(data))).toBe(0o600);
		expect(srv.output()).toContain(`created the idempotency secret ${secretFileFor(data)}`);
	});
});

describe('the idempotency secret', () => {
	it('may come from ROSTER_IDEMPOTENCY_SECRET instead of a file', async () => {
		const secret = randomBytes(32).toString('base64url');
		const srv = await server({ env: { ROSTER_IDEMPOTENCY_SECRET: secret } });
		const body = request('env', 0, clients(0, 1));
		expect((await postImport(srv, 'env-0', body)).status).toBe(200);
		expect(existsSync(secretFileFor(srv.data))).toBe(false);
		expect(fingerprintIn(srv.data, 'env-0')).toBe(requestFingerprint(Buffer.from(secret), body));
	});

	it('changed: the old records are dropped, and a retry answers exists, never 422', async () => {
		const first = await server({ env: { ROSTER_IDEMPOTENCY_SECRET: 'a'.repeat(32) } });
		const body = request('chg', 0, clients(0, 3));
		expect((await postImport(first, 'chg-0', body)).status).toBe(200);
		await first.stop();

		const second = await server({
			data: first.data,
			env: { ROSTER_IDEMPOTENCY_SECRET: 'b'.repeat(32) },
		});
		expect(second.output()).toContain('the idempotency secret changed: 1 record(s)');
		expect(second.claim('chg-0')).toBeNull();
		const retry = await postImport(second, 'chg-0', body);
		expect(retry.status).toBe(200);
		expect(JSON.stringify(retry.json)).not.toContain('created');
		expect(second.count()).toBe(3);
	});

	it('in a damaged file stops the server with what to do', async () => {
		const data = join(mkdtempSync(join(tmpdir(), 'roster-badsecret-')), 'roster.db');
		writeFileSync(secretFileFor(data), 'short\n', { mode: 0o600 });
		await expect(server({ data })).rejects.toThrow(/holds no usable secret.*Delete it/);
	});
});

describe('record expiry', () => {
	const secret = randomBytes(32);
	const TTL = 60 * 60 * 1000;

	function service(now: () => number) {
		const { db } = openDatabase(join(mkdtempSync(join(tmpdir(), 'roster-ttl-')), 'r.db'), secret);
		const repo = new ImportRepository(db, { now: () => new Date(now()), ttlMs: TTL });
		const svc = new ImportService(repo, {
			scryptN: 16,
			secret,
			knownTags: null,
			today: () => '20260301',
		});
		return { db, repo, svc };
	}

	it('replays within the time to live, forgets the key after it', async () => {
		let now = Date.parse('2026-03-01T10:00:00Z');
		const { db, repo, svc } = service(() => now);
		const body: ImportRequest = request('ttl', 0, clients(0, 2));
		const first = await svc.run('ttl-0', body);
		expect(first).toMatchObject({ kind: 'done', replayed: false });

		now += TTL - 1000;
		expect(await svc.run('ttl-0', body)).toMatchObject({ kind: 'done', replayed: true });
		expect(repo.chunks('ttl')).toHaveLength(1);
		expect(repo.purgeExpired()).toBe(0);

		now += 2000;
		// Gone even before a purge: the key is free, the clients are known.
		expect(repo.chunks('ttl')).toEqual([]);
		const later = await svc.run('ttl-0', body);
		if (later.kind !== 'done') throw new Error(`expected done, got ${later.kind}`);
		expect(later.replayed).toBe(false);
		expect(JSON.parse(later.responseJson)).toEqual({
			results: [
				{ email_address: 'client0@example.com', status: 'exists' },
				{ email_address: 'client1@example.com', status: 'exists' },
			],
		});

		await svc.run('ttl-other', request('ttl2', 0, clients(5, 1)));
		now += TTL + 1;
		expect(repo.purgeExpired()).toBe(2);
		expect(db.prepare('SELECT count(*) FROM idempotency').pluck().get()).toBe(0);
		db.close();
	});

	it('expired records are purged when the server starts', async () => {
		const first = await server();
		expect((await postImport(first, 'old-0', request('old', 0, clients(0, 1)))).status).toBe(200);
		await first.stop();
		// Two days ago, past the default 24 h.
		const conn = new Database(first.data);
		const past = new Date(Date.now() - 2 * 86_400_000).toISOString();
		conn.prepare('UPDATE idempotency SET created_at = ?, updated_at = ?').run(past, past);
		conn.close();

		const second = await server({ data: first.data, token: first.token });
		expect(second.output()).toContain('removed 1 expired idempotency record(s)');
		expect(second.claim('old-0')).toBeNull();
	});
});

describe('a database of schema 1 (plain SHA-256 fingerprints)', () => {
	it('is rekeyed in place, so a retry after the upgrade still replays', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'roster-v1-')), 'r.db');
		const body = request('v1', 0, clients(0, 1));
		const answer = JSON.stringify({
			results: [{ email_address: 'client0@example.com', status: 'created' }],
		});
		const old = new Database(file);
		old.exec(`CREATE TABLE idempotency (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL,
			state TEXT NOT NULL, owner TEXT NOT NULL, response_json TEXT, batch_id TEXT NOT NULL,
			chunk_index INTEGER NOT NULL, chunk_count INTEGER NOT NULL, client_count INTEGER NOT NULL,
			created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`);
		const at = new Date().toISOString();
		const plain = sha256(canonicalJson(body)).toString('hex');
		old
			.prepare(`INSERT INTO idempotency VALUES ('v1-0', ?, 'done', 'o', ?, 'v1', 0, 1, 1, ?, ?)`)
			.run(plain, answer, at, at);
		old.pragma('user_version = 1');
		old.close();

		const secret = randomBytes(32);
		const { db, notes } = openDatabase(file, secret);
		expect(notes).toContain('roster: keyed the fingerprints of 1 idempotency record(s).');
		expect(db.pragma('user_version', { simple: true })).toBe(2);
		expect(db.prepare('SELECT request_hash FROM idempotency').pluck().get()).toBe(
			requestFingerprint(secret, body),
		);
		const svc = new ImportService(new ImportRepository(db), {
			scryptN: 16,
			secret,
			knownTags: null,
			today: () => '20260301',
		});
		expect(await svc.run('v1-0', body)).toEqual({
			kind: 'done',
			responseJson: answer,
			replayed: true,
		});
		db.close();
		expect(findIn(sqliteFiles(file), { plain: Buffer.from(plain) })).toEqual([]);
	});
});
