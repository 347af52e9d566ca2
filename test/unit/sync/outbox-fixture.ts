// What the sync engine tests share: a draft with an outbox batch in fake-indexeddb, the engine's
// apply as the worker does it (one commit of the rows and the chunk's removal), an import API
// that is idempotent by key and counts what it is sent, and an exclusive, queued lock that
// behaves like navigator.locks.request.
import { buildBatch } from '../../../src/sync/chunks.ts';
import type { FetchLike } from '../../../src/sync/api-client.ts';
import { SyncEngine, type SyncStatus } from '../../../src/sync/engine.ts';
import type { ChunkOutcome } from '../../../src/sync/results.ts';
import { openDatabase, type OutboxRecord, type RosterDB } from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { OutboxRepository } from '../../../src/storage/outbox.ts';
import { ImportRequestSchema, type RowResult } from '../../../src/core/import-api.ts';
import { clientRecord, draftRecord, putDraft, storeOf } from '../storage/harness.ts';

export const CONFIG = { baseUrl: 'http://api.test/api/v1', token: 'secret' };
export const FAST = { baseMs: 5, capMs: 50 };

/** A one-client chunk with no client in it, for tests of the API client's answers alone. */
export const ONE_CHUNK: OutboxRecord = {
	id: 'b:0',
	draftId: 'd',
	batchId: 'b',
	index: 0,
	count: 1,
	key: 'k',
	rows: [0],
	clients: [],
	attempts: 0,
	nextAt: 0,
	lastError: null,
	createdAt: 0,
};

/** One tab's view of the database: its own connection, repositories and engine statuses. */
export interface Tab {
	db: RosterDB;
	drafts: DraftRepository;
	outbox: OutboxRepository;
	statuses: SyncStatus[];
	/** The engine's apply, as the worker's: the answer on the rows, the chunk out, one commit. */
	apply: (chunk: OutboxRecord, outcome: ChunkOutcome) => Promise<void>;
	release: (chunk: OutboxRecord) => Promise<void>;
}

export function openTab(name: string, db: RosterDB = openDatabase(name)): Tab {
	const drafts = new DraftRepository(db);
	return {
		db,
		drafts,
		outbox: new OutboxRepository(db),
		statuses: [],
		apply: async (chunk, outcome) => {
			await drafts.commit(chunk.draftId, outcome.patches, null, 1, {
				outbox: { remove: [chunk.id] },
				syncIssues: { put: outcome.issues, remove: outcome.cleared },
			});
		},
		release: async (chunk) => {
			await drafts.commit(chunk.draftId, [], null, 1, { outbox: { remove: [chunk.id] } });
		},
	};
}

/** Stores draft 'd' with `rows` clients and queues them all as one batch of `chunkSize` chunks. */
export async function queueBatch(
	tab: Tab,
	rows: number,
	chunkSize: number,
): Promise<OutboxRecord[]> {
	await putDraft(tab.drafts, draftRecord('d', { fileRows: rows }), storeOf(rows));
	let key = 0;
	const chunks = buildBatch({
		draftId: 'd',
		batchId: 'batch',
		rows: Array.from({ length: rows }, (_, i) => i),
		record: (i) => clientRecord(i),
		chunkSize,
		now: 0,
		newKey: () => `key-${key++}`,
	});
	const patches = chunks.flatMap((c) =>
		c.rows.map((index) => ({ index, credential: { sync: 'queued' as const, syncedAt: 0 } })),
	);
	await tab.drafts.commit('d', patches, null, 0, { outbox: { put: chunks } });
	return chunks;
}

/** An import API that imports a key once and answers its retries with the stored answer. */
export class IdempotentApi {
	/** POSTs received, by Idempotency-Key. */
	readonly posts = new Map<string, number>();
	/** Accounts created, by email: each must be 1. */
	readonly created = new Map<string, number>();
	/** Status codes to answer with before importing (a fault each), in order. */
	faults: number[] = [];
	/** Answers to these keys wait until their promise resolves. */
	readonly held = new Map<string, Promise<void>>();
	/** Requests sent and not answered yet. */
	inFlight = 0;
	#answers = new Map<string, string>();

	fetch: FetchLike = async (_input, init) => {
		const key = new Headers(init?.headers).get('Idempotency-Key') ?? '';
		this.posts.set(key, (this.posts.get(key) ?? 0) + 1);
		this.inFlight++;
		try {
			// A turn of the event loop, as a network round trip: the other engine may run meanwhile.
			await new Promise((resolve) => setImmediate(resolve));
			await this.held.get(key);
			return this.#answer(key, init);
		} finally {
			this.inFlight--;
		}
	};

	#answer(key: string, init: RequestInit | undefined): Response {
		const fault = this.faults.shift();
		if (fault !== undefined)
			return new Response(JSON.stringify({ error: { code: 'fault', message: 'Injected' } }), {
				status: fault,
				headers: { 'Content-Type': 'application/json' },
			});
		let body = this.#answers.get(key);
		if (body === undefined) {
			const request = ImportRequestSchema.parse(JSON.parse(String(init?.body)));
			const results: RowResult[] = request.clients.map((c) => {
				this.created.set(c.email_address, (this.created.get(c.email_address) ?? 0) + 1);
				return { email_address: c.email_address, status: 'created' };
			});
			body = JSON.stringify({ results });
			this.#answers.set(key, body);
		}
		return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
	}
}

/** An exclusive lock granted in the order asked, like navigator.locks.request(name, work). */
export function webLock(): {
	request: (work: () => Promise<void>) => Promise<void>;
	/** The most holders seen at once (1 when exclusive). */
	maxHeld: () => number;
} {
	let tail: Promise<unknown> = Promise.resolve();
	let held = 0;
	let max = 0;
	return {
		request: (work) => {
			const granted = tail.then(async () => {
				held++;
				max = Math.max(max, held);
				try {
					await work();
				} finally {
					held--;
				}
			});
			tail = granted.catch(() => undefined);
			return granted;
		},
		maxHeld: () => max,
	};
}

/** Polls until `check` holds, failing with `what` after `timeoutMs`. */
export async function waitFor(
	what: string,
	check: () => boolean | Promise<boolean>,
	timeoutMs = 3000,
): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

/** A sync engine over `tab`'s outbox and `api`, fast and deterministic; `deps` overrides. */
export function engineFor(
	tab: Tab,
	api: Pick<IdempotentApi, 'fetch'>,
	deps: Partial<ConstructorParameters<typeof SyncEngine>[0]> = {},
): SyncEngine {
	return new SyncEngine({
		outbox: tab.outbox,
		apply: tab.apply,
		release: tab.release,
		config: async () => CONFIG,
		onStatus: (status) => tab.statuses.push(status),
		fetch: api.fetch,
		policy: FAST,
		random: () => 0.5,
		...deps,
	});
}
