// Issue 12: the measurement behind the choice of Roster's .xlsx reader (docs/decisions.md,
// "Reading workbooks"). Reads the same workbooks with SheetJS (@e965/xlsx, a republish of
// SheetJS 0.20.3), exceljs's streaming reader and Roster's own reader on fflate, each run in a
// process of its own so its peak RSS is that reader's alone; then bundles each read path for the
// browser and gzips it. The alternatives are not Roster dependencies: they are loaded from a
// scratch directory named by ROSTER_LIBCMP.
//
//   mkdir -p /tmp/libcmp && cd /tmp/libcmp && npm init -y && npm i @e965/xlsx@0.20.3 exceljs@4.4.0
//   ROSTER_LIBCMP=/tmp/libcmp npx tsx test/bench/workbook-libraries.ts [--runs 3] [--quick] [--no-bundle]
//
// --quick reads only the 100k file; ROSTER_LIBCMP_ONLY=roster,exceljs limits the readers. Results
// are printed (a markdown table), not written: docs/benchmarks.md "Workbooks (issue 12)" holds them.
// Workbooks go to ROSTER_XLSX_DIR (default /tmp/roster-xlsx), never into the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RandomAccessSource, WorkbookReader } from '../../src/core/workbook/types.ts';
import { writeBenchWorkbook } from './bench-workbook.ts';

const ROOT = join(import.meta.dirname, '../..');
const LIBCMP = process.env.ROSTER_LIBCMP ?? '/tmp/libcmp';
const LIBRARIES = ['roster', 'sheetjs', 'exceljs'] as const;
type Library = (typeof LIBRARIES)[number];

