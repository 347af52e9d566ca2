// CPU time of a process outside Chromium (the sync benchmark's server), from /proc (Linux):
// Chromium's own processes are counted through CDP (browser.ts, chromiumProcesses).
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ; 100 on Linux). */
const TICKS = 100;

/** Seconds of CPU (user + system) used so far by the processes whose command line has `needle`. */
export function cpuSecondsOf(needle: string): number {
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
	} catch {
		return 0;
	}
	let ticks = 0;
	for (const pid of pids) {
		try {
			if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) continue;
			// Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
			const used = Number(fields[11]) + Number(fields[12]);
			if (Number.isFinite(used)) ticks += used;
		} catch {
			// The process ended between the listing and the read.
		}
	}
	return ticks / TICKS;
}
