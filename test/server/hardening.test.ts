// Issue 13's server hardening, seen from outside: the headers on every kind of answer, who gets
// the development token from /roster-config.json (forged Host headers, a LAN client), and a
// server that keeps answering while it hashes passwords at a real cost.
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type RosterApp } from '../../server/app.ts';
import { parseOptions } from '../../server/options.ts';
import type { TestServer } from '../../server/testing.ts';
import { clients, postImport, request, serversStoppedAfterEach, until } from './helpers.ts';

const server = serversStoppedAfterEach();

/** The exact policy: the app's own (vite.config.ts's <meta>) plus frame-ancestors. */
const CSP =
	"default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'none'; frame-ancestors 'none'";

const apps: RosterApp[] = [];
afterEach(() => apps.splice(0).forEach((a) => a.close()));

/** The server in this process, with a built app of its own (no `vite build` needed). */
function inProcess(
	args: string[] = [],
	env: NodeJS.ProcessEnv = {},
): RosterApp & { token: string } {
	const root = mkdtempSync(join(tmpdir(), 'roster-hardening-'));
	const dist = join(root, 'dist');
	mkdirSync(join(dist, 'assets'), { recursive: true });
	writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
	writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1);');
	const parsed = parseOptions(['--data', join(root, 'r.db'), ...args], {
		ROSTER_SCRYPT_N: '16',
		...env,
	});
	if (parsed.kind !== 'config') throw new Error('expected a config');
	const roster = createApp({ ...parsed.config, appDir: `${dist}/` });
	apps.push(roster);
	return { ...roster, token: parsed.config.token };
}

/** What @hono/node-server passes a handler: the socket, whose remote address is the client's. */
function fromAddress(remoteAddress: string): HttpBindings {
	// Only the socket's address is read; the rest of a Node request is not needed here.
	return { incoming: { socket: { remoteAddress } } } as unknown as HttpBindings;
}

function expectSecurityHeaders(res: Response, what: string): void {
	expect(res.headers.get('content-security-policy'), what).toBe(CSP);
	expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
	expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
}

describe('headers on every answer', () => {
	it('static files, the app page, API answers, errors, 404s and the config', async () => {
		const roster = inProcess();
		const token = roster.token;
		const get = (path: string, init: RequestInit = {}) => roster.app.request(path, init);
		const auth = { headers: { authorization: `Bearer ${token}` } };

		const page = await get('/drafts/1', { headers: { accept: 'text/html' } });
		expect(page.status).toBe(200);
		expectSecurityHeaders(page, 'app page');
		expect(page.headers.get('cache-control')).toBe('no-cache');

		const asset = await get('/assets/app-1a2b.js');
		expectSecurityHeaders(asset, 'asset');
		// Hashed assets keep their long caching: only private answers are no-store.
		expect(asset.headers.get('cache-control')).toMatch(/immutable/);

		const missing = await get('/assets/gone.js');
		expect(missing.status).toBe(404);
		expectSecurityHeaders(missing, 'missing asset');

		const answers: [string, Response, number][] = [
			['health', await get('/api/v1/health'), 200],
			['tags', await get('/api/v1/tags', auth), 200],
			['no token', await get('/api/v1/tags'), 401],
			['unknown API route', await get('/api/v1/nothing', auth), 404],
			['outside the API', await get('/api/v2/x'), 404],
			['bad body', await get('/api/v1/imports', { ...auth, method: 'POST', body: '{' }), 400],
			['config', await get('/roster-config.json'), 200],
		];
		for (const [what, res, status] of answers) {
			expect(res.status, what).toBe(status);
			expectSecurityHeaders(res, what);
			expect(res.headers.get('cache-control'), what).toBe('no-store');
		}
	});

	it('an unexpected failure (500) carries them too', async () => {
		const roster = inProcess();
		// A closed database makes the next import fail inside the handler.
		roster.db.close();
		const res = await roster.app.request('/api/v1/imports', {
			method: 'POST',
			headers: { authorization: `Bearer ${roster.token}`, 'idempotency-key': 'k1' },
			body: JSON.stringify({
				batch_id: 'b',
				chunk: { index: 0, count: 1 },
				clients: [
					{
						email_address: 'a@example.com',
						initial_password: 'Xy7#kLm2!pQr',
						first_name: 'A',
						last_name: 'B',
						birthdate: '19800101',
						gender: 'male',
					},
				],
			}),
		});
		expect(res.status).toBe(500);
		expectSecurityHeaders(res, '500');
		expect(res.headers.get('cache-control')).toBe('no-store');
	});

	it('a real server sends them over HTTP as well', async () => {
		const srv = await server({ app: true });
		for (const path of ['/', '/roster-config.json', '/api/v1/health', '/api/v1/tags']) {
			const res = await fetch(`${srv.origin}${path}`);
			expectSecurityHeaders(res, path);
			if (path !== '/') expect(res.headers.get('cache-control'), path).toBe('no-store');
		}
	});
});

