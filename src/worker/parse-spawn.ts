// Starting the parse worker from the draft worker, where the browser allows a worker to start
// another (Chromium, Firefox, Safari 15.5+); elsewhere the file is read in one piece.
import type { Delimiter } from '../core/csv-reader.ts';
import {
	CollectedPart,
	type PartEncoding,
	PartMessageSchema,
	type PartChecks,
	type PartStart,
	type SecondPart,
	type StartSecondPart,
} from './parse-part.ts';

/**
 * A parse worker that says nothing for this long (it tells its progress every megabyte) is taken
 * for one that never started: the file is read in one piece rather than waited for forever.
 */
const SILENCE_MS = 30_000;

/**
 * Files from this size on are read by two workers, where there are cores for them. A parse
 * worker costs ~0.2 s to start and to hand its rows over, and saves a share of the reading:
 * before plain rows (plain-rows.ts), alternated pairs on this project's 2-core machine read 100k
 * rows (8.6 MB) in 0.56 against 0.76 s, 250k (22 MB) and 400k (35 MB) rows within their noise,
 * 600k (52 MB) in 2.13 against 1.96 s and 1M (87 MB) in 3.06 against 2.63 s (docs/decisions.md).
 */
export const TWO_WORKERS_FROM = 48 << 20;

/**
 * Cores a second worker needs: one each for the two workers, and one for the browser, which
 * writes the rows they read to IndexedDB. With plain rows read from their bytes, one worker on
 * 2 cores read 1M rows in 2.64 s against 2.72 s with two, using 0.85 s less CPU (medians of four
 * alternated pairs): the two workers only took the browser's core from it.
 */
export const TWO_WORKERS_CORES = 3;

/**
 * True when a second worker should read part of a file of `size` bytes: workers can start
 * workers here, there is a core to run it, and the file is big enough for it to pay.
 * `self.rosterTwoWorkers`, when set, decides in place of the size (workers and cores still
 * count): true for any file (the browser test of two workers), false for none (the bench's
 * one-worker run).
 */
export function parseWorkerAvailable(size: number): boolean {
	if (typeof Worker === 'undefined') return false;
	const cores = typeof navigator === 'undefined' ? 2 : (navigator.hardwareConcurrency ?? 2);
	if (cores < 2) return false;
	const forced = (globalThis as { rosterTwoWorkers?: unknown }).rosterTwoWorkers;
	if (typeof forced === 'boolean') return forced;
	return cores >= TWO_WORKERS_CORES && size >= TWO_WORKERS_FROM;
}

/** Reads `file` from a byte offset on in a parse worker. */
export function parseWorkerFor(file: Blob): StartSecondPart {
	return (from: number, delimiter: Delimiter, encoding: PartEncoding): SecondPart => {
		const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), {
			type: 'module',
			name: 'roster-parse',
		});
		let silence: ReturnType<typeof setTimeout> | undefined;
		const part = new CollectedPart(
			() => {
				clearTimeout(silence);
				worker.terminate();
			},
			(checks) => worker.postMessage({ checks } satisfies PartChecks),
		);
		const listen = () => {
			clearTimeout(silence);
			silence = setTimeout(() => part.fail(), SILENCE_MS);
		};
		listen();
		worker.onmessage = (event: MessageEvent<unknown>) => {
			listen();
			const message = PartMessageSchema.safeParse(event.data);
			if (message.success) part.accept(message.data);
			else part.fail();
		};
		worker.onerror = (event) => {
			event.preventDefault();
			part.fail();
		};
		worker.onmessageerror = () => part.fail();
		const start: PartStart = { blob: file.slice(from), delimiter, encoding };
		worker.postMessage(start);
		return part;
	};
}
