// An in-memory import API behind a fetch function, for the sync engine's tests: idempotent by
// key like the reference server, and able to fail as networks and servers do.
import {
	checkImportClient,
	ImportRequestSchema,
	type RowResult,
} from '../../../src/core/import-api.ts';
import type { FetchLike } from '../../../src/sync/api-client.ts';

export type Fault =
	| { kind: 'status'; status: number; retryAfter?: string }
	/** No answer at all (offline, refused). */
	| { kind: 'offline' }
	/** The import is done and committed, then the connection drops before the answer. */
	| { kind: 'drop' };

export class FakeImportApi {
	/** Accounts by email. */
	readonly accounts = new Map<string, { batch: string }>();
	readonly requests: { key: string | null; clients: number }[] = [];
	faults: Fault[] = [];
	token = 'secret';
	/** The organisation's tags (null: not checked). */
	tags: Set<string> | null = null;
	#done = new Map<string, { hash: string; body: string }>();
	/** Holds every POST until released (to see rows locked meanwhile). */
	gate: Promise<void> | null = null;

	fetch: FetchLike = async (input, init) => {
		const url = new URL(input);
		if (url.pathname.endsWith('/health')) return json(200, { ok: true, version: 'test' });
		const auth = new Headers(init?.headers).get('Authorization');
		if (auth !== `Bearer ${this.token}`)
			return json(401, { error: { code: 'auth', message: 'Bad token' } });
		if (url.pathname.endsWith('/tags')) return json(200, { tags: [] });
		const key = new Headers(init?.headers).get('Idempotency-Key');
		const raw = String(init?.body ?? '');
		this.requests.push({ key, clients: ImportRequestSchema.parse(JSON.parse(raw)).clients.length });
		if (this.gate) await this.gate;
		const fault = this.faults.shift();
		if (fault?.kind === 'offline') throw new TypeError('Failed to fetch');
		if (fault?.kind === 'status')
			return json(
				fault.status,
				{ error: { code: 'fault', message: 'Injected' } },
				fault.retryAfter,
			);
		const body = this.#import(key ?? '', raw);
		if (fault?.kind === 'drop') throw new TypeError('network error: connection closed');
		return body;
	};

	#import(key: string, raw: string): Response {
		const stored = this.#done.get(key);
		if (stored) {
			if (stored.hash !== raw)
				return json(422, { error: { code: 'reused', message: 'Other body' } });
			return new Response(stored.body, { status: 200 });
		}
		const request = ImportRequestSchema.parse(JSON.parse(raw));
		const results: RowResult[] = request.clients.map((c) => {
			const issues = checkImportClient(c, '20261203', this.tags);
			if (issues.length > 0) return { email_address: c.email_address, status: 'rejected', issues };
			if (this.accounts.has(c.email_address))
				return { email_address: c.email_address, status: 'exists' };
			this.accounts.set(c.email_address, { batch: request.batch_id });
			return { email_address: c.email_address, status: 'created' };
		});
		const body = JSON.stringify({ results });
		this.#done.set(key, { hash: raw, body });
		return new Response(body, { status: 200 });
	}
}

function json(status: number, body: unknown, retryAfter?: string): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'Content-Type': 'application/json',
			...(retryAfter ? { 'Retry-After': retryAfter } : {}),
		},
	});
}
