// bench-out/results.json: every measurement of the latest run of each kind, one entry per name.
// A run of a part of the bench (`--quick`, `--sync`, …) replaces the entries it measured and keeps
// the rest, so the file always holds a full set a script can compare against another.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { OUT_DIR } from './generate-clients.ts';
import type { Measurement } from './results.ts';

export const RESULTS = join(OUT_DIR, 'results.json');

const measurementSchema = z.object({
	name: z.string().min(1),
	value: z.number(),
	unit: z.enum(['ms', 's', 'MB', 'bytes', 'ratio', 'rows/s', 'count']),
	target: z.number().optional(),
	better: z.enum(['lower', 'higher']),
	commit: z.string(),
	date: z.string(),
	load: z.number(),
	rows: z.number().optional(),
	kind: z.enum([
		'node',
		'chromium',
		'drafts',
		'notices',
		'mapping',
		'xlsx',
		'lock',
		'languages',
		'sync',
	]),
	profile: z.enum(['disk', 'memory']).optional(),
});
const resultsSchema = z.array(measurementSchema);

/** Parses a results file's text; throws, naming the first bad entry, on anything else. */
export function parseResults(text: string): Measurement[] {
	const parsed = resultsSchema.safeParse(JSON.parse(text));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`Not a results file: ${issue?.path.join('.')}: ${issue?.message}`);
	}
	return parsed.data;
}

/** The earlier entries with the new ones in place of those of the same name, sorted by name. */
export function mergeResults(
	earlier: readonly Measurement[],
	measured: readonly Measurement[],
): Measurement[] {
	const byName = new Map(earlier.map((m) => [m.name, m]));
	for (const m of measured) byName.set(m.name, m);
	return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Merges `measured` into the file at `path` and writes it. An unreadable earlier file is kept
 * beside it (`.invalid`) rather than lost, and never stops the run: its numbers are already taken.
 */
export function writeResults(measured: readonly Measurement[], path = RESULTS): Measurement[] {
	let earlier: Measurement[] = [];
	if (existsSync(path)) {
		try {
			earlier = parseResults(readFileSync(path, 'utf8'));
		} catch (error) {
			console.warn(
				`${path} could not be read (${error instanceof Error ? error.message : error}); kept as ${path}.invalid`,
			);
			renameSync(path, `${path}.invalid`);
		}
	}
	const merged = mergeResults(earlier, measured);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, `${JSON.stringify(merged, null, '\t')}\n`);
	return merged;
}
