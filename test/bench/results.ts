// The entries of bench-out/results.json, built from the same result objects the tables are built
// from (tables.ts and each bench's own table function), so a number in the file is the number in
// the table. Targets come from issue 16's table; where it names none, from the target the table
// already marks "(over)". Time and memory targets were set for 1M rows, so they go on the 1M
// entries only; ratios and per-edit or per-task targets do not grow with the file and go on all.
import type { NodeResult } from './node.ts';
import type { BrowserResult } from './browser.ts';
import type { DraftBenchResult } from './drafts.ts';
import type { NoticeBenchResult } from './notices.ts';
import type { ServerBenchResult, SyncBenchResult } from './sync.ts';
import type { MappingBenchResult, MappingRun } from './mapping.ts';
import type { XlsxAppResult } from './xlsx-app.ts';
import type { LockBenchResult, LockMode } from './lock.ts';
import type { LanguagesBenchResult } from './languages.ts';
import type { RunStart } from './record.ts';
import { PROFILE, type ProfileKind } from './profile.ts';

/** Which benchmark measured an entry: the part of `npm run bench` that re-measures it. */
export type BenchKind =
	'node' | 'chromium' | 'drafts' | 'notices' | 'mapping' | 'xlsx' | 'lock' | 'languages' | 'sync';

export type Unit = 'ms' | 's' | 'MB' | 'bytes' | 'ratio' | 'rows/s' | 'count';

export interface Measurement {
	/** Stable and dotted, e.g. `node.importCsv.1000000.wall_ms`: the key runs are compared by. */
	name: string;
	value: number;
	unit: Unit;
	target?: number;
	better: 'lower' | 'higher';
	/** The code measured, as the record's "Code:" line says it (uncommitted changes included). */
	commit: string;
	/** When the run started, ISO 8601. */
	date: string;
	/** Load average (1 min) when the run started. */
	load: number;
	rows?: number;
	kind: BenchKind;
	/**
	 * Where Chromium kept the profile's data (profile.ts); absent for Node's measurements and in
	 * entries recorded before 2026-12-05, which were all off the record (`memory`).
	 */
	profile?: ProfileKind;
}

/** A measurement before it is stamped with the run it belongs to. */
export type Measured = Omit<Measurement, 'commit' | 'date' | 'load' | 'profile'>;

const MILLION = 1_000_000;
/** The send issue 16 sets a target for: 100k clients. */
const SYNC_ROWS = 100_000;

/** Adds the run's code, date and load to each measurement, and Chromium's profile to its own. */
export function stamp(
	measured: readonly Measured[],
	start: RunStart,
	profile: ProfileKind = PROFILE,
): Measurement[] {
	return measured.map((m) => ({
		...m,
		commit: start.code,
		date: start.date,
		load: start.load,
		...(m.kind === 'node' ? {} : { profile }),
	}));
}

type Options = { target?: number; rows?: number; better?: 'lower' | 'higher' };

/** A builder of one kind's entries: lower is better unless said otherwise. */
function builder(kind: BenchKind) {
	const out: Measured[] = [];
	const add = (name: string, value: number, unit: Unit, o: Options = {}) => {
		out.push({
			name,
			value,
			unit,
			...(o.target === undefined ? {} : { target: o.target }),
			better: o.better ?? 'lower',
			...(o.rows === undefined ? {} : { rows: o.rows }),
			kind,
		});
	};
	return { out, add };
}

/** A target that applies to the 1M-row entries only. */
const atMillion = (rows: number, target: number) => (rows >= MILLION ? target : undefined);

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