/** One read, as the child process reports it. */
interface ReadResult {
	library: Library;
	file: string;
	/** Data rows delivered (the header row not counted). */
	rows: number;
	/** File opened → last row delivered as strings. */
	ms: number;
	cpuMs: number;
	/** VmHWM of the process: everything the read held at once, file bytes included. */
	peakRssMb: number;
	/** Largest heapUsed seen (sampled every 20 ms; SheetJS reads synchronously, so at its phase ends). */
	peakHeapMb: number;
	/** The first client row as read, to check every reader sees the same cells. */
	first: string[];
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function vmHwmMb(): number {
	const status = readFileSync('/proc/self/status', 'utf8');
	return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

/** The scratch directory's require, or a message saying how to fill it. */
function scratchRequire(): NodeJS.Require {
	const pkg = join(LIBCMP, 'package.json');
	const installed = ['@e965/xlsx', 'exceljs'].every((p) =>
		existsSync(join(LIBCMP, 'node_modules', p, 'package.json')),
	);
	if (!installed) {
		console.error(
			`The libraries compared are not in ${LIBCMP}. Install them there (not in Roster):\n` +
				`  mkdir -p ${LIBCMP} && cd ${LIBCMP} && npm init -y && npm i @e965/xlsx@0.20.3 exceljs@4.4.0\n` +
				'and run again with ROSTER_LIBCMP=' +
				LIBCMP,
		);
		process.exit(2);
	}
	return createRequire(pkg);
}

/** YYYYMMDD of a date read as UTC midnight (how exceljs hands date cells over). */
function ymd(date: Date): string {
	const pad = (v: number, w = 2) => String(v).padStart(w, '0');
	return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
}

// The few calls of each library the comparison uses, typed here rather than with `any`.
interface SheetJs {
	read(
		data: Uint8Array,
		options: Record<string, unknown>,
	): { SheetNames: string[]; Sheets: Record<string, unknown> };
	utils: { sheet_to_json(sheet: unknown, options: Record<string, unknown>): unknown[][] };
}
type ExcelValue =
	| null
	| undefined
	| string
	| number
	| boolean
	| Date
	| { text?: string; result?: unknown; richText?: { text: string }[] };
interface ExcelJs {
	stream: {
		xlsx: {
			WorkbookReader: new (
				path: string,
				options: Record<string, string>,
			) => AsyncIterable<AsyncIterable<{ number: number; values: ExcelValue[] }>>;
		};
	};
}

function excelText(v: ExcelValue): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return ymd(v);
	if (typeof v !== 'object') return String(v);
	if (v.richText) return v.richText.map((r) => r.text).join('');
	return v.text ?? String(v.result ?? '');
}

/** Reads one workbook with one library in this process and prints its ReadResult as JSON. */
async function child(library: Library, file: string): Promise<void> {
	let peakHeap = 0;
	const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
	const sampler = setInterval(sample, 20);
	const req = library === 'roster' ? null : scratchRequire();
	let rows = 0;
	let first: string[] = [];
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	if (library === 'sheetjs') {
		const X = req!('@e965/xlsx') as SheetJs;
		// dense: rows as arrays rather than an object keyed by cell address (SheetJS's lean mode);
		// the whole workbook is still parsed into memory before the first row can be used.
		const wb = X.read(readFileSync(file), { dense: true, dateNF: 'yyyymmdd' });
		sample();
		const sheet = wb.Sheets[wb.SheetNames[0]!];
		const all = X.utils.sheet_to_json(sheet, { header: 1, raw: false, dateNF: 'yyyymmdd' });
		sample();
		rows = all.length - 1;
		// Array.from, not map: sheet_to_json leaves holes for empty cells.
		first = Array.from(all[1] ?? [], (c) => (c === undefined ? '' : String(c)));
	} else if (library === 'exceljs') {
		const E = req!('exceljs') as ExcelJs;
		const reader = new E.stream.xlsx.WorkbookReader(file, {
			sharedStrings: 'cache',
			styles: 'cache',
			hyperlinks: 'ignore',
			worksheets: 'emit',
		});
		for await (const sheet of reader) {
			for await (const row of sheet) {
				// values[0] is always empty: exceljs counts columns from 1.
				const cells = row.values.slice(1).map(excelText);
				if (row.number === 2) first = cells;
				if (row.number > 1) rows++;
			}
			break;
		}
	} else {
		const { openWorkbook } = (await import('../../src/core/workbook/index.ts')) as {
			openWorkbook(source: RandomAccessSource): Promise<WorkbookReader>;
		};
		const handle = await open(file);
		const size = (await handle.stat()).size;
		const source: RandomAccessSource = {
			size,
			async read(start: number, end: number) {
				const bytes = new Uint8Array(Math.max(0, Math.min(end, size) - start));
				await handle.read(bytes, 0, bytes.length, start);
				return bytes;
			},
		};
		const workbook = await openWorkbook(source);
		await workbook.readRows(workbook.sheets[0]!.name, (batch) => {
			for (const record of batch) {
				if (record.row === 2) first = record.cells;
				if (record.row > 1) rows++;
			}
		});
		await handle.close();
	}
	const ms = Math.round(performance.now() - t0);
	const cpu = process.cpuUsage(cpu0);
	clearInterval(sampler);
	sample();
	const result: ReadResult = {
		library,
		file,
		rows,
		ms,
		cpuMs: Math.round((cpu.user + cpu.system) / 1000),
		peakRssMb: vmHwmMb(),
		peakHeapMb: mb(peakHeap),
		first,
	};
	console.log(JSON.stringify(result));
}

function runChild(library: Library, file: string): ReadResult {
	const out = execFileSync(
		process.execPath,
		[
			'--max-old-space-size=8192',
			'--import',
			'tsx',
			import.meta.filename,
			'--child',
			library,
			file,
		],
		{
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
			maxBuffer: 1 << 20,
			env: process.env,
		},
	);
	return JSON.parse(out.trim().split('\n').pop()!) as ReadResult;
}

/** Minified + gzipped size of a browser bundle of `entry` (esbuild, as a lazily loaded chunk). */
function bundleGzipBytes(entry: string, dir: string): { min: number; gzip: number } {
	const esbuild = join(ROOT, 'node_modules/.bin/esbuild');
	const code = execFileSync(
		esbuild,
		[entry, '--bundle', '--minify', '--format=esm', '--platform=browser', '--log-level=error'],
		{ cwd: dir, maxBuffer: 64 << 20 },
	);
	return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

function bundles(): Record<Library, { min: number; gzip: number }> {
	const entries = join(LIBCMP, 'entries');
	mkdirSync(entries, { recursive: true });
	// Each entry keeps only the read path Roster would call, so tree-shaking can drop the rest.
	writeFileSync(
		join(entries, 'sheetjs.mjs'),
		"import { read, utils } from '@e965/xlsx';\nexport const rows = (b) => { const w = read(b, { dense: true }); return utils.sheet_to_json(w.Sheets[w.SheetNames[0]], { header: 1, raw: false }); };\n",
	);
	writeFileSync(
		join(entries, 'exceljs.mjs'),
		"import ExcelJS from 'exceljs';\nexport const rows = async (b) => { const w = new ExcelJS.Workbook(); await w.xlsx.load(b); return w.worksheets[0].getSheetValues(); };\n",
	);
	return {
		roster: bundleGzipBytes(join(ROOT, 'src/core/workbook/index.ts'), ROOT),
		sheetjs: bundleGzipBytes(join(entries, 'sheetjs.mjs'), LIBCMP),
		exceljs: bundleGzipBytes(join(entries, 'exceljs.mjs'), LIBCMP),
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args[0] === '--child') return child(args[1] as Library, args[2]!);
	scratchRequire();
	const runsArg = args.indexOf('--runs');
	const runs = runsArg === -1 ? 3 : Number(args[runsArg + 1]);
	// Clients, under a header row: 1,048,575 fill Excel's 1,048,576 rows.
	const sizes = args.includes('--quick') ? [100_000] : [100_000, 1_048_575];
	const only = process.env.ROSTER_LIBCMP_ONLY?.split(',') as Library[] | undefined;
	const libraries = LIBRARIES.filter((l) => !only || only.includes(l));
	console.log(
		`Load average at start: ${loadavg()
			.map((v) => v.toFixed(2))
			.join(' ')}`,
	);
	const table: string[][] = [];
	for (const size of sizes) {
		const file = await writeBenchWorkbook(size);
		const results: ReadResult[] = [];
		for (let run = 0; run < runs; run++)
			for (const library of libraries) {
				const r = runChild(library, file);
				console.log(`${size} ${library} run ${run + 1}: ${r.ms} ms, ${r.peakRssMb} MB RSS`);
				results.push(r);
			}
		const of = (library: Library, time: (r: ReadResult) => number) =>
			median(results.filter((r) => r.library === library).map(time));
		// Ratios to Roster's reader: on a shared machine the CPU one moves less than the wall one.
		const ratio = (library: Library, time: (r: ReadResult) => number) =>
			libraries.includes('roster') ? (of(library, time) / of('roster', time)).toFixed(2) : '—';
		for (const library of libraries) {
			const mine = results.filter((r) => r.library === library);
			const ms = median(mine.map((r) => r.ms));
			const wrong = mine.find((r) => r.rows !== size);
			table.push([
				String(size),
				library,
				`${ms} ms`,
				`${median(mine.map((r) => r.cpuMs))} ms`,
				`${ratio(library, (r) => r.ms)} / ${ratio(library, (r) => r.cpuMs)}`,
				`${median(mine.map((r) => r.peakRssMb))} MB`,
				`${median(mine.map((r) => r.peakHeapMb))} MB`,
				wrong ? `${wrong.rows} rows (wrong)` : JSON.stringify(mine[0]!.first),
			]);
		}
	}
	console.log(
		`Load average at end: ${loadavg()
			.map((v) => v.toFixed(2))
			.join(' ')}`,
	);
	const head = [
		'rows',
		'library',
		'read (median)',
		'CPU',
		'× Roster (wall / CPU)',
		'peak RSS',
		'peak heap (sampled)',
		'first client row',
	];
	console.log([head, ...table].map((r) => `| ${r.join(' | ')} |`).join('\n'));
	if (!args.includes('--no-bundle')) {
		const sizesOf = bundles();
		for (const library of libraries)
			console.log(
				`${library}: ${(sizesOf[library].min / 1024).toFixed(1)} KiB minified, ${(sizesOf[library].gzip / 1024).toFixed(1)} KiB gzip`,
			);
	}
}

await main();
