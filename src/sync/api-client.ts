// The import API as the app sees it: every answer parsed (zod), every failure sorted into what
// the sync engine does next: retry later, stop until the token is fixed, or give up on a chunk.
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

export class ImportApiClient {
	#config: SyncConfig;
	#fetch: FetchLike;
	#now: () => number;
	#origin: string;

	constructor(
		config: SyncConfig,
		options: { fetch?: FetchLike; now?: () => number; origin?: string } = {},
	) {
		this.#config = config;
		this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
		this.#now = options.now ?? (() => Date.now());
		this.#origin = options.origin ?? globalThis.location?.href ?? 'http://localhost/';
	}

	#url(path: string): string {
		return new URL(`${this.#config.baseUrl.replace(/\/+$/, '')}${path}`, this.#origin).href;
	}

	#auth(): Record<string, string> {
		return { Authorization: `Bearer ${this.#config.token}` };
	}

	/** "Test connection": the server answers, and takes the token. Resolves to what to tell the pro. */
	async test(): Promise<{ ok: boolean; message: string }> {
		try {
			const health = await this.#fetch(this.#url('/health'));
			if (!health.ok) return { ok: false, message: `The server answered ${health.status}.` };
			const { version } = HealthSchema.parse(await health.json());
			const tags = await this.#fetch(this.#url('/tags'), { headers: this.#auth() });
			if (tags.status === 401) return { ok: false, message: 'The server refused the token.' };
			if (!tags.ok) return { ok: false, message: `The server answered ${tags.status}.` };
			const { tags: list } = TagsSchema.parse(await tags.json());
			return {
				ok: true,
				message: `Connected to the import API ${version}; the organisation has ${plural(list.length, 'tag')}.`,
			};
		} catch (error) {
			return { ok: false, message: `No answer from ${this.#url('')}: ${describe(error)}` };
		}
	}

	async tags(): Promise<string[]> {
		const r = await this.#fetch(this.#url('/tags'), { headers: this.#auth() });
		if (!r.ok) throw new Error(`Tags: the server answered ${r.status}.`);
		return TagsSchema.parse(await r.json()).tags;
	}

	async sendChunk(chunk: OutboxRecord): Promise<SendOutcome> {
		const body: ImportRequest = {
			batch_id: chunk.batchId,
			chunk: { index: chunk.index, count: chunk.count },
			clients: chunk.clients,
		};
		let response: Response;
		try {
			response = await this.#fetch(this.#url('/imports'), {
				method: 'POST',
				headers: {
					...this.#auth(),
					'Content-Type': 'application/json',
					'Idempotency-Key': chunk.key,
				},
				body: JSON.stringify(body),
			});
		} catch (error) {
			// fetch rejects only when no answer came back: offline, refused, or dropped mid-way.
			return { kind: 'retry', reason: describe(error), retryAfterMs: null, offline: true };
		}
		const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), this.#now());
		if (response.ok) {
			try {
				return { kind: 'ok', response: ImportResponseSchema.parse(await response.json()) };
			} catch (error) {
				// A cut-off body: the chunk may be in; the retry with the same key says how it went.
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