export function nodeMeasurements(results: readonly NodeResult[]): Measured[] {
	const { out, add } = builder('node');
	for (const r of results) {
		const core = `node.importCsv.${r.rows}`;
		const at = { rows: r.rows };
		add(`${core}.wall_ms`, r.coreMs, 'ms', at);
		add(`${core}.cpu_ms`, r.coreCpuMs, 'ms', at);
		add(`node.papaparse.${r.rows}.wall_ms`, r.papaMs, 'ms', at);
		add(`node.papaparse.${r.rows}.cpu_ms`, r.papaCpuMs, 'ms', at);
		add(`node.ratio_core_papaparse.${r.rows}`, r.ratio, 'ratio', { ...at, target: 1.3 });
		// The stages are timed cumulatively; each entry is its own stage's share, as the issue reads
		// them (validation: paired within each run, node.ts validateMs).
		add(`${core}.stage_read_ms`, r.readMs, 'ms', at);
		add(`${core}.stage_decode_ms`, r.decodeMs - r.readMs, 'ms', at);
		add(`${core}.stage_records_ms`, r.recordsMs - r.decodeMs, 'ms', at);
		add(`${core}.stage_validate_ms`, r.validateMs, 'ms', {
			...at,
			target: atMillion(r.rows, 500),
		});
		add(`${core}.summary_ms`, r.summaryMs, 'ms', at);
		add(`${core}.peak_rss_mb`, r.peakRssMb, 'MB', at);
		add(`${core}.peak_heap_mb`, r.peakHeapMb, 'MB', at);
		add(`${core}.retained_heap_mb`, r.retainedHeapMb, 'MB', at);
	}
	return out;
}

export function browserMeasurements(results: readonly BrowserResult[]): Measured[] {
	const { out, add } = builder('chromium');
	for (const r of results) {
		const name = `chromium.import_to_summary.${r.rows}`;
		const at = { rows: r.rows };
		add(`${name}.ms`, r.totalMs, 'ms', { ...at, target: atMillion(r.rows, 3000) });
		add(`${name}.renderer_cpu_ms`, r.rendererCpuMs, 'ms', at);
		add(`${name}.longest_task_ms`, r.longestTaskMs, 'ms', { ...at, target: 50 });
		add(`${name}.long_tasks`, r.longTasks, 'count', at);
		add(`${name}.page_heap_mb`, r.pageHeapMb, 'MB', at);
		if (r.workerHeapMb !== null)
			add(`${name}.worker_heap_mb`, r.workerHeapMb, 'MB', {
				...at,
				target: atMillion(r.rows, 300),
			});
		add(`${name}.renderer_rss_mb`, r.rendererRssMb, 'MB', {
			...at,
			target: atMillion(r.rows, 700),
		});
	}
	return out;
}

export function draftMeasurements(results: readonly DraftBenchResult[]): Measured[] {
	const { out, add } = builder('drafts');
	for (const r of results) {
		const at = { rows: r.rows };
		const imported = `chromium.drafts.import_to_summary.${r.rows}`;
		add(`${imported}.ms`, r.importMs, 'ms', { ...at, target: atMillion(r.rows, 3000) });
		add(`${imported}.longest_task_ms`, r.importLongestTaskMs, 'ms', { ...at, target: 50 });
		add(`chromium.edit_commit.${r.rows}.p50_ms`, r.editP50Ms, 'ms', { ...at, target: 8 });
		add(`chromium.edit_commit.${r.rows}.p99_ms`, r.editP99Ms, 'ms', { ...at, target: 30 });
		// Issue 16: the new value painted in the frame of Enter (one frame at 60 Hz).
		if (r.paintP50Ms !== undefined && r.paintP99Ms !== undefined) {
			add(`chromium.edit_paint.${r.rows}.p50_ms`, r.paintP50Ms, 'ms', { ...at, target: 16.7 });
			add(`chromium.edit_paint.${r.rows}.p99_ms`, r.paintP99Ms, 'ms', { ...at, target: 16.7 });
		}
		// What the pro waits for after Enter (the targets are for edit → committed).
		if (r.enterP50Ms !== undefined && r.enterP99Ms !== undefined) {
			add(`chromium.enter_commit.${r.rows}.p50_ms`, r.enterP50Ms, 'ms', at);
			add(`chromium.enter_commit.${r.rows}.p99_ms`, r.enterP99Ms, 'ms', at);
		}
		// Enter's own task: the grid's work on Enter, before the frame that paints it.
		if (r.keydownP50Ms !== undefined && r.keydownP99Ms !== undefined) {
			add(`chromium.enter_keydown.${r.rows}.p50_ms`, r.keydownP50Ms, 'ms', at);
			add(`chromium.enter_keydown.${r.rows}.p99_ms`, r.keydownP99Ms, 'ms', at);
		}
		// The edit on disk: the worker's transaction complete, before the page can hear of it.
		if (r.durableP50Ms !== undefined && r.durableP99Ms !== undefined) {
			add(`chromium.edit_durable.${r.rows}.p50_ms`, r.durableP50Ms, 'ms', at);
			add(`chromium.edit_durable.${r.rows}.p99_ms`, r.durableP99Ms, 'ms', at);
		}
		add(`chromium.open_to_rows.${r.rows}.ms`, r.openMs, 'ms', { ...at, target: 1000 });
		add(`chromium.open_to_rows.${r.rows}.longest_task_ms`, r.openLongestTaskMs, 'ms', {
			...at,
			target: 50,
		});
		const scroll = [
			['glide', r.scrollStepP95Ms, r.scrollFrameP95Ms, r.scrollBlankFrames],
			['jump', r.jumpStepP95Ms, r.jumpFrameP95Ms, r.jumpBlankFrames],
		] as const;
		for (const [mode, step, frame, blank] of scroll) {
			const name = `chromium.scroll_${mode}.${r.rows}`;
			add(`${name}.step_p95_ms`, step, 'ms', { ...at, target: 16 });
			add(`${name}.frame_p95_ms`, frame, 'ms', { ...at, target: 17 });
			add(`${name}.placeholder_frames`, blank, 'count', at);
		}
	}
	return out;
}

