// `npm run bench [-- --quick]`: generates the client files, measures the core in Node and the app
// in Chromium, prints one table and records it in docs/benchmarks.md. Numbers never fail the run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { clientFilePath, generateClients } from './generate-clients.ts';
import type { NodeResult } from './node.ts';
import { benchBrowser, type BrowserResult } from './browser.ts';
import { benchDrafts, type DraftBenchResult } from './drafts.ts';
import { benchNotices, type NoticeBenchResult } from './notices.ts';
import { benchMapping, mappingTable, MAPPING_NOTES } from './mapping.ts';
import { benchXlsxApp, xlsxTable } from './xlsx-app.ts';
import { benchLock, lockTables, LOCK_NOTES } from './lock.ts';
import { benchSync, type ServerBenchResult, type SyncBenchResult } from './sync.ts';
import { benchLanguages, languagesTables, LANGUAGES_NOTES } from './languages.ts';

const ROOT = join(import.meta.dirname, '../..');
const DOC = join(ROOT, 'docs/benchmarks.md');
const quick = process.argv.includes('--quick');
/** Only the notices benchmark, recorded in a section of its own. */
const noticesOnly = process.argv.includes('--notices');
/** Only the sync benchmark, recorded in a section of its own. */
const syncOnly = process.argv.includes('--sync');
/** Only the mapping step's benchmark (issue 11), recorded in a section of its own. */
const mappingOnly = process.argv.includes('--mapping');
/** Only the workbook benchmark (issue 12), recorded in a section of its own. */
const xlsxOnly = process.argv.includes('--xlsx');
/** Only the passphrase lock's benchmark (issue 13), recorded in a section of its own. */
const lockOnly = process.argv.includes('--lock');
/** Only the languages benchmark (issue 15), recorded in a section of its own. */
const languagesOnly = process.argv.includes('--languages');
const SIZES = quick ? [100_000] : [100_000, 1_000_000];
const n = new Intl.NumberFormat('en-US');

/** Each file in its own process, so its peak RSS is that file's alone. */
function runNode(path: string): NodeResult {
	const script = join(import.meta.dirname, 'node.ts');
	const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, path], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 1 << 20,
	});
	return JSON.parse(out.trim().split('\n').pop() as string) as NodeResult;
}

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

