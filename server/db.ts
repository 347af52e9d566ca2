// The server's SQLite store: the schema, and the repository that is the only code running SQL.
// Every multi-statement change is one BEGIN IMMEDIATE transaction, so a crash leaves either all
// of a chunk (its clients, its response and its key marked done) or none of it.
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ImportResponse, RowResult } from '../src/core/import-api.ts';
import { rekeyLegacyFingerprint, secretCheck } from './fingerprint.ts';
import { isOpenToOthers } from './secret.ts';

/** 2: request fingerprints are keyed (HMAC), records expire, `meta` holds the secret's check. */
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS clients (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	email_key TEXT NOT NULL UNIQUE,
	first_name TEXT NOT NULL,
	last_name TEXT NOT NULL,
	birthdate TEXT NOT NULL,
	gender TEXT NOT NULL,
	tags TEXT NOT NULL,
	external_id TEXT,
	password_hash TEXT NOT NULL,
	must_change_password INTEGER NOT NULL DEFAULT 1,
	batch_id TEXT NOT NULL,
	chunk_index INTEGER NOT NULL,
	created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
	key TEXT PRIMARY KEY,
	request_hash TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('running', 'done')),
	owner TEXT NOT NULL,
	response_json TEXT,
	batch_id TEXT NOT NULL,
	chunk_index INTEGER NOT NULL,
	chunk_count INTEGER NOT NULL,
	client_count INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idempotency_batch ON idempotency (batch_id, chunk_index);
CREATE INDEX IF NOT EXISTS idempotency_updated ON idempotency (updated_at);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** A `running` key older than this belongs to a request that died: the next one starts over. */
export const STALE_RUNNING_MS = 60_000;
export const DEFAULT_RECORD_TTL_MS = 24 * 60 * 60 * 1000;

export interface ChunkMeta {
	batchId: string;
	chunkIndex: number;
	chunkCount: number;
	clientCount: number;
}

export type ClaimResult =
	| { kind: 'claimed'; owner: string }
	| { kind: 'replay'; responseJson: string }
	| { kind: 'reused' }
	| { kind: 'in_progress' };

export interface NewClient {
	email: string;
	emailKey: string;
	firstName: string;
	lastName: string;
	birthdate: string;
	gender: string;
	tags: string[];
	externalId: string | null;
	passwordHash: string;
}

/** One row of a chunk as planned before the write: a decided result, or a client to insert. */
export type PlannedRow = { result: RowResult } | { insert: NewClient };

export interface StoredChunk {
	index: number;
	count: number;
	receivedAt: string;
	responseJson: string;
}

/** The key was taken over (after going stale) while this request was still working. */
export class ClaimLostError extends Error {}

interface IdempotencyRow {
	request_hash: string;
	state: 'running' | 'done';
	response_json: string | null;
	updated_at: string;
}

export interface OpenedDatabase {
	db: Database.Database;
	/** Said at start: fingerprints rekeyed or dropped, a file others can read. */
	notes: string[];
}

/**
 * Opens (or creates, with mode 600 in a folder of mode 700) the database, and makes its
 * idempotency fingerprints those of `secret`: a schema-1 file's plain SHA-256 fingerprints are
 * rekeyed in place; records made with another secret cannot be checked and are dropped (their
 * clients stay; a retry of such a chunk answers `exists` for them, never creates them twice).
 */
