// Where a bench run is recorded: the machine and code it ran on, and its section of
// docs/benchmarks.md (rewritten by each run of the same kind, the others left as they were).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { markdown, type Table } from './tables.ts';
import { PROFILE, PROFILE_NOTE } from './profile.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const DOC = join(ROOT, 'docs/benchmarks.md');

export type RunStart = { load: number; code: string; date: string };

/** The commit measured, and whether src/ had uncommitted changes (the bench reads the working tree). */
function code(): string {
	const git = (...args: string[]) =>
		execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
	try {
		const dirty = git('status', '--porcelain', '--', 'src') !== '';
		return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in src/' : ''}`;
	} catch {
		return 'unknown (no git)';
	}
}

/** What a run is measured on, read when it starts: load average, code and time. */
export function runStart(): RunStart {
	return { load: loadavg()[0]!, code: code(), date: new Date().toISOString() };
}

/** The header lines of a run: when, on what, which code, and the command that ran it. */
export function machine(chromium: string, start: RunStart, command: string): string[] {
	const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
	const kb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
	return [
		`Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		`Machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} CPUs (${cpu ?? 'unknown'}), ${(kb / 2 ** 20).toFixed(1)} GiB RAM, load average ${start.load.toFixed(1)} at start`,
		`Code: ${start.code}`,
		`Node ${process.version}, Chromium ${chromium}. ${PROFILE_NOTE[PROFILE]}`,
		`Command: ${command}`,
	];
}

/** Writes a run's section into docs/benchmarks.md, replacing the one under the same heading. */
export async function writeDoc(
	lines: string[],
	tables: Table[],
	notes: string[],
	heading = '## Latest run',
): Promise<void> {
	const intro = `# Benchmarks\n\n\`npm run bench\` (or \`npm run bench -- --quick\` for 100k rows only) generates client CSV files in \`bench-out/\` and measures the core in Node and the built app in Chromium. See test/bench/ for what each number means. The section below is rewritten by each run.\n`;
	const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : intro;
	const section = [
		heading,
		'',
		...lines.map((l) => `- ${l}`),
		'',
		...tables.flatMap((t) => [markdown(t), '']),
		...notes.map((l) => `${l}\n`),
	].join('\n');
	const start = doc.indexOf(heading);
	const end = start === -1 ? -1 : doc.indexOf('\n## ', start + 1);
	const next =
		start === -1
			? `${doc.trimEnd()}\n\n${section}`
			: `${doc.slice(0, start)}${section}${end === -1 ? '' : doc.slice(end)}`;
	// Formatted like the rest of the repository, so `prettier --check .` stays clean.
	const options = await prettier.resolveConfig(DOC);
	writeFileSync(DOC, await prettier.format(next, { ...options, filepath: DOC }));
}