function machine(chromium: string, start: { load: number; code: string }): string[] {
	const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
	const kb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
	return [
		`Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		`Machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} CPUs (${cpu ?? 'unknown'}), ${(kb / 2 ** 20).toFixed(1)} GiB RAM, load average ${start.load.toFixed(1)} at start`,
		`Code: ${start.code}`,
		`Node ${process.version}, Chromium ${chromium}`,
		`Command: npm run bench${quick ? ' -- --quick' : ''}`,
	];
}

type Table = { title: string; head: string[]; rows: string[][] };

function text(t: Table): string {
	const all = [t.head, ...t.rows];
	const widths = t.head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]) =>
		r
			.map((c, i) => c.padEnd(widths[i]!))
			.join('  ')
			.trimEnd();
	return [t.title, line(t.head), ...t.rows.map(line)].join('\n');
}

function markdown(t: Table): string {
	const line = (r: string[]) => `| ${r.join(' | ')} |`;
	return [
		`**${t.title}**`,
		'',
		line(t.head),
		line(t.head.map(() => '---')),
		...t.rows.map(line),
	].join('\n');
}

const ms = (v: number) => `${n.format(v)} ms`;
const perSec = (rows: number, v: number) => `${n.format(Math.round((rows / v) * 1000))}/s`;

const over = (bad: boolean) => (bad ? ' (over)' : '');

function nodeTables(results: NodeResult[]): Table[] {
	return [
		{
			title:
				'Node: importCsv (parse + validate) vs bare papaparse on the same decoded text; medians of 3, wall (process CPU)',
			head: ['rows', 'MB', 'core', 'core rows/s', 'papaparse', 'papa rows/s', 'ratio (≤ 1.5)'],
			rows: results.map((r) => [
				n.format(r.rows),
				(r.bytes / 1e6).toFixed(1),
				`${ms(r.coreMs)} (${ms(r.coreCpuMs)})`,
				perSec(r.rows, r.coreMs),
				`${ms(r.papaMs)} (${ms(r.papaCpuMs)})`,
				perSec(r.rows, r.papaMs),
				`${r.ratio}${over(r.ratio > 1.5)}`,
			]),
		},
		{
			title: 'Node: importCsv stages (cumulative, medians of 3), summary after import, memory',
			head: ['rows', 'read', '+decode', '+CSV records', '+validate', 'summary', 'peak RSS', 'heap'],
			rows: results.map((r) => [
				n.format(r.rows),
				ms(r.readMs),
				ms(r.decodeMs),
				ms(r.recordsMs),
				ms(r.coreMs),
				ms(r.summaryMs),
				`${r.peakRssMb} MB`,
				`${r.peakHeapMb} MB peak, ${r.retainedHeapMb} MB held`,
			]),
		},
	];
}

function browserTable(results: BrowserResult[]): Table {
	return {
		title:
			'Chromium: file chosen → every row saved in the draft and its summary shown (1M targets: < 5 s validated (issue 2), < 15 s saved (issue 3)), main-thread long tasks in that span (target none > 50 ms)',
		head: [
			'rows',
			'time',
			'renderer CPU',
			'longest task',
			'long tasks',
			'page JS heap',
			'worker JS heap',
			'renderer peak RSS',
		],
		rows: results.map((r) => [
			n.format(r.rows),
			`${ms(r.totalMs)}${over(r.rows >= 1e6 && r.totalMs >= 5000)}`,
			ms(r.rendererCpuMs),
			r.longestTaskMs === 0 ? 'none > 50 ms' : `${ms(r.longestTaskMs)} (over)`,
			String(r.longTasks),
			`${r.pageHeapMb} MB`,
			r.workerHeapMb === null ? 'n/a' : `${r.workerHeapMb} MB`,
			`${r.rendererRssMb} MB`,
		]),
	};
}

function draftTable(results: DraftBenchResult[]): Table {
	const tenth = (v: number) => `${v.toFixed(1)} ms`;
	return {
		title:
			'Chromium drafts: import to a saved draft (target 1M < 15 s, no task > 50 ms); cell edit → committed over 1,000 edits (p99 < 16 ms); open from the list → first rows shown (1M < 1 s); grid scroll (p95 frame < 16 ms): step = script + style + layout of one scroll step, forced synchronously; frame = interval between animation frames (60 Hz: 16.7 ms at best)',
		head: [
			'rows',
			'import → saved',
			'longest task',
			'edit p50',
			'edit p99',
			'open → rows',
			'longest task (open)',
			'glide: step p95 / frame p95 / frames with placeholders',
			'jump: step p95 / frame p95 / frames with placeholders',
		],
		rows: results.map((r) => [
			n.format(r.rows),
			`${ms(r.importMs)}${over(r.rows >= 1e6 && r.importMs >= 15_000)}`,
			r.importLongestTaskMs === 0 ? 'none > 50 ms' : `${ms(r.importLongestTaskMs)} (over)`,
			tenth(r.editP50Ms),
			`${tenth(r.editP99Ms)}${over(r.editP99Ms >= 16)}`,
			`${ms(r.openMs)}${over(r.openMs >= 1000)}`,
			r.openLongestTaskMs === 0 ? 'none > 50 ms' : `${ms(r.openLongestTaskMs)}`,
			`${tenth(r.scrollStepP95Ms)}${over(r.scrollStepP95Ms >= 16)} / ${tenth(r.scrollFrameP95Ms)}${over(r.scrollFrameP95Ms >= 17)} / ${r.scrollBlankFrames} of 300`,
			`${tenth(r.jumpStepP95Ms)} / ${tenth(r.jumpFrameP95Ms)} / ${r.jumpBlankFrames} of 300`,
		]),
	};
}

function noticeTable(r: NoticeBenchResult): Table {
	return {
		title:
			'Chromium notices: a draft of 1,000 clients without passwords; "Print notices" clicked → first notice on screen, → all built (Print enabled), longest main-thread task meanwhile (target none > 200 ms); page.pdf() of all of them',
		head: [
			'notices',
			'create passwords',
			'first notice',
			'all notices',
			'longest task',
			'PDF',
			'PDF pages',
			'PDF size',
		],
		rows: [
			[
				n.format(r.notices),
				ms(r.createPasswordsMs),
				ms(r.firstNoticeMs),
				ms(r.allNoticesMs),
				r.longestTaskMs === 0
					? 'none > 50 ms'
					: `${ms(r.longestTaskMs)}${over(r.longestTaskMs > 200)}`,
				ms(r.pdfMs),
				n.format(r.pdfPages),
				`${r.pdfMb} MB`,
			],
		],
	};
}

function syncTables(runs: SyncBenchResult[], server: ServerBenchResult): Table[] {
	return [
		{
			title:
				'Chromium → reference server on this machine: "Send 100,000 clients" clicked → "All 100,000 synced" (target < 60 s with faults off; with faults on, exactly 100k rows)',
			head: ['clients', 'faults', 'time', 'rows/s', 'rows on the server'],
			rows: runs.map((r) => [
				n.format(r.rows),
				r.faults,
				`${ms(r.ms)}${over(r.faults === 'off' && r.ms >= 60_000)}`,
				`${n.format(r.rowsPerSec)}/s`,
				`${n.format(r.serverRows)}${r.serverRows === r.rows ? '' : ' (wrong)'}`,
			]),
		},
		{
			title: 'Server alone: 500-client chunks posted from Node, 2 at a time',
			head: ['chunks', 'time', 'requests/s', 'rows/s', 'rows on the server'],
			rows: [
				[
					`${n.format(server.chunks)} × ${server.chunkSize}`,
					ms(server.ms),
					String(server.requestsPerSec),
					`${n.format(server.rowsPerSec)}/s`,
					n.format(server.serverRows),
				],
			],
		},
	];
}

async function sync(): Promise<void> {
	const start = { load: loadavg()[0]!, code: code() };
	console.log('Sync: 100k clients, faults off and 10 %, then the server alone…');
	const { runs, server } = await benchSync();
	const tables = syncTables(runs, server);
	const lines = machine(runs[0]?.chromium ?? 'unknown', start).map((l) =>
		l.startsWith('Command:') ? 'Command: npm run bench -- --sync' : l,
	);
	const notes = [
		`The server runs as \`server/testing.ts\` starts it: scrypt cost N = ${process.env.BENCH_SCRYPT_N ?? 16} (see docs/server.md; \`npm start\` uses 256, production 16384; \`BENCH_SCRYPT_N=256 npm run bench -- --sync\` measures another).`,
	];
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}\n\n${notes.join('\n')}`);
	await writeDoc(lines, tables, notes, '## Latest sync run');
	console.log(`Written to ${DOC}`);
}

async function writeDoc(
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

async function notices(): Promise<void> {
	const start = { load: loadavg()[0]!, code: code() };
	console.log('Chromium notices…');
	const run = await benchNotices();
	const tables = [noticeTable(run.result)];
	const lines = machine(run.chromium, start).map((l) =>
		l.startsWith('Command:') ? 'Command: npm run bench -- --notices' : l,
	);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, [], '## Latest notices run');
	console.log(`Written to ${DOC}`);
}

async function mapping(): Promise<void> {
	const start = { load: loadavg()[0]!, code: code() };
	console.log('Chromium mapping step: 1M rows with unknown headers vs template form…');
	const run = await benchMapping();
	const tables = [mappingTable(run.result)];
	const lines = machine(run.chromium, start).map((l) =>
		l.startsWith('Command:') ? 'Command: npm run bench -- --mapping' : l,
	);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	console.log(MAPPING_NOTES.join('\n'));
	await writeDoc(lines, tables, MAPPING_NOTES, '## Mapping step (issue 11)');
	console.log(`Written to ${DOC}`);
}

async function xlsx(): Promise<void> {
	const start = { load: loadavg()[0]!, code: code() };
	console.log('Chromium workbooks: 100k rows and a full sheet (1,048,576 rows)…');
	const run = await benchXlsxApp();
	const tables = [xlsxTable(run.results)];
	const lines = machine(run.chromium, start).map((l) =>
		l.startsWith('Command:') ? 'Command: npm run bench -- --xlsx' : l,
	);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, [], '## Latest workbook run (issue 12)');
	console.log(`Written to ${DOC}`);
}

async function lock(): Promise<void> {
	const start = { load: loadavg()[0]!, code: code() };
	console.log('Chromium, passphrase lock: 1M rows, lock off and on…');
	const run = await benchLock();
	const tables = lockTables(run.results);
	const lines = machine(run.chromium, start).map((l) =>
		l.startsWith('Command:') ? 'Command: npm run bench -- --lock' : l,
	);
	lines.push(`Load average at the end: ${loadavg()[0]!.toFixed(1)}`);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, LOCK_NOTES, '## Latest lock run (issue 13)');
	console.log(`Written to ${DOC}`);
}

async function languages(): Promise<void> {
	const start = { load: loadavg()[0]!, code: code() };
	console.log('Chromium languages: start-up before i18n and now, and a language switch…');
	const run = await benchLanguages();
	const tables = languagesTables(run.result);
	const lines = machine(run.chromium, start).map((l) =>
		l.startsWith('Command:') ? 'Command: npm run bench -- --languages' : l,
	);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, LANGUAGES_NOTES, '## Languages (issue 15)');
	console.log(`Written to ${DOC}`);
}

async function main(): Promise<void> {
	if (languagesOnly) return languages();
	if (lockOnly) return lock();
	if (noticesOnly) return notices();
	if (mappingOnly) return mapping();
	if (xlsxOnly) return xlsx();
	if (syncOnly) return sync();
	const start = { load: loadavg()[0]!, code: code() };
	const files: { rows: number; path: string }[] = [];
	for (const rows of SIZES) {
		if (!existsSync(clientFilePath(rows))) console.log(`Generating ${n.format(rows)} rows…`);
		files.push({ rows, path: await generateClients(rows) });
	}
	const nodeResults: NodeResult[] = [];
	for (const f of files) {
		console.log(`Node: ${n.format(f.rows)} rows…`);
		nodeResults.push(runNode(f.path));
	}
	const tables = nodeTables(nodeResults);
	const notes: string[] = [];
	let chromiumVersion = 'not run';
	try {
		console.log('Chromium…');
		const cases = nodeResults.map((r) => ({ path: r.file, rows: r.rows, ...r.summary }));
		const browser = await benchBrowser(cases);
		chromiumVersion = browser.chromium;
		tables.push(browserTable(browser.results));
		console.log('Chromium drafts…');
		tables.push(draftTable(await benchDrafts(cases)));
		console.log('Chromium notices…');
		tables.push(noticeTable((await benchNotices()).result));
		if (!quick) {
			console.log('Chromium mapping step…');
			tables.push(mappingTable((await benchMapping()).result));
			notes.push(...MAPPING_NOTES);
			console.log('Chromium workbooks…');
			tables.push(xlsxTable((await benchXlsxApp()).results));
		}
		console.log('Chromium languages…');
		tables.push(...languagesTables((await benchLanguages()).result));
		notes.push(...LANGUAGES_NOTES);
		console.log('Sync…');
		const synced = await benchSync();
		tables.push(...syncTables(synced.runs, synced.server));
		if (browser.results.some((r) => r.workerHeapMb === null))
			notes.push('Worker JS heap: n/a where the worker target could not be attached over CDP.');
	} catch (error) {
		notes.push(`Chromium measurement failed: ${error instanceof Error ? error.message : error}`);
		process.exitCode = 1;
	}
	const lines = machine(chromiumVersion, start);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}\n\n${notes.join('\n')}`);
	await writeDoc(lines, tables, notes);
	console.log(`Written to ${DOC}`);
}

await main();
