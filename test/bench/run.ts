// `npm run bench [-- --quick]`: generates the client files, measures the core in Node and the app
// in Chromium, prints one table and records it in docs/benchmarks.md, and each number in
// bench-out/results.json (results.ts, results-file.ts; compare.ts compares two such files).
// Numbers never fail the run. The tables are built in tables.ts, the record written by record.ts,
// options read by options.ts.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { clientFilePath, generateClients } from './generate-clients.ts';
import type { NodeResult } from './node.ts';
import { benchBrowser } from './browser.ts';
import { benchDrafts } from './drafts.ts';
import { benchNotices } from './notices.ts';
import { benchMapping, mappingTable, MAPPING_NOTES } from './mapping.ts';
import { benchXlsxApp, xlsxTable } from './xlsx-app.ts';
import { benchLock, lockTables, LOCK_NOTES, LOCK_ROWS } from './lock.ts';
import { benchSync } from './sync.ts';
import { benchLanguages, languagesTables, LANGUAGES_NOTES } from './languages.ts';
import { parseOptions, USAGE, type BenchOptions } from './options.ts';
import { benchWorkers, workersMeasurements, workersTable } from './workers.ts';
import { DOC, ROOT, machine, runStart, writeDoc, type RunStart } from './record.ts';
import {
	browserMeasurements,
	draftMeasurements,
	languagesMeasurements,
	lockMeasurements,
	mappingMeasurements,
	nodeMeasurements,
	noticeMeasurements,
	stamp,
	syncMeasurements,
	xlsxMeasurements,
	type Measured,
} from './results.ts';
import { RESULTS, writeResults } from './results-file.ts';
import { browserTable, draftTable, nodeTables, noticeTable, syncTables, text } from './tables.ts';

let options: BenchOptions;
try {
	options = parseOptions(process.argv.slice(2));
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(2);
}
const quick = options.quick;
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

/** Writes a run's measurements into results.json, keeping the entries it did not re-measure. */
function recordResults(start: RunStart, measured: readonly Measured[]): void {
	writeResults(stamp(measured, start));
	console.log(`Written to ${RESULTS}`);
}

async function sync(): Promise<void> {
	const start = runStart();
	console.log('Sync: 100k clients, faults off and 10 %, then the server alone…');
	const { runs, server } = await benchSync();
	const tables = syncTables(runs, server);
	const lines = machine(runs[0]?.chromium ?? 'unknown', start, 'npm run bench -- --sync');
	const notes = [
		`The server runs as \`server/testing.ts\` starts it: scrypt cost N = ${process.env.BENCH_SCRYPT_N ?? 16} (see docs/server.md; \`npm start\` uses 256, production 131072; \`BENCH_SCRYPT_N=256 npm run bench -- --sync\` measures another).`,
	];
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}\n\n${notes.join('\n')}`);
	await writeDoc(lines, tables, notes, '## Latest sync run');
	recordResults(start, syncMeasurements(runs, server));
	console.log(`Written to ${DOC}`);
}

async function notices(): Promise<void> {
	const start = runStart();
	console.log('Chromium notices…');
	const run = await benchNotices();
	const tables = [noticeTable(run.result)];
	const lines = machine(run.chromium, start, 'npm run bench -- --notices');
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, [], '## Latest notices run');
	recordResults(start, noticeMeasurements(run.result));
	console.log(`Written to ${DOC}`);
}

async function mapping(): Promise<void> {
	const start = runStart();
	console.log('Chromium mapping step: 1M rows with unknown headers vs template form…');
	const run = await benchMapping();
	const tables = [mappingTable(run.result)];
	const lines = machine(run.chromium, start, 'npm run bench -- --mapping');
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	console.log(MAPPING_NOTES.join('\n'));
	await writeDoc(lines, tables, MAPPING_NOTES, '## Mapping step (issue 11)');
	recordResults(start, mappingMeasurements(run.result));
	console.log(`Written to ${DOC}`);
}

async function xlsx(): Promise<void> {
	const start = runStart();
	console.log('Chromium workbooks: 100k rows and a full sheet (1,048,576 rows)…');
	const run = await benchXlsxApp();
	const tables = [xlsxTable(run.results)];
	const lines = machine(run.chromium, start, 'npm run bench -- --xlsx');
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, [], '## Latest workbook run (issue 12)');
	recordResults(start, xlsxMeasurements(run.results));
	console.log(`Written to ${DOC}`);
}

async function lock(): Promise<void> {
	const start = runStart();
	console.log('Chromium, passphrase lock: 1M rows, lock off and on…');
	const run = await benchLock();
	const tables = lockTables(run.results);
	const lines = machine(run.chromium, start, 'npm run bench -- --lock');
	lines.push(`Load average at the end: ${loadavg()[0]!.toFixed(1)}`);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, LOCK_NOTES, '## Latest lock run (issue 13)');
	recordResults(start, lockMeasurements(run.results, LOCK_ROWS));
	console.log(`Written to ${DOC}`);
}

async function languages(): Promise<void> {
	const start = runStart();
	console.log('Chromium languages: start-up before i18n and now, and a language switch…');
	const run = await benchLanguages();
	const tables = languagesTables(run.result);
	const lines = machine(run.chromium, start, 'npm run bench -- --languages');
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, LANGUAGES_NOTES, '## Languages (issue 15)');
	recordResults(start, languagesMeasurements(run.result));
	console.log(`Written to ${DOC}`);
}

/** The client files of this run's sizes, written if missing, with the counts Node finds in them. */
async function clientCases() {
	const cases = [];
	for (const rows of SIZES) {
		if (!existsSync(clientFilePath(rows))) console.log(`Generating ${n.format(rows)} rows…`);
		const result = runNode(await generateClients(rows));
		cases.push({ path: result.file, rows: result.rows, ...result.summary });
	}
	return cases;
}

async function workers(): Promise<void> {
	const start = runStart();
	console.log('Chromium: one worker vs two…');
	const run = await benchWorkers(await clientCases());
	const tables = [workersTable(run.results)];
	const lines = machine(
		run.chromium,
		start,
		`npm run bench -- --workers${quick ? ' --quick' : ''}`,
	);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}`);
	await writeDoc(lines, tables, [], '## Two workers (issue 16)');
	recordResults(start, workersMeasurements(run.results));
	console.log(`Written to ${DOC}`);
}

