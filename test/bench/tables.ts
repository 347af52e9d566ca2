// The tables a bench run prints and records: the core in Node, the app in Chromium, notices and
// sync. Each marks a number past its target "(over)" instead of failing the run.
import type { NodeResult } from './node.ts';
import type { BrowserResult } from './browser.ts';
import type { DraftBenchResult } from './drafts.ts';
import type { NoticeBenchResult } from './notices.ts';
import type { ServerBenchResult, SyncBenchResult } from './sync.ts';

const n = new Intl.NumberFormat('en-US');

export type Table = { title: string; head: string[]; rows: string[][] };

export function text(t: Table): string {
	const all = [t.head, ...t.rows];
	const widths = t.head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]) =>
		r
			.map((c, i) => c.padEnd(widths[i]!))
			.join('  ')
			.trimEnd();
	return [t.title, line(t.head), ...t.rows.map(line)].join('\n');
}

export function markdown(t: Table): string {
	const line = (r: string[]) => `| ${r.join(' | ')} |`;
	return [
		`**${t.title}**`,
		'',
		line(t.head),
		line(t.head.map(() => '---')),
		...t.rows.map(line),
	].join('\n');
}

const ms = (v: number) => `${n.format(v)} ms`;
const perSec = (rows: number, v: number) => `${n.format(Math.round((rows / v) * 1000))}/s`;

const over = (bad: boolean) => (bad ? ' (over)' : '');

export function nodeTables(results: NodeResult[]): Table[] {
	return [
		{
			title:
				'Node: importCsv (parse + validate) vs bare papaparse on the same decoded text; medians of 3, wall (process CPU)',
			head: ['rows', 'MB', 'core', 'core rows/s', 'papaparse', 'papa rows/s', 'ratio (≤ 1.3)'],
			rows: results.map((r) => [
				n.format(r.rows),
				(r.bytes / 1e6).toFixed(1),
				`${ms(r.coreMs)} (${ms(r.coreCpuMs)})`,
				perSec(r.rows, r.coreMs),
				`${ms(r.papaMs)} (${ms(r.papaCpuMs)})`,
				perSec(r.rows, r.papaMs),
				`${r.ratio}${over(r.ratio > 1.3)}`,
			]),
		},
		{
			title:
				"Node: importCsv stages (cumulative, medians of 3), validation and storing (each run's importCsv less its CSV records, timed in turn; median; 1M target ≤ 0.5 s), summary after import, memory",
			head: [
				'rows',
				'read',
				'+decode',
				'+CSV records',
				'+validate',
				'validation (paired)',
				'summary',
				'peak RSS',
				'heap',
			],
			rows: results.map((r) => [
				n.format(r.rows),
				ms(r.readMs),
				ms(r.decodeMs),
				ms(r.recordsMs),
				ms(r.coreMs),
				`${ms(r.validateMs)}${over(r.rows === 1_000_000 && r.validateMs > 500)}`,
				ms(r.summaryMs),
				`${r.peakRssMb} MB`,
				`${r.peakHeapMb} MB peak, ${r.retainedHeapMb} MB held`,
			]),
		},
	];
}

export function browserTable(results: BrowserResult[]): Table {
	return {
		title:
			'Chromium: file chosen → every row saved in the draft and its summary shown (1M targets: < 5 s validated (issue 2), < 15 s saved (issue 3)), main-thread long tasks in that span (target none > 50 ms)',
		head: [
			'rows',
			'time',
			'renderer CPU',
			'longest task',
			'long tasks',
			'page JS heap',
			'worker JS heap',
			'renderer peak RSS',
		],
		rows: results.map((r) => [
			n.format(r.rows),
			`${ms(r.totalMs)}${over(r.rows >= 1e6 && r.totalMs >= 5000)}`,
			ms(r.rendererCpuMs),
			r.longestTaskMs === 0 ? 'none > 50 ms' : `${ms(r.longestTaskMs)} (over)`,
			String(r.longTasks),
			`${r.pageHeapMb} MB`,
			r.workerHeapMb === null ? 'n/a' : `${r.workerHeapMb} MB`,
			`${r.rendererRssMb} MB`,
		]),
	};
}

