// Asynchronous imports (RFC 7240 `Prefer: respond-async`, api/openapi.yaml) as the app follows
// them: a chunk answered 202 is polled on its batch's status URL with growing waits until the
// server no longer lists it as processing, then the same request is sent again with its
// Idempotency-Key, whose answer is the ordinary 200 (replayed) the engine already applies. A
// failure while polling is the ordinary retry: the chunk stays in the outbox and its resend with
// the same key resumes (202 again), so no client is ever created twice.
import { z } from 'zod';
import type { SendOutcome } from './api-client.ts';
import { m } from '../i18n/messages.ts';

/** Waits between polls of one accepted chunk. */
export interface PollPolicy {
	/** The first wait (ms), doubled after each poll… */
	firstMs: number;
	/** …up to this (ms). */
	maxMs: number;
	/** Each wait is moved by up to this share either way, so tabs and chunks do not poll in step. */
	jitter: number;
	/** A Retry-After longer than this (ms) is cut to it. */
	retryAfterCapMs: number;
}

/**
 * The first poll comes soon: at the tests' hashing cost a chunk of 1,000 is done in ~0.1 s, and
 * a first wait of 0.5 s left both cores idle for 0.4 s of a 100,000-client sync's 8.5 s. A chunk
 * that takes minutes costs only three more polls than it did (0.1, 0.2 and 0.4 s).
 */
export const DEFAULT_POLL: PollPolicy = {
	firstMs: 100,
	maxMs: 5000,
	jitter: 0.1,
	retryAfterCapMs: 60_000,
};

/** The wait before poll `attempt` (0-based): the server's Retry-After when it gave one. */
export function pollDelay(
	attempt: number,
	retryAfterMs: number | null,
	random: () => number,
	policy: PollPolicy = DEFAULT_POLL,
): number {
	if (retryAfterMs !== null) return Math.min(policy.retryAfterCapMs, Math.max(0, retryAfterMs));
	const base = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, attempt));
	return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * random() - 1))));
}

/** One chunk of a batch as the status URL lists it. */
export interface BatchChunkView {
	index: number;
	/** Finished: its results are final (processed = clients). */
	done: boolean;
	clients: number;
	/** Clients decided or hashed so far. */
	processed: number;
}

/** What a poll tells about the chunk being followed and the rest of its batch. */
export interface ChunkProgress {
	/** This chunk's clients the platform has processed so far, of `clients`. */
	processed: number;
	clients: number;
	batchId: string;
	batch: BatchChunkView[];
}

export interface AsyncWatch {
	/** Ask for an asynchronous answer (default true); false: the synchronous contract. */
	preferAsync?: boolean;
	/** Called after each poll while the chunk is being processed, and once when it is done. */
	onProgress?: (progress: ChunkProgress) => void;
	/** Aborted: stop following the chunk (it stays in the outbox; a resend resumes it). */
	signal?: AbortSignal;
}

const count = z.number().int().nonnegative();

// Read leniently (the app reads only what it needs): a server that adds fields, or an older one
// that lists finished chunks without `status`/`clients`, still works.
const PolledChunkSchema = z.object({
	index: count,
	status: z.string().optional(),
	clients: count.optional(),
	processed: count.optional(),
	results: z.array(z.unknown()).optional(),
});
export const PolledBatchSchema = z.object({ chunks: z.array(PolledChunkSchema) });

/** A GET of the batch's status URL parsed into what the app follows. */
export function batchView(json: unknown): BatchChunkView[] {
	return PolledBatchSchema.parse(json).chunks.map((c) => {
		const clients = c.clients ?? c.results?.length ?? 0;
		const done = c.status !== 'processing';
		return { index: c.index, done, clients, processed: done ? clients : (c.processed ?? 0) };
	});
}

/**
 * Where to poll: the 202's Location resolved against the request's URL. A Location on another
 * origin is not followed (the token would go with it): the API's own batch path is polled.
 * Asked without the finished chunks' results (`results=none`): a poll needs only counts.
 */
