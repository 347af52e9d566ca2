// `npx tsx test/bench/compare.ts old.json new.json`: each measurement both results files hold,
// before → after, the ratio, and whether it moved toward its target (or, without one, got better).
// Copy bench-out/results.json aside before a run to keep the "before".
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResults } from './results-file.ts';
import type { Measurement } from './results.ts';
import { text } from './tables.ts';

export type Verdict = 'toward target' | 'away from target' | 'better' | 'worse' | 'same';

export interface Comparison {
	name: string;
	unit: Measurement['unit'];
	before: number;
	after: number;
	/** after ÷ before; null when before is 0. */
	ratio: number | null;
	target?: number;
	verdict: Verdict;
	/** Whether `after` is within its target; null without one. */
	met: boolean | null;
}

const within = (value: number, target: number, better: Measurement['better']) =>
	better === 'lower' ? value <= target : value >= target;

/** The measurements both hold, in the newer file's order; its target and direction are used. */
export function compareResults(
	before: readonly Measurement[],
	after: readonly Measurement[],
): Comparison[] {
	const earlier = new Map(before.map((m) => [m.name, m]));
	return after.flatMap((now) => {
		const then = earlier.get(now.name);
		if (!then) return [];
		const gain = now.better === 'lower' ? then.value - now.value : now.value - then.value;
		const hasTarget = now.target !== undefined;
		const verdict: Verdict =
			gain === 0
				? 'same'
				: gain > 0
					? hasTarget
						? 'toward target'
						: 'better'
					: hasTarget
						? 'away from target'
						: 'worse';
		return [
			{
				name: now.name,
				unit: now.unit,
				before: then.value,
				after: now.value,
				ratio: then.value === 0 ? null : Math.round((now.value / then.value) * 100) / 100,
				...(now.target === undefined ? {} : { target: now.target }),
				verdict,
				met: now.target === undefined ? null : within(now.value, now.target, now.better),
			},
		];
	});
}

const n = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const withUnit = (value: number, unit: Measurement['unit']) =>
	unit === 'ratio' || unit === 'count' ? n.format(value) : `${n.format(value)} ${unit}`;

/** The code, dates and load averages a file's entries were measured with. */
function provenance(label: string, results: readonly Measurement[]): string {
	const runs = new Set(
		results.map(
			(m) =>
				`${m.commit} on ${m.date.slice(0, 16)} (load ${m.load}${m.profile ? `, Chromium profile ${m.profile === 'disk' ? 'on disk' : 'in memory'}` : ''})`,
		),
	);
	return `${label}: ${[...runs].join('; ')}`;
}

export function formatComparison(
	before: readonly Measurement[],
	after: readonly Measurement[],
): string {
	const rows = compareResults(before, after);
	const names = new Set(rows.map((r) => r.name));
	const only = (list: readonly Measurement[]) => list.filter((m) => !names.has(m.name)).length;
	const table = text({
		title: `${rows.length} measurements in both files (${only(before)} only before, ${only(after)} only after)`,
		head: ['measurement', 'before', 'after', 'ratio', 'target', 'moved'],
		rows: rows.map((r) => [
			r.name,
			withUnit(r.before, r.unit),
			withUnit(r.after, r.unit),
			r.ratio === null ? '—' : `×${r.ratio}`,
			r.target === undefined ? '' : `${withUnit(r.target, r.unit)}${r.met ? ' (met)' : ' (over)'}`,
			r.verdict,
		]),
	});
	return [provenance('Before', before), provenance('After', after), '', table].join('\n');
}

function main(args: readonly string[]): void {
	if (args.length !== 2 || args.includes('--help')) {
		console.error('Usage: npx tsx test/bench/compare.ts <before.json> <after.json>');
		process.exitCode = 2;
		return;
	}
	const [before, after] = args.map((path) => parseResults(readFileSync(path, 'utf8')));
	console.log(formatComparison(before!, after!));
}

// Run as a script, not when a test imports the functions above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
	main(process.argv.slice(2));
