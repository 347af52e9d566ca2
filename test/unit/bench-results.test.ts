// bench-out/results.json: the entries built from the benchmarks' result objects (shaped as the
// real runs return them), the merge that lets a partial run keep the rest, and the comparison.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
	browserMeasurements,
	draftMeasurements,
	languagesMeasurements,
	lockMeasurements,
	mappingMeasurements,
	nodeMeasurements,
	noticeMeasurements,
	stamp,
	syncMeasurements,
	xlsxMeasurements,
	type Measured,
	type Measurement,
} from '../bench/results.ts';
import { mergeResults, parseResults, writeResults } from '../bench/results-file.ts';
import { compareResults, formatComparison } from '../bench/compare.ts';
import {
	browserResult,
	draftResult,
	fullRun,
	languages,
	lockRuns,
	mapping,
	nodeResult,
	notices,
	server,
	syncRun,
	workbooks,
} from './bench-result-fixtures.ts';

const ROOT = join(import.meta.dirname, '../..');

const byName = (list: readonly Measured[], name: string): Measured => {
	const found = list.find((m) => m.name === name);
	if (!found) throw new Error(`No entry ${name} in ${list.map((m) => m.name).join(', ')}`);
	return found;
};

const start = (code: string, date: string) => ({ code, date, load: 0.3 });

