// The server's SQLite store: the repository that is the only code running SQL (schema.ts opens
// the file).
// Every multi-statement change is one BEGIN IMMEDIATE transaction, so a crash leaves either all
// of a chunk (its clients, its response and its key marked done) or none of it. A chunk accepted
// with `Prefer: respond-async` also leaves its sealed request in `pending` from its claim to its
// commit, so a restart can finish it.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ImportResponse, RowResult } from '../src/core/import-api.ts';

export { openDatabase, type OpenedDatabase } from './schema.ts';

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
	/** Clients in the chunk's request. */
	clients: number;
	receivedAt: string;
	responseJson: string;
}

/** A chunk whose key is claimed and not yet committed (sync in flight, or async accepted). */
export interface RunningChunk {
	key: string;
	index: number;
	count: number;
	clients: number;
	receivedAt: string;
}

/** An accepted asynchronous chunk still to commit: its claim and its sealed request. */
export interface PendingChunk {
	key: string;
	owner: string;
	sealed: Buffer;
}

/** The key was taken over (after going stale) while this request was still working. */
export class ClaimLostError extends Error {}

interface IdempotencyRow {
	request_hash: string;
	state: 'running' | 'done';
	response_json: string | null;
	updated_at: string;
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
	readonly #emailsExist: Database.Statement<[string], { email_key: string }>;
	readonly #insertClient: Database.Statement<unknown[]>;
	readonly #chunks: Database.Statement<
		[string, string],
		{
			chunk_index: number;
			chunk_count: number;
			client_count: number;
			created_at: string;
			response_json: string;
		}
	>;
	readonly #running: Database.Statement<
		[string],
		{
			key: string;
			chunk_index: number;
			chunk_count: number;
			client_count: number;
			created_at: string;
		}
	>;
	readonly #hasPending: Database.Statement<[string], { one: number }>;
	readonly #putPending: Database.Statement<[string, string, Buffer, string]>;
	readonly #deletePending: Database.Statement<[string, string]>;
	readonly #pending: Database.Statement<[], PendingChunk>;
	readonly #pendingOne: Database.Statement<[string], PendingChunk>;

