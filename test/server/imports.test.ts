// The import API against a real server process and SQLite file: auth, row results, idempotency
// (replay, reuse, in progress), request limits, batch status, tags and CORS.
import { describe, expect, it } from 'vitest';
import {
	BatchStatusSchema,
	ImportResponseSchema,
	type ImportClient,
	type ImportResponse,
} from '../../src/core/import-api.ts';
import {
	call,
	client,
	clients,
	code,
	postImport,
	request,
	serversStoppedAfterEach,
	until,
} from './helpers.ts';

const server = serversStoppedAfterEach();

const results = (json: unknown): ImportResponse['results'] =>
	ImportResponseSchema.parse(json).results;

describe('auth', () => {
	it('answers health without a token and refuses the rest without a valid one', async () => {
		const srv = await server();
		const health = await call(srv, 'GET', '/health', { auth: false });
		expect(health.status).toBe(200);
		expect(health.json).toEqual({ ok: true, version: '0.1.0', async_imports: true });

		const none = await call(srv, 'GET', '/tags', { auth: false });
		expect(none.status).toBe(401);
		expect(code(none)).toBe('auth.required');
		const wrong = await call(srv, 'GET', '/tags', {
			headers: { authorization: 'Bearer nope-nope' },
		});
		expect(wrong.status).toBe(401);
		expect(code(wrong)).toBe('auth.invalid');
		const post = await postImport(srv, 'k', request('b', 0, clients(0, 1)), {
			authorization: `Bearer ${srv.token}x`,
		});
		expect(post.status).toBe(401);
		expect(srv.count()).toBe(0);

		expect((await call(srv, 'GET', '/tags')).json).toEqual({ tags: [] });
		expect(code(await call(srv, 'GET', '/nothing'))).toBe('route.not_found');
	});
});

describe('rows', () => {
	it('rejects invalid clients with the core codes and creates the valid ones', async () => {
		const srv = await server();
		const body = request('b1', 0, [
			client(1),
			client(2, { email_address: 'not-an-email' }),
			client(3, { initial_password: 'short' }),
			client(4, { birthdate: '29990101' }),
		]);
		const a = await postImport(srv, 'rows-1', body);
		expect(a.status).toBe(200);
		const r = results(a.json);
		expect(r.map((x) => x.status)).toEqual(['created', 'rejected', 'rejected', 'rejected']);
		expect(r[1]?.issues?.map((i) => i.code)).toContain('email.invalid');
		expect(r[2]?.issues?.map((i) => i.code)).toContain('password.too_short');
		expect(r[3]?.issues?.map((i) => i.code)).toContain('birthdate.future');
		expect(r[1]?.issues?.[0]?.message).toMatch(/not-an-email/);
		expect(srv.count()).toBe(1);
	});

	it('rejects later duplicates in one request and answers exists for known emails', async () => {
		const srv = await server();
		const first = await postImport(
			srv,
			'dup-1',
			request('b1', 0, [
				client(1),
				client(2),
				client(1, { first_name: 'Again' }),
				client(2, { email_address: 'CLIENT2@example.com' }),
			]),
		);
		const r1 = results(first.json);
		expect(r1.map((x) => x.status)).toEqual(['created', 'created', 'rejected', 'rejected']);
		expect(r1[2]?.issues?.map((i) => i.code)).toEqual(['email.duplicate_in_batch']);
		// Compared case-insensitively (core also flags the capitals themselves).
		expect(r1[3]?.issues?.map((i) => i.code)).toContain('email.duplicate_in_batch');
		expect(srv.count()).toBe(2);

		const second = await postImport(srv, 'dup-2', request('b2', 0, [client(2), client(3)]));
		expect(results(second.json).map((x) => x.status)).toEqual(['exists', 'created']);
		expect(srv.count()).toBe(3);
		expect(srv.emails()).toEqual([
			'client1@example.com',
			'client2@example.com',
			'client3@example.com',
		]);
	});

	it('rejects tags the organisation does not have when it has a list', async () => {
		const srv = await server({ env: { ROSTER_TAGS: 'vip,staff' } });
		expect((await call(srv, 'GET', '/tags')).json).toEqual({ tags: ['vip', 'staff'] });
		const a = await postImport(
			srv,
			'tags-1',
			request('b', 0, [client(1, { tags: ['vip'] }), client(2, { tags: ['gold'] })]),
		);
		const r = results(a.json);
		expect(r.map((x) => x.status)).toEqual(['created', 'rejected']);
		expect(r[1]?.issues?.map((i) => i.code)).toEqual(['tag.unknown']);
		expect(srv.count()).toBe(1);
	});
});

