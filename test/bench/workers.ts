// Issue 16, two workers: the same file chosen → summary with one worker (the draft worker reads
// it all) and with two (a parse worker reads its second part), each in a fresh Chromium, and the
// ratio. Each run is made one way or the other by a flag the app never sets (browser.ts): by
// itself the app reads files from 48 MB on with two.
import { inFreshBrowsers, measureImport, type BrowserCase, type BrowserResult } from './browser.ts';
import type { Measured } from './results.ts';
import type { Table } from './tables.ts';

export interface WorkersPair {
	rows: number;
	one: BrowserResult;
	two: BrowserResult;
}

const n = new Intl.NumberFormat('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Each case with one worker, then with two. A run where a parse worker started when told not
 * to, or where the file was not split when told to, stops the bench: its ratio would compare
 * nothing.
 */
export async function benchWorkers(
	cases: BrowserCase[],
): Promise<{ chromium: string; results: WorkersPair[] }> {
	const modes = cases.flatMap((c) => [
		{ c, twoWorkers: false },
		{ c, twoWorkers: true },
	]);
	const run = await inFreshBrowsers(modes, (profile, m) =>
		measureImport(profile, m.c, { twoWorkers: m.twoWorkers }),
	);
	const results = cases.map((c, i) => {
		const one = run.results[2 * i] as BrowserResult;
		const two = run.results[2 * i + 1] as BrowserResult;
		if (one.parseWorker || !two.parseWorker)
			throw new Error(
				`${n.format(c.rows)} rows: a parse worker started when told not to, or none when told to`,
			);
		return { rows: c.rows, one, two };
	});
	return { chromium: run.chromium, results };
}

export function workersTable(pairs: readonly WorkersPair[]): Table {
	return {
		title:
			'Chromium: file chosen → summary, one worker vs two (a parse worker reads the second part; target ≤ 3 s at 1M)',
		head: [
			'rows',
			'one worker',
			'two workers',
			'two ÷ one',
			'renderer CPU one / two',
			'peak RSS one / two',
		],
		rows: pairs.map((p) => [
			n.format(p.rows),
			seconds(p.one.totalMs),
			`${seconds(p.two.totalMs)}${p.rows >= 1e6 && p.two.totalMs > 3000 ? ' (over)' : ''}`,
			(p.two.totalMs / Math.max(1, p.one.totalMs)).toFixed(2),
			`${seconds(p.one.rendererCpuMs)} / ${seconds(p.two.rendererCpuMs)}`,
			`${p.one.rendererRssMb} / ${p.two.rendererRssMb} MB`,
		]),
	};
}

export function workersMeasurements(pairs: readonly WorkersPair[]): Measured[] {
	return pairs.flatMap((p) => {
		const name = `chromium.workers.${p.rows}`;
		const base = { rows: p.rows, kind: 'chromium' as const, better: 'lower' as const };
		return [
			{ ...base, name: `${name}.one_ms`, value: p.one.totalMs, unit: 'ms' as const },
			{
				...base,
				name: `${name}.two_ms`,
				value: p.two.totalMs,
				unit: 'ms' as const,
				...(p.rows >= 1e6 ? { target: 3000 } : {}),
			},
			{
				...base,
				name: `${name}.two_over_one`,
				value: Math.round((p.two.totalMs / Math.max(1, p.one.totalMs)) * 100) / 100,
				unit: 'ratio' as const,
			},
			{ ...base, name: `${name}.two_rss_mb`, value: p.two.rendererRssMb, unit: 'MB' as const },
		];
	});
}
