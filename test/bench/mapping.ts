// Benchmark of the mapping step (issue 11) in Chromium: a 1M-row file whose headers Roster does
// not know (the benchmark clients under other names): file chosen → the step's first select on
// screen (only the header and a sample are read, target ≤ 1 s), then "Import" → every row saved
// and the summary shown, against the same rows in template form imported directly (no step).
// The two imports alternate in fresh browsers, so a busy moment of the machine hits both alike.
import {
	closeSync,
	createReadStream,
	createWriteStream,
	existsSync,
	openSync,
	readSync,
	renameSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FreshProfile } from './profile.ts';
import { cpuSeconds, inFreshBrowsers, PREVIEW_PORT, renderers } from './browser.ts';
import { generateClients, OUT_DIR } from './generate-clients.ts';

/** The benchmark clients' columns under names no alias knows, in the same order. */
const UNKNOWN = ['Contact', 'Secret', 'Given', 'Family', 'Born', 'Sex', 'Label', 'Ref'];
const FIELDS = [
	'email_address',
	'initial_password',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
	'tag',
	'external_id',
];
const TIMEOUT_MS = 600_000;
const ROUNDS = Number(process.env.BENCH_MAPPING_ROUNDS ?? 2);

export interface MappingRun {
	form: 'template' | 'unknown headers';
	/** File chosen → the step's first select visible (unknown headers only). */
	stepMs: number | null;
	/** Template: file chosen → summary; unknown headers: "Import" pressed → summary. */
	importMs: number;
	/** CPU time of the renderers (page, worker, Blink) over the import span: steadier under load. */
	importCpuMs: number;
	/** Longest main-thread task in the import span (0: none over 50 ms). */
	longestTaskMs: number;
	summary: string;
}

export interface MappingBenchResult {
	rows: number;
	runs: MappingRun[];
	/** Median import with the step over median import in template form: wall time, CPU time. */
	ratio: number;
	cpuRatio: number;
}

type Bench = {
	longTasks: [number, number][];
	chosenAt: number | null;
	stepAt: number | null;
	importAt: number | null;
	doneAt: number | null;
};
type BenchWindow = { __bench: Bench };