describe('idempotency', () => {
	it('replays the same key and body, refuses the key for another body', async () => {
		const srv = await server();
		const body = request('b', 0, clients(0, 3));
		const first = await postImport(srv, 'idem-1', body);
		expect(first.status).toBe(200);
		expect(first.headers.get('idempotent-replayed')).toBeNull();
		expect(srv.count()).toBe(3);

		const again = await postImport(srv, 'idem-1', body);
		expect(again.status).toBe(200);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(again.json).toEqual(first.json);
		expect(srv.count()).toBe(3);

		const other = await postImport(srv, 'idem-1', request('b', 0, clients(10, 3)));
		expect(other.status).toBe(422);
		expect(code(other)).toBe('idempotency_key.reused');
		expect(srv.count()).toBe(3);
	});

	it('answers 409 while the first request with a key runs, then replays it', async () => {
		// The delay runs after the claim; the second request is sent once the claim is in the file.
		const srv = await server({ faults: 'delay:3000' });
		const body = request('b', 0, clients(0, 20));
		const slow = postImport(srv, 'busy-1', body);
		await until(() => srv.claim('busy-1') === 'running', 'the claim of busy-1');
		const busy = await postImport(srv, 'busy-1', body);
		expect(busy.status).toBe(409);
		expect(code(busy)).toBe('idempotency_key.in_progress');
		expect(busy.headers.get('retry-after')).toBe('1');
		const done = await slow;
		expect(done.status).toBe(200);
		expect(results(done.json).every((x) => x.status === 'created')).toBe(true);
		const retry = await postImport(srv, 'busy-1', body);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(retry.json).toEqual(done.json);
		expect(srv.count()).toBe(20);
	});
});

describe('request limits', () => {
	it('needs a valid Idempotency-Key and a valid body', async () => {
		const srv = await server();
		const body = request('b', 0, clients(0, 1));
		expect(code(await postImport(srv, undefined, body))).toBe('idempotency_key.missing');
		const bad = await postImport(srv, 'has space', body);
		expect(bad.status).toBe(400);
		expect(code(bad)).toBe('idempotency_key.invalid');
		expect(code(await postImport(srv, 'x'.repeat(201), body))).toBe('idempotency_key.invalid');
		const notJson = await postImport(srv, 'k1', '{"batch_id":');
		expect([notJson.status, code(notJson)]).toEqual([400, 'body.invalid']);
		const wrong = await postImport(srv, 'k2', { batch_id: 'b', chunk: { index: 0 }, clients: [] });
		expect([wrong.status, code(wrong)]).toEqual([400, 'body.invalid']);
		expect(JSON.stringify(wrong.json)).toMatch(/chunk|clients/);
		expect(srv.count()).toBe(0);
	});

	it('answers 413 over 1000 clients or over the body limit', async () => {
		const srv = await server({ args: ['--body-limit', '512k'] });
		const many = await postImport(srv, 'big-1', request('b', 0, clients(0, 1001)));
		expect([many.status, code(many)]).toEqual([413, 'chunk.too_large']);
		const huge = await postImport(
			srv,
			'big-2',
			request('b', 0, [client(1, { last_name: 'x'.repeat(600 * 1024) })]),
		);
		expect([huge.status, code(huge)]).toEqual([413, 'body.too_large']);
		const max = await postImport(srv, 'big-3', request('b', 0, clients(0, 1000)));
		expect(max.status).toBe(200);
		expect(srv.count()).toBe(1000);
	});
});

