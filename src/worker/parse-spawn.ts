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
 * True when a second worker may read part of a file: it was asked for, workers can start
 * workers here, and there is a second core to run it. Off unless `self.rosterTwoWorkers` is set
 * (the bench and a browser test set it): measured on 2 cores it does not pay yet. Each part is
 * checked in its own worker now, but the draft worker still stores every block, and storing is
 * what fills the second core (1M rows: 7.40 s with one worker, 7.07 s with two; 100k: 1.37 s →
 * 1.85 s; without the block writes two took 5.9 s, docs/decisions.md).
 */
export function parseWorkerAvailable(): boolean {
	if (typeof Worker === 'undefined') return false;
	if ((globalThis as { rosterTwoWorkers?: unknown }).rosterTwoWorkers !== true) return false;
	const cores = typeof navigator === 'undefined' ? 2 : (navigator.hardwareConcurrency ?? 2);
	return cores >= 2;
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
