// Drains the outbox: sends each waiting chunk with its idempotency key, applies the answer to
// the rows, retries what can be retried (backoff with jitter, Retry-After), and says at every
// step what is happening. One engine per tab runs at a time (a Web Lock): the others wait.
// Callers start it and move on (`void engine.drain()`): whatever goes wrong while it runs (a
// full disk while an answer is saved) ends as a paused status the pro sees, never a rejection.
// "Cancel sending" holds a draft's chunks (`hold`): none of them is sent from then on, and the
// hold is granted once the requests already in flight have settled; a chunk the server answered
// 202 (asynchronous import) stops being polled at once and stays in the outbox.
import type { OutboxRecord } from '../storage/db.ts';
import { inSendingOrder, type OutboxRepository } from '../storage/outbox.ts';
import { StorageFullError, StorageUpgradedError } from '../storage/errors.ts';
import {
	ImportApiClient,
	type ApiTimeouts,
	type FetchLike,
	type SyncConfig,
} from './api-client.ts';
import { mapResults, ResultMismatchError, type ChunkOutcome } from './results.ts';
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './retry.ts';
import type { PollPolicy } from './async-import.ts';
import { AsyncProgress } from './async-progress.ts';
import { m } from '../i18n/messages.ts';

/** An asynchronous chunk answered within this (ms) was done by its fourth poll (at 1.5 s). */
const ASYNC_QUICK_MS = 1500;
/** A synchronous chunk that took this long (ms) would have been better polled. */
const SYNC_SLOW_MS = 3000;

export type SyncPhase = 'idle' | 'sending' | 'waiting' | 'offline' | 'paused' | 'unconfigured';

export interface SyncStatus {
	phase: SyncPhase;
	/** Clients in chunks not answered yet. */
	waiting: number;
	/** The batch being sent: chunks answered and in all. */
	done: number;
	total: number;
	/** Why it waits or stopped, in words for the pro ('' when all is well). */
	message: string;
	/** When the next attempt is due (ms), while waiting. */
	nextAt: number | null;
	/**
	 * While the platform creates the batch's accounts asynchronously: clients it has processed
	 * (answered chunks, and the counts of those still processing) of the batch's clients. Absent
	 * or null otherwise.
	 */
	creating?: { done: number; total: number } | null;
}

export interface EngineDeps {
	outbox: OutboxRepository;
	/** Commits an answer to the rows and removes the chunk, in one transaction. */
	apply: (chunk: OutboxRecord, outcome: ChunkOutcome) => Promise<void>;
	/** Gives a chunk up (the server will never take it): unlocks its rows, removes it. */
	release: (chunk: OutboxRecord, reason: string) => Promise<void>;
	config: () => Promise<SyncConfig | null>;
	onStatus: (status: SyncStatus) => void;
	fetch?: FetchLike;
	now?: () => number;
	random?: () => number;
	policy?: RetryPolicy;
	/** Chunks in flight at once. */
	parallel?: number;
	/** Request limits (tests). */
	timeouts?: Partial<ApiTimeouts>;
	/** Waits between polls of a chunk answered 202, and how they wait (tests). */
	poll?: Partial<PollPolicy>;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Runs `work` holding the tab-wide sync lock (navigator.locks where there is one). */
	lock?: (work: () => Promise<void>) => Promise<void>;
}

