// Browser benchmark: the built app (vite preview) in Debian's Chromium. For each file: time from
// file chosen to the final summary, the longest main-thread task (Long Tasks API), the page's and
// the worker's JS heap and the renderer process's peak RSS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, CDPSession, Page } from 'playwright-core';
import { allowTwoWorkers, forbidTwoWorkers } from '../e2e/worker-flags.ts';
import { freshProfile, type FreshProfile } from './profile.ts';

const ROOT = join(import.meta.dirname, '../..');
export const PREVIEW_PORT = 4391;
const PORT = PREVIEW_PORT;
const TIMEOUT_MS = 300_000;

export interface BrowserCase {
	path: string;
	rows: number;
	/** The counts the summary line must show (from the Node run of the same core). */
	validRows: number;
	errorRows: number;
}

export interface BrowserResult {
	rows: number;
	/** Page clock: the input's change event → the summary line showing the expected counts. */
	totalMs: number;
	/** Longest Long Tasks API entry overlapping that span (0: none over 50 ms). */
	longestTaskMs: number;
	longTasks: number;
	/** Main-thread isolate only (CDP Performance.getMetrics JSHeapUsedSize), sampled every 100 ms. */
	pageHeapMb: number;
	/** The import worker's isolate (CDP Runtime.getHeapUsage), sampled every 100 ms; null if unavailable. */
	workerHeapMb: number | null;
	/** VmHWM of the renderer process (page + worker + Blink + file data). */
	rendererRssMb: number;
	/** CPU time the renderer used from file chosen to summary: less skewed than wall time on a busy machine. */
	rendererCpuMs: number;
	/** Whether the parse worker started: a second worker read part of the file. */
	parseWorker?: boolean;
}

/**
 * How the app reads the file: `twoWorkers` true, the draft worker starts a parse worker for any
 * file; false, for none; absent, as the app decides (from 48 MB on, src/worker/parse-spawn.ts).
 */
export interface ImportMode {
	twoWorkers?: boolean;
}

/** What the init script records in the page, as `window.__bench`. */
interface PageBench {
	/** [startTime, duration] of each long task. */
	longTasks: [number, number][];
	chosenAt: number | null;
	doneAt: number | null;
}
type BenchWindow = { __bench: PageBench };

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function newestMtime(path: string): number {
	const info = statSync(path);
	if (!info.isDirectory()) return info.mtimeMs;
	return Math.max(info.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** Builds the app when dist/ is missing or older than its sources. */
export function ensureBuild(): void {
	const built = join(ROOT, 'dist/index.html');
	const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(ROOT, p));
	if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
	console.log('Building the app (dist/ is missing or older than src/)…');
	const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

export function waitForPort(port: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.end();
				resolve();
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline) reject(new Error(`Nothing listens on port ${port}`));
				else setTimeout(attempt, 200);
			});
		};
		attempt();
	});
}

export function startPreview(): ChildProcess {
	const args = ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1'];
	return spawn(process.execPath, [...args, '--port', String(PORT), '--strictPort'], {
		cwd: ROOT,
		stdio: 'ignore',
	});
}

// A string, not a function: tsx may add helpers to functions that the page does not have. The
// counts are compared as digits, so the script needs no Intl (which would warm it for the app).
function initScript(validRows: number, errorRows: number): string {
	return `(() => {
		const bench = (window.__bench = { longTasks: [], chosenAt: null, doneAt: null });
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
		}).observe({ type: 'longtask', buffered: true });
		document.addEventListener('change', (e) => {
			if (e.target.id === 'csv-file') bench.chosenAt = performance.now();
		}, true);
		new MutationObserver(() => {
			if (bench.chosenAt === null || bench.doneAt !== null) return;
			const text = document.querySelector('[data-testid=summary]')?.textContent ?? '';
			if (text.replace(/\\D/g, '').startsWith('${validRows}${errorRows}')) bench.doneAt = performance.now();
		}).observe(document, { subtree: true, childList: true, characterData: true });
	})();`;
}

/** Polls the import worker's heap over a second, non-flattened CDP session (null if none). */
export async function workerHeapSampler(
	session: CDPSession,
): Promise<() => Promise<number | null>> {
	let workerSession: string | null = null;
	let nextId = 1;
	const waiting = new Map<number, (used: number) => void>();
	session.on('Target.attachedToTarget', (e) => {
		if (e.targetInfo.type === 'worker') workerSession = e.sessionId;
	});
	session.on('Target.receivedMessageFromTarget', (e) => {
		const message = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
		if (message.id !== undefined) waiting.get(message.id)?.(message.result?.usedSize ?? 0);
	});
	await session.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false,
	});
	return async () => {
		if (!workerSession) return null;
		const id = nextId++;
		const used = new Promise<number>((resolve) => waiting.set(id, resolve));
		const message = JSON.stringify({ id, method: 'Runtime.getHeapUsage' });
		await session.send('Target.sendMessageToTarget', { sessionId: workerSession, message });
		return used;
	};
}

export function vmHwmMb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
	} catch {
		return 0; // the process is gone already
	}
}