const ALONE = { languages, lock, notices, mapping, xlsx, sync, workers };

async function main(): Promise<void> {
	if (options.help) return console.log(USAGE);
	if (options.alone) return ALONE[options.alone]();
	const start = runStart();
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
	// Built from the same result objects as each table, as each arrives: a failure keeps the rest.
	const measured = nodeMeasurements(nodeResults);
	const notes: string[] = [];
	let chromiumVersion = 'not run';
	try {
		console.log('Chromium…');
		const cases = nodeResults.map((r) => ({ path: r.file, rows: r.rows, ...r.summary }));
		const browser = await benchBrowser(cases);
		chromiumVersion = browser.chromium;
		tables.push(browserTable(browser.results));
		measured.push(...browserMeasurements(browser.results));
		console.log('Chromium: one worker vs two…');
		// A pair that compared nothing is said in the notes; the benches after it still run.
		await benchWorkers(cases).then(
			({ results: pairs }) => {
				tables.push(workersTable(pairs));
				measured.push(...workersMeasurements(pairs));
			},
			(error: unknown) =>
				notes.push(`One worker vs two: ${error instanceof Error ? error.message : error}`),
		);
		console.log('Chromium drafts…');
		const drafts = await benchDrafts(cases);
		tables.push(draftTable(drafts));
		measured.push(...draftMeasurements(drafts));
		console.log('Chromium notices…');
		const noticeResult = (await benchNotices()).result;
		tables.push(noticeTable(noticeResult));
		measured.push(...noticeMeasurements(noticeResult));
		if (!quick) {
			console.log('Chromium mapping step…');
			const mapped = (await benchMapping()).result;
			tables.push(mappingTable(mapped));
			measured.push(...mappingMeasurements(mapped));
			notes.push(...MAPPING_NOTES);
			console.log('Chromium workbooks…');
			const workbooks = (await benchXlsxApp()).results;
			tables.push(xlsxTable(workbooks));
			measured.push(...xlsxMeasurements(workbooks));
		}
		console.log('Chromium languages…');
		const languageResult = (await benchLanguages()).result;
		tables.push(...languagesTables(languageResult));
		measured.push(...languagesMeasurements(languageResult));
		notes.push(...LANGUAGES_NOTES);
		console.log('Sync…');
		const synced = await benchSync();
		tables.push(...syncTables(synced.runs, synced.server));
		measured.push(...syncMeasurements(synced.runs, synced.server));
		if (browser.results.some((r) => r.workerHeapMb === null))
			notes.push('Worker JS heap: n/a where the worker target could not be attached over CDP.');
	} catch (error) {
		notes.push(`Chromium measurement failed: ${error instanceof Error ? error.message : error}`);
		process.exitCode = 1;
	}
	const lines = machine(chromiumVersion, start, `npm run bench${quick ? ' -- --quick' : ''}`);
	console.log(`\n${lines.join('\n')}\n\n${tables.map(text).join('\n\n')}\n\n${notes.join('\n')}`);
	await writeDoc(lines, tables, notes);
	console.log(`Written to ${DOC}`);
	recordResults(start, measured);
}

await main();
