// Serves the built app with `vite preview` for the WebKit suite, on a port of its own, and stops
// it on demand: stopping it is how a test takes the app's origin offline (WebKitGTK has no CDP
// switch for the network), so only the service worker can answer the reload.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './webkit-driver.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;

export interface Preview {
	origin: string;
	stop(): Promise<void>;
}

/**
 * `vite preview` of dist/ (or ROSTER_E2E_DIST, as the Playwright config reads it) on `port`,
 * default a free one.
 */
export async function startPreview(port?: number): Promise<Preview> {
	const p = port ?? (await freePort());
	const args = ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1'];
	args.push('--port', String(p), '--strictPort');
	if (process.env.ROSTER_E2E_DIST) args.push('--outDir', process.env.ROSTER_E2E_DIST);
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
	child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
	const origin = `http://127.0.0.1:${p}`;
	const deadline = Date.now() + READY_TIMEOUT_MS;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`vite preview exited before it served.\n${out}`);
		try {
			if ((await fetch(origin)).ok) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(
				`vite preview did not answer ${origin} within ${READY_TIMEOUT_MS} ms.\n${out}`,
			);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		origin,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const done = new Promise((r) => child.once('exit', r));
			// SIGKILL, as a server that is simply gone: on SIGTERM vite closes gracefully and waits
			// for the browser's keep-alive connections, which can hold it open indefinitely.
			child.kill('SIGKILL');
			await done;
		},
	};
}