export function noticeMeasurements(r: NoticeBenchResult): Measured[] {
	const { out, add } = builder('notices');
	const name = `chromium.notices.${r.notices}`;
	const at = { rows: r.notices };
	add(`${name}.create_passwords_ms`, r.createPasswordsMs, 'ms', at);
	add(`${name}.first_notice_ms`, r.firstNoticeMs, 'ms', at);
	add(`${name}.all_notices_ms`, r.allNoticesMs, 'ms', at);
	add(`${name}.longest_task_ms`, r.longestTaskMs, 'ms', { ...at, target: 50 });
	add(`${name}.pdf_ms`, r.pdfMs, 'ms', at);
	add(`${name}.pdf_mb`, r.pdfMb, 'MB', at);
	return out;
}

export function syncMeasurements(
	runs: readonly SyncBenchResult[],
	server: ServerBenchResult,
): Measured[] {
	const { out, add } = builder('sync');
	for (const r of runs) {
		const off = r.faults === 'off';
		// The fault plan is a spec string; the name says only whether faults were on.
		const name = `sync.${r.rows}${off ? '' : '.faults'}`;
		const at = { rows: r.rows };
		add(`${name}.ms`, r.ms, 'ms', {
			...at,
			target: off && r.rows === SYNC_ROWS ? 8000 : undefined,
		});
		add(`${name}.rows_per_s`, r.rowsPerSec, 'rows/s', { ...at, better: 'higher' });
		// Where the machine's CPU went (app and server share its cores).
		for (const [process, s] of Object.entries(r.cpu)) add(`${name}.cpu_${process}_s`, s, 's', at);
	}
	const serverRows = server.chunks * server.chunkSize;
	const at = { rows: serverRows };
	add(`sync.server.${serverRows}.ms`, server.ms, 'ms', at);
	add(`sync.server.${serverRows}.rows_per_s`, server.rowsPerSec, 'rows/s', {
		...at,
		better: 'higher',
	});
	// "Bound only by the server": the app's whole send over the server's share of the same rows.
	const app = runs.find((r) => r.faults === 'off' && r.rows === serverRows);
	if (app) add(`sync.ratio_app_server.${serverRows}`, ratio(app.ms, server.ms), 'ratio', at);
	return out;
}

export function mappingMeasurements(r: MappingBenchResult): Measured[] {
	const { out, add } = builder('mapping');
	const at = { rows: r.rows };
	const of = (form: MappingRun['form']) => r.runs.filter((run) => run.form === form);
	const steps = of('unknown headers').flatMap((run) => (run.stepMs === null ? [] : [run.stepMs]));
	if (steps.length > 0)
		add(`chromium.mapping.${r.rows}.step_ms`, median(steps), 'ms', { ...at, target: 1000 });
	for (const [form, key] of [
		['template', 'template'],
		['unknown headers', 'unknown_headers'],
	] as const) {
		const runs = of(form);
		if (runs.length === 0) continue;
		add(
			`chromium.mapping.${r.rows}.import_${key}_ms`,
			median(runs.map((x) => x.importMs)),
			'ms',
			at,
		);
	}
	add(`chromium.mapping.ratio_unknown_template.${r.rows}.wall`, r.ratio, 'ratio', at);
	add(`chromium.mapping.ratio_unknown_template.${r.rows}.cpu`, r.cpuRatio, 'ratio', at);
	return out;
}