describe('results built from the result objects', () => {
	it('gives every measurement of a full run its own stable, dotted name', () => {
		const names = fullRun().map((m) => m.name);
		expect(new Set(names).size).toBe(names.length);
		for (const name of names) expect(name).toMatch(/^(node|chromium|sync)(\.[\w-]+)+$/);
		expect(names).toContain('node.importCsv.1000000.wall_ms');
		expect(names).toContain('chromium.import_to_summary.1000000.ms');
		expect(names).toContain('sync.100000.ms');
	});

	it('reads the Node run as the issue does: core over papaparse, and each stage on its own', () => {
		const all = nodeMeasurements([nodeResult(100_000, 0.1), nodeResult(1_000_000, 1)]);
		expect(byName(all, 'node.importCsv.1000000.wall_ms')).toMatchObject({
			value: 4900,
			unit: 'ms',
			better: 'lower',
			rows: 1_000_000,
			kind: 'node',
		});
		expect(byName(all, 'node.ratio_core_papaparse.1000000')).toMatchObject({
			value: 2.98,
			unit: 'ratio',
			target: 1.3,
		});
		expect(byName(all, 'node.ratio_core_papaparse.100000').target).toBe(1.3);
		const validate = byName(all, 'node.importCsv.1000000.stage_validate_ms');
		// The paired validation time, not the difference of two medians (4900 − 1200).
		expect(validate).toMatchObject({ value: 3650, target: 500 });
		expect(byName(all, 'node.importCsv.100000.stage_validate_ms').target).toBeUndefined();
		const stages = ['read', 'decode', 'records'].map(
			(s) => byName(all, `node.importCsv.1000000.stage_${s}_ms`).value,
		);
		expect(stages.reduce((a, b) => a + b)).toBe(1200);
	});

	it('puts time and memory targets on the 1M entries only, and leaves out a heap not measured', () => {
		const all = browserMeasurements([browserResult(100_000, null), browserResult(1_000_000, 481)]);
		expect(byName(all, 'chromium.import_to_summary.1000000.ms')).toMatchObject({
			value: 9100,
			target: 3000,
			kind: 'chromium',
		});
		expect(byName(all, 'chromium.import_to_summary.100000.ms').target).toBeUndefined();
		expect(byName(all, 'chromium.import_to_summary.1000000.worker_heap_mb')).toMatchObject({
			value: 481,
			unit: 'MB',
			target: 300,
		});
		expect(byName(all, 'chromium.import_to_summary.1000000.renderer_rss_mb').target).toBe(700);
		expect(all.some((m) => m.name === 'chromium.import_to_summary.100000.worker_heap_mb')).toBe(
			false,
		);
	});

	it('gives edits their targets at every size', () => {
		const all = draftMeasurements([draftResult(100_000), draftResult(1_000_000)]);
		for (const rows of [100_000, 1_000_000]) {
			expect(byName(all, `chromium.edit_commit.${rows}.p50_ms`)).toMatchObject({
				value: 20,
				target: 8,
			});
			expect(byName(all, `chromium.edit_commit.${rows}.p99_ms`)).toMatchObject({
				value: 53,
				target: 30,
				kind: 'drafts',
			});
		}
		expect(byName(all, 'chromium.scroll_jump.1000000.placeholder_frames')).toMatchObject({
			value: 12,
			unit: 'count',
		});
	});

	it('records the edit on disk beside the page hearing of it, when the run measured it', () => {
		const measured = { ...draftResult(1_000_000), durableP50Ms: 8.8, durableP99Ms: 19.6 };
		const all = draftMeasurements([measured, draftResult(100_000)]);
		expect(byName(all, 'chromium.edit_durable.1000000.p50_ms')).toMatchObject({
			value: 8.8,
			unit: 'ms',
		});
		expect(byName(all, 'chromium.edit_durable.1000000.p99_ms').value).toBe(19.6);
		expect(all.some((m) => m.name === 'chromium.edit_durable.100000.p50_ms')).toBe(false);
	});

	it('sets the notices and sync targets, and measures the app against the server in the same run', () => {
		expect(
			byName(noticeMeasurements(notices), 'chromium.notices.1000.longest_task_ms'),
		).toMatchObject({ value: 107, target: 50 });
		const sync = syncMeasurements(
			[syncRun('off', 22_300), syncRun('500:0.1,seed:11', 30_000)],
			server,
		);
		expect(byName(sync, 'sync.100000.ms')).toMatchObject({
			value: 22_300,
			target: 8000,
			kind: 'sync',
		});
		expect(byName(sync, 'sync.100000.faults.ms').target).toBeUndefined();
		expect(byName(sync, 'sync.100000.rows_per_s').better).toBe('higher');
		expect(byName(sync, 'sync.server.100000.ms').value).toBe(4800);
		expect(byName(sync, 'sync.ratio_app_server.100000').value).toBeCloseTo(22_300 / 4800, 3);
		expect(byName(sync, 'sync.100000.cpu_renderer_s')).toMatchObject({ value: 12.8, unit: 's' });
		expect(byName(sync, 'sync.100000.cpu_server_s').value).toBe(9.5);
	});

	it('takes medians over the rounds and compares lock on with off from them', () => {
		const all = lockMeasurements(lockRuns, 1_000_000);
		expect(byName(all, 'chromium.lock.off.1000000.import_ms').value).toBe(11_000);
		expect(byName(all, 'chromium.lock.on.1000000.import_ms').value).toBe(14_000);
		expect(byName(all, 'chromium.lock.ratio_on_off.1000000.import_wall')).toMatchObject({
			value: 1.273,
			target: 1.5,
		});
		expect(byName(all, 'chromium.lock.1000000.edit_p50_growth_ms').value).toBe(2.5);
		expect(byName(all, 'chromium.lock.on.1000000.unlock_ms')).toMatchObject({
			value: 1650,
			target: 2000,
		});
		expect(all.some((m) => m.name === 'chromium.lock.off.1000000.unlock_ms')).toBe(false);
	});

	it('reads the mapping, workbook and language runs', () => {
		const mapped = mappingMeasurements(mapping);
		expect(byName(mapped, 'chromium.mapping.1000000.step_ms')).toMatchObject({
			value: 400,
			target: 1000,
		});
		expect(byName(mapped, 'chromium.mapping.1000000.import_template_ms').value).toBe(9200);
		expect(byName(mapped, 'chromium.mapping.ratio_unknown_template.1000000.wall').value).toBe(1.06);
		const xlsx = xlsxMeasurements(workbooks);
		expect(byName(xlsx, 'chromium.xlsx.100001.ms').target).toBe(3000);
		expect(byName(xlsx, 'chromium.xlsx.1048576.ms').target).toBe(20_000);
		const spoken = languagesMeasurements(languages);
		expect(byName(spoken, 'chromium.startup.before_i18n.en-US.gzip_bytes').value).toBe(283_000);
		expect(byName(spoken, 'chromium.language_switch.ms').value).toBe(183);
	});

	it('stamps each entry with the run it belongs to', () => {
		const [first] = stamp(
			noticeMeasurements(notices),
			start('abc1234', '2026-12-04T13:00:00.000Z'),
		);
		expect(first).toMatchObject({ commit: 'abc1234', date: '2026-12-04T13:00:00.000Z', load: 0.3 });
	});

	it("says where Chromium kept its profile's data, for Chromium's measurements only", () => {
		const at = start('abc1234', '2026-12-05T10:00:00.000Z');
		const [browser] = stamp(noticeMeasurements(notices), at, 'disk');
		const [node] = stamp(nodeMeasurements([nodeResult(100_000, 0.1)]), at, 'disk');
		expect(browser?.profile).toBe('disk');
		expect(node).not.toHaveProperty('profile');
		expect(parseResults(JSON.stringify([browser, node]))).toHaveLength(2);
		expect(() => parseResults(JSON.stringify([{ ...browser, profile: 'tmpfs' }]))).toThrow(
			/profile/,
		);
	});
});

