// CPU time of this machine's processes, grouped by a label, from /proc (Linux): the sync
// benchmark runs the app and the server on the same cores, so where the CPU goes says more
// than the wall time about what would shorten it.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ; 100 on Linux). */
const TICKS = 100;

/** Seconds of CPU (user + system) so far, summed by `label` (null: not counted). */
export function cpuByProcess(label: (cmdline: string) => string | null): Map<string, number> {
	const out = new Map<string, number>();
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
	} catch {
		return out;
	}
	for (const pid of pids) {
		try {
			const name = label(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
			if (name === null) continue;
			// Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
			const ticks = Number(fields[11]) + Number(fields[12]);
			if (Number.isFinite(ticks)) out.set(name, (out.get(name) ?? 0) + ticks / TICKS);
		} catch {
			// The process ended between the listing and the read.
		}
	}
	return out;
}

/** `after` less `before`, label by label, rounded to 0.1 s. */
export function cpuSpent(
	before: Map<string, number>,
	after: Map<string, number>,
): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [name, s] of after) out[name] = Math.round((s - (before.get(name) ?? 0)) * 10) / 10;
	return out;
}