export class SyncEngine {
	#deps: EngineDeps;
	#running: Promise<void> | null = null;
	#again = false;
	#wake: (() => void) | null = null;
	#offline = false;
	#paused = '';
	#refusedMessage = '';
	/** Drafts whose chunks are not sent (a cancel is under way), with how many holds each. */
	#held = new Map<string, number>();
	/** Requests in flight: each chunk's draft, its send (settled, never rejected), and its stop. */
	#flights = new Map<string, { draftId: string; done: Promise<unknown>; stop: AbortController }>();
	/** Chunks handed over by drain() since the loop last read the outbox. */
	#queued = new Map<string, OutboxRecord>();
	/** Chunks not settled yet, as the loop last saw them (the batch's clients still to answer). */
	#pending: OutboxRecord[] = [];
	/** What the platform has processed of batches it took asynchronously. */
	#progress = new AsyncProgress();
	/** Whether the next chunk asks for an asynchronous answer (see #learnPace). */
	#preferAsync = true;
	#status: SyncStatus = {
		phase: 'idle',
		waiting: 0,
		done: 0,
		total: 0,
		message: '',
		nextAt: null,
	};

	constructor(deps: EngineDeps) {
		this.#deps = deps;
	}

	get status(): SyncStatus {
		return this.#status;
	}

	/**
	 * Sends what waits; resolves when the outbox is empty or only waits for later. `queued`: the
	 * chunks of a batch just written to the outbox, as written, so that they need not be read
	 * back (see #read).
	 */
	drain(queued: readonly OutboxRecord[] = []): Promise<void> {
		for (const c of queued) this.#queued.set(c.id, c);
		this.#again = true;
		this.#wake?.();
		if (this.#running) return this.#running;
		const lock = this.#deps.lock ?? ((work) => work());
		this.#running = lock(() => this.#loop())
			.catch((error: unknown) => this.#stop(error))
			.finally(() => {
				this.#running = null;
			});
		return this.#running;
	}

	/**
	 * Stops sending draft `draftId`'s chunks, and resolves once none is in flight any more (an
	 * answer that arrives meanwhile is applied as usual). Call the returned function when done
	 * with them: the engine then reads the outbox again.
	 */
	async hold(draftId: string): Promise<() => void> {
		this.#held.set(draftId, (this.#held.get(draftId) ?? 0) + 1);
		const flying = [...this.#flights.values()].filter((f) => f.draftId === draftId);
		// A chunk being processed asynchronously may take hours: its polling stops now, the chunk
		// stays on the server and in the outbox (sent, so the cancel names its clients).
		for (const f of flying) f.stop.abort();
		await Promise.all(flying.map((f) => f.done));
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const n = (this.#held.get(draftId) ?? 1) - 1;
			if (n > 0) this.#held.set(draftId, n);
			else this.#held.delete(draftId);
			void this.drain();
		};
	}

	/** Back online, or "Sync now": whatever waits for a retry goes at once. */
	async wake(): Promise<void> {
		this.#paused = '';
		try {
			await this.#deps.outbox.wakeAll(this.#now());
		} catch (error) {
			this.#stop(error);
			return;
		}
		await this.drain();
	}

	/** Pauses on a failure the loop could not handle; "Sync now" (wake) tries again. */
	#stop(error: unknown): void {
		if (error instanceof StorageFullError) this.#paused = m.draft_sync_storage_full();
		else if (error instanceof StorageUpgradedError) this.#paused = error.message;
		else {
			// A bug, not a state of the device: keep its stack for whoever looks at the console.
			console.error(error);
			this.#paused = m.draft_engine_stopped({
				error: error instanceof Error ? error.message : String(error),
			});
		}
		this.#set({ phase: 'paused', message: this.#paused, nextAt: null });
	}

	#now(): number {
		return (this.#deps.now ?? Date.now)();
	}

	#set(status: Partial<SyncStatus>): void {
		this.#status = { ...this.#status, ...status };
		this.#deps.onStatus(this.#status);
	}

	async #loop(): Promise<void> {
		const parallel = Math.max(1, this.#deps.parallel ?? 2);
		// Each send (its answer applied) by chunk id. A slot is refilled as soon as its send ends,
		// not when all of a round have: the next request is on the wire while an answer is being
		// applied, so the server's time and the app's overlap.
		const running = new Map<string, Promise<void>>();
		const settled = new Set<string>();
		let failure: { error: unknown } | null = null;
		// Every send ends before the loop stops: a chunk still in flight after a failure would be
		// sent again by the next drain.
		const finish = async () => {
			await Promise.all(running.values());
			if (failure) throw failure.error;
		};
		const oneEnds = async () => {
			await Promise.race(running.values());
			if (failure) await finish();
		};
		// Read once, then kept here: this engine (holding the lock) is the only one changing the
		// outbox but for new batches and "Sync now", which set #again. Reading every chunk with
		// its clients after each answer made a 100k-client sync quadratic.
		let chunks: OutboxRecord[] = [];
		let stale = true;
		for (;;) {
			if (failure) await finish();
			if (stale || this.#again) {
				this.#again = false;
				chunks = await this.#read();
				stale = false;
			}
			chunks = chunks.filter((c) => !settled.has(c.id));
			this.#pending = chunks;
			const waiting = chunks.reduce((n, c) => n + c.rows.length, 0);
			if (chunks.length === 0) {
				if (running.size > 0) {
					await oneEnds();
					continue;
				}
				// A batch queued while the outbox was being read (drain() set #again meanwhile) would
				// otherwise wait for the next drain: read again.
				if (this.#again) continue;
				this.#progress.clear();
				this.#set({
					phase: 'idle',
					waiting: 0,
					nextAt: null,
					message: this.#refusedMessage,
					...(this.#status.creating ? { creating: null } : {}),
				});
				this.#refusedMessage = '';
				return;
			}
			const config = this.#paused ? null : await this.#deps.config();
			if (!config) {
				await finish();
				const message = this.#paused || m.draft_engine_unconfigured();
				this.#set({
					phase: this.#paused ? 'paused' : 'unconfigured',
					// Less what the sends still in flight took out of the outbox.
					waiting: chunks.filter((c) => !settled.has(c.id)).reduce((n, c) => n + c.rows.length, 0),
					message,
					nextAt: null,
				});
				return;
			}
			const client = new ImportApiClient(config, {
				...(this.#deps.fetch ? { fetch: this.#deps.fetch } : {}),
				...(this.#deps.poll ? { poll: this.#deps.poll } : {}),
				...(this.#deps.timeouts ? { timeouts: this.#deps.timeouts } : {}),
				...(this.#deps.sleep ? { sleep: this.#deps.sleep } : {}),
				...(this.#deps.random ? { random: this.#deps.random } : {}),
				now: () => this.#now(),
			});
			const now = this.#now();
			const sendable = chunks.filter((c) => !this.#held.has(c.draftId));
			const due = sendable
				.filter((c) => c.nextAt <= now && !running.has(c.id))
				.slice(0, parallel - running.size);
			if (due.length === 0) {
				if (running.size > 0) {
					await oneEnds();
					continue;
				}
				// Only held chunks: wait until the hold ends (it wakes the loop) or something new.
				const nextAt =
					sendable.length > 0 ? Math.min(...sendable.map((c) => c.nextAt)) : now + 60_000;
				const last = chunks.find((c) => c.lastError)?.lastError ?? '';
				this.#set({
					phase: this.#offline ? 'offline' : 'waiting',
					waiting,
					nextAt,
					message: last,
				});
				await this.#sleep(nextAt - now);
				continue;
			}
			const batch = due[0] as OutboxRecord;
			const total = batch.count;
			const left = chunks.filter((c) => c.batchId === batch.batchId).length;
			this.#set({
				phase: this.#offline ? 'offline' : 'sending',
				waiting,
				done: total - left,
				total,
				nextAt: null,
				message: '',
				...this.#creatingOf(batch.batchId),
			});
			for (const chunk of due) {
				const stop = new AbortController();
				const send = (async () => {
					try {
						if (await this.#send(client, chunk, stop.signal)) settled.add(chunk.id);
					} catch (error) {
						failure ??= { error };
					} finally {
						running.delete(chunk.id);
						this.#flights.delete(chunk.id);
					}
				})();
				running.set(chunk.id, send);
				this.#flights.set(chunk.id, { draftId: chunk.draftId, done: send, stop });
			}
			await oneEnds();
			if (this.#paused) {
				await finish();
				this.#set({ phase: 'paused', waiting, message: this.#paused, nextAt: null });
				return;
			}
		}
	}

	/**
	 * Every chunk waiting. Those handed over by drain() are taken as they were written, if still
	 * there and not tried since (then they are as stored), not read back: reading a batch of
	 * 100,000 clients took ~0.14 s before its first request (EPYC).
	 */
	async #read(): Promise<OutboxRecord[]> {
		const queued = [...this.#queued.values()];
		this.#queued.clear();
		const { others, held } = await this.#deps.outbox.waiting(queued.map((c) => c.id));
		return [...others, ...queued.filter((c) => held.has(c.id))].sort(inSendingOrder);
	}

	/** Sends one chunk; true when it left the outbox (answered or given up). */
	async #send(client: ImportApiClient, chunk: OutboxRecord, signal: AbortSignal): Promise<boolean> {
		// Gone since this engine read the outbox: cancelled (maybe from another tab, while this
		// one held the lock) or its draft purged. Not sent.
		if (!(await this.#deps.outbox.has(chunk.id))) return true;
		const started = this.#now();
		let polled = false;
		const outcome = await client.sendChunk(chunk, {
			preferAsync: this.#preferAsync,
			signal,
			onProgress: (progress) => {
				polled = true;
				this.#progress.polled(progress);
				this.#showCreating(progress.batchId);
			},
		});
		const now = this.#now();
		if (outcome.kind === 'ok') this.#learnPace(polled, now - started);
		const random = this.#deps.random ?? Math.random;
		const policy = this.#deps.policy ?? DEFAULT_RETRY;
		switch (outcome.kind) {
			case 'ok': {
				let mapped: ChunkOutcome;
				try {
					mapped = mapResults(chunk, outcome.response, now);
				} catch (error) {
					if (!(error instanceof ResultMismatchError)) throw error;
					// Nothing is applied; the stored answer comes back on the retry.
					const delay = retryDelay(chunk.attempts, null, random, policy);
					await this.#retryLater(chunk, now + delay, error.message);
					return false;
				}
				this.#offline = false;
				await this.#deps.apply(chunk, mapped);
				this.#progress.answered(chunk);
				this.#showCreating(chunk.batchId);
				return true;
			}
			case 'retry': {
				this.#offline = outcome.offline;
				// A chunk the platform kept past the request limit: ask for asynchronous answers again.
				if (outcome.timedOut) this.#preferAsync = true;
				const delay = retryDelay(chunk.attempts, outcome.retryAfterMs, random, policy);
				const reason = outcome.offline ? m.draft_sync_offline() : outcome.reason;
				await this.#retryLater(chunk, now + delay, reason);
				return false;
			}
			case 'unauthorized':
				this.#offline = false;
				// The reason says it in the pro's words: what to check, then Sync now.
				this.#paused = outcome.reason;
				return false;
			case 'refused':
				this.#offline = false;
				this.#refusedMessage = m.draft_sync_refused({
					count: chunk.rows.length,
					reason: outcome.reason,
				});
				await this.#deps.release(chunk, outcome.reason);
				return true;
		}
	}

	/**
	 * Polling costs a chunk at least the first poll's wait: a server that finished a chunk by its
	 * fourth poll is fast enough to answer the next ones synchronously (as quickly as it hashes),
	 * and one that kept a synchronous chunk waiting is asked for asynchronous answers again.
	 */
	#learnPace(polled: boolean, took: number): void {
		this.#preferAsync = polled ? took >= ASYNC_QUICK_MS : took >= SYNC_SLOW_MS;
	}

	#showCreating(batchId: string): void {
		// Whatever the phase says (it may still say offline until an answer comes): the count is
		// shown once it is sending again.
		if (this.#progress.isAsync(batchId)) this.#set(this.#creatingOf(batchId));
	}

	/** The status's `creating` for a batch; left out for a server that answers synchronously. */
	#creatingOf(batchId: string): Pick<SyncStatus, 'creating'> {
		if (!this.#progress.isAsync(batchId)) return this.#status.creating ? { creating: null } : {};
		return { creating: this.#progress.count(batchId, this.#pending) };
	}

	/** Records the attempt in the outbox and in the copy this engine keeps. */
	async #retryLater(chunk: OutboxRecord, nextAt: number, reason: string): Promise<void> {
		await this.#deps.outbox.retryLater(chunk.id, nextAt, reason);
		chunk.nextAt = nextAt;
		chunk.lastError = reason;
		chunk.attempts++;
	}

	/** Waits `ms`, or less when woken (online again, Sync now, a new batch). */
	async #sleep(ms: number): Promise<void> {
		if (this.#again) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => this.#wake?.(), Math.max(0, ms));
			this.#wake = () => {
				clearTimeout(timer);
				this.#wake = null;
				resolve();
			};
		});
	}
}
