// When the draft worker asks a second worker to read part of a file (src/worker/parse-spawn.ts):
// from 48 MB on, where it pays, with a third core and workers that can start workers; and always
// or never when a test or the bench says so (with two cores at least).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	parseWorkerAvailable,
	TWO_WORKERS_CORES,
	TWO_WORKERS_FROM,
} from '../../../src/worker/parse-spawn.ts';

const MB = 1 << 20;

function machine(cores: number, workers = true): void {
	vi.stubGlobal('navigator', { hardwareConcurrency: cores });
	vi.stubGlobal('Worker', workers ? class {} : undefined);
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('parseWorkerAvailable', () => {
	it('reads files from 48 MB on with two workers, smaller ones with one', () => {
		machine(4);
		expect(TWO_WORKERS_FROM).toBe(48 * MB);
		expect(parseWorkerAvailable(87 * MB)).toBe(true);
		expect(parseWorkerAvailable(48 * MB)).toBe(true);
		expect(parseWorkerAvailable(48 * MB - 1)).toBe(false);
		expect(parseWorkerAvailable(9 * MB)).toBe(false);
	});

	it('reads with one worker on one or two cores, or where a worker cannot start another', () => {
		expect(TWO_WORKERS_CORES).toBe(3);
		for (const cores of [1, 2]) {
			machine(cores);
			expect(parseWorkerAvailable(87 * MB)).toBe(false);
		}
		machine(3);
		expect(parseWorkerAvailable(87 * MB)).toBe(true);
		machine(4, false);
		expect(parseWorkerAvailable(87 * MB)).toBe(false);
	});

	it('does as the flag says when a test or the bench sets it', () => {
		machine(2);
		vi.stubGlobal('rosterTwoWorkers', true);
		expect(parseWorkerAvailable(9 * MB)).toBe(true);
		vi.stubGlobal('rosterTwoWorkers', false);
		expect(parseWorkerAvailable(87 * MB)).toBe(false);
	});
});
