// Node benchmark of the core: importCsv (parse + validate) on a file against bare papaparse on the
// same file, plus the stages in between. Run by run.ts in a child process per file, so the peak
// RSS is that file's: `node --expose-gc --import tsx test/bench/node.ts <file.csv>` prints JSON.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import Papa from 'papaparse';
import { importCsv, type ByteSource } from '../../src/core/import-csv.ts';
import { StreamDecoder } from '../../src/core/decode.ts';
import { CsvStreamReader } from '../../src/core/csv-reader.ts';
import { errorFlags, summarize } from '../../src/core/summary.ts';
import { ymdOf } from '../../src/core/dates.ts';

const CHUNK_BYTES = 1 << 20;
const RUNS = 3;

export interface NodeResult {
	file: string;
	bytes: number;
	rows: number;
	/** Medians of RUNS runs, in ms. */
	coreMs: number;
	papaMs: number;
	/** Process CPU time (all threads, GC included), medians: steadier than wall time when the machine is busy. */
	coreCpuMs: number;
	papaCpuMs: number;
	/** Stages of importCsv, each timed on its own: reading, + decoding, + CSV records. */
	readMs: number;
	decodeMs: number;
	recordsMs: number;
	/**
	 * Validation and storing: the median of each run's importCsv less its CSV records (the two
	 * timed one after the other in the same run; the cumulative stages' medians come from runs
	 * apart, and their difference measured the machine's drift as much as the code).
	 */
	validateMs: number;
	/** What the worker does after importCsv before it posts the report. */
	summaryMs: number;
	ratio: number;
	/** The counts the app's summary line shows. */
	summary: { validRows: number; errorRows: number; warnings: number };
	peakHeapMb: number;
	/** Heap used after import with the dataset still held (after a GC). */
	retainedHeapMb: number;
	peakRssMb: number;
}

function fileSource(path: string): ByteSource {
	return {
		size: statSync(path).size,
		async *chunks() {
			for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }))
				yield chunk as Buffer;
		},
	};
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] as number;
}

type Stage = 'core' | 'summary' | 'papa' | 'read' | 'decode' | 'records';

/** Wall and process CPU time (all threads, GC included) of each run, in ms. */
class Timings {
	wall = new Map<Stage, number[]>();
	cpu = new Map<Stage, number[]>();

	async time<T>(stage: Stage, run: () => Promise<T>): Promise<T> {
		gc();
		const before = process.cpuUsage();
		const start = performance.now();
		const result = await run();
		const used = process.cpuUsage(before);
		this.#add(this.wall, stage, performance.now() - start);
		this.#add(this.cpu, stage, (used.user + used.system) / 1000);
		return result;
	}

	/** The median over the runs of `pair(a, b)`, each of one run's wall times. */
	medianOfRuns(a: Stage, b: Stage, pair: (a: number, b: number) => number): number {
		const bs = this.wall.get(b) ?? [];
		return median((this.wall.get(a) ?? []).map((v, i) => pair(v, bs[i] ?? Number.NaN)));
	}

	median(stage: Stage, of: 'wall' | 'cpu' = 'wall'): number {
		return Math.round(median(this[of].get(stage) ?? [0]));
	}

	#add(map: Map<Stage, number[]>, stage: Stage, value: number): void {
		map.set(stage, [...(map.get(stage) ?? []), value]);
	}
}

/** The stages of importCsv on their own: reading, + decoding, + CSV records (no validation). */
async function partial(path: string, decode: boolean, records: boolean): Promise<number> {
	const decoder = new StreamDecoder();
	let count = 0;
	const reader = new CsvStreamReader((batch) => (count += batch.length));
	for await (const chunk of fileSource(path).chunks()) {
		if (!decode) continue;
		const text = decoder.decode(chunk);
		if (records) reader.push(text);
	}
	if (records) reader.end();
	return count;
}

/** The same bytes decoded the same way as the core (TextDecoder, streaming). */
async function* decodedText(path: string): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	for await (const chunk of fileSource(path).chunks())
		yield decoder.decode(chunk, { stream: true });
	yield decoder.decode();
}

/** Bare papaparse (its Node stream mode) over the decoded text, rows counted, nothing else. */
function papaRows(path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		let rows = 0;
		const stream = Readable.from(decodedText(path));
		stream.on('error', reject);
		Papa.parse<string[]>(stream, {
			delimiter: ',',
			chunk: (results) => (rows += results.data.length),
			complete: () => resolve(rows),
			error: reject,
		});
	});
}

export async function benchNode(path: string): Promise<NodeResult> {
	const today = ymdOf(new Date());
	const t = new Timings();
	let peakHeap = 0;
	const sampler = setInterval(() => {
		peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
	}, 20);
	let rows = 0;
	let summary = { validRows: 0, errorRows: 0, warnings: 0 };
	let retainedHeap = 0;
	try {
		for (let run = 0; run < RUNS; run++) {
			const { dataset } = await t.time('core', () => importCsv(fileSource(path), { today }));
			// What the worker does after importCsv, before it posts the report.
			summary = await t.time('summary', async () => {
				errorFlags(dataset);
				return summarize(dataset);
			});
			rows = dataset.records.length;
			gc();
			retainedHeap = getHeapStatistics().used_heap_size;
			// Right after: this machine's speed drifts by tens of percent over a minute, and a ratio
			// of runs minutes apart measured the drift as much as the code.
			await t.time('papa', () => papaRows(path));
			await t.time('records', () => partial(path, true, true));
		}
		for (let run = 0; run < RUNS; run++) {
			await t.time('read', () => partial(path, false, false));
			await t.time('decode', () => partial(path, true, false));
		}
	} finally {
		clearInterval(sampler);
	}
	return {
		file: path,
		bytes: statSync(path).size,
		rows,
		coreMs: t.median('core'),
		coreCpuMs: t.median('core', 'cpu'),
		papaMs: t.median('papa'),
		papaCpuMs: t.median('papa', 'cpu'),
		readMs: t.median('read'),
		decodeMs: t.median('decode'),
		recordsMs: t.median('records'),
		validateMs: Math.round(t.medianOfRuns('core', 'records', (a, b) => a - b)),
		summaryMs: t.median('summary'),
		ratio: Math.round(t.medianOfRuns('core', 'papa', (a, b) => a / b) * 100) / 100,
		summary: {
			validRows: summary.validRows,
			errorRows: summary.errorRows,
			warnings: summary.warnings,
		},
		peakHeapMb: mb(peakHeap),
		retainedHeapMb: mb(retainedHeap),
		peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
	};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const path = process.argv[2];
	if (!path) throw new Error('Usage: node --expose-gc --import tsx test/bench/node.ts <file.csv>');
	console.log(JSON.stringify(await benchNode(path)));
}