export function openDatabase(file: string, secret: Buffer): OpenedDatabase {
	const notes: string[] = [];
	if (file !== ':memory:') {
		mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
		// SQLite would create it with the umask's mode (often 644); its -wal and -shm files
		// then take the database file's mode.
		if (!existsSync(file)) {
			try {
				closeSync(openSync(file, 'wx', 0o600));
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			}
		} else if (isOpenToOthers(file))
			notes.push(`roster: WARNING: ${file} can be read by other users; run: chmod 600 ${file}`);
	}
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	// FULL: a 200 tells the app it may forget the chunk, so a commit must survive power loss too;
	// NORMAL could roll back the last commits then. The cost is one fsync per chunk, not per row.
	db.pragma('synchronous = FULL');
	db.pragma('busy_timeout = 5000');
	db.pragma('foreign_keys = ON');
	const version = Number(db.pragma('user_version', { simple: true }));
	if (version > SCHEMA_VERSION)
		throw new Error(`${file} was written by a newer server (schema ${version}).`);
	db.exec(SCHEMA);
	const check = secretCheck(secret);
	db.transaction(() => {
		const stored = db.prepare("SELECT value FROM meta WHERE name = 'secret_check'").pluck().get();
		if (version === 1) {
			const rows = db.prepare('SELECT key, request_hash FROM idempotency').all() as {
				key: string;
				request_hash: string;
			}[];
			const update = db.prepare('UPDATE idempotency SET request_hash = ? WHERE key = ?');
			for (const r of rows) update.run(rekeyLegacyFingerprint(secret, r.request_hash), r.key);
			if (rows.length > 0)
				notes.push(`roster: keyed the fingerprints of ${rows.length} idempotency record(s).`);
		} else if (stored !== undefined && stored !== check) {
			const { changes } = db.prepare('DELETE FROM idempotency').run();
			if (changes > 0)
				notes.push(
					`roster: the idempotency secret changed: ${changes} record(s) made with the old one were dropped (their clients stay).`,
				);
		}
		db.prepare("INSERT OR REPLACE INTO meta (name, value) VALUES ('secret_check', ?)").run(check);
		db.pragma(`user_version = ${SCHEMA_VERSION}`);
	}).immediate();
	return { db, notes };
}

export interface RepositoryOptions {
	now?: () => Date;
	/** How long a record is kept after its last change (default 24 h). */
	ttlMs?: number;
}

export class ImportRepository {
	readonly #db: Database.Database;
	readonly #now: () => Date;
	readonly #ttlMs: number;
	readonly #purge: Database.Statement<[string]>;
	readonly #getKey: Database.Statement<[string], IdempotencyRow>;
	readonly #putRunning: Database.Statement<unknown[]>;
	readonly #deleteRunning: Database.Statement<[string, string]>;
	readonly #finish: Database.Statement<[string, string, string, string]>;
	readonly #emailExists: Database.Statement<[string], { one: number }>;
	readonly #insertClient: Database.Statement<unknown[]>;
	readonly #chunks: Database.Statement<
		[string, string],
		{ chunk_index: number; chunk_count: number; created_at: string; response_json: string }
	>;

