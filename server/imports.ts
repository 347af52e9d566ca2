// One POST /imports chunk from parsed request to stored response: claim the idempotency key,
// decide each row (core's checks, duplicates in the chunk, known emails), hash the passwords
// outside any transaction, then commit clients and response together. An asynchronous chunk
// (`Prefer: respond-async`) is claimed with its sealed request and answered at once; a small
// queue then does the same work in the background, and start-up resumes what a crash left.
import {
	checkImportClient,
	importEmailKey,
	type ImportRequest,
	type RowResult,
} from '../src/core/import-api.ts';
import {
	ClaimLostError,
	type ChunkMeta,
	type ImportRepository,
	type NewClient,
	type PlannedRow,
} from './db.ts';
import { requestFingerprint } from './fingerprint.ts';
import { expectedHashMs, hashPasswords, Semaphore } from './passwords.ts';
import { openRequest, sealingKey, sealRequest } from './sealed-request.ts';

export type ImportOutcome =
	| { kind: 'done'; responseJson: string; replayed: boolean }
	| { kind: 'reused' }
	| { kind: 'in_progress' };

/** `accepted`: claimed with its request stored, to be finished in the background. */
export type AcceptOutcome = { kind: 'accepted' } | ImportOutcome;

/** Asynchronous chunks worked on at once by default; their hashes share HASH_CONCURRENCY. */
export const DEFAULT_ASYNC_CHUNKS = 2;

export interface ImportSettings {
	scryptN: number;
	/** The idempotency secret (server/secret.ts): request fingerprints are HMACs with it. */
	secret: Buffer;
	/** Null: the organisation has no tag list, tags are not checked. */
	knownTags: ReadonlySet<string> | null;
	today: () => string;
	/** Runs inside the commit transaction (the fault switch's `hold-commit`); none by default. */
	insideCommit?: (key: string) => void;
	/** Runs after each password's hash, in its slot (the fault switch's `hash-delay`). */
	afterHash?: () => Promise<void>;
	/** Runs before an asynchronous chunk's work (the fault switch's `delay`). */
	beforeAsyncWork?: () => Promise<void>;
	/** Asynchronous chunks worked on at once (default DEFAULT_ASYNC_CHUNKS). */
	asyncChunks?: number;
	/**
	 * A chunk whose hashes are expected to take less than this (ms) is worked on at once even
	 * when an asynchronous answer is asked for (default 0: always as asked).
	 */
	syncUnderMs?: number;
}

/** The server's date as YYYYMMDD in UTC, the `today` of core's birthdate rule. */
export function utcToday(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10).replaceAll('-', '');
}

interface Candidate {
	index: number;
	client: NewClient;
	password: string;
}

export class ImportService {
	readonly #repo: ImportRepository;
	readonly #settings: ImportSettings;
	readonly #sealingKey: Buffer;
	/** Only keys wait here: a chunk's request is opened from the database when its turn comes. */
	readonly #queue: Semaphore;
	/** Rows of each chunk in work that are ready to commit (decided, or hashed), by key. */
	readonly #progress = new Map<string, number>();
	/** Clients of each chunk taken but not yet handed to the hash pool, by key (see `quick`). */
	readonly #coming = new Map<string, number>();
	#closed = false;

	constructor(repo: ImportRepository, settings: ImportSettings) {
		this.#repo = repo;
		this.#settings = settings;
		this.#sealingKey = sealingKey(settings.secret);
		this.#queue = new Semaphore(settings.asyncChunks ?? DEFAULT_ASYNC_CHUNKS);
	}

	/** Rows of a claimed chunk ready to commit so far; undefined when no work on it has begun. */
	progress(key: string): number | undefined {
		return this.#progress.get(key);
	}

	/** Queues every accepted chunk a previous process left unfinished; returns how many. */
	resume(): number {
		const pending = this.#repo.pendingChunks();
		for (const p of pending) this.#enqueue(p.key);
		return pending.length;
	}

	/** Stops starting queued work; what is left stays pending for the next start. */
	close(): void {
		this.#closed = true;
	}