export function draftTable(results: DraftBenchResult[]): Table {
	const tenth = (v: number) => `${v.toFixed(1)} ms`;
	return {
		title:
			'Chromium drafts: import to a saved draft (target 1M < 15 s, no task > 50 ms); cell edit → committed over 1,000 edits (p99 < 16 ms) and → the typed value painted (one frame); open from the list → first rows shown (1M < 1 s); grid scroll (p95 frame < 16 ms): step = script + style + layout of one scroll step, forced synchronously; frame = interval between animation frames (60 Hz: 16.7 ms at best)',
		head: [
			'rows',
			'import → saved',
			'longest task',
			'edit p50',
			'edit p99',
			'edit → painted p50 / p99',
			'Enter → committed p50 / p99',
			"Enter's keydown task p50 / p99",
			'edit → on disk p50 / p99',
			'open → rows',
			'longest task (open)',
			'glide: step p95 / frame p95 / frames with placeholders',
			'jump: step p95 / frame p95 / frames with placeholders',
		],
		rows: results.map((r) => [
			n.format(r.rows),
			`${ms(r.importMs)}${over(r.rows >= 1e6 && r.importMs >= 15_000)}`,
			r.importLongestTaskMs === 0 ? 'none > 50 ms' : `${ms(r.importLongestTaskMs)} (over)`,
			tenth(r.editP50Ms),
			`${tenth(r.editP99Ms)}${over(r.editP99Ms >= 16)}`,
			r.paintP50Ms === undefined || r.paintP99Ms === undefined
				? '—'
				: `${tenth(r.paintP50Ms)} / ${tenth(r.paintP99Ms)}${over(r.paintP99Ms > 16.7)}`,
			r.enterP50Ms === undefined || r.enterP99Ms === undefined
				? '—'
				: `${tenth(r.enterP50Ms)} / ${tenth(r.enterP99Ms)}`,
			r.keydownP50Ms === undefined || r.keydownP99Ms === undefined
				? '—'
				: `${tenth(r.keydownP50Ms)} / ${tenth(r.keydownP99Ms)}`,
			r.durableP50Ms === undefined || r.durableP99Ms === undefined
				? '—'
				: `${tenth(r.durableP50Ms)} / ${tenth(r.durableP99Ms)}`,
			`${ms(r.openMs)}${over(r.openMs >= 1000)}`,
			r.openLongestTaskMs === 0 ? 'none > 50 ms' : `${ms(r.openLongestTaskMs)}`,
			`${tenth(r.scrollStepP95Ms)}${over(r.scrollStepP95Ms >= 16)} / ${tenth(r.scrollFrameP95Ms)}${over(r.scrollFrameP95Ms >= 17)} / ${r.scrollBlankFrames} of 300`,
			`${tenth(r.jumpStepP95Ms)} / ${tenth(r.jumpFrameP95Ms)} / ${r.jumpBlankFrames} of 300`,
		]),
	};
}

export function noticeTable(r: NoticeBenchResult): Table {
	return {
		title:
			'Chromium notices: a draft of 1,000 clients without passwords; "Print notices" clicked → first notice on screen, → all built (Print enabled), longest main-thread task meanwhile (target none > 200 ms); page.pdf() of all of them',
		head: [
			'notices',
			'create passwords',
			'first notice',
			'all notices',
			'longest task',
			'PDF',
			'PDF pages',
			'PDF size',
		],
		rows: [
			[
				n.format(r.notices),
				ms(r.createPasswordsMs),
				ms(r.firstNoticeMs),
				ms(r.allNoticesMs),
				r.longestTaskMs === 0
					? 'none > 50 ms'
					: `${ms(r.longestTaskMs)}${over(r.longestTaskMs > 200)}`,
				ms(r.pdfMs),
				n.format(r.pdfPages),
				`${r.pdfMb} MB`,
			],
		],
	};
}

export function syncTables(runs: SyncBenchResult[], server: ServerBenchResult): Table[] {
	return [
		{
			title:
				'Chromium → reference server on this machine: "Send 100,000 clients" clicked → "All 100,000 synced" (target < 60 s with faults off; with faults on, exactly 100k rows)',
			head: [
				'clients',
				'faults',
				'time',
				'rows/s',
				'rows on the server',
				'CPU: renderer / browser / other Chromium / server',
			],
			rows: runs.map((r) => [
				n.format(r.rows),
				r.faults,
				`${ms(r.ms)}${over(r.faults === 'off' && r.ms >= 60_000)}`,
				`${n.format(r.rowsPerSec)}/s`,
				`${n.format(r.serverRows)}${r.serverRows === r.rows ? '' : ' (wrong)'}`,
				`${r.cpu.renderer} / ${r.cpu.browser} / ${r.cpu.otherChromium} / ${r.cpu.server} s`,
			]),
		},
		{
			title: 'Server alone: 500-client chunks posted from Node, 2 at a time',
			head: ['chunks', 'time', 'requests/s', 'rows/s', 'rows on the server'],
			rows: [
				[
					`${n.format(server.chunks)} × ${server.chunkSize}`,
					ms(server.ms),
					String(server.requestsPerSec),
					`${n.format(server.rowsPerSec)}/s`,
					n.format(server.serverRows),
				],
			],
		},
	];
}