/** GET /roster-config.json over a real socket with any Host header (fetch would fix Host). */
function configWithHost(srv: TestServer, host: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{ host: '127.0.0.1', port: srv.port, path: '/roster-config.json', headers: { host } },
			(res) => {
				let body = '';
				res.setEncoding('utf8').on('data', (s: string) => (body += s));
				res.on('end', () => resolve(JSON.parse(body)));
			},
		);
		req.on('error', reject);
		req.end();
	});
}

describe('the token in /roster-config.json', () => {
	it('goes to a loopback client that names this computer, never to a forged Host', async () => {
		const srv = await server({ app: true });
		const given = { apiBase: '/api/v1', token: srv.token };
		const none = { apiBase: '/api/v1', token: null };
		for (const host of [
			`127.0.0.1:${srv.port}`,
			`localhost:${srv.port}`,
			'localhost',
			'127.0.0.1',
			'127.1.2.3:80',
			`[::1]:${srv.port}`,
			'LOCALHOST',
		])
			expect(await configWithHost(srv, host), host).toEqual(given);
		for (const host of [
			'evil.example',
			`evil.example:${srv.port}`,
			'localhost.evil.example',
			'127.0.0.1.nip.io',
			`127.0.0.1.nip.io:${srv.port}`,
			'app.localhost',
			'127.0.0.256',
			'[::2]',
		])
			expect(await configWithHost(srv, host), host).toEqual(none);
	});

	it('goes to no client on another machine, whatever Host it sends', async () => {
		const roster = inProcess();
		const ask = async (remote: string, host?: string): Promise<unknown> => {
			const headers: Record<string, string> = host === undefined ? {} : { host };
			const res = await roster.app.request('/roster-config.json', { headers }, fromAddress(remote));
			return res.json();
		};
		// HTTP/1.0 may leave Host out: nothing then says the page is ours.
		expect(await ask('127.0.0.1')).toEqual({ apiBase: '/api/v1', token: null });
		expect(await ask('127.0.0.1', 'localhost:4173')).toEqual({
			apiBase: '/api/v1',
			token: roster.token,
		});
		expect(await ask('::ffff:127.0.0.1', '127.0.0.1:4173')).toEqual({
			apiBase: '/api/v1',
			token: roster.token,
		});
		expect(await ask('::1', '[::1]:4173')).toEqual({ apiBase: '/api/v1', token: roster.token });
		for (const remote of ['192.168.1.20', '10.0.0.5', '::ffff:192.168.1.20', 'fe80::1'])
			expect(await ask(remote, 'localhost:4173'), remote).toEqual({
				apiBase: '/api/v1',
				token: null,
			});
	});

	it('is never a token given by --token or ROSTER_TOKEN', async () => {
		const token = 'organisation-token-0123456789abcdef';
		const srv = await server({ app: true, token });
		expect(await configWithHost(srv, `127.0.0.1:${srv.port}`)).toEqual({
			apiBase: '/api/v1',
			token: null,
		});
		const roster = inProcess(['--token', token]);
		const res = await roster.app.request(
			'/roster-config.json',
			{ headers: { host: 'localhost' } },
			fromAddress('127.0.0.1'),
		);
		expect(await res.json()).toEqual({ apiBase: '/api/v1', token: null });
	});
});

describe('password hashing at a real cost', () => {
	it('keeps the server answering while a chunk is hashed', async () => {
		// 2^16: ~0.3 s a hash here, so 8 clients two at a time hash for over a second.
		const srv = await server({ env: { ROSTER_SCRYPT_N: '65536' } });
		const sending = postImport(srv, 'slow-1', request('slow', 0, clients(0, 8)));
		await until(() => srv.claim('slow-1') === 'running', 'the claim of slow-1');
		const health = await fetch(`${srv.url}/health`);
		expect(health.status).toBe(200);
		// Answered while the chunk was still being hashed: the hashing is off the event loop.
		expect(srv.claim('slow-1')).toBe('running');
		expect((await sending).status).toBe(200);
		expect(srv.count()).toBe(8);
	});
});
