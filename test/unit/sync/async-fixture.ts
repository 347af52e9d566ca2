// A fake import API with the asynchronous contract (api/openapi.yaml): POST with
// `Prefer: respond-async` answers 202 + Location; each GET of the batch moves every chunk still
// processing on by `step` clients (the server's own clock is the polls, so no test waits on
// time) and lists it with its count; a finished chunk's re-POST answers the stored 200 with
// Idempotent-Replayed. Without the preference it answers synchronously, as the real server.
// Accounts are created once per email, counted in `created`.
import type { FetchLike } from '../../../src/sync/api-client.ts';
import { ImportRequestSchema, type RowResult } from '../../../src/core/import-api.ts';

interface Job {
	batchId: string;
	index: number;
	count: number;
	emails: string[];
	processed: number;
	answer: string | null;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'Content-Type': 'application/json', ...headers },
	});

export class AsyncApi {
	/** Accounts created, by email: each must be 1. */
	readonly created = new Map<string, number>();
	/** POSTs by Idempotency-Key, and every request as `METHOD url`. */
	readonly posts = new Map<string, number>();
	readonly requests: string[] = [];
	/** Prefer headers the POSTs carried. */
	readonly prefer: (string | null)[] = [];
	/** Clients each GET moves a processing chunk on by. */
	step = 1;
	/** Headers added to the 202 (e.g. Retry-After, another Location). */
	acceptedHeaders: Record<string, string> = {};
	/** Faults for GETs, in order: a status answered, or 'offline' (fetch rejects). */
	pollFaults: (number | 'offline')[] = [];
	/** Synchronous POSTs (no preference) still to keep unanswered until the request is aborted. */
	hangSynchronous = 0;
	/** Called before each GET is answered (a test can act mid-sync). */
	beforePoll: () => void = () => undefined;
	#jobs = new Map<string, Job>();

	fetch: FetchLike = async (input, init) => {
		const method = init?.method ?? 'GET';
		this.requests.push(`${method} ${input}`);
		await new Promise((resolve) => setImmediate(resolve));
		if (method === 'POST') {
			const sync = new Headers(init?.headers).get('Prefer') !== 'respond-async';
			if (sync && this.hangSynchronous > 0) {
				this.hangSynchronous--;
				this.prefer.push(null);
				const signal = init?.signal;
				return new Promise<Response>((_, reject) =>
					signal?.addEventListener('abort', () => reject(signal.reason as Error)),
				);
			}
			return this.#post(init);
		}
		this.beforePoll();
		const fault = this.pollFaults.shift();
		if (fault === 'offline') throw new TypeError('Failed to fetch');
		if (fault !== undefined) return json({ error: { code: 'fault', message: 'Injected' } }, fault);
		const url = new URL(String(input));
		return this.#status(decodeURIComponent(url.pathname.split('/imports/')[1] ?? ''));
	};

	/** Clients processed so far, over every chunk. */
	get processed(): number {
		return [...this.#jobs.values()].reduce((n, j) => n + j.processed, 0);
	}

	#post(init: RequestInit | undefined): Response {
		const headers = new Headers(init?.headers);
		const key = headers.get('Idempotency-Key') ?? '';
		this.posts.set(key, (this.posts.get(key) ?? 0) + 1);
		this.prefer.push(headers.get('Prefer'));
		const request = ImportRequestSchema.parse(JSON.parse(String(init?.body)));
		let job = this.#jobs.get(key);
		if (!job) {
			job = {
				batchId: request.batch_id,
				index: request.chunk.index,
				count: request.chunk.count,
				emails: request.clients.map((c) => c.email_address),
				processed: 0,
				answer: null,
			};
			this.#jobs.set(key, job);
		}
		// Without the preference, the synchronous contract: the work done before the answer.
		if (headers.get('Prefer') !== 'respond-async' && job.answer === null) {
			job.processed = job.emails.length - 1;
			this.#work(job);
		}
		if (job.answer !== null)
			return new Response(job.answer, {
				status: 200,
				headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
			});
		return json(
			{
				batch_id: job.batchId,
				chunk: { index: job.index, count: job.count },
				clients: job.emails.length,
				status: 'processing',
			},
			202,
			{
				'Preference-Applied': 'respond-async',
				Location: `/api/v1/imports/${encodeURIComponent(job.batchId)}`,
				...this.acceptedHeaders,
			},
		);
	}

	#status(batchId: string): Response {
		const jobs = [...this.#jobs.values()].filter((j) => j.batchId === batchId);
		if (jobs.length === 0)
			return json({ error: { code: 'batch.not_found', message: 'No chunk' } }, 404);
		for (const job of jobs) if (job.answer === null) this.#work(job);
		return json({
			batch_id: batchId,
			chunks: jobs
				.sort((a, b) => a.index - b.index)
				.map((j) =>
					j.answer === null
						? {
								index: j.index,
								count: j.count,
								received_at: 'x',
								status: 'processing',
								clients: j.emails.length,
								processed: j.processed,
							}
						: {
								index: j.index,
								count: j.count,
								received_at: 'x',
								status: 'done',
								clients: j.emails.length,
								results: JSON.parse(j.answer).results,
							},
				),
		});
	}

	#work(job: Job): void {
		job.processed = Math.min(job.emails.length, job.processed + this.step);
		if (job.processed < job.emails.length) return;
		const results: RowResult[] = job.emails.map((email) => {
			this.created.set(email, (this.created.get(email) ?? 0) + 1);
			return { email_address: email, status: 'created' };
		});
		job.answer = JSON.stringify({ results });
	}
}

/** A sleep that returns at once and keeps every wait asked for (rejecting when aborted). */
export function recordedSleep(): {
	waits: number[];
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
} {
	const waits: number[] = [];
	return {
		waits,
		sleep: async (ms, signal) => {
			waits.push(ms);
			await new Promise((resolve) => setImmediate(resolve));
			if (signal?.aborted) throw signal.reason;
		},
	};
}
