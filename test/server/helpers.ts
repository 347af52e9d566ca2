// Shared builders for the server tests: valid clients, import requests, one typed POST, and
// servers stopped after each test.
import { afterEach } from 'vitest';
import type { ImportClient, ImportRequest } from '../../src/core/import-api.ts';
import { startServer, type StartServerOptions, type TestServer } from '../../server/testing.ts';

export const PASSWORD = 'Plain-Text-Secret-9f3k';

export function client(i: number, over: Partial<ImportClient> = {}): ImportClient {
	return {
		email_address: `client${i}@example.com`,
		initial_password: `${PASSWORD}-${i}`,
		first_name: 'Ada',
		last_name: `Client ${i}`,
		birthdate: '19810220',
		gender: i % 2 === 0 ? 'female' : 'male',
		...over,
	};
}

export function clients(from: number, n: number): ImportClient[] {
	return Array.from({ length: n }, (_, k) => client(from + k));
}

export function request(
	batch: string,
	index: number,
	list: ImportClient[],
	count = 1,
): ImportRequest {
	return { batch_id: batch, chunk: { index, count }, clients: list };
}

export interface Answer {
	status: number;
	headers: Headers;
	json: unknown;
}

function parseJson(text: string): unknown {
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export async function call(
	srv: TestServer,
	method: string,
	path: string,
	init: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<Answer> {
	const headers: Record<string, string> = { ...init.headers };
	if (init.auth !== false) headers.authorization ??= `Bearer ${srv.token}`;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(`${srv.url}${path}`, {
		method,
		headers,
		body:
			init.body === undefined
				? undefined
				: typeof init.body === 'string'
					? init.body
					: JSON.stringify(init.body),
	});
	const text = await res.text();
	return { status: res.status, headers: res.headers, json: parseJson(text) };
}

export function postImport(
	srv: TestServer,
	key: string | undefined,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<Answer> {
	return call(srv, 'POST', '/imports', {
		body,
		headers: key === undefined ? headers : { 'idempotency-key': key, ...headers },
	});
}

/** The error code of an error answer, for short assertions. */
export function code(a: Answer): string | undefined {
	const j = a.json;
	if (typeof j !== 'object' || j === null || !('error' in j)) return undefined;
	const e = j.error;
	return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
}

/**
 * Polls until `ready()` is true (the server's file or output shows the state a test needs), so
 * a test acts on what happened rather than on how long it usually takes.
 */
export async function until(ready: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!ready()) {
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Starts servers for a test file and stops every one after each test. */
export function serversStoppedAfterEach(): (opts?: StartServerOptions) => Promise<TestServer> {
	const running: TestServer[] = [];
	afterEach(async () => {
		await Promise.all(running.splice(0).map((s) => s.stop()));
	});
	return async (opts = {}) => {
		const srv = await startServer(opts);
		running.push(srv);
		return srv;
	};
}