	/**
	 * Whether a chunk is better answered at once than accepted: its hashes, after those already
	 * waiting and those of chunks taken but not yet hashing, are expected within `syncUnderMs`.
	 * RFC 7240 leaves `respond-async` to the server; a chunk done in a tenth of a second then
	 * needs no 202, no polls and no second request.
	 */
	quick(request: ImportRequest): boolean {
		const under = this.#settings.syncUnderMs ?? 0;
		if (under <= 0) return false;
		let coming = request.clients.length;
		for (const n of this.#coming.values()) coming += n;
		return expectedHashMs(coming, this.#settings.scryptN) < under;
	}

	/** Claims the key with the sealed request; a new claim is answered now and worked on later. */
	accept(key: string, request: ImportRequest): AcceptOutcome {
		const fingerprint = requestFingerprint(this.#settings.secret, request);
		const sealed = sealRequest(this.#sealingKey, key, request);
		const claim = this.#repo.claim(key, fingerprint, chunkMeta(request), sealed);
		if (claim.kind === 'replay')
			return { kind: 'done', responseJson: claim.responseJson, replayed: true };
		if (claim.kind !== 'claimed') return claim;
		this.#coming.set(key, request.clients.length);
		this.#enqueue(key);
		return { kind: 'accepted' };
	}

	#enqueue(key: string): void {
		void this.#queue.run(() => this.#finishPending(key));
	}

	/** Never throws: a failure is logged and the chunk forgotten, so a resend starts it over. */
	async #finishPending(key: string): Promise<void> {
		const pending = this.#closed ? undefined : this.#repo.pendingChunk(key);
		if (!pending) {
			this.#coming.delete(key);
			return;
		}
		try {
			await this.#settings.beforeAsyncWork?.();
			if (this.#closed) return;
			const request = openRequest(this.#sealingKey, key, pending.sealed);
			await this.#process(key, pending.owner, request);
		} catch (e) {
			// Shutting down: the database may be closed under us; the next start resumes it.
			if (this.#closed) return;
			console.error(
				`roster: the asynchronous chunk of Idempotency-Key ${key} failed and was dropped (a resend starts it over): ${e instanceof Error ? e.message : String(e)}`,
			);
			this.#repo.dropPending(key, pending.owner);
		} finally {
			this.#coming.delete(key);
		}
	}

	/** `whileClaimed` runs while this request holds the key (the fault switch's delay). */
	async run(
		key: string,
		request: ImportRequest,
		whileClaimed: () => Promise<void> = async () => {},
	): Promise<ImportOutcome> {
		const fingerprint = requestFingerprint(this.#settings.secret, request);
		const claim = this.#repo.claim(key, fingerprint, chunkMeta(request));
		if (claim.kind === 'replay')
			return { kind: 'done', responseJson: claim.responseJson, replayed: true };
		if (claim.kind !== 'claimed') return claim;
		this.#coming.set(key, request.clients.length);
		try {
			await whileClaimed();
			const responseJson = await this.#process(key, claim.owner, request);
			return { kind: 'done', responseJson, replayed: false };
		} catch (e) {
			// Another request took the key over after ours went stale: it answers, not us.
			if (e instanceof ClaimLostError) return { kind: 'in_progress' };
			this.#repo.release(key, claim.owner);
			throw e;
		} finally {
			this.#coming.delete(key);
		}
	}

	/** Plans, hashes and commits a claimed chunk: the same work, sync or not. */
	async #process(key: string, owner: string, request: ImportRequest): Promise<string> {
		try {
			const { planned, candidates } = this.#plan(request);
			let ready = planned.length - candidates.length;
			this.#progress.set(key, ready);
			const afterHash = this.#settings.afterHash;
			// From here the pool counts the chunk's hashes as waiting.
			this.#coming.delete(key);
			const hashes = await hashPasswords(
				candidates.map((c) => c.password),
				this.#settings.scryptN,
				async () => {
					this.#progress.set(key, ++ready);
					await afterHash?.();
				},
			);
			candidates.forEach((c, i) => {
				planned[c.index] = { insert: { ...c.client, passwordHash: hashes[i] ?? '' } };
			});
			const rows = planned.filter((r): r is PlannedRow => r !== undefined);
			const inside = this.#settings.insideCommit;
			return this.#repo.commit(key, owner, chunkMeta(request), rows, () => inside?.(key));
		} finally {
			this.#progress.delete(key);
		}
	}

	/** Rows decided without writing, and the clients whose passwords must be hashed first. */
	#plan(request: ImportRequest): { planned: (PlannedRow | undefined)[]; candidates: Candidate[] } {
		const today = this.#settings.today();
		const seen = new Set<string>();
		const planned: (PlannedRow | undefined)[] = [];
		const candidates: Candidate[] = [];
		const existing = this.#repo.existingEmails(
			request.clients.map((c) => importEmailKey(c.email_address)),
		);
		request.clients.forEach((client, index) => {
			const email = client.email_address;
			const key = importEmailKey(email);
			const issues = checkImportClient(client, today, this.#settings.knownTags);
			if (key !== '' && seen.has(key))
				issues.push({
					code: 'email.duplicate_in_batch',
					message: `${email} appears earlier in this request; each client can be imported once.`,
				});
			if (key !== '') seen.add(key);
			let result: RowResult | undefined;
			if (issues.length > 0) result = { email_address: email, status: 'rejected', issues };
			else if (existing.has(key)) result = { email_address: email, status: 'exists' };
			if (result) {
				planned.push({ result });
				return;
			}
			planned.push(undefined);
			candidates.push({
				index,
				password: client.initial_password,
				client: {
					email,
					emailKey: key,
					firstName: client.first_name.trim(),
					lastName: client.last_name.trim(),
					birthdate: client.birthdate.trim(),
					gender: client.gender.trim(),
					tags: client.tags ?? [],
					externalId: client.external_id ?? null,
					passwordHash: '',
				},
			});
		});
		return { planned, candidates };
	}
}

function chunkMeta(request: ImportRequest): ChunkMeta {
	return {
		batchId: request.batch_id,
		chunkIndex: request.chunk.index,
		chunkCount: request.chunk.count,
		clientCount: request.clients.length,
	};
}
