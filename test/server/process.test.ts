// The server as a command: --help, production-mode refusals, /roster-config.json, the built app
// beside the API, and the OpenAPI file covering every route the server serves.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { createApp } from '../../server/app.ts';
import { SERVER_CSP } from '../../server/csp.ts';
import { parseOptions } from '../../server/options.ts';
import { startServer, type TestServer } from '../../server/testing.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OpenApiSchema = z.object({
	openapi: z.string(),
	paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

function runMain(args: string[], env: Record<string, string> = {}) {
	return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
		execFile(
			process.execPath,
			['--import', 'tsx', 'server/main.ts', ...args],
			{ cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 },
			(err, stdout, stderr) => {
				const code = err && typeof err.code === 'number' ? err.code : err ? 1 : 0;
				resolve({ code, stdout, stderr });
			},
		);
	});
}

/** Long enough for production (32 characters at least). */
const LONG_TOKEN = 'production-token-0123456789abcdef';

const running: TestServer[] = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map((s) => s.stop()));
});

describe('command line', () => {
	it('--help lists every option and exits 0', async () => {
		const r = await runMain(['--help']);
		expect(r.code).toBe(0);
		for (const opt of [
			'--port',
			'--host',
			'--data',
			'--token',
			'--production',
			'--allow-origin',
			'--tags',
			'--body-limit',
			'--scrypt-n',
			'--faults',
			'--fault-seed',
			'--no-app',
			'--allow-lan',
			'--idempotency-ttl',
			'ROSTER_IDEMPOTENCY_SECRET',
			'ROSTER_TOKEN',
			'ROSTER_DATA',
		])
			expect(r.stdout).toContain(opt);
	});

	it('production mode refuses the fault switch and a missing token', async () => {
		const faults = await runMain(['--production', '--token', LONG_TOKEN, '--faults', '500:1']);
		expect(faults.code).toBe(2);
		expect(faults.stderr).toMatch(/refused in production/);
		const envFaults = await runMain(['--token', LONG_TOKEN], {
			NODE_ENV: 'production',
			ROSTER_FAULTS: 'drop:1',
		});
		expect(envFaults.code).toBe(2);
		const noToken = await runMain(['--production']);
		expect(noToken.code).toBe(2);
		expect(noToken.stderr).toMatch(/needs a token/);
		// 31 characters: guessable enough to refuse, with what to do instead.
		const short = await runMain(['--production', '--token', 'x'.repeat(31)]);
		expect(short.code).toBe(2);
		expect(short.stderr).toContain('at least 32 characters (this one has 31)');
		expect(short.stderr).toContain('openssl rand');
		expect((await runMain(['--port', 'abc'])).code).toBe(2);
		expect((await runMain(['--bogus'])).code).toBe(2);
	});

	it('parses options from arguments and environment', () => {
		const p = parseOptions(['--tags', 'a, b', '--allow-origin', 'http://x.test'], {
			ROSTER_ORIGINS: 'https://y.test',
			ROSTER_SCRYPT_N: '1024',
		});
		if (p.kind !== 'config') throw new Error('expected a config');
		expect(p.config.tags).toEqual(['a', 'b']);
		expect(p.config.origins).toEqual(['http://x.test', 'https://y.test']);
		expect(p.config.scryptN).toBe(1024);
		expect(p.config.tokenGenerated).toBe(true);
		const prod = parseOptions(['--production', '--token', LONG_TOKEN], {});
		if (prod.kind !== 'config') throw new Error('expected a config');
		// OWASP's scrypt guidance: N = 2^17 (r = 8, p = 1 in passwords.ts).
		expect(prod.config.scryptN).toBe(131072);
		expect(prod.config.idempotencyTtlMs).toBe(24 * 3600 * 1000);
		const ttl = parseOptions(['--idempotency-ttl', '2h'], {
			ROSTER_IDEMPOTENCY_SECRET: 's'.repeat(32),
		});
		if (ttl.kind !== 'config') throw new Error('expected a config');
		expect(ttl.config.idempotencyTtlMs).toBe(2 * 3600 * 1000);
		// A chunk hashed within a second is answered at once unless told otherwise.
		expect(prod.config.syncUnderMs).toBe(1000);
		const always = parseOptions(['--sync-under', '0s'], {});
		if (always.kind !== 'config') throw new Error('expected a config');
		expect(always.config.syncUnderMs).toBe(0);
		const env = parseOptions([], { ROSTER_SYNC_UNDER: '5s' });
		if (env.kind !== 'config') throw new Error('expected a config');
		expect(env.config.syncUnderMs).toBe(5000);
		// A quick chunk holds its key as running, which goes stale after a minute.
		expect(() => parseOptions(['--sync-under', '2m'], {})).toThrow(/at most 30s/);
		expect(ttl.config.idempotencySecret).toBe('s'.repeat(32));
		expect(() => parseOptions(['--idempotency-ttl', '1m'], {})).toThrow(/at least 5m/);
		expect(() => parseOptions([], { ROSTER_IDEMPOTENCY_SECRET: 'short' })).toThrow(
			/ROSTER_IDEMPOTENCY_SECRET must be at least 32 characters/,
		);
		expect(() => parseOptions(['--scrypt-n', '1000'], {})).toThrow(/power of two/);
	});
});