describe('field lengths', () => {
	it('refuses a request with an outsized field, naming the client and field', async () => {
		const srv = await server();
		const cases: [keyof ImportClient, string | string[], string][] = [
			['email_address', `${'a'.repeat(60)}@${'b'.repeat(200)}.com`, '254'],
			['initial_password', `Aa1!${'x'.repeat(125)}`, '128'],
			['first_name', 'F'.repeat(101), '100'],
			['last_name', 'L'.repeat(101), '100'],
			['birthdate', '1'.repeat(65), '64'],
			['gender', 'f'.repeat(65), '64'],
			['external_id', 'e'.repeat(129), '128'],
			['tags', ['ok', 't'.repeat(65)], '64'],
		];
		for (const [field, value, max] of cases) {
			const body = request('len', 0, [client(1), client(2, { [field]: value })]);
			const a = await postImport(srv, `len-${field}`, body);
			expect([a.status, code(a)], field).toEqual([400, 'body.invalid']);
			const message = JSON.stringify(a.json);
			expect(message, field).toContain(`clients[1].${field}`);
			expect(message, field).toContain(`at most ${max} characters`);
			// The message names the field; it never repeats the value (a password above all).
			if (typeof value === 'string') expect(message, field).not.toContain(value.slice(0, 40));
		}
		expect(srv.count()).toBe(0);
	});

	it('counts characters as the app does: 100 emoji are a 100-character name', async () => {
		const srv = await server();
		const name = '😀'.repeat(100);
		const a = await postImport(srv, 'emoji-1', request('e', 0, [client(1, { first_name: name })]));
		expect(a.status).toBe(200);
		expect(results(a.json).map((x) => x.status)).toEqual(['created']);
		expect(srv.count()).toBe(1);
	});
});

describe('batch status', () => {
	it('lists the chunks received with their results', async () => {
		const srv = await server();
		expect(code(await call(srv, 'GET', '/imports/nope'))).toBe('batch.not_found');
		await postImport(srv, 'bs-0', request('batch-7', 0, clients(0, 2), 2));
		await postImport(srv, 'bs-1', request('batch-7', 1, [client(0), client(5)], 2));
		const a = await call(srv, 'GET', '/imports/batch-7');
		expect(a.status).toBe(200);
		const status = BatchStatusSchema.parse(a.json);
		expect(status.batch_id).toBe('batch-7');
		expect(status.chunks.map((c) => [c.index, c.count, c.results.length])).toEqual([
			[0, 2, 2],
			[1, 2, 2],
		]);
		expect(status.chunks[1]?.results.map((r) => r.status)).toEqual(['exists', 'created']);
		expect(Number.isNaN(Date.parse(status.chunks[0]?.received_at ?? ''))).toBe(false);
		expect(srv.count()).toBe(3);
	});
});

describe('CORS', () => {
	it('answers only the configured origins', async () => {
		const allowed = 'http://app.example:5173';
		const srv = await server({ args: ['--allow-origin', allowed] });
		const pre = await fetch(`${srv.url}/imports`, {
			method: 'OPTIONS',
			headers: {
				origin: allowed,
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'authorization, content-type, idempotency-key',
			},
		});
		expect(pre.status).toBe(204);
		expect(pre.headers.get('access-control-allow-origin')).toBe(allowed);
		expect(pre.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
		expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);

		const tags = await call(srv, 'GET', '/tags', { headers: { origin: allowed } });
		expect(tags.headers.get('access-control-allow-origin')).toBe(allowed);
		const other = await call(srv, 'GET', '/tags', { headers: { origin: 'http://evil.example' } });
		expect(other.headers.get('access-control-allow-origin')).toBeNull();
		const otherPre = await fetch(`${srv.url}/imports`, {
			method: 'OPTIONS',
			headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
		});
		expect(otherPre.headers.get('access-control-allow-origin')).toBeNull();
	});
});