/** Chromium's processes: type (browser, renderer, gpu…), pid and CPU seconds used so far. */
export async function chromiumProcesses(
	browser: Browser,
): Promise<{ type: string; id: number; cpuTime: number }[]> {
	const session = await browser.newBrowserCDPSession();
	const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
		processInfo: { type: string; id: number; cpuTime: number }[];
	};
	await session.detach();
	return processInfo;
}

/** The renderer processes: pid and CPU seconds used so far (all threads: page, worker, Blink). */
export async function renderers(browser: Browser): Promise<{ id: number; cpuTime: number }[]> {
	return (await chromiumProcesses(browser)).filter((p) => p.type === 'renderer');
}

export const cpuSeconds = (list: { cpuTime: number }[]) =>
	list.reduce((sum, p) => sum + p.cpuTime, 0);

/** One import: file chosen → summary, in a fresh profile. */
export async function measureImport(
	profile: FreshProfile,
	c: BrowserCase,
	mode: ImportMode = {},
): Promise<BrowserResult> {
	const { browser, context } = profile;
	if (mode.twoWorkers === true) await allowTwoWorkers(context);
	if (mode.twoWorkers === false) await forbidTwoWorkers(context);
	const page: Page = await profile.page();
	let parseWorker = false;
	page.on('worker', (worker) => {
		if (worker.url().includes('parse.worker')) parseWorker = true;
	});
	await page.addInitScript(initScript(c.validRows, c.errorRows));
	await page.goto(`http://127.0.0.1:${PORT}/`);
	await page.locator('#csv-file').waitFor({ state: 'attached' });
	const cdp = await context.newCDPSession(page);
	await cdp.send('Performance.enable');
	const workerHeap = await workerHeapSampler(cdp);
	let pageHeap = 0;
	let workerPeak: number | null = null;
	const sample = async () => {
		const { metrics } = await cdp.send('Performance.getMetrics');
		const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
		pageHeap = Math.max(pageHeap, used);
		const w = await workerHeap();
		if (w !== null) workerPeak = Math.max(workerPeak ?? 0, w);
	};
	const cpuBefore = cpuSeconds(await renderers(browser));
	const sampler = setInterval(() => void sample().catch(() => {}), 100);
	try {
		await page.setInputFiles('#csv-file', c.path);
		// Functions, not strings: the app's CSP forbids eval.
		const done = () => (window as unknown as BenchWindow).__bench.doneAt !== null;
		await page.waitForFunction(done, null, { timeout: TIMEOUT_MS, polling: 250 });
		await page.locator('[data-testid=summary]').waitFor({ state: 'visible' });
	} finally {
		clearInterval(sampler);
	}
	await sample();
	const bench = await page.evaluate(() => (window as unknown as BenchWindow).__bench);
	const chosenAt = bench.chosenAt ?? 0;
	const doneAt = bench.doneAt ?? 0;
	const during = bench.longTasks.filter(
		([start, duration]) => start + duration > chosenAt && start < doneAt,
	);
	const after = await renderers(browser);
	// Read while the renderer lives: a closed one is a zombie without VmHWM.
	const rendererRssMb = Math.max(0, ...after.map((p) => vmHwmMb(p.id)));
	return {
		rows: c.rows,
		totalMs: Math.round(doneAt - chosenAt),
		longestTaskMs: Math.round(Math.max(0, ...during.map(([, d]) => d))),
		longTasks: during.length,
		pageHeapMb: mb(pageHeap),
		workerHeapMb: workerPeak === null ? null : mb(workerPeak),
		rendererRssMb,
		rendererCpuMs: Math.round((cpuSeconds(after) - cpuBefore) * 1000),
		parseWorker,
	};
}

/** `measure` in a Chromium and profile of its own (profile.ts), closed after whatever happens. */
export async function inFreshBrowser<R>(
	measure: (profile: FreshProfile) => Promise<R>,
	options: BrowserContextOptions = {},
): Promise<R> {
	const profile = await freshProfile(options);
	try {
		return await measure(profile);
	} finally {
		await profile.close();
	}
}

/**
 * Builds if needed, serves dist/, and runs `measure` for each case in a fresh Chromium (so the
 * renderer's peak RSS is that case's alone).
 */
export async function inFreshBrowsers<C, R>(
	cases: C[],
	measure: (profile: FreshProfile, c: C) => Promise<R>,
	options: BrowserContextOptions = {},
): Promise<{ chromium: string; results: R[] }> {
	ensureBuild();
	const server = startPreview();
	let version = '';
	const results: R[] = [];
	try {
		await waitForPort(PORT, 30_000);
		for (const c of cases)
			results.push(
				await inFreshBrowser((profile) => {
					version = profile.browser.version();
					return measure(profile, c);
				}, options),
			);
	} finally {
		server.kill();
	}
	return { chromium: version, results };
}

export function benchBrowser(
	cases: BrowserCase[],
): Promise<{ chromium: string; results: BrowserResult[] }> {
	return inFreshBrowsers(cases, (profile, c) => measureImport(profile, c));
}
