// The /api/v1 routes: CORS, bearer auth, the fault switch, and the mapping between HTTP and the
// import service. Every error answer is `{error: {code, message}}` from apiError().
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import {
	API_PREFIX,
	ImportResponseSchema,
	MAX_CHUNK_CLIENTS,
	type ApiError,
	type ImportRequest,
} from '../src/core/import-api.ts';
import { prefersRespondAsync, type Accepted, type BatchProgress } from './async-schema.ts';
import type { ImportRepository } from './db.ts';
import type { FaultInjector } from './faults.ts';
import type { ImportOutcome, ImportService } from './imports.ts';
import { BoundedImportRequestSchema } from './request-schema.ts';

export type Env = { Bindings: HttpBindings; Variables: { idempotencyKey: string } };

export interface ApiDeps {
	token: string;
	version: string;
	tags: readonly string[];
	origins: ReadonlySet<string>;
	bodyLimit: number;
	repo: ImportRepository;
	service: ImportService;
	faults: FaultInjector | null;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Prefer';
const EXPOSED_HEADERS = 'Idempotent-Replayed, Retry-After, Location, Preference-Applied';

export function apiError(
	c: Context,
	status: ContentfulStatusCode,
	code: string,
	message: string,
	headers: Record<string, string> = {},
): Response {
	const body: ApiError = { error: { code, message } };
	return c.json(body, status, headers);
}

function digest(v: string): Buffer {
	return createHash('sha256').update(v, 'utf8').digest();
}

/** Only the configured origins get CORS headers; same-origin callers need none. */
function cors(origins: ReadonlySet<string>): MiddlewareHandler<Env> {
	return async (c, next) => {
		const origin = c.req.header('origin');
		const allowed = origin !== undefined && origins.has(origin);
		c.header('Vary', 'Origin', { append: true });
		if (allowed) {
			c.header('Access-Control-Allow-Origin', origin);
			c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
		}
		if (c.req.method === 'OPTIONS') {
			if (!allowed)
				return apiError(
					c,
					403,
					'origin.not_allowed',
					`Origin ${origin ?? '(none)'} may not call this API.`,
				);
			c.header('Access-Control-Allow-Methods', 'GET, POST');
			c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
			c.header('Access-Control-Max-Age', '600');
			return c.body(null, 204);
		}
		await next();
	};
}

function bearerAuth(token: string): MiddlewareHandler<Env> {
	const expected = digest(token);
	return async (c, next) => {
		const header = c.req.header('authorization') ?? '';
		const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
		const challenge = { 'WWW-Authenticate': 'Bearer realm="roster"' };
		if (!m)
			return apiError(
				c,
				401,
				'auth.required',
				'Send the API token as "Authorization: Bearer <token>".',
				challenge,
			);
		// Digests have equal length whatever was sent, so the comparison time says nothing.
		if (!timingSafeEqual(digest(m[1] ?? ''), expected))
			return apiError(
				c,
				401,
				'auth.invalid',
				'The API token is not valid for this server.',
				challenge,
			);
		await next();
	};
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function hasTooManyClients(json: unknown): boolean {
	if (typeof json !== 'object' || json === null || !('clients' in json)) return false;
	return Array.isArray(json.clients) && json.clients.length > MAX_CHUNK_CLIENTS;
}

/** RFC 7240's answer to `respond-async`: accepted, and where its results will be. */
function accepted(c: Context<Env>, request: ImportRequest): Response {
	const body: Accepted = {
		batch_id: request.batch_id,
		chunk: { index: request.chunk.index, count: request.chunk.count },
		clients: request.clients.length,
		status: 'processing',
	};
	return c.json(body, 202, {
		'Preference-Applied': 'respond-async',
		Location: `${API_PREFIX}/imports/${encodeURIComponent(request.batch_id)}`,
	});
}

/** Finished chunks with their results and chunks still processing with their counts, by index. */
/**
 * The batch as GET /imports/{batch_id} lists it. Without `results`, finished chunks are listed
 * by their client count only: a poller late in a 100,000-client batch would otherwise fetch
 * (and the server parse) every stored answer, about 5 MB, every few seconds.
 */
function batchProgress(deps: ApiDeps, batchId: string, results = true): BatchProgress {
	const done: BatchProgress['chunks'] = deps.repo.chunks(batchId).map((ch) => {
		const head = {
			index: ch.index,
			count: ch.count,
			received_at: ch.receivedAt,
			status: 'done' as const,
		};
		if (!results) return { ...head, clients: ch.clients };
		const answered = ImportResponseSchema.parse(JSON.parse(ch.responseJson)).results;
		return { ...head, clients: answered.length, results: answered };
	});
	const processing: BatchProgress['chunks'] = deps.repo.runningChunks(batchId).map((ch) => ({
		index: ch.index,
		count: ch.count,
		received_at: ch.receivedAt,
		status: 'processing',
		clients: ch.clients,
		processed: deps.service.progress(ch.key) ?? 0,
	}));
	const chunks = [...done, ...processing].sort(
		(a, b) => a.index - b.index || (a.received_at < b.received_at ? -1 : 1),
	);
	const sum = (list: BatchProgress['chunks'], n: (ch: BatchProgress['chunks'][number]) => number) =>
		list.reduce((total, ch) => total + n(ch), 0);
	const clientsDone = sum(done, (ch) => ch.clients);
	return {
		batch_id: batchId,
		summary: {
			chunks_done: done.length,
			chunks_processing: processing.length,
			clients_received: sum(chunks, (ch) => ch.clients),
			clients_done: clientsDone,
			clients_processed:
				clientsDone + sum(processing, (ch) => (ch.status === 'processing' ? ch.processed : 0)),
		},
		chunks,
	};
}

export function apiRoutes(deps: ApiDeps): Hono<Env> {
	const api = new Hono<Env>();
	api.use('*', cors(deps.origins));
	api.get('/health', (c) => c.json({ ok: true, version: deps.version, async_imports: true }));
	api.use('*', bearerAuth(deps.token));
	api.get('/tags', (c) => c.json({ tags: [...deps.tags] }));

	const limit = bodyLimit({
		maxSize: deps.bodyLimit,
		onError: (c) =>
			apiError(
				c,
				413,
				'body.too_large',
				`The request body is over ${deps.bodyLimit} bytes; send smaller chunks.`,
			),
	});

	/** Before any work: the fault switch's 500/429/503 (and its drop, applied after the commit). */
	const faultsAndKey: MiddlewareHandler<Env> = async (c, next) => {
		const fault = deps.faults?.decide() ?? { kind: 'none' };
		// Each request's arrival (ms) and fate, so a test times retries on the server's own clock.
		if (deps.faults)
			console.error(
				`roster: fault: at ${Date.now()} ${'status' in fault ? fault.status : fault.kind} for Idempotency-Key ${c.req.header('idempotency-key') ?? '-'}`,
			);
		if (fault.kind === 'error')
			return apiError(c, 500, 'server.error', 'The server failed (injected fault); try again.');
		if (fault.kind === 'retry')
			return apiError(
				c,
				fault.status,
				fault.status === 429 ? 'rate.limited' : 'server.unavailable',
				fault.status === 429
					? `Too many requests; retry after ${fault.retryAfterS} s.`
					: `The server is unavailable; retry after ${fault.retryAfterS} s.`,
				{ 'Retry-After': String(fault.retryAfterS) },
			);
		const key = c.req.header('idempotency-key');
		if (key === undefined || key === '')
			return apiError(
				c,
				400,
				'idempotency_key.missing',
				'Send an Idempotency-Key header with every import request.',
			);
		if (!IDEMPOTENCY_KEY.test(key))
			return apiError(
				c,
				400,
				'idempotency_key.invalid',
				'Idempotency-Key must be 1–200 characters of A–Z, a–z, 0–9, ".", "_", ":" or "-".',
			);
		c.set('idempotencyKey', key);
		await next();
		// The work is committed; losing the answer is what the client's retry must survive.
		if (fault.kind === 'drop' && c.res.status === 200) {
			// Said on stderr (no client data in it), so a test can tell the fault happened even
			// when the browser re-sends the request by itself after the reset.
			console.error(`roster: fault: dropped the answer to Idempotency-Key ${key}`);
			c.env?.incoming?.socket?.destroy();
		}
	};

	api.post('/imports', faultsAndKey, limit, async (c) => {
		let json: unknown;
		try {
			json = JSON.parse(await c.req.text());
		} catch {
			return apiError(c, 400, 'body.invalid', 'The request body is not valid JSON.');
		}
		if (hasTooManyClients(json))
			return apiError(
				c,
				413,
				'chunk.too_large',
				`A request may carry at most ${MAX_CHUNK_CLIENTS} clients; send smaller chunks.`,
			);
		const parsed = BoundedImportRequestSchema.safeParse(json);
		if (!parsed.success)
			return apiError(
				c,
				400,
				'body.invalid',
				`The request body does not match ImportRequest: ${z.prettifyError(parsed.error)}`,
			);
		const key = c.get('idempotencyKey');
		const prefersAsync = prefersRespondAsync(c.req.header('prefer'));
		if (prefersAsync && !deps.service.quick(parsed.data)) {
			const outcome = deps.service.accept(key, parsed.data);
			// Not finished, whether just accepted or already under way: where to look, again.
			if (outcome.kind === 'accepted' || outcome.kind === 'in_progress')
				return accepted(c, parsed.data);
			return answer(c, outcome);
		}
		const delay = deps.faults?.delayMs ?? 0;
		const outcome = await deps.service.run(key, parsed.data, () => sleep(delay));
		// Asked for an asynchronous answer, and the key is being worked on (accepted earlier):
		// where to look, as a 202 would have said, rather than "retry shortly".
		if (prefersAsync && outcome.kind === 'in_progress') return accepted(c, parsed.data);
		return answer(c, outcome);
	});

	/** The synchronous contract's answers to an outcome (a finished async chunk's replay too). */
	function answer(c: Context<Env>, outcome: ImportOutcome): Response {
		if (outcome.kind === 'reused')
			return apiError(
				c,
				422,
				'idempotency_key.reused',
				'This Idempotency-Key was used for a different request; use a new key for new content.',
			);
		if (outcome.kind === 'in_progress')
			return apiError(
				c,
				409,
				'idempotency_key.in_progress',
				'A request with this Idempotency-Key is still being processed; retry shortly.',
				{ 'Retry-After': '1' },
			);
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (outcome.replayed) headers['Idempotent-Replayed'] = 'true';
		return c.body(outcome.responseJson, 200, headers);
	}

	api.get('/imports/:batch_id', (c) => {
		const batchId = c.req.param('batch_id');
		const status = batchProgress(deps, batchId, c.req.query('results') !== 'none');
		if (status.chunks.length === 0)
			return apiError(
				c,
				404,
				'batch.not_found',
				`No chunk of batch '${batchId}' has been received.`,
			);
		return c.json(status);
	});

	api.all('*', (c) =>
		apiError(c, 404, 'route.not_found', `${c.req.method} ${c.req.path} is not part of this API.`),
	);
	return api;
}
