// The import API as the app sees it: every answer parsed (zod), every failure sorted into what
// the sync engine does next: retry later, stop until the token is fixed, or give up on a chunk.
// Every request has a time limit (its answer's body included), so a server that never answers
// ends as a retry with words for the pro, never as "Sending" for ever.
import {
	HealthSchema,
	ImportResponseSchema,
	type Health,
	TagsSchema,
	type ImportRequest,
	type ImportResponse,
} from '../core/import-api.ts';
import type { OutboxRecord } from '../storage/db.ts';
import {
	explainFailure,
	MESSAGES,
	policyAllows,
	seconds,
	statusMessage,
	type ConnectionFailure,
	type PlainMessage,
} from './connection-messages.ts';
import { isRetryableStatus, parseRetryAfter } from './retry.ts';
import {
	abortableSleep,
	batchView,
	DEFAULT_POLL,
	followAccepted,
	statusUrl,
	type Accepted,
	type AsyncWatch,
	type PollAnswer,
	type PollPolicy,
} from './async-import.ts';
import { m } from '../i18n/messages.ts';
import { apiMessage, describe, isTimeout, RequestTimeout, timeLimit } from './http.ts';

export { RequestTimeout, timeLimit } from './http.ts';

export interface SyncConfig {
	/** `/api/v1` on the serving origin, or a full URL. */
	baseUrl: string;
	token: string;
}

export type SendOutcome =
	| { kind: 'ok'; response: ImportResponse }
	/**
	 * Try again later (offline, throttled, server fault); `offline`: the request never arrived;
	 * `timedOut`: no answer within the request limit (the server may still be hashing it).
	 */
	| {
			kind: 'retry';
			reason: string;
			retryAfterMs: number | null;
			offline: boolean;
			timedOut?: true;
	  }
	/** The token was refused: nothing can be sent until the settings change. */
	| { kind: 'unauthorized'; reason: string }
	/** The server will never take this chunk as it is. */
	| { kind: 'refused'; status: number; reason: string };

/** What "Test connection" tells the pro: plain words, and the technical detail apart. */
export type ConnectionCheck = { ok: boolean } & PlainMessage;

/** What a passed connection check read of the platform on its way. */
export interface PlatformSaid {
	health: Health;
	tags: string[];
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Time limits of a request and its answer (ms). */
export interface ApiTimeouts {
	/**
	 * A chunk of clients: a server without the asynchronous contract hashes each password before
	 * answering, so it gets minutes. An asynchronous one answers at once, then each poll is quick.
	 */
	importMs: number;
	/** Health and tags: small answers. */
	quickMs: number;
}

/**
 * A chunk of 500 at the reference server's scrypt cost (N=2^17, two at a time) takes about three
 * minutes on a small machine: five leaves room. A chunk cut off is sent again with its key.
 */
export const DEFAULT_TIMEOUTS: ApiTimeouts = { importMs: 300_000, quickMs: 15_000 };

/**
 * A 2xx answer's body read by `read`; cut off or not what the contract says, it is a retry (the
 * resend with the same key tells how it went). A timeout while reading stays a timeout.
 */
async function readBody<T>(
	response: Response,
	retryAfterMs: number | null,
	read: (json: unknown) => T,
): Promise<T | Extract<SendOutcome, { kind: 'retry' }>> {
	try {
		return read(await response.json());
	} catch (error) {
		if (isTimeout(error)) throw error;
		return {
			kind: 'retry',
			reason: m.draft_sync_unreadable({ error: describe(error) }),
			retryAfterMs,
			offline: false,
		};
	}
}

export class ImportApiClient {
	#config: SyncConfig;
	#fetch: FetchLike;
	#now: () => number;
	#origin: string;
	#timeouts: ApiTimeouts;
	#policy: string | null;
	#pollPolicy: PollPolicy;
	#random: () => number;
	#sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