export function statusUrl(location: string | null, requestUrl: string, fallback: string): string {
	let url: URL;
	try {
		url = new URL(location ?? fallback, requestUrl);
		if (url.origin !== new URL(requestUrl).origin) url = new URL(fallback, requestUrl);
	} catch {
		url = new URL(fallback, requestUrl);
	}
	url.searchParams.set('results', 'none');
	return url.href;
}

/** The 202: the chunk is accepted and being processed. */
export interface Accepted {
	kind: 'accepted';
	statusUrl: string;
	retryAfterMs: number | null;
}

/** A poll's answer: the batch as listed, the batch unknown (404), or a failure to send on. */
export type PollAnswer =
	| { kind: 'view'; batch: BatchChunkView[]; retryAfterMs: number | null }
	| { kind: 'gone' }
	| Extract<SendOutcome, { kind: 'retry' | 'unauthorized' }>;

/** What following an accepted chunk needs from the API client. */
export interface AsyncIo {
	/** The chunk's request again, same key and body, with `Prefer: respond-async`. */
	post: () => Promise<SendOutcome | Accepted>;
	/** One GET of the status URL, under the quick time limit. */
	poll: (url: string, signal?: AbortSignal) => Promise<PollAnswer>;
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	random: () => number;
	policy: PollPolicy;
}

/** Resolves after `ms`, or rejects as soon as `signal` is aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', stop);
			resolve();
		}, ms);
		const stop = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		signal?.addEventListener('abort', stop, { once: true });
	});
}

/**
 * Re-sends answered 202 again that one follow takes before it gives up to the engine's backoff:
 * a real server does so at most once (it lost the chunk and starts it over), and a server that
 * keeps accepting without ever finishing must not be sent the chunk every few seconds for ever.
 */
const MAX_RESTARTS = 2;

function stopped(): SendOutcome {
	return { kind: 'retry', reason: m.draft_sync_poll_stopped(), retryAfterMs: null, offline: false };
}

/**
 * Follows an accepted chunk to its final answer: the SendOutcome a synchronous 200 would have
 * given, or the retry (or refused token) a failure on the way gives. Each poll is short; the whole
 * takes as long as the platform needs.
 */
export async function followAccepted(
	chunk: { batchId: string; index: number; clients: readonly unknown[] },
	first: Accepted,
	io: AsyncIo,
	watch: AsyncWatch = {},
): Promise<SendOutcome> {
	let accepted = first;
	let attempt = 0;
	let restarts = 0;
	let retryAfterMs = accepted.retryAfterMs;
	const report = (batch: BatchChunkView[], processed: number) =>
		watch.onProgress?.({
			processed,
			clients: chunk.clients.length,
			batchId: chunk.batchId,
			batch,
		});
	for (;;) {
		try {
			await io.sleep(pollDelay(attempt++, retryAfterMs, io.random, io.policy), watch.signal);
		} catch {
			return stopped();
		}
		const polled = await io.poll(accepted.statusUrl, watch.signal);
		if (watch.signal?.aborted) return stopped();
		if (polled.kind === 'retry' || polled.kind === 'unauthorized') return polled;
		if (polled.kind === 'view') {
			const mine = polled.batch.find((c) => c.index === chunk.index && !c.done);
			if (mine) {
				report(polled.batch, mine.processed);
				retryAfterMs = polled.retryAfterMs;
				continue;
			}
			report(polled.batch, chunk.clients.length);
		}
		// Finished, or no longer listed (dropped by a restart): the same request with its key
		// gives the stored answer, or starts the chunk again (202).
		const again = await io.post();
		if (again.kind !== 'accepted') return again;
		if (++restarts > MAX_RESTARTS)
			return {
				kind: 'retry',
				reason: m.draft_sync_async_lost(),
				retryAfterMs: again.retryAfterMs,
				offline: false,
			};
		accepted = again;
		retryAfterMs = again.retryAfterMs;
	}
}
