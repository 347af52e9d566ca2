// What the pro reads when the import API cannot be reached or refuses: each failure of "Test
// connection" and of sending a chunk maps to plain words saying what to do, with the technical
// detail (status, address) kept apart; and the sync settings and password length that cannot
// work are refused with the reason.
import { describe, expect, it } from 'vitest';
import { ImportApiClient, type FetchLike } from '../../../src/sync/api-client.ts';
import { policyAllows } from '../../../src/sync/connection-messages.ts';
import { addressProblem, tokenProblem } from '../../../src/sync/settings-checks.ts';
import { APP_CSP } from '../../../server/csp.ts';
import { SyncState } from '../../../src/state/sync.svelte.ts';
import { passwordOptionsProblem } from '../../../src/state/settings.svelte.ts';
import { DEFAULT_PASSWORD_OPTIONS } from '../../../src/core/password.ts';
import type { SyncStatusEvent } from '../../../src/worker/client.ts';
import { ONE_CHUNK } from './outbox-fixture.ts';

const SELF = 'https://roster.example/';
const json = (body: unknown, status = 200) =>
	new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A server that answers `/health` and `/tags` as given. */
function serverOf(health: () => Response, tags: () => Response = () => json({ tags: ['a'] })) {
	const fetch: FetchLike = async (input) => {
		if (input.endsWith('/health')) return health();
		if (input.endsWith('/tags')) return tags();
		return new Response('', { status: 404 });
	};
	return fetch;
}

function check(fetch: FetchLike, baseUrl = '/api/v1', policy: string | null = null) {
	return new ImportApiClient(
		{ baseUrl, token: 't' },
		{ fetch, origin: SELF, policy, timeouts: { quickMs: 50 } },
	)
		.check()
		.then((c) => c.result);
}

const healthy = () => json({ ok: true, version: '1.2.0' });