	constructor(
		config: SyncConfig,
		options: {
			fetch?: FetchLike;
			now?: () => number;
			origin?: string;
			timeouts?: Partial<ApiTimeouts>;
			/** The page's Content-Security-Policy: an address it refuses is said so, not fetched. */
			policy?: string | null;
			/** Waits between polls of a chunk answered 202, and their jitter's random source. */
			poll?: Partial<PollPolicy>;
			random?: () => number;
			sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
		} = {},
	) {
		this.#config = config;
		this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
		this.#now = options.now ?? (() => Date.now());
		this.#origin = options.origin ?? globalThis.location?.href ?? 'http://localhost/';
		this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
		this.#policy = options.policy ?? null;
		this.#pollPolicy = { ...DEFAULT_POLL, ...options.poll };
		this.#random = options.random ?? Math.random;
		this.#sleep = options.sleep ?? abortableSleep;
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
			const url = /^https?:/i.test(path) ? path : this.#url(path);
			return await read(await this.#fetch(url, { ...init, signal: limit.signal }));
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

	/**
	 * "Test connection": the server answers as the import API does, and takes the token. Resolves
	 * to what to tell the pro in plain words, with the technical detail apart, and to what the
	 * platform said when the check passed (kept by the caller, not asked for again).
	 */
	async check(): Promise<{ result: ConnectionCheck; platform?: PlatformSaid }> {
		const health = await this.#check('/health', {}, (json) => HealthSchema.parse(json));
		if (!health.ok) return { result: this.#failed(health.failure) };
		const tags = await this.#check('/tags', { headers: this.#auth() }, (json) => {
			return TagsSchema.parse(json).tags;
		});
		if (!tags.ok) return { result: this.#failed(tags.failure) };
		return {
			result: {
				ok: true,
				message: m.draft_sync_connected({
					version: health.value.version,
					count: tags.value.length,
				}),
				detail: '',
			},
			platform: { health: health.value, tags: tags.value },
		};
	}

	#failed(failure: ConnectionFailure): ConnectionCheck {
		return { ok: false, ...explainFailure(failure, this.#origin) };
	}

	/** One quick GET, its answer read with `parse`: the value, or what went wrong. */
	async #check<T>(
		path: string,
		init: RequestInit,
		parse: (json: unknown) => T,
	): Promise<{ ok: true; value: T } | { ok: false; failure: ConnectionFailure }> {
		const url = this.#url(path);
		if (!policyAllows(this.#policy, url, this.#origin))
			return {
				ok: false,
				failure: {
					kind: 'network',
					url,
					error: 'refused by the security policy',
					blockedBy: 'policy',
				},
			};
		const ms = this.#timeouts.quickMs;
		try {
			return await this.#request(path, init, ms, async (r) => {
				if (!r.ok) {
					const serverMessage = await apiMessage(r);
					return { ok: false, failure: { kind: 'status', url, status: r.status, serverMessage } };
				}
				try {
					return { ok: true, value: parse(await r.json()) };
				} catch (error) {
					if (isTimeout(error)) throw error;
					// A web page (an app's fallback page answers every path) or other JSON.
					return { ok: false, failure: { kind: 'not-api', url, error: describe(error) } };
				}
			});
		} catch (error) {
			if (error instanceof RequestTimeout)
				return { ok: false, failure: { kind: 'timeout', url, ms } };
			return { ok: false, failure: { kind: 'network', url, error: describe(error) } };
		}
	}

	/** What the platform says of itself (no token needed). */
	async health(): Promise<Health> {
		return this.#request('/health', {}, this.#timeouts.quickMs, async (r) => {
			if (!r.ok) throw new Error(statusMessage(r.status));
			return HealthSchema.parse(await r.json());
		});
	}