// A string, not a function: tsx may add helpers the page does not have. Times on the page clock.
const INIT = `(() => {
	const bench = (window.__bench = { longTasks: [], chosenAt: null, stepAt: null, importAt: null, doneAt: null });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
	}).observe({ type: 'longtask', buffered: true });
	document.addEventListener('change', (e) => {
		if (e.target.id === 'csv-file') bench.chosenAt = performance.now();
	}, true);
	document.addEventListener('click', (e) => {
		const button = e.target.closest ? e.target.closest('button') : null;
		if (button && button.textContent.trim() === 'Import' && bench.importAt === null)
			bench.importAt = performance.now();
	}, true);
	new MutationObserver(() => {
		if (bench.chosenAt === null) return;
		if (bench.stepAt === null) {
			for (const select of document.querySelectorAll('select')) {
				const label = select.labels && select.labels[0];
				if (label && /^\\s*Column A ·/.test(label.textContent) && select.checkVisibility()) {
					bench.stepAt = performance.now();
					break;
				}
			}
		}
		// The summary appears only once every row is committed to IndexedDB.
		if (bench.doneAt === null && document.querySelector('[data-testid=summary]'))
			bench.doneAt = performance.now();
	}).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

/** The benchmark clients file with its header row renamed (written once, like the others). */
async function unknownHeaderFile(rows: number): Promise<{ template: string; unknown: string }> {
	const template = await generateClients(rows);
	const unknown = join(OUT_DIR, `mapping-${rows}-v1.csv`);
	if (!existsSync(unknown)) {
		const start = Buffer.alloc(512);
		const fd = openSync(template, 'r');
		readSync(fd, start, 0, start.length, 0);
		closeSync(fd);
		const end = start.indexOf('\r\n');
		const out = createWriteStream(`${unknown}.partial`);
		out.write(UNKNOWN.join(',') + '\r\n');
		await pipeline(createReadStream(template, { start: end + 2 }), out);
		renameSync(`${unknown}.partial`, unknown);
	}
	return { template, unknown };
}

const read = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench);

function longest(bench: Bench, from: number, to: number): number {
	const during = bench.longTasks.filter(([s, d]) => s + d > from && s < to);
	return Math.round(Math.max(0, ...during.map(([, d]) => d)));
}

async function summaryOf(page: Page, rows: number): Promise<string> {
	const text = ((await page.getByTestId('summary').textContent()) ?? '').replace(/\s+/g, ' ');
	const shown = /([\d,]+) clients? ready · ([\d,]+) need/.exec(text);
	const total = shown
		? Number(shown[1]!.replace(/,/g, '')) + Number(shown[2]!.replace(/,/g, ''))
		: 0;
	if (total !== rows) throw new Error(`Draft shows ${total} rows, expected ${rows}: ${text}`);
	return text.trim();
}

interface Case {
	form: MappingRun['form'];
	path: string;
	rows: number;
}

async function measure(profile: FreshProfile, c: Case): Promise<MappingRun> {
	const { browser } = profile;
	const page = await profile.page();
	await page.addInitScript(INIT);
	await page.goto(`http://127.0.0.1:${PREVIEW_PORT}/`);
	await page.locator('#csv-file').waitFor({ state: 'attached' });
	await page.setInputFiles('#csv-file', c.path);
	const polling = { timeout: TIMEOUT_MS, polling: 100 };
	let stepMs: number | null = null;
	let cpuBefore = cpuSeconds(await renderers(browser));
	if (c.form === 'unknown headers') {
		await page.waitForFunction(
			() => (window as unknown as BenchWindow).__bench.stepAt !== null,
			null,
			polling,
		);
		const bench = await read(page);
		stepMs = Math.round((bench.stepAt ?? 0) - (bench.chosenAt ?? 0));
		// Whatever was suggested, the pro's choice: each column to its field.
		for (const [i, header] of UNKNOWN.entries())
			await page
				.getByRole('combobox', { name: `Column ${String.fromCharCode(65 + i)} · ${header}` })
				.selectOption(FIELDS[i]!);
		cpuBefore = cpuSeconds(await renderers(browser));
		await page.getByRole('button', { name: 'Import', exact: true }).click();
	}
	await page.waitForFunction(
		() => (window as unknown as BenchWindow).__bench.doneAt !== null,
		null,
		polling,
	);
	const cpuAfter = cpuSeconds(await renderers(browser));
	const bench = await read(page);
	const from = (c.form === 'template' ? bench.chosenAt : bench.importAt) ?? 0;
	const to = bench.doneAt ?? 0;
	const summary = await summaryOf(page, c.rows);
	return {
		form: c.form,
		stepMs,
		importMs: Math.round(to - from),
		importCpuMs: Math.round((cpuAfter - cpuBefore) * 1000),
		longestTaskMs: longest(bench, from, to),
		summary,
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function benchMapping(
	rows = 1_000_000,
): Promise<{ chromium: string; result: MappingBenchResult }> {
	const files = await unknownHeaderFile(rows);
	const cases: Case[] = [];
	for (let round = 0; round < ROUNDS; round++)
		cases.push(
			{ form: 'template', path: files.template, rows },
			{ form: 'unknown headers', path: files.unknown, rows },
		);
	const { chromium, results } = await inFreshBrowsers(cases, measure);
	const summaries = new Set(results.map((r) => r.summary));
	if (summaries.size !== 1)
		throw new Error(`The two forms give different drafts: ${[...summaries].join(' | ')}`);
	const ratioOf = (time: (r: MappingRun) => number) => {
		const of = (form: MappingRun['form']) =>
			median(results.filter((r) => r.form === form).map(time));
		return Math.round((of('unknown headers') / of('template')) * 100) / 100;
	};
	const ratio = ratioOf((r) => r.importMs);
	const cpuRatio = ratioOf((r) => r.importCpuMs);
	return { chromium, result: { rows, runs: results, ratio, cpuRatio } };
}

/** Read beside the table: what the numbers include, and why there are several runs. */
export const MAPPING_NOTES = [
	'Mapping step: the template import is timed from the file chosen (its first look at the header is part of it), the mapped one from "Import" (the step itself waits on the pro). The renderer CPU column counts the page, worker and Blink threads over the same span; on a shared, loaded machine it varies less than the wall time. `BENCH_MAPPING_ROUNDS=3` runs more rounds.',
];

/** The result as a table for run.ts (same shape as its own tables). */
export function mappingTable(r: MappingBenchResult): {
	title: string;
	head: string[];
	rows: string[][];
} {
	const n = new Intl.NumberFormat('en-US');
	const ms = (v: number) => `${n.format(v)} ms`;
	return {
		title: `Chromium mapping step, ${n.format(r.rows)} rows, headers ${UNKNOWN.join(',')} vs the same rows in template form: file chosen → the step's first select (target ≤ 1 s); import → every row saved and the summary shown (template: from the file chosen; unknown headers: from "Import"); import ratio of medians ${r.ratio} wall, ${r.cpuRatio} renderer CPU (target ≈ 1.0)`,
		head: [
			'run',
			'form',
			'file → step',
			'import → summary',
			'renderer CPU (import)',
			'longest task (import)',
			'summary',
		],
		rows: r.runs.map((run, i) => [
			String((i >> 1) + 1),
			run.form,
			run.stepMs === null ? '—' : `${ms(run.stepMs)}${run.stepMs > 1000 ? ' (over)' : ''}`,
			ms(run.importMs),
			ms(run.importCpuMs),
			run.longestTaskMs === 0 ? 'none > 50 ms' : ms(run.longestTaskMs),
			run.summary,
		]),
	};
}
