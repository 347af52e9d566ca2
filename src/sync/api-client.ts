// The import API as the app sees it: every answer parsed (zod), every failure sorted into what
// the sync engine does next: retry later, stop until the token is fixed, or give up on a chunk.
// Every request has a time limit (its answer's body included), so a server that never answers
// ends as a retry with words for the pro, never as "Sending" for ever.
import { plural } from '../core/counted.ts';
import {
	ApiErrorSchema,
	HealthSchema,
	ImportResponseSchema,
	TagsSchema,
	type ImportRequest,
	type ImportResponse,
} from '../core/import-api.ts';
import type { OutboxRecord } from '../storage/db.ts';
import { isRetryableStatus, parseRetryAfter } from './retry.ts';

export interface SyncConfig {
	/** `/api/v1` on the serving origin, or a full URL. */
	baseUrl: string;
	token: string;
}

export type SendOutcome =
	| { kind: 'ok'; response: ImportResponse }
	/** Try again later (offline, throttled, server fault); `offline`: the request never arrived. */
	| { kind: 'retry'; reason: string; retryAfterMs: number | null; offline: boolean }
	/** The token was refused: nothing can be sent until the settings change. */
	| { kind: 'unauthorized'; reason: string }
	/** The server will never take this chunk as it is. */
	| { kind: 'refused'; status: number; reason: string };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Time limits of a request and its answer (ms). */
export interface ApiTimeouts {
	/** A chunk of clients: the server hashes each password, so it gets minutes. */
	importMs: number;
	/** Health and tags: small answers. */
	quickMs: number;
}

/**
 * A chunk of 500 at the reference server's scrypt cost (N=2^17, two at a time) takes about three
 * minutes on a small machine: five leaves room. A chunk cut off is sent again with its key.
 */
export const DEFAULT_TIMEOUTS: ApiTimeouts = { importMs: 300_000, quickMs: 15_000 };

/** A request's signal: aborted after `ms`, or when `outer` is. `settle` ends the timer. */
export function timeLimit(
	ms: number,
	outer?: AbortSignal | null,
): { signal: AbortSignal; settle: () => void } {
	if (typeof AbortSignal.timeout === 'function') {
		const timeout = AbortSignal.timeout(ms);
		if (!outer) return { signal: timeout, settle: () => undefined };
		if (typeof AbortSignal.any === 'function')
			return { signal: AbortSignal.any([outer, timeout]), settle: () => undefined };
	}
	// Older engines: one controller, aborted by a timer or by the outer signal.
	const controller = new AbortController();
	const timer = setTimeout(
		() => controller.abort(new DOMException(`No answer within ${ms} ms.`, 'TimeoutError')),
		ms,
	);
	const follow = () => controller.abort(outer?.reason);
	if (outer?.aborted) follow();
	else outer?.addEventListener('abort', follow, { once: true });
	return {
		signal: controller.signal,
		settle: () => {
			clearTimeout(timer);
			outer?.removeEventListener('abort', follow);
		},
	};
}

function isTimeout(error: unknown): boolean {
	return error instanceof Error && error.name === 'TimeoutError';
}

function seconds(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	const s = Math.round(ms / 1000);
	return s === 1 ? '1 second' : `${s} seconds`;
}

export class ImportApiClient {
	#config: SyncConfig;
	#fetch: FetchLike;
	#now: () => number;
	#origin: string;
	#timeouts: ApiTimeouts;

	constructor(
		config: SyncConfig,
		options: {
			fetch?: FetchLike;
			now?: () => number;
			origin?: string;
			timeouts?: Partial<ApiTimeouts>;
		} = {},
	) {
		this.#config = config;
		this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
		this.#now = options.now ?? (() => Date.now());
		this.#origin = options.origin ?? globalThis.location?.href ?? 'http://localhost/';
		this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
	}

