// Issue 15's benchmark: what five languages cost at start-up and what a switch takes, in the built
// app in Chromium. For each build (the last commit before i18n, and now) and language: the JS and
// CSS the page fetched before its first screen (the home screen's heading), raw and gzipped, and
// the time from navigation start to that heading (median of BENCH_LANG_LOADS cold loads, default
// 5, each in a fresh browser and profile without service worker, so nothing comes from a cache). Then the
// switch: Settings → "Français" chosen → the Settings screen reads French (median of 5, fresh
// contexts, so the French module is fetched each time). BENCH_DIST: a build of one's own to
// measure instead of building the working tree.
// `npm run bench -- --languages`. The "before" build is made once from a git worktree of
// BENCH_PRE_I18N_COMMIT (default 3cd03cb) sharing this node_modules; BENCH_PRE_DIST reuses one.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FreshProfile } from './profile.ts';
import { inFreshBrowser, waitForPort } from './browser.ts';

const ROOT = join(import.meta.dirname, '../..');
const PORT = Number(process.env.BENCH_LANG_PORT ?? 4394);
const LOADS = Number(process.env.BENCH_LANG_LOADS ?? 5);
const PRE_COMMIT = process.env.BENCH_PRE_I18N_COMMIT ?? '3cd03cb';
/** A build of one's own, used as it is; without it the bench builds the working tree. */
const OWN_DIST = process.env.BENCH_DIST;
const DIST_NOW = OWN_DIST ?? join(tmpdir(), 'roster-bench-languages');
const DIST_PRE = process.env.BENCH_PRE_DIST ?? join(tmpdir(), `roster-bench-pre-${PRE_COMMIT}`);

export interface StartupResult {
	build: string;
	locale: string;
	files: number;
	rawBytes: number;
	gzipBytes: number;
	/** Navigation start → the home screen's heading in the page; median of the loads. */
	firstScreenMs: number;
	allMs: number[];
	/** The files' paths, to see what the first screen needed. */
	urls: string[];
}

export interface LanguagesBenchResult {
	startup: StartupResult[];
	/** "Français" chosen → the Settings screen in French; median, and each run. */
	switchMs: number;
	switchAllMs: number[];
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
};

function vite(cwd: string, args: string[]): void {
	execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), ...args], {
		cwd,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

/** The app as it was before i18n, built once from a worktree that borrows this node_modules. */
function buildBefore(): void {
	if (existsSync(join(DIST_PRE, 'index.html'))) return;
	const tree = join(tmpdir(), `roster-pre-${PRE_COMMIT}`);
	if (!existsSync(tree))
		execFileSync('git', ['worktree', 'add', '--detach', tree, PRE_COMMIT], { cwd: ROOT });
	if (!existsSync(join(tree, 'node_modules')))
		symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
	console.log(`Building ${PRE_COMMIT} (before i18n) into ${DIST_PRE}…`);
	vite(tree, ['build', '--outDir', DIST_PRE, '--emptyOutDir']);
}

/** A preview server of `dist` on PORT; fails rather than measure another server left on it. */
async function preview(dist: string): Promise<ChildProcess> {
	const server = spawn(
		process.execPath,
		[
			'node_modules/vite/bin/vite.js',
			'preview',
			'--host',
			'127.0.0.1',
			'--port',
			String(PORT),
			'--strictPort',
			'--outDir',
			dist,
		],
		{ cwd: ROOT, stdio: 'ignore' },
	);
	const exited = new Promise<never>((_, reject) =>
		server.once('exit', () => reject(new Error(`port ${PORT} is taken: cannot serve ${dist}`))),
	);
	await Promise.race([waitForPort(PORT, 30_000), exited]);
	// --strictPort exits when the port is taken, which may come just after the port answered.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	if (server.exitCode !== null) throw new Error(`port ${PORT} is taken: cannot serve ${dist}`);
	return server;
}

/** Stops a preview server and waits until it is gone, so the next one gets the port. */
async function stop(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null || server.signalCode !== null) return;
	const gone = new Promise((resolve) => server.once('exit', resolve));
	server.kill();
	await gone;
}

// A string, not a function: tsx may add helpers the page does not have.
const FIRST_SCREEN_SCRIPT = `(() => {
	const seen = () => {
		if (window.__firstScreen === undefined && document.getElementById('picker-title'))
			window.__firstScreen = performance.now();
	};
	new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})();`;

async function coldLoad(
	profile: FreshProfile,
): Promise<{ ms: number; files: { url: string; body: Buffer }[] }> {
	const page = await profile.page();
	await page.addInitScript(FIRST_SCREEN_SCRIPT);
	const pending: Promise<{ url: string; body: Buffer } | null>[] = [];
	let shown = false;
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if (shown || (type !== 'script' && type !== 'stylesheet')) return;
		pending.push(
			response.body().then(
				(body) => ({ url: response.url(), body }),
				() => null,
			),
		);
	});
	await page.goto(`http://127.0.0.1:${PORT}/`);
	await page.locator('#picker-title').waitFor({ timeout: 60_000 });
	shown = true;
	const ms = await page.evaluate(
		() => (window as unknown as { __firstScreen: number }).__firstScreen,
	);
	const files = (await Promise.all(pending)).filter((f) => f !== null);
	return { ms, files };
}