	constructor(db: Database.Database, options: RepositoryOptions = {}) {
		this.#db = db;
		this.#now = options.now ?? (() => new Date());
		this.#ttlMs = options.ttlMs ?? DEFAULT_RECORD_TTL_MS;
		this.#purge = db.prepare('DELETE FROM idempotency WHERE updated_at < ?');
		this.#getKey = db.prepare(
			'SELECT request_hash, state, response_json, updated_at FROM idempotency WHERE key = ?',
		);
		this.#putRunning = db.prepare(
			`INSERT OR REPLACE INTO idempotency (key, request_hash, state, owner, response_json,
				batch_id, chunk_index, chunk_count, client_count, created_at, updated_at)
			VALUES (?, ?, 'running', ?, NULL, ?, ?, ?, ?, ?, ?)`,
		);
		this.#deleteRunning = db.prepare(
			"DELETE FROM idempotency WHERE key = ? AND owner = ? AND state = 'running'",
		);
		this.#finish = db.prepare(
			`UPDATE idempotency SET state = 'done', response_json = ?, updated_at = ?
			WHERE key = ? AND owner = ? AND state = 'running'`,
		);
		this.#emailExists = db.prepare('SELECT 1 AS one FROM clients WHERE email_key = ?');
		this.#insertClient = db.prepare(
			`INSERT INTO clients (email, email_key, first_name, last_name, birthdate, gender, tags,
				external_id, password_hash, must_change_password, batch_id, chunk_index, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
			ON CONFLICT (email_key) DO NOTHING`,
		);
		this.#chunks = db.prepare(
			`SELECT chunk_index, chunk_count, created_at, response_json FROM idempotency
			WHERE batch_id = ? AND state = 'done' AND updated_at >= ?
			ORDER BY chunk_index, created_at`,
		);
	}

	/** Records last changed before this are expired (ISO strings sort as the times do). */
	#cutoff(now: Date = this.#now()): string {
		return new Date(now.getTime() - this.#ttlMs).toISOString();
	}

	/** Deletes expired records; the answers they held can no longer be replayed. */
	purgeExpired(): number {
		return this.#purge.run(this.#cutoff()).changes;
	}

	/** At start no request is running, so every `running` key is left over from a dead process. */
	clearRunning(): number {
		return this.#db.prepare("DELETE FROM idempotency WHERE state = 'running'").run().changes;
	}

	/** Looks the key up and, when no live request holds it, takes it: one short transaction. */
	claim(key: string, requestHash: string, meta: ChunkMeta): ClaimResult {
		const run = this.#db.transaction((): ClaimResult => {
			const now = this.#now();
			let row = this.#getKey.get(key);
			// An expired record is gone, whether or not the hourly purge has run yet.
			if (row && row.updated_at < this.#cutoff(now)) row = undefined;
			if (row?.state === 'done')
				return row.request_hash === requestHash && row.response_json !== null
					? { kind: 'replay', responseJson: row.response_json }
					: { kind: 'reused' };
			if (row?.state === 'running') {
				const stale = now.getTime() - Date.parse(row.updated_at) > STALE_RUNNING_MS;
				if (!stale)
					return row.request_hash === requestHash ? { kind: 'in_progress' } : { kind: 'reused' };
			}
			const owner = randomUUID();
			const at = now.toISOString();
			this.#putRunning.run(
				key,
				requestHash,
				owner,
				meta.batchId,
				meta.chunkIndex,
				meta.chunkCount,
				meta.clientCount,
				at,
				at,
			);
			return { kind: 'claimed', owner };
		});
		return run.immediate();
	}

	/** Gives the key back after a failure, so the client's retry is not told "in progress". */
	release(key: string, owner: string): void {
		this.#deleteRunning.run(key, owner);
	}

	emailExists(emailKey: string): boolean {
		return this.#emailExists.get(emailKey) !== undefined;
	}

	/**
	 * Inserts the chunk's new clients and records its response under the key, together. An email
	 * that another request created since planning comes out `exists` (the unique key decides).
	 * `beforeFinish` runs inside the transaction, after the inserts (the fault switch's hold).
	 */
	commit(
		key: string,
		owner: string,
		meta: ChunkMeta,
		rows: readonly PlannedRow[],
		beforeFinish: () => void = () => {},
	): string {
		const run = this.#db.transaction((): string => {
			const at = this.#now().toISOString();
			const results: RowResult[] = rows.map((row) => {
				if ('result' in row) return row.result;
				const c = row.insert;
				const { changes } = this.#insertClient.run(
					c.email,
					c.emailKey,
					c.firstName,
					c.lastName,
					c.birthdate,
					c.gender,
					JSON.stringify(c.tags),
					c.externalId,
					c.passwordHash,
					meta.batchId,
					meta.chunkIndex,
					at,
				);
				return { email_address: c.email, status: changes === 1 ? 'created' : 'exists' };
			});
			beforeFinish();
			const response: ImportResponse = { results };
			const json = JSON.stringify(response);
			if (this.#finish.run(json, at, key, owner).changes !== 1) throw new ClaimLostError(key);
			return json;
		});
		return run.immediate();
	}

	/** The batch's recorded chunks, oldest index first. */
	chunks(batchId: string): StoredChunk[] {
		return this.#chunks.all(batchId, this.#cutoff()).map((r) => ({
			index: r.chunk_index,
			count: r.chunk_count,
			receivedAt: r.created_at,
			responseJson: r.response_json,
		}));
	}
}