	/**
	 * Fetches `path` and reads its answer with `read`, both within `ms`: a body that stalls
	 * half-way fails like a request with no answer.
	 */
	async #request<T>(
		path: string,
		init: RequestInit,
		ms: number,
		read: (response: Response) => Promise<T>,
	): Promise<T> {
		const limit = timeLimit(ms, init.signal);
		try {
			return await read(await this.#fetch(this.#url(path), { ...init, signal: limit.signal }));
		} catch (error) {
			if (
				isTimeout(error) ||
				(limit.signal.reason instanceof Error && isTimeout(limit.signal.reason))
			)
				throw new RequestTimeout(path, ms);
			throw error;
		} finally {
			limit.settle();
		}
	}

	#url(path: string): string {
		return new URL(`${this.#config.baseUrl.replace(/\/+$/, '')}${path}`, this.#origin).href;
	}

	#auth(): Record<string, string> {
		return { Authorization: `Bearer ${this.#config.token}` };
	}

	/** "Test connection": the server answers, and takes the token. Resolves to what to tell the pro. */
	async test(): Promise<{ ok: boolean; message: string }> {
		const quick = this.#timeouts.quickMs;
		try {
			// An answer is read within the same time limit as its request: null when not OK.
			const status = { health: 0, tags: 0 };
			const version = await this.#request('/health', {}, quick, async (r) => {
				status.health = r.status;
				return r.ok ? HealthSchema.parse(await r.json()).version : null;
			});
			if (version === null) return { ok: false, message: `The server answered ${status.health}.` };
			const list = await this.#request('/tags', { headers: this.#auth() }, quick, async (r) => {
				status.tags = r.status;
				return r.ok ? TagsSchema.parse(await r.json()).tags : null;
			});
			if (list === null)
				return {
					ok: false,
					message:
						status.tags === 401
							? 'The server refused the token.'
							: `The server answered ${status.tags}.`,
				};
			return {
				ok: true,
				message: `Connected to the import API ${version}; the organisation has ${plural(list.length, 'tag')}.`,
			};
		} catch (error) {
			if (error instanceof RequestTimeout)
				return {
					ok: false,
					message: `${error.message} Check the address, and that the server is running.`,
				};
			return { ok: false, message: `No answer from ${this.#url('')}: ${describe(error)}` };
		}
	}

	async tags(): Promise<string[]> {
		return this.#request('/tags', { headers: this.#auth() }, this.#timeouts.quickMs, async (r) => {
			if (!r.ok) throw new Error(`Tags: the server answered ${r.status}.`);
			return TagsSchema.parse(await r.json()).tags;
		});
	}

	async sendChunk(chunk: OutboxRecord): Promise<SendOutcome> {
		const body: ImportRequest = {
			batch_id: chunk.batchId,
			chunk: { index: chunk.index, count: chunk.count },
			clients: chunk.clients,
		};
		const init: RequestInit = {
			method: 'POST',
			headers: {
				...this.#auth(),
				'Content-Type': 'application/json',
				'Idempotency-Key': chunk.key,
			},
			body: JSON.stringify(body),
		};
		const ms = this.#timeouts.importMs;
		let answered = false;
		try {
			return await this.#request('/imports', init, ms, async (response) => {
				answered = true;
				return this.#outcome(response);
			});
		} catch (error) {
			if (error instanceof RequestTimeout)
				return {
					kind: 'retry',
					reason: `The import API gave no answer within ${seconds(ms)}: these clients will be sent again with the same key, so none is imported twice.`,
					retryAfterMs: null,
					offline: false,
				};
			// A cut-off body: the chunk may be in; the retry with the same key says how it went.
			if (answered)
				return { kind: 'retry', reason: describe(error), retryAfterMs: null, offline: false };
			// fetch rejects only when no answer came back: offline, refused, or dropped mid-way.
			return { kind: 'retry', reason: describe(error), retryAfterMs: null, offline: true };
		}
	}

	async #outcome(response: Response): Promise<SendOutcome> {
		const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), this.#now());
		if (response.ok) {
			try {
				return { kind: 'ok', response: ImportResponseSchema.parse(await response.json()) };
			} catch (error) {
				// Cut off or not what the contract says: the retry with the same key tells how it went.
				if (isTimeout(error)) throw error;
				return { kind: 'retry', reason: describe(error), retryAfterMs, offline: false };
			}
		}
		const reason = await errorMessage(response);
		if (response.status === 401) return { kind: 'unauthorized', reason };
		if (isRetryableStatus(response.status))
			return { kind: 'retry', reason, retryAfterMs, offline: false };
		return { kind: 'refused', status: response.status, reason };
	}
}

/** A request that got no (whole) answer in time. */
export class RequestTimeout extends Error {
	constructor(path: string, ms: number) {
		super(`The import API gave no answer to ${path} within ${seconds(ms)}.`);
		this.name = 'RequestTimeout';
	}
}

async function errorMessage(response: Response): Promise<string> {
	try {
		const parsed = ApiErrorSchema.safeParse(await response.json());
		if (parsed.success) return `${parsed.data.error.message} (${response.status})`;
	} catch {
		// Not JSON: the status says enough.
	}
	return `The server answered ${response.status}.`;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
