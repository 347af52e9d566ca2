// The import API client against a real HTTP server that never answers (or stops half-way
// through its answer): every request ends within its time limit, as a retry with words for the
// pro, so sync never sits on "Sending" for ever.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportApiClient, timeLimit } from '../../../src/sync/api-client.ts';
import { ONE_CHUNK } from './outbox-fixture.ts';

let server: Server;
let base = '';
const open: ServerResponse[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		open.push(response);
		// `/half/...`: the headers and the start of a body, then nothing more.
		if (request.url?.startsWith('/half/')) {
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.write('{"results":[');
		}
		// Anything else: no answer at all.
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	for (const r of open) r.destroy();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

const chunk = ONE_CHUNK;

function client(path: string) {
	return new ImportApiClient(
		{ baseUrl: `${base}${path}`, token: 't' },
		{ timeouts: { importMs: 300, quickMs: 200 } },
	);
}

describe('ImportApiClient time limits', () => {
	it('turns a chunk with no answer into a retry that says what happens next', async () => {
		const started = Date.now();
		const outcome = await client('/silent').sendChunk(chunk);
		expect(outcome).toEqual({
			kind: 'retry',
			reason:
				'The server did not answer within 300 ms: these clients will be sent again with the same key, so none is imported twice.',
			retryAfterMs: null,
			offline: false,
			timedOut: true,
		});
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('ends an answer that stops half-way within the same limit', async () => {
		const outcome = await client('/half').sendChunk(chunk);
		expect(outcome).toMatchObject({ kind: 'retry', offline: false });
		expect(outcome.kind === 'retry' ? outcome.reason : '').toMatch(/did not answer within/);
	});

	it('tells Test connection the server did not answer, and what to check', async () => {
		const { result } = await client('/silent').check();
		expect(result.ok).toBe(false);
		expect(result.message).toMatch(
			/The server did not answer within 200 ms\. Check the address, and that the server is running\./,
		);
		await expect(client('/silent').tags()).rejects.toThrow(/did not answer \/tags/);
	});

	it('aborts with the caller’s signal too, and once its own time is up', async () => {
		const outer = new AbortController();
		const both = timeLimit(60_000, outer.signal);
		expect(both.signal.aborted).toBe(false);
		outer.abort(new Error('left the page'));
		expect(both.signal.aborted).toBe(true);
		both.settle();
		const alone = timeLimit(20);
		await new Promise<void>((resolve) => alone.signal.addEventListener('abort', () => resolve()));
		expect((alone.signal.reason as Error).name).toBe('TimeoutError');
	});

	it('falls back to a timer where AbortSignal.any is missing', async () => {
		const any = Object.getOwnPropertyDescriptor(AbortSignal, 'any');
		Object.defineProperty(AbortSignal, 'any', { value: undefined, configurable: true });
		try {
			const outer = new AbortController();
			const limit = timeLimit(20, outer.signal);
			await new Promise<void>((resolve) => limit.signal.addEventListener('abort', () => resolve()));
			expect((limit.signal.reason as Error).name).toBe('TimeoutError');
			const followed = timeLimit(60_000, outer.signal);
			outer.abort(new Error('left the page'));
			expect(followed.signal.aborted).toBe(true);
			followed.settle();
			const outcome = await new ImportApiClient(
				{ baseUrl: `${base}/silent`, token: 't' },
				{ timeouts: { importMs: 300 } },
			).sendChunk(chunk);
			expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/300 ms/) });
		} finally {
			if (any) Object.defineProperty(AbortSignal, 'any', any);
		}
	});
});