async function startup(build: string, dist: string, tags: string[]): Promise<StartupResult[]> {
	const server = await preview(dist);
	const results: StartupResult[] = [];
	try {
		for (const tag of tags) {
			const runs = [];
			for (let i = 0; i < LOADS; i++) runs.push(await inFreshBrowser(coldLoad, { locale: tag }));
			const files = runs[0]!.files;
			results.push({
				build,
				locale: tag,
				files: files.length,
				rawBytes: files.reduce((s, f) => s + f.body.length, 0),
				gzipBytes: files.reduce((s, f) => s + gzipSync(f.body).length, 0),
				firstScreenMs: Math.round(median(runs.map((r) => r.ms))),
				allMs: runs.map((r) => Math.round(r.ms)),
				urls: files.map((f) => new URL(f.url).pathname),
			});
			console.log(`${build}, ${tag}: ${results.at(-1)!.urls.join(' ')}`);
		}
	} finally {
		await stop(server);
	}
	return results;
}

// A string too: resolves with the time from the language select's change to the first frame
// where <html lang> is fr and the language fieldset's legend reads "Langue".
const SWITCH_SCRIPT = `new Promise((resolve) => {
	let start = 0;
	const check = () => {
		const legend = document.querySelector('#app-language')?.closest('fieldset')?.querySelector('legend');
		if (document.documentElement.lang === 'fr' && legend?.textContent?.trim() === 'Langue')
			resolve(performance.now() - start);
		else requestAnimationFrame(check);
	};
	document.addEventListener('change', () => {
		start = performance.now();
		requestAnimationFrame(check);
	}, { capture: true, once: true });
})`;

async function switchOnce(profile: FreshProfile): Promise<number> {
	const page = await profile.page();
	await page.goto(`http://127.0.0.1:${PORT}/`);
	await page.locator('#picker-title').waitFor({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Settings', exact: true }).click();
	const select = page.locator('select#app-language');
	await select.waitFor();
	// Timed in the page: the choice's change event → the first frame whose legend is French.
	const timed = page.evaluate(SWITCH_SCRIPT) as Promise<number>;
	await select.selectOption('fr');
	return Math.round(await timed);
}

export async function benchLanguages(): Promise<{
	chromium: string;
	result: LanguagesBenchResult;
}> {
	buildBefore();
	if (!OWN_DIST) {
		console.log(`Building the app into ${DIST_NOW}…`);
		vite(ROOT, ['build', '--outDir', DIST_NOW, '--emptyOutDir']);
	}
	const chromium = await inFreshBrowser((p) => Promise.resolve(p.browser.version()));
	const before = await startup(`before i18n (${PRE_COMMIT})`, DIST_PRE, ['en-US']);
	const now = await startup('now', DIST_NOW, ['en-US', 'fr-FR']);
	const server = await preview(DIST_NOW);
	const switches: number[] = [];
	try {
		for (let i = 0; i < LOADS; i++)
			switches.push(await inFreshBrowser(switchOnce, { locale: 'en-US' }));
	} finally {
		await stop(server);
	}
	return {
		chromium,
		result: { startup: [...before, ...now], switchMs: median(switches), switchAllMs: switches },
	};
}

export function languagesTables(r: LanguagesBenchResult): {
	title: string;
	head: string[];
	rows: string[][];
}[] {
	const n = new Intl.NumberFormat('en-US');
	const kb = (bytes: number) => `${n.format(Math.round(bytes / 1024))} KB`;
	return [
		{
			title: `Chromium start-up: JS and CSS fetched before the first screen (home heading), and navigation start → that heading (median of ${LOADS} cold loads, each run in ms)`,
			head: ['build', 'browser language', 'files', 'raw', 'gzip', 'first screen', 'runs'],
			rows: r.startup.map((s) => [
				s.build,
				s.locale,
				String(s.files),
				kb(s.rawBytes),
				kb(s.gzipBytes),
				`${n.format(s.firstScreenMs)} ms`,
				s.allMs.join(', '),
			]),
		},
		{
			title: `Chromium language switch: Settings, "Français" chosen → the screen in French (median of ${LOADS}, fresh profiles: the French module is fetched each time)`,
			head: ['switch', 'runs'],
			rows: [[`${n.format(r.switchMs)} ms`, r.switchAllMs.map((v) => `${v} ms`).join(', ')]],
		},
	];
}

export const LANGUAGES_NOTES = [
	'Languages: sizes are the bodies of the script and stylesheet responses the page received before the home heading appeared (the draft worker included when it is fetched that early), raw as `vite preview` serves them and gzipped (level 6) as a compressing server would; the service worker is blocked so it neither serves nor precaches. The "before" build is the last commit before i18n, built from a git worktree with the same node_modules. The page and the draft worker each fetch the language’s message module and Paraglide’s registry (four of the eight files now; the run prints each file).',
];