	constructor(db: Database.Database, options: RepositoryOptions = {}) {
		this.#db = db;
		this.#now = options.now ?? (() => new Date());
		this.#ttlMs = options.ttlMs ?? DEFAULT_RECORD_TTL_MS;
		// A pending chunk's record lives until its commit, however long its queue took.
		this.#purge = db.prepare(
			'DELETE FROM idempotency WHERE updated_at < ? AND key NOT IN (SELECT key FROM pending)',
		);
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
		this.#emailsExist = db.prepare(
			'SELECT email_key FROM clients WHERE email_key IN (SELECT value FROM json_each(?))',
		);
		this.#insertClient = db.prepare(
			`INSERT INTO clients (email, email_key, first_name, last_name, birthdate, gender, tags,
				external_id, password_hash, must_change_password, batch_id, chunk_index, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
			ON CONFLICT (email_key) DO NOTHING`,
		);
		this.#chunks = db.prepare(
			`SELECT chunk_index, chunk_count, client_count, created_at, response_json FROM idempotency
			WHERE batch_id = ? AND state = 'done' AND updated_at >= ?
			ORDER BY chunk_index, created_at`,
		);
		this.#running = db.prepare(
			`SELECT key, chunk_index, chunk_count, client_count, created_at FROM idempotency
			WHERE batch_id = ? AND state = 'running' ORDER BY chunk_index, created_at`,
		);
		this.#hasPending = db.prepare('SELECT 1 AS one FROM pending WHERE key = ?');
		this.#putPending = db.prepare(
			'INSERT OR REPLACE INTO pending (key, owner, sealed, created_at) VALUES (?, ?, ?, ?)',
		);
		this.#deletePending = db.prepare('DELETE FROM pending WHERE key = ? AND owner = ?');
		// Only those whose claim is still theirs: the rest cannot commit.
		const pending = `SELECT p.key AS key, p.owner AS owner, p.sealed AS sealed FROM pending p
			JOIN idempotency i ON i.key = p.key AND i.owner = p.owner AND i.state = 'running'`;
		this.#pending = db.prepare(`${pending} ORDER BY p.created_at, p.key`);
		this.#pendingOne = db.prepare(`${pending} WHERE p.key = ?`);
	}

	/** Records last changed before this are expired (ISO strings sort as the times do). */
	#cutoff(now: Date = this.#now()): string {
		return new Date(now.getTime() - this.#ttlMs).toISOString();
	}

	/** Deletes expired records; the answers they held can no longer be replayed. */
	purgeExpired(): number {
		return this.#purge.run(this.#cutoff()).changes;
	}

	/**
	 * At start no request is running: a `running` key is left over from a dead process. Those of
	 * accepted asynchronous chunks stay, to be finished (pendingChunks); the others are deleted.
	 */
	clearRunning(): number {
		const run = this.#db.transaction((): number => {
			this.#db
				.prepare(
					`DELETE FROM pending WHERE NOT EXISTS (SELECT 1 FROM idempotency i
					WHERE i.key = pending.key AND i.owner = pending.owner AND i.state = 'running')`,
				)
				.run();
			return this.#db
				.prepare(
					"DELETE FROM idempotency WHERE state = 'running' AND key NOT IN (SELECT key FROM pending)",
				)
				.run().changes;
		});
		return run.immediate();
	}

	/** Accepted asynchronous chunks not committed yet, oldest first. */
	pendingChunks(): PendingChunk[] {
		return this.#pending.all();
	}

	pendingChunk(key: string): PendingChunk | undefined {
		return this.#pendingOne.get(key);
	}

	/** Forgets a pending chunk that cannot be finished (its request no longer opens). */
	dropPending(key: string, owner: string): void {
		const run = this.#db.transaction(() => {
			this.#deletePending.run(key, owner);
			this.#deleteRunning.run(key, owner);
		});
		run.immediate();
	}

	/**
	 * Looks the key up and, when no live request holds it, takes it: one short transaction.
	 * `sealed` (an asynchronous chunk's request) is stored with the claim, so an accepted chunk
	 * is never lost between the 202 and its commit; such a claim never goes stale or expires.
	 */
	claim(key: string, requestHash: string, meta: ChunkMeta, sealed?: Buffer): ClaimResult {
		const run = this.#db.transaction((): ClaimResult => {
			const now = this.#now();
			let row = this.#getKey.get(key);
			const pending = this.#hasPending.get(key) !== undefined;
			// An expired record is gone, whether or not the hourly purge has run yet.
			if (row && !pending && row.updated_at < this.#cutoff(now)) row = undefined;
			if (row?.state === 'done')
				return row.request_hash === requestHash && row.response_json !== null
					? { kind: 'replay', responseJson: row.response_json }
					: { kind: 'reused' };
			if (row?.state === 'running') {
				const stale = now.getTime() - Date.parse(row.updated_at) > STALE_RUNNING_MS;
				if (!stale || pending)
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
			if (sealed) this.#putPending.run(key, owner, sealed, at);
			return { kind: 'claimed', owner };
		});
		return run.immediate();
	}

	/** Gives the key back after a failure, so the client's retry is not told "in progress". */
	release(key: string, owner: string): void {
		this.dropPending(key, owner);
	}

	/**
	 * Which of `emailKeys` have a client: one query per chunk, as a lookup per client cost a
	 * tenth of the server's time (a statement call each).
	 */
	existingEmails(emailKeys: readonly string[]): Set<string> {
		const wanted = emailKeys.filter((k) => k !== '');
		if (wanted.length === 0) return new Set();
		const rows = this.#emailsExist.all(JSON.stringify(wanted));
		return new Set(rows.map((r) => r.email_key));
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
			this.#deletePending.run(key, owner);
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
			clients: r.client_count,
			receivedAt: r.created_at,
			responseJson: r.response_json,
		}));
	}

	/** The batch's chunks claimed and not committed yet, oldest index first. */
	runningChunks(batchId: string): RunningChunk[] {
		return this.#running.all(batchId).map((r) => ({
			key: r.key,
			index: r.chunk_index,
			count: r.chunk_count,
			clients: r.client_count,
			receivedAt: r.created_at,
		}));
	}
}
