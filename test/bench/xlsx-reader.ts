// Benchmark of the workbook reader alone, in Node: a client sheet of 100k and 1,048,576 rows
// (Excel's maximum) × 8 columns, written by the test builder into bench-out/ (reused when
// present), then read from disk through a RandomAccessSource: wall time, peak heap, rows.
// Run: node --expose-gc --import tsx test/bench/xlsx-reader.ts [rows…]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_FIELDS } from '../../src/core/fields.ts';
import { openWorkbook } from '../../src/core/workbook/index.ts';
import { findMerges } from '../../src/core/workbook/merges.ts';
import { readZipEntries } from '../../src/core/workbook/zip.ts';
import type { RandomAccessSource } from '../../src/core/workbook/types.ts';
import { buildXlsx, type CellInput } from '../workbooks/build-xlsx.ts';
import { OUT_DIR } from './generate-clients.ts';

const FIRST = ['Anna', 'Lucas', 'Zoé', 'Jürgen', 'Begoña', 'Noah', 'Maëlle', 'Sven', 'José'];
const LAST = ['Martin', 'Müller', 'Núñez', 'Dubois', 'Smith', 'García', 'Rossi', 'Nguyen'];
const TAGS = ['', 'vip', 'newsletter', 'gym-a', 'gym-b', 'trial'];

function* clientRows(count: number): Generator<CellInput[]> {
	yield [...TEMPLATE_FIELDS];
	let seed = 12345;
	const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
	for (let i = 1; i < count; i++) {
		const first = FIRST[next() % FIRST.length]!;
		const last = LAST[next() % LAST.length]!;
		yield [
			`${first.toLowerCase()}.${i}@example.com`,
			`Pw${next().toString(36)}!${i}`,
			first,
			last,
			new Date(Date.UTC(1950 + (next() % 55), next() % 12, 1 + (next() % 28))),
			next() % 2 ? 'female' : 'male',
			TAGS[next() % TAGS.length]!,
			100000 + i,
		];
	}
}

async function fileSource(path: string): Promise<RandomAccessSource & { close(): Promise<void> }> {
	const handle = await open(path);
	const { size } = await handle.stat();
	return {
		size,
		async read(start, end) {
			const length = Math.max(0, Math.min(end, size) - start);
			const buffer = new Uint8Array(length);
			await handle.read(buffer, 0, length, start);
			return buffer;
		},
		close: () => handle.close(),
	};
}

function mb(bytes: number): string {
	return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

async function bench(rows: number): Promise<void> {
	mkdirSync(OUT_DIR, { recursive: true });
	// Bump the version when the rows written change, so an old file is not reused.
	const path = join(OUT_DIR, `xlsx-reader-clients-${rows}-v1.xlsx`);
	if (!existsSync(path)) {
		const t = performance.now();
		writeFileSync(path, buildXlsx({ sheets: [{ name: 'Clients', rows: clientRows(rows) }] }));
		console.log(`built ${path} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
	}
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	let peakExternal = 0;
	const sample = () => {
		const { heapUsed, external } = process.memoryUsage();
		if (heapUsed > peak) peak = heapUsed;
		if (external > peakExternal) peakExternal = external;
	};
	const timer = setInterval(sample, 20);
	const source = await fileSource(path);
	const entries = await readZipEntries(source);
	const sheetEntry = entries.find((e) => e.name.includes('worksheets/'))!;
	// The merge pre-scan alone (inflate, no parse), as the reader runs it for a sheet it cannot keep.
	let t = performance.now();
	await findMerges(source, sheetEntry, undefined, 0);
	const prescan = performance.now() - t;
	const cpu0 = process.cpuUsage();
	t = performance.now();
	const book = await openWorkbook(source);
	let count = 0;
	let last: string[] = [];
	await book.readRows('Clients', (batch) => {
		count += batch.length;
		last = batch[batch.length - 1]!.cells;
		sample();
	});
	const read = performance.now() - t;
	const cpu = process.cpuUsage(cpu0);
	clearInterval(timer);
	sample();
	await source.close();
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	console.log(
		`${rows} rows: file ${mb(source.size)}, sheet ${mb(sheetEntry.size)} XML; ` +
			`read ${s(read)} wall, ${s((cpu.user + cpu.system) / 1000)} CPU (merge pre-scan alone ` +
			`${s(prescan)}); peak heap +${mb(peak - base)} (${mb(peak)} total), external ` +
			`${mb(peakExternal)}; ${count} rows, ` +
			`last ${JSON.stringify(last)}`,
	);
}

const sizes = process.argv.slice(2).map(Number);
for (const rows of sizes.length ? sizes : [100_000, 1_048_576]) await bench(rows);