describe('merging a run into results.json', () => {
	const full = stamp(fullRun(), start('aaaaaaa', '2026-12-01T10:00:00.000Z'));
	const quick = stamp(
		nodeMeasurements([{ ...nodeResult(100_000, 0.1), coreMs: 300 }]),
		start('bbbbbbb', '2026-12-02T10:00:00.000Z'),
	);

	it('replaces what a partial run re-measured and keeps the rest, sorted by name', () => {
		const merged = mergeResults(full, quick);
		expect(merged).toHaveLength(full.length);
		expect(merged.find((m) => m.name === 'node.importCsv.100000.wall_ms')).toMatchObject({
			value: 300,
			commit: 'bbbbbbb',
		});
		expect(merged.find((m) => m.name === 'node.importCsv.1000000.wall_ms')).toMatchObject({
			value: 4900,
			commit: 'aaaaaaa',
		});
		const names = merged.map((m) => m.name);
		expect(names).toEqual([...names].sort());
	});

	it('writes the merge to the file, and keeps an unreadable earlier file aside', () => {
		const dir = mkdtempSync(join(tmpdir(), 'roster-results-'));
		const path = join(dir, 'results.json');
		writeResults(full, path);
		writeResults(quick, path);
		const read = parseResults(readFileSync(path, 'utf8'));
		expect(read).toHaveLength(full.length);
		expect(read.find((m) => m.name === 'node.importCsv.100000.wall_ms')?.value).toBe(300);
		writeFileSync(path, '[{"name": "x"}]');
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		writeResults(quick, path);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('kept as'));
		warn.mockRestore();
		expect(parseResults(readFileSync(path, 'utf8'))).toHaveLength(quick.length);
		expect(readFileSync(`${path}.invalid`, 'utf8')).toBe('[{"name": "x"}]');
		rmSync(dir, { recursive: true });
	});

	it('refuses a file whose entries are not measurements', () => {
		expect(() => parseResults('[{"name": "a", "value": "1"}]')).toThrow(/Not a results file/);
		expect(() => parseResults('{}')).toThrow(/Not a results file/);
	});
});

describe('comparing two results files', () => {
	const entry = (name: string, value: number, extra: Partial<Measurement> = {}): Measurement => ({
		name,
		value,
		unit: 'ms',
		better: 'lower',
		commit: 'c',
		date: '2026-12-04T13:00:00.000Z',
		load: 0.3,
		kind: 'node',
		...extra,
	});
	const before = [
		entry('a.toward', 9100, { target: 3000 }),
		entry('a.away', 20, { target: 30 }),
		entry('a.faster', 100, { unit: 'rows/s', better: 'higher' }),
		entry('a.same', 5, { target: 3 }),
		entry('a.gone', 1),
		entry('a.zero', 0),
	];
	const after = [
		entry('a.toward', 2900, { target: 3000 }),
		entry('a.away', 25, { target: 30 }),
		entry('a.faster', 80, { unit: 'rows/s', better: 'higher' }),
		entry('a.same', 5, { target: 3 }),
		entry('a.zero', 3),
		entry('a.new', 1),
	];

	it('says of each common measurement whether it moved toward its target', () => {
		const rows = compareResults(before, after);
		expect(rows.map((r) => r.name)).toEqual(['a.toward', 'a.away', 'a.faster', 'a.same', 'a.zero']);
		expect(rows[0]).toMatchObject({
			before: 9100,
			after: 2900,
			ratio: 0.32,
			verdict: 'toward target',
			met: true,
		});
		expect(rows[1]).toMatchObject({ verdict: 'away from target', met: true });
		expect(rows[2]).toMatchObject({ ratio: 0.8, verdict: 'worse', met: null });
		expect(rows[3]).toMatchObject({ ratio: 1, verdict: 'same', met: false });
		expect(rows[4]).toMatchObject({ ratio: null, verdict: 'worse' });
	});

	it('prints before → after with the ratio, and the run each file came from', () => {
		const printed = formatComparison(before, after);
		expect(printed).toMatch(
			/a\.toward\s+9,100 ms\s+2,900 ms\s+×0\.32\s+3,000 ms \(met\)\s+toward target/,
		);
		expect(printed).toContain('5 measurements in both files (1 only before, 1 only after)');
		expect(printed).toMatch(/a\.zero\s+0 ms\s+3 ms\s+—\s+worse/);
		expect(printed).toMatch(/a\.same\s+5 ms\s+5 ms\s+×1\s+3 ms \(over\)\s+same/);
		expect(printed).toContain('Before: c on 2026-12-04T13:00 (load 0.3)');
	});

	it("names each file's Chromium profile, so runs in memory and on disk are not mixed up", () => {
		const printed = formatComparison(
			[entry('b.sync', 17_000, { kind: 'sync', profile: 'memory' })],
			[entry('b.sync', 14_000, { kind: 'sync', profile: 'disk', commit: 'd' })],
		);
		expect(printed).toContain(
			'Before: c on 2026-12-04T13:00 (load 0.3, Chromium profile in memory)',
		);
		expect(printed).toContain('After: d on 2026-12-04T13:00 (load 0.3, Chromium profile on disk)');
	});

	it('runs as a script on two files', () => {
		const dir = mkdtempSync(join(tmpdir(), 'roster-compare-'));
		writeFileSync(join(dir, 'old.json'), JSON.stringify(before));
		writeFileSync(join(dir, 'new.json'), JSON.stringify(after));
		const out = execFileSync(
			process.execPath,
			['--import', 'tsx', 'test/bench/compare.ts', join(dir, 'old.json'), join(dir, 'new.json')],
			{ cwd: ROOT, encoding: 'utf8' },
		);
		expect(out).toMatch(/a\.away\s+20 ms\s+25 ms\s+×1\.25\s+30 ms \(met\)\s+away from target/);
		rmSync(dir, { recursive: true });
	});
});
