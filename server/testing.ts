// Runs the real server as a child process for the server, browser and benchmark tests: a test
// can SIGKILL it mid-sync and start it again on the same data file, as a crash would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export interface StartServerOptions {
	/** SQLite file; default: a new file in a new temp folder (left there for a restart). */
	data?: string;
	/**
	 * Given to the server as ROSTER_TOKEN. Default: none, so the server makes one up and hands it
	 * to the app it serves (/roster-config.json), as `npm start` does; read from its banner.
	 */
	token?: string;
	/** The fault switch, e.g. `drop:1` or `500:0.2,seed:3`. */
	faults?: string;
	/** Default: a free port chosen by the OS. */
	port?: number;
	/** Serve dist/ too (default false: API only, no build needed). */
	app?: boolean;
	/** Extra environment, e.g. `{ ROSTER_SCRYPT_N: '256', ROSTER_TAGS: 'a,b' }` (default cost: TEST_SCRYPT_N). */
	env?: Record<string, string>;
	/** Extra command-line arguments, e.g. `['--allow-origin', 'http://localhost:5173']`. */
	args?: string[];
}

export interface TestServer {
	/** API base, e.g. http://127.0.0.1:41234/api/v1 */
	url: string;
	/** e.g. http://127.0.0.1:41234 */
	origin: string;
	port: number;
	token: string;
	data: string;
	/** SIGTERM and wait for a clean exit. */
	stop(): Promise<void>;
	/** SIGKILL, for crash tests: nothing is flushed or closed. */
	kill(): Promise<void>;
	/** Rows in the clients table, read through a connection of its own. */
	count(): number;
	emails(): string[];
	/** The state of an Idempotency-Key's record in the file (`running` while a request holds it). */
	claim(key: string): 'running' | 'done' | null;
	/** What the process printed so far (stdout and stderr). */
	output(): string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * scrypt cost of test servers unless `env` sets ROSTER_SCRYPT_N. Even the dev cost (256) is
 * ~0.74 ms of CPU per password here: 74 s for the 100k-client benchmark on 2 cores, over its
 * 60 s budget before the browser does anything. Tests check the protocol, not the hash cost.
 */
export const TEST_SCRYPT_N = '16';

/** The parent's own server settings must not leak into a test's server. */
function childEnv(
	extra: Record<string, string> | undefined,
	token: string | undefined,
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env))
		if (!k.startsWith('ROSTER_') && k !== 'PORT' && k !== 'NODE_ENV') env[k] = v;
	return {
		...env,
		ROSTER_SCRYPT_N: TEST_SCRYPT_N,
		...extra,
		...(token === undefined ? {} : { ROSTER_TOKEN: token }),
	};
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

function readDb<T>(file: string, read: (db: Database.Database) => T): T {
	const db = new Database(file, { fileMustExist: true, timeout: 5000 });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error('the server exited before it was ready');
		try {
			const res = await fetch(`${url}/health`);
			if (res.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`the server did not answer ${url}/health within ${READY_TIMEOUT_MS} ms`);
}

export async function startServer(opts: StartServerOptions = {}): Promise<TestServer> {
	const data = opts.data ?? join(mkdtempSync(join(tmpdir(), 'roster-server-')), 'roster.db');
	const args = ['--import', 'tsx', join(ROOT, 'server', 'main.ts')];
	args.push('--port', String(opts.port ?? 0), '--host', '127.0.0.1', '--data', data);
	if (opts.faults !== undefined) args.push('--faults', opts.faults);
	if (opts.app !== true) args.push('--no-app');
	args.push(...(opts.args ?? []));

	const child = spawn(process.execPath, args, {
		cwd: ROOT,
		env: childEnv(opts.env, opts.token),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
	child.stderr?.setEncoding('utf8').on('data', (s: string) => (out += s));

	// The port is read from the banner, so port 0 (the OS picks a free one) has no race; so is
	// the token the server made up when none was given.
	const started = await new Promise<{ port: number; token: string }>((resolve, reject) => {
		const timer = setTimeout(
			() => fail(`no start-up line within ${READY_TIMEOUT_MS} ms`),
			READY_TIMEOUT_MS,
		);
		const onData = () => {
			// The whole line (up to its newline): a pipe may cut it between port and token.
			const m = /Roster is running at http:\/\/[^:\s]+:(\d+)([^\n]*)\n/.exec(out);
			if (m) {
				cleanup();
				const made = /development token: (\S+)\)/.exec(m[2] ?? '')?.[1];
				if (opts.token === undefined && made === undefined)
					return fail('no development token in the start-up line');
				resolve({ port: Number(m[1]), token: opts.token ?? made ?? '' });
			}
		};
		const onExit = (code: number | null) =>
			fail(`the server exited (code ${code}) before it started`);
		function cleanup() {
			clearTimeout(timer);
			child.stdout?.off('data', onData);
			child.off('exit', onExit);
		}
		function fail(why: string) {
			cleanup();
			child.kill('SIGKILL');
			reject(new Error(`startServer: ${why}.\n${out}`));
		}
		child.stdout?.on('data', onData);
		child.once('exit', onExit);
	});
	const { port, token } = started;
	const origin = `http://127.0.0.1:${port}`;
	const url = `${origin}/api/v1`;
	try {
		await waitForHealth(url, child);
	} catch (e) {
		child.kill('SIGKILL');
		throw new Error(`startServer: ${e instanceof Error ? e.message : String(e)}.\n${out}`, {
			cause: e,
		});
	}

	return {
		url,
		origin,
		port,
		token,
		data,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const done = exited(child);
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
			await done;
			clearTimeout(timer);
		},
		async kill() {
			const done = exited(child);
			child.kill('SIGKILL');
			await done;
		},
		count: () =>
			readDb(data, (db) => {
				const row = db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number };
				return row.n;
			}),
		emails: () =>
			readDb(data, (db) =>
				db
					.prepare('SELECT email FROM clients ORDER BY id')
					.pluck()
					.all()
					.map((e) => String(e)),
			),
		claim: (key) =>
			readDb(data, (db) => {
				const row = db.prepare('SELECT state FROM idempotency WHERE key = ?').get(key) as
					{ state: 'running' | 'done' } | undefined;
				return row?.state ?? null;
			}),
		output: () => out,
	};
}