describe('Test connection in plain words', () => {
	it('says it is connected, with the API version and the tags', async () => {
		expect(await check(serverOf(healthy))).toEqual({
			ok: true,
			message: 'Connected to the import API 1.2.0; the organisation has 1 tag.',
			detail: '',
		});
	});

	it('says no server answers when the request gets no answer at all', async () => {
		const result = await check(async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(result.ok).toBe(false);
		expect(result.message).toBe(
			'No server answers at this address. Check the address, and that this device is online.',
		);
		expect(result.message).not.toMatch(/Failed to fetch/);
		expect(result.detail).toBe(
			'No answer from https://roster.example/api/v1/health (Failed to fetch)',
		);
	});

	it('says which address to use when the security policy refuses another site', async () => {
		let asked = 0;
		const result = await check(
			async () => {
				asked++;
				throw new TypeError('Failed to fetch');
			},
			'https://platform.example/api/v1',
			APP_CSP,
		);
		expect(asked).toBe(0);
		expect(result.message).toBe(
			'Roster may only connect to the address it was opened from (https://roster.example). Use https://roster.example/api/v1, or ask whoever set up Roster to allow https://platform.example.',
		);
	});

	it.each([401, 403])('says the token was refused on %i, and where to fix it', async (status) => {
		const result = await check(
			serverOf(healthy, () =>
				json({ error: { code: 'unauthorized', message: 'Bad token' } }, status),
			),
		);
		expect(result.message).toBe('The server refused the token — check it in Settings.');
		expect(result.detail).toBe(`HTTP ${status} from https://roster.example/api/v1/tags: Bad token`);
	});

	it('says a 404 address is not an import API', async () => {
		const result = await check(serverOf(() => new Response('Not found', { status: 404 })));
		expect(result.message).toBe(
			'This address answers, but it is not an import API: check the address (it usually ends in /api/v1).',
		);
		expect(result.detail).toBe('HTTP 404 from https://roster.example/api/v1/health');
	});

	it('says a web page answering every path (an app’s fallback) is not an import API', async () => {
		const page = () => new Response('<!doctype html><title>Roster</title>', { status: 200 });
		const result = await check(serverOf(page), '/');
		expect(result.message).toMatch(/^This address answers, but it is not an import API/);
		expect(result.detail).toMatch(/^https:\/\/roster\.example\/health answered something else/);
	});

	it.each([500, 502, 503])('says the server had a problem on %i', async (status) => {
		const result = await check(serverOf(() => new Response('oops', { status })));
		expect(result.message).toBe('The server had a problem; try again later.');
		expect(result.detail).toBe(`HTTP ${status} from https://roster.example/api/v1/health`);
	});

	it('says a throttled server is busy, and a refusal it has no words for with its status', async () => {
		expect((await check(serverOf(() => new Response('', { status: 429 })))).message).toBe(
			'The server is busy; try again in a minute.',
		);
		expect((await check(serverOf(() => new Response('', { status: 400 })))).message).toBe(
			'The server did not take the request (HTTP 400).',
		);
	});

	it('says how long it waited when the server never answers', async () => {
		const silent: FetchLike = (_input, init) =>
			new Promise((_resolve, reject) => {
				init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
			});
		const client = new ImportApiClient(
			{ baseUrl: '/api/v1', token: 't' },
			{ fetch: silent, origin: SELF, timeouts: { quickMs: 2000 } },
		);
		const { result } = await client.check();
		expect(result.message).toBe(
			'The server did not answer within 2 seconds. Check the address, and that the server is running.',
		);
	});
});

const chunk = ONE_CHUNK;

function send(answer: () => Promise<Response>) {
	return new ImportApiClient(
		{ baseUrl: '/api/v1', token: 't' },
		{ fetch: answer, origin: SELF },
	).sendChunk(chunk);
}

describe('Sending a chunk: the reasons the sync line shows', () => {
	it('stops on a refused token with what to do, the server’s words as detail', async () => {
		const outcome = await send(async () =>
			json({ error: { code: 'unauthorized', message: 'Invalid token' } }, 401),
		);
		expect(outcome).toEqual({
			kind: 'unauthorized',
			reason:
				'The server refused the token — check it in Settings, then Sync now. Details: HTTP 401 — Invalid token',
		});
	});

	it('retries a server fault, saying so plainly', async () => {
		const outcome = await send(async () => new Response('', { status: 503 }));
		expect(outcome).toMatchObject({
			kind: 'retry',
			reason:
				'The server had a problem; Roster sends these clients again by itself. Details: HTTP 503',
		});
	});

	it('retries a throttled or busy answer, saying Roster does it by itself', async () => {
		expect(await send(async () => new Response('', { status: 429 }))).toMatchObject({
			kind: 'retry',
			reason: 'The server is busy; Roster sends these clients again in a moment. Details: HTTP 429',
		});
		expect(await send(async () => new Response('', { status: 409 }))).toMatchObject({
			kind: 'retry',
			reason:
				'The server could not take these clients just now; Roster sends them again by itself. Details: HTTP 409',
		});
	});

	it('gives up on a wrong address with the words of Test connection', async () => {
		const outcome = await send(async () => new Response('', { status: 404 }));
		expect(outcome).toMatchObject({
			kind: 'refused',
			reason:
				'This address answers, but it is not an import API: check the address (it usually ends in /api/v1). Details: HTTP 404',
		});
	});

	it('keeps the server’s own words when it refuses these clients', async () => {
		const outcome = await send(async () =>
			json({ error: { code: 'validation', message: 'Tag “vip” does not exist' } }, 422),
		);
		expect(outcome).toMatchObject({
			kind: 'refused',
			reason: 'Tag “vip” does not exist (HTTP 422)',
		});
	});

	it('says no server answers when nothing came back', async () => {
		const outcome = await send(async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(outcome).toMatchObject({
			kind: 'retry',
			offline: true,
			reason:
				'No server answers at this address. Check the address, and that this device is online. Details: Failed to fetch',
		});
	});
});

describe('The security policy', () => {
	it('lets the app reach its own origin only, as the built app’s policy says', () => {
		expect(policyAllows(APP_CSP, 'https://roster.example/api/v1/health', SELF)).toBe(true);
		expect(policyAllows(APP_CSP, 'https://platform.example/api/v1/health', SELF)).toBe(false);
		expect(policyAllows(null, 'https://platform.example/api/v1', SELF)).toBe(true);
		expect(
			policyAllows(
				"connect-src 'self' https://platform.example",
				'https://platform.example/x',
				SELF,
			),
		).toBe(true);
	});
});

describe('Sync settings refused at the field', () => {
	it('takes https://, this server’s /api/v1, and http:// on this machine only', () => {
		expect(addressProblem('https://platform.example/api/v1')).toBeNull();
		expect(addressProblem('/api/v1')).toBeNull();
		expect(addressProblem('http://localhost:8787/api/v1')).toBeNull();
		expect(addressProblem('http://127.0.0.1:8787/api/v1')).toBeNull();
		expect(addressProblem('http://platform.example/api/v1')).toMatch(/^Use https:\/\/: over http:/);
		expect(addressProblem('platform.example/api/v1')).toMatch(/^This is not a web address/);
		expect(addressProblem('ftp://platform.example')).toBe(
			'The address must start with https:// (not ftp://).',
		);
		expect(addressProblem('  ')).toMatch(/^Enter the import API’s address/);
	});

	it('refuses an empty token or one broken by a space', () => {
		expect(tokenProblem('abc123')).toBeNull();
		expect(tokenProblem('')).toBe('Enter the access token the platform gave you with the address.');
		expect(tokenProblem('abc 123')).toMatch(/copy it again, as one piece/);
	});
});

describe('The sync line every screen shows', () => {
	function lineAfter(status: Omit<SyncStatusEvent, 'done' | 'total' | 'nextAt'>): string {
		let tell: (s: SyncStatusEvent) => void = () => undefined;
		const sync = new SyncState(
			{
				onSyncStatus: (listener) => {
					tell = listener;
					return () => undefined;
				},
				syncNow: async () => undefined,
				cancelSync: async () => ({
					cancelled: 0,
					uncertain: { clients: 0, ranges: [] },
					state: null,
				}),
			},
			{ get: async () => undefined, set: async () => undefined, remove: async () => undefined },
		);
		tell({ done: 0, total: 0, nextAt: null, ...status });
		return sync.line(null);
	}

	it('says a refused token stopped sync, and where to fix it', async () => {
		const refused = await send(async () => json({ error: { code: 'x', message: 'no' } }, 401));
		const message = refused.kind === 'unauthorized' ? refused.reason : '';
		expect(lineAfter({ phase: 'paused', waiting: 4, message })).toBe(
			'Sync stopped — the server refused the token: check it in Settings · 4 clients waiting',
		);
		expect(lineAfter({ phase: 'paused', waiting: 4, message: 'Sending stopped: disk full.' })).toBe(
			'Sync stopped — 4 clients waiting',
		);
	});
});

describe('Password length refused with the reason', () => {
	const options = { ...DEFAULT_PASSWORD_OPTIONS };
	it.each([
		[
			4,
			/^At least 8 characters: the platform refuses shorter passwords\. Passwords are still made with 14 characters\.$/,
		],
		[65, /^At most 64 characters/],
		[9.5, /^A length is a whole number of characters, from 8 to 64\./],
		[Number.NaN, /^Enter a length from 8 to 64 characters\./],
	])('refuses %s', (length, reason) => {
		expect(passwordOptionsProblem({ ...options, length }, 14)).toMatch(reason);
	});

	it('takes 8 to 64, and refuses no kind of character at all', () => {
		expect(passwordOptionsProblem({ ...options, length: 8 }, 14)).toBeNull();
		expect(passwordOptionsProblem({ ...options, length: 64 }, 14)).toBeNull();
		expect(
			passwordOptionsProblem(
				{ ...options, upper: false, lower: false, digits: false, symbols: false },
				14,
			),
		).toBe('Keep at least one kind of character.');
	});
});