export function xlsxMeasurements(results: readonly XlsxAppResult[]): Measured[] {
	const { out, add } = builder('xlsx');
	for (const r of results) {
		const name = `chromium.xlsx.${r.sheetRows}`;
		const at = { rows: r.sheetRows };
		add(`${name}.ms`, r.totalMs, 'ms', { ...at, target: r.sheetRows > MILLION ? 20_000 : 3000 });
		add(`${name}.renderer_cpu_ms`, r.rendererCpuMs, 'ms', at);
		add(`${name}.longest_task_ms`, r.longestTaskMs, 'ms', { ...at, target: 50 });
		if (r.workerHeapMb !== null)
			add(`${name}.worker_heap_mb`, r.workerHeapMb, 'MB', { ...at, target: 1024 });
		add(`${name}.renderer_rss_mb`, r.rendererRssMb, 'MB', at);
	}
	return out;
}

const LOCK_FIELDS = {
	import_ms: (r: LockBenchResult) => r.importMs,
	import_cpu_ms: (r: LockBenchResult) => r.importCpuMs,
	edit_p50_ms: (r: LockBenchResult) => r.editP50Ms,
	edit_p99_ms: (r: LockBenchResult) => r.editP99Ms,
	open_ms: (r: LockBenchResult) => r.openListMs,
	reload_ms: (r: LockBenchResult) => r.reloadMs,
	unlock_ms: (r: LockBenchResult) => r.unlockMs,
};
type LockField = keyof typeof LOCK_FIELDS;

/** Each field's median over the rounds of one mode (fields no round has left out). */
function lockMedians(results: readonly LockBenchResult[], mode: LockMode): Map<LockField, number> {
	const ofMode = results.filter((r) => r.lock === mode);
	const medians = new Map<LockField, number>();
	for (const key of Object.keys(LOCK_FIELDS) as LockField[]) {
		const values = ofMode.map(LOCK_FIELDS[key]).filter((v): v is number => v !== null);
		if (values.length > 0) medians.set(key, median(values));
	}
	return medians;
}

/** Medians over the rounds of each mode, and lock on against off from those medians. */
export function lockMeasurements(results: readonly LockBenchResult[], rows: number): Measured[] {
	const { out, add } = builder('lock');
	const at = { rows };
	const medians = { off: lockMedians(results, 'off'), on: lockMedians(results, 'on') };
	for (const mode of ['off', 'on'] as const)
		for (const [key, v] of medians[mode]) {
			const target = key === 'unlock_ms' ? 2000 : undefined;
			add(`chromium.lock.${mode}.${rows}.${key}`, v, 'ms', { ...at, target });
		}
	const both = (key: LockField) => {
		const on = medians.on.get(key);
		const off = medians.off.get(key);
		return on === undefined || off === undefined ? null : { on, off };
	};
	const wall = both('import_ms');
	const cpu = both('import_cpu_ms');
	const p50 = both('edit_p50_ms');
	const name = `chromium.lock.ratio_on_off.${rows}`;
	if (wall) add(`${name}.import_wall`, ratio(wall.on, wall.off), 'ratio', { ...at, target: 1.5 });
	if (cpu) add(`${name}.import_cpu`, ratio(cpu.on, cpu.off), 'ratio', at);
	if (p50)
		add(`chromium.lock.${rows}.edit_p50_growth_ms`, p50.on - p50.off, 'ms', { ...at, target: 2 });
	return out;
}

export function languagesMeasurements(r: LanguagesBenchResult): Measured[] {
	const { out, add } = builder('languages');
	for (const s of r.startup) {
		// "before i18n (3cd03cb)" → before_i18n: the commit is in the build's label, not the name.
		const build = s.build.replace(/\s*\(.*\)$/, '').replace(/\W+/g, '_');
		const name = `chromium.startup.${build}.${s.locale}`;
		add(`${name}.first_screen_ms`, s.firstScreenMs, 'ms');
		add(`${name}.files`, s.files, 'count');
		add(`${name}.raw_bytes`, s.rawBytes, 'bytes');
		add(`${name}.gzip_bytes`, s.gzipBytes, 'bytes');
	}
	add('chromium.language_switch.ms', r.switchMs, 'ms');
	return out;
}
