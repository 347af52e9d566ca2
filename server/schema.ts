// The server's SQLite file: its schema, and opening it (mode 600, WAL, FULL sync, the secret's
// check, upgrades from older schemas). db.ts's repository runs every statement after that.
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { rekeyLegacyFingerprint, secretCheck } from './fingerprint.ts';
import { isOpenToOthers } from './secret.ts';

/**
 * 2: request fingerprints are keyed (HMAC), records expire, `meta` holds the secret's check.
 * `pending` (sealed requests of accepted asynchronous chunks) came later without a new version:
 * it is only added, so an older server still opens the file and leaves the table alone (its
 * chunks are then dropped at the next start here, and their senders resend them).
 */
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
CREATE TABLE IF NOT EXISTS pending (
	key TEXT PRIMARY KEY,
	owner TEXT NOT NULL,
	sealed BLOB NOT NULL,
	created_at TEXT NOT NULL
);
`;

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
			// Sealed with the old secret: they cannot be opened, so their chunks cannot finish.
			const pending = db.prepare('DELETE FROM pending').run().changes;
			if (pending > 0)
				notes.push(
					`roster: the secret changed: ${pending} accepted asynchronous chunk(s) cannot be finished; their senders must send them again.`,
				);
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
