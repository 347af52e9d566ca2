// Where the passphrase lock's time goes: the lock benchmark's moves (lock on, 1M-row import,
// edits, reload, Unlock) with V8's CPU profiler running in the page and in the draft worker over
// CDP. Prints the functions with the most self and total time for each phase and writes the
// .cpuprofile files (open them in DevTools' Performance panel). Run it on an unminified build so
// the names mean something:
//   npx vite build --minify false --outDir /tmp/dist-bench
//   BENCH_DIST=/tmp/dist-bench npx tsx test/bench/lock-profile.ts [out-dir]
// Not part of `npm run bench`: profiling slows what it measures.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { waitForPort } from './browser.ts';
import { freshProfile } from './profile.ts';
import { edits, importDraft } from './drafts.ts';
import { generateClients } from './generate-clients.ts';
import { PBKDF2_ITERATIONS } from '../../src/storage/keys.ts';
import { LOCK_INIT, LOCK_PASSPHRASE, LOCK_ROWS, startLockPreview, turnOnLock } from './lock.ts';

const OUT = process.argv[2] ?? '/tmp/lock-profiles';
const PORT = Number(process.env.BENCH_LOCK_PORT ?? 4393);

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}
interface Profile {
	nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
	samples: number[];
	timeDeltas: number[];
}

/** The functions with the most self time and the most total time (ms), heaviest first. */
export function heaviest(profile: Profile, top = 12): { self: string[]; total: string[] } {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const name = (f: CallFrame) =>
		`${f.url.split('/').pop() || '(native)'}:${f.functionName || '(anonymous)'}:${f.lineNumber + 1}`;
	const self = new Map<string, number>();
	const total = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		const leaf = byId.get(id);
		if (!leaf) return;
		self.set(name(leaf.callFrame), (self.get(name(leaf.callFrame)) ?? 0) + ms);
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const key = name(byId.get(at)!.callFrame);
			if (seen.has(key)) continue;
			seen.add(key);
			total.set(key, (total.get(key) ?? 0) + ms);
		}
	});
	const list = (m: Map<string, number>) =>
		[...m]
			.filter(([k]) => !/^\(native\):\((root|program|idle)\)/.test(k))
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([k, v]) => `${Math.round(v).toString().padStart(7)} ms  ${k}`);
	return { self: list(self), total: list(total) };
}

/** Profilers of the page and of each worker it starts (a second, non-flattened CDP session). */
async function profilers(cdp: CDPSession) {
	const workers: string[] = [];
	let nextId = 1;
	const waiting = new Map<number, (result: unknown) => void>();
	cdp.on('Target.attachedToTarget', (e) => {
		if (e.targetInfo.type === 'worker') workers.push(e.sessionId);
	});
	cdp.on('Target.receivedMessageFromTarget', (e) => {
		const message = JSON.parse(e.message) as { id?: number; result?: unknown };
		if (message.id !== undefined) waiting.get(message.id)?.(message.result);
	});
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false,
	});
	const inWorker = async (method: string, params: object = {}) => {
		const sessionId = workers.at(-1);
		if (!sessionId) throw new Error('No worker attached');
		const id = nextId++;
		const answer = new Promise<unknown>((resolve) => waiting.set(id, resolve));
		const message = JSON.stringify({ id, method, params });
		await cdp.send('Target.sendMessageToTarget', { sessionId, message });
		return answer;
	};
	return {
		async start() {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
			await cdp.send('Profiler.start');
			await inWorker('Profiler.enable');
			await inWorker('Profiler.setSamplingInterval', { interval: 500 });
			await inWorker('Profiler.start');
		},
		async stop(phase: string) {
			const page = (await cdp.send('Profiler.stop')).profile as unknown as Profile;
			const worker = ((await inWorker('Profiler.stop')) as { profile: Profile }).profile;
			for (const [where, profile] of [
				['page', page],
				['worker', worker],
			] as const) {
				writeFileSync(join(OUT, `${phase}-${where}.cpuprofile`), JSON.stringify(profile));
				const h = heaviest(profile);
				console.log(`\n== ${phase}, ${where}: self\n${h.self.join('\n')}`);
				console.log(`== ${phase}, ${where}: total\n${h.total.join('\n')}`);
			}
		},
	};
}

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const path = await generateClients(LOCK_ROWS);
	const server = startLockPreview(PORT);
	const profile = await freshProfile({ viewport: { width: 1280, height: 900 } });
	const { context } = profile;
	try {
		await waitForPort(PORT, 30_000);
		const page: Page = await profile.page();
		await page.addInitScript(LOCK_INIT);
		const cdp = await context.newCDPSession(page);
		const profiler = await profilers(cdp);
		await page.goto(`http://127.0.0.1:${PORT}/`);
		await page.locator('#csv-file').waitFor({ state: 'attached' });
		await turnOnLock(page);
		await profiler.start();
		console.log('import', await importDraft(page, path, LOCK_ROWS));
		await profiler.stop('import');
		await profiler.start();
		const times = (await edits(page)).sort((a, b) => a - b);
		console.log(`edits: p50 ${times[times.length >> 1]?.toFixed(1)} ms over ${times.length}`);
		await profiler.stop('edits');
		await page.reload();
		const field = page.getByLabel('Passphrase', { exact: true });
		await field.waitFor({ state: 'visible', timeout: 120_000 });
		await field.fill(LOCK_PASSPHRASE);
		await profiler.start();
		const start = Date.now();
		await page.getByRole('button', { name: 'Unlock', exact: true }).click();
		await page
			.locator('[data-key="email_address"] .value')
			.first()
			.waitFor({ state: 'visible', timeout: 120_000 });
		console.log(`unlock → rows ${Date.now() - start} ms (Node clock, with the profiler on)`);
		await profiler.stop('unlock');
		// WebCrypto's PBKDF2 runs off the sampled threads: timed on its own, as the lock derives it.
		const derive = await page.evaluate(async (iterations) => {
			const times: number[] = [];
			for (let i = 0; i < 3; i++) {
				const t0 = performance.now();
				const base = await crypto.subtle.importKey(
					'raw',
					new TextEncoder().encode('harbour lantern 42 cobalt'),
					'PBKDF2',
					false,
					['deriveBits'],
				);
				const salt = crypto.getRandomValues(new Uint8Array(16));
				await crypto.subtle.deriveBits(
					{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
					base,
					256,
				);
				times.push(Math.round(performance.now() - t0));
			}
			return times;
		}, PBKDF2_ITERATIONS);
		console.log(
			`PBKDF2-SHA-256, ${PBKDF2_ITERATIONS} iterations, in the page: ${derive.join(', ')} ms`,
		);
	} finally {
		await profile.close();
		server.kill();
	}
	console.log(`\nProfiles in ${OUT}`);
}

await main();