describe('listening beyond this computer', () => {
	it('refuses a LAN interface outside production unless --allow-lan says so', async () => {
		const refused = await runMain(['--host', '0.0.0.0', '--port', '0', '--no-app']);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('--host 0.0.0.0 can be reached from other computers');
		expect(refused.stderr).toContain('--allow-lan');
		for (const host of ['::', '192.168.1.20', 'roster.example'])
			expect(() => parseOptions(['--host', host], {}), host).toThrow(/--allow-lan/);
		for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1'])
			expect(parseOptions(['--host', host], {}).kind, host).toBe('config');
		expect(parseOptions(['--host', '0.0.0.0'], { ROSTER_ALLOW_LAN: '1' }).kind).toBe('config');
		expect(
			parseOptions(['--host', '0.0.0.0', '--production', '--token', LONG_TOKEN], {}).kind,
		).toBe('config');
	});

	it('with --allow-lan it starts and warns that other computers can reach it', async () => {
		const srv = await startServer({ args: ['--host', '0.0.0.0', '--allow-lan'] });
		running.push(srv);
		const health = await fetch(`${srv.url}/health`);
		expect(health.status).toBe(200);
		expect(srv.output()).toContain('WARNING: listening on 0.0.0.0 (--allow-lan)');
		expect(srv.output()).toContain('must type it in Settings');
	});
});

describe('served with the app', () => {
	it('hands the token to the app in development only', async () => {
		const srv = await startServer({ app: true });
		running.push(srv);
		const config = await fetch(`${srv.origin}/roster-config.json`);
		expect(await config.json()).toEqual({ apiBase: '/api/v1', token: srv.token });

		const prod = await startServer({
			app: true,
			token: 'production-token-0123456789abcdef',
			args: ['--production'],
		});
		running.push(prod);
		const prodConfig = await fetch(`${prod.origin}/roster-config.json`);
		expect(await prodConfig.json()).toEqual({ apiBase: '/api/v1', token: null });
	});

	it('serves the built files, index.html for the app paths, and nothing outside', async () => {
		// A build of its own, so the test proves the same thing before and after `vite build`.
		const root = mkdtempSync(join(tmpdir(), 'roster-static-'));
		const dist = join(root, 'dist');
		mkdirSync(join(dist, 'assets'), { recursive: true });
		writeFileSync(join(dist, 'index.html'), '<!doctype html><title>known index</title>');
		writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log("known asset");');
		writeFileSync(join(root, 'secret.json'), '{"secret":"outside dist"}');
		const parsed = parseOptions(['--data', join(root, 'r.db')], {});
		if (parsed.kind !== 'config') throw new Error('expected a config');
		const roster = createApp({ ...parsed.config, appDir: `${dist}/` });
		try {
			const get = (path: string, accept = '*/*') =>
				roster.app.request(path, { headers: { accept } });

			const page = await get('/drafts/42', 'text/html');
			expect(page.status).toBe(200);
			expect(page.headers.get('content-type')).toMatch(/text\/html/);
			expect(page.headers.get('cache-control')).toBe('no-cache');
			expect(await page.text()).toContain('known index');

			const asset = await get('/assets/app-1a2b.js');
			expect(asset.status).toBe(200);
			expect(asset.headers.get('content-type')).toMatch(/text\/javascript/);
			expect(asset.headers.get('cache-control')).toMatch(/immutable/);
			expect(await asset.text()).toContain('known asset');

			// A missing script must not be answered with the page (the browser would run HTML).
			expect((await get('/assets/gone-9z.js')).status).toBe(404);

			for (const path of ['/../secret.json', '/%2e%2e/secret.json', '/..%2fsecret.json']) {
				const outside = await get(path);
				expect(await outside.text(), path).not.toContain('outside dist');
			}
		} finally {
			roster.close();
		}
	});
});

describe('OpenAPI', () => {
	it('describes every API route the server serves', () => {
		const doc = OpenApiSchema.parse(parse(readFileSync(join(ROOT, 'api/openapi.yaml'), 'utf8')));
		expect(doc.openapi).toBe('3.1.0');
		const paths = doc.paths;
		const data = join(mkdtempSync(join(tmpdir(), 'roster-openapi-')), 'r.db');
		const parsed = parseOptions(['--data', data, '--no-app'], {});
		if (parsed.kind !== 'config') throw new Error('expected a config');
		const roster = createApp(parsed.config);
		const served = roster.app.routes
			.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && !r.path.includes('*'))
			.map(
				(r) =>
					[
						r.path.slice('/api/v1'.length).replace(/:([A-Za-z_]+)/g, '{$1}'),
						r.method.toLowerCase(),
					] as const,
			);
		roster.close();
		expect(served.length).toBeGreaterThanOrEqual(4);
		for (const [path, method] of served)
			expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
		const post = JSON.stringify(paths['/imports']);
		for (const status of ['200', '400', '401', '409', '413', '422', '429', '500', '503'])
			expect(post).toContain(`"${status}"`);
		expect(post).toContain('Idempotency');
	});

	it('declares the security headers the server sends and a maxLength on every client field', () => {
		const text = readFileSync(join(ROOT, 'api/openapi.yaml'), 'utf8');
		const Doc = z.object({
			components: z.object({
				headers: z.record(
					z.string(),
					z.object({ schema: z.object({ const: z.string() }).partial() }),
				),
				schemas: z.object({
					ImportClient: z.object({
						properties: z.record(
							z.string(),
							z.object({
								type: z.string(),
								maxLength: z.number().optional(),
								items: z.object({ maxLength: z.number().optional() }).optional(),
							}),
						),
					}),
				}),
			}),
		});
		const doc = Doc.parse(parse(text));
		expect(doc.components.headers.ContentSecurityPolicy?.schema.const).toBe(SERVER_CSP);
		expect(doc.components.headers.CacheControl?.schema.const).toBe('no-store');
		for (const [name, prop] of Object.entries(doc.components.schemas.ImportClient.properties)) {
			const max = prop.type === 'array' ? prop.items?.maxLength : prop.maxLength;
			expect(max, name).toBeGreaterThan(0);
		}
	});
});