	async tags(): Promise<string[]> {
		return this.#request('/tags', { headers: this.#auth() }, this.#timeouts.quickMs, async (r) => {
			if (!r.ok)
				throw new Error(
					m.draft_sync_tags_failed({ message: statusMessage(r.status), status: String(r.status) }),
				);
			return TagsSchema.parse(await r.json()).tags;
		});
	}

	/**
	 * Sends a chunk, asking for an asynchronous answer. A server that takes the preference answers
	 * 202 and is polled (`watch` hears the progress) until the chunk's final answer; one that does
	 * not answers as it always has. Either way the outcome is the synchronous contract's.
	 */
	async sendChunk(chunk: OutboxRecord, watch: AsyncWatch = {}): Promise<SendOutcome> {
		const first = await this.#post(chunk, watch.preferAsync ?? true);
		if (first.kind !== 'accepted') return first;
		return followAccepted(
			chunk,
			first,
			{
				post: () => this.#post(chunk, true),
				poll: (url, signal) => this.#poll(url, signal),
				sleep: this.#sleep,
				random: this.#random,
				policy: this.#pollPolicy,
			},
			watch,
		);
	}

	async #post(chunk: OutboxRecord, preferAsync: boolean): Promise<SendOutcome | Accepted> {
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
				...(preferAsync ? { Prefer: 'respond-async' } : {}),
			},
			body: JSON.stringify(body),
		};
		// A server without the asynchronous contract hashes the chunk before answering: minutes.
		const ms = this.#timeouts.importMs;
		let answered = false;
		try {
			return await this.#request('/imports', init, ms, async (response) => {
				answered = true;
				if (response.status === 202) {
					// Its body only repeats the chunk's numbers; the status URL is what counts.
					void response.body?.cancel().catch(() => undefined);
					const fallback = this.#url(`/imports/${encodeURIComponent(chunk.batchId)}`);
					return {
						kind: 'accepted',
						statusUrl: statusUrl(response.headers.get('Location'), this.#url('/imports'), fallback),
						retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), this.#now()),
					};
				}
				return this.#outcome(response);
			});
		} catch (error) {
			if (error instanceof RequestTimeout) return timedOut(ms);
			// A cut-off body: the chunk may be in; the retry with the same key says how it went.
			if (answered)
				return {
					kind: 'retry',
					reason: m.draft_sync_cut_off({ error: describe(error) }),
					retryAfterMs: null,
					offline: false,
				};
			// fetch rejects only when no answer came back: offline, refused, or dropped mid-way.
			return noAnswer(error);
		}
	}

	/** One GET of an accepted chunk's batch status, under the quick limit. */
	async #poll(url: string, signal?: AbortSignal): Promise<PollAnswer> {
		const ms = this.#timeouts.quickMs;
		const init: RequestInit = { headers: this.#auth(), ...(signal ? { signal } : {}) };
		try {
			return await this.#request(url, init, ms, async (response): Promise<PollAnswer> => {
				const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), this.#now());
				if (response.status === 404) return { kind: 'gone' };
				if (response.ok)
					return readBody(response, retryAfterMs, (json) => ({
						kind: 'view',
						batch: batchView(json),
						retryAfterMs,
					}));
				const outcome = await this.#outcome(response);
				if (outcome.kind === 'unauthorized' || outcome.kind === 'retry') return outcome;
				// The chunk is on the server whatever a poll is told: it is never given up for that,
				// and its resend with the key settles it.
				const reason = outcome.kind === 'refused' ? outcome.reason : statusMessage(response.status);
				return { kind: 'retry', reason, retryAfterMs, offline: false };
			});
		} catch (error) {
			if (error instanceof RequestTimeout) return timedOut(ms);
			return noAnswer(error);
		}
	}

	async #outcome(response: Response): Promise<SendOutcome> {
		const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), this.#now());
		if (response.ok)
			return readBody(response, retryAfterMs, (json) => ({
				kind: 'ok',
				response: ImportResponseSchema.parse(json),
			}));
		const status = response.status;
		const said = await apiMessage(response);
		// The server's own words stay as it wrote them.
		const detail = `HTTP ${status}${said ? ` — ${said}` : ''}`;
		const withDetail = (message: string) => m.draft_sync_details({ message, detail });
		if (status === 401 || status === 403)
			return {
				kind: 'unauthorized',
				reason: withDetail(m.draft_sync_token_refused({ refused: MESSAGES.tokenRefused })),
			};
		if (isRetryableStatus(status))
			return {
				kind: 'retry',
				reason: withDetail(statusMessage(status, true)),
				retryAfterMs,
				offline: false,
			};
		// A refusal of these clients: the server's own words say which rule (a wrong address: ours).
		const reason =
			status === 404 || status === 405 || !said
				? withDetail(statusMessage(status))
				: `${said} (HTTP ${status})`;
		return { kind: 'refused', status, reason };
	}
}

type Retry = Extract<SendOutcome, { kind: 'retry' }>;

function timedOut(ms: number): Retry {
	return {
		kind: 'retry',
		reason: m.draft_sync_timeout({ time: seconds(ms) }),
		retryAfterMs: null,
		offline: false,
		timedOut: true,
	};
}

function noAnswer(error: unknown): Retry {
	return {
		kind: 'retry',
		reason: m.draft_sync_details({ message: MESSAGES.noAnswer, detail: describe(error) }),
		retryAfterMs: null,
		offline: true,
	};
}
