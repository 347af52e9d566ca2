// Result objects shaped as the benchmarks return them (see the types in test/bench), with the
// numbers of issue 16's table where it has them: the input of bench-results.test.ts.
import type { NodeResult } from '../bench/node.ts';
import type { BrowserResult } from '../bench/browser.ts';
import type { DraftBenchResult } from '../bench/drafts.ts';
import type { NoticeBenchResult } from '../bench/notices.ts';
import type { ServerBenchResult, SyncBenchResult } from '../bench/sync.ts';
import type { MappingBenchResult } from '../bench/mapping.ts';
import type { XlsxAppResult } from '../bench/xlsx-app.ts';
import type { LockBenchResult } from '../bench/lock.ts';
import type { LanguagesBenchResult } from '../bench/languages.ts';
import {
	browserMeasurements,
	draftMeasurements,
	languagesMeasurements,
	lockMeasurements,
	mappingMeasurements,
	nodeMeasurements,
	noticeMeasurements,
	syncMeasurements,
	xlsxMeasurements,
	type Measured,
} from '../bench/results.ts';

export function nodeResult(rows: number, scale: number): NodeResult {
	return {
		file: `bench-out/clients-${rows}-v1.csv`,
		bytes: 77e6 * scale,
		rows,
		coreMs: 4900 * scale,
		papaMs: 1650 * scale,
		coreCpuMs: 5600 * scale,
		papaCpuMs: 1800 * scale,
		readMs: 60 * scale,
		decodeMs: 160 * scale,
		recordsMs: 1200 * scale,
		// Paired within each run, so not exactly core − records of the medians.
		validateMs: 3650 * scale,
		summaryMs: 40 * scale,
		ratio: 2.98,
		summary: { validRows: 990 * rows * 1e-3, errorRows: 10 * rows * 1e-3, warnings: 0 },
		peakHeapMb: 700,
		retainedHeapMb: 400,
		peakRssMb: 900,
	};
}

export function browserResult(rows: number, workerHeapMb: number | null): BrowserResult {
	return {
		rows,
		totalMs: 9100,
		longestTaskMs: 0,
		longTasks: 0,
		pageHeapMb: 40,
		workerHeapMb,
		rendererRssMb: 1038,
		rendererCpuMs: 15000,
	};
}

export function draftResult(rows: number): DraftBenchResult {
	return {
		rows,
		importMs: 9800,
		importLongestTaskMs: 0,
		editP50Ms: 20,
		editP99Ms: 53,
		edits: 1000,
		openMs: 420,
		openLongestTaskMs: 0,
		scrollStepP95Ms: 3.1,
		scrollFrameP95Ms: 16.8,
		scrollBlankFrames: 0,
		jumpStepP95Ms: 4.2,
		jumpFrameP95Ms: 17.1,
		jumpBlankFrames: 12,
	};
}

export const notices: NoticeBenchResult = {
	notices: 1000,
	createPasswordsMs: 300,
	firstNoticeMs: 90,
	allNoticesMs: 800,
	longestTaskMs: 107,
	longTasks: [[12, 107]],
	pdfMs: 2500,
	pdfPages: 1000,
	pdfMb: 3.2,
};

export const syncRun = (faults: string, ms: number): SyncBenchResult => ({
	rows: 100_000,
	faults,
	ms,
	rowsPerSec: Math.round((100_000 / ms) * 1000),
	serverRows: 100_000,
	requests: 200,
	chromium: '140.0',
	cpu: { renderer: 12.8, browser: 6.1, otherChromium: 1.1, server: 9.5 },
});
export const server: ServerBenchResult = {
	chunks: 200,
	chunkSize: 500,
	ms: 4800,
	requestsPerSec: 41.7,
	rowsPerSec: 20833,
	serverRows: 100_000,
};

export const mapping: MappingBenchResult = {
	rows: 1_000_000,
	runs: [
		{
			form: 'template',
			stepMs: null,
			importMs: 9000,
			importCpuMs: 14000,
			longestTaskMs: 0,
			summary: 's',
		},
		{
			form: 'unknown headers',
			stepMs: 300,
			importMs: 9900,
			importCpuMs: 15000,
			longestTaskMs: 0,
			summary: 's',
		},
		{
			form: 'template',
			stepMs: null,
			importMs: 9400,
			importCpuMs: 14200,
			longestTaskMs: 0,
			summary: 's',
		},
		{
			form: 'unknown headers',
			stepMs: 500,
			importMs: 9700,
			importCpuMs: 15400,
			longestTaskMs: 0,
			summary: 's',
		},
	],
	ratio: 1.06,
	cpuRatio: 1.07,
};

export const workbooks: XlsxAppResult[] = [
	{
		sheetRows: 100_001,
		megabytes: 7,
		totalMs: 2800,
		rendererCpuMs: 4000,
		longestTaskMs: 0,
		longTasks: 0,
		workerHeapMb: 200,
		rendererRssMb: 500,
		summary: 's',
	},
	{
		sheetRows: 1_048_576,
		megabytes: 70,
		totalMs: 24000,
		rendererCpuMs: 40000,
		longestTaskMs: 60,
		longTasks: 1,
		workerHeapMb: null,
		rendererRssMb: 1400,
		summary: 's',
	},
];

export function lockRun(
	round: number,
	lock: 'off' | 'on',
	importMs: number,
	editP50Ms: number,
): LockBenchResult {
	return {
		round,
		lock,
		importMs,
		importCpuMs: importMs * 1.5,
		importLongestTaskMs: 0,
		editP50Ms,
		editP99Ms: editP50Ms * 2,
		edits: 1000,
		openListMs: 400,
		reloadMs: 900,
		unlockMs: lock === 'on' ? 1500 + round * 100 : null,
		clearInStorage: lock === 'off',
	};
}
export const lockRuns = [
	lockRun(1, 'off', 10_000, 20),
	lockRun(1, 'on', 13_000, 22),
	lockRun(2, 'on', 15_000, 23),
	lockRun(2, 'off', 12_000, 20),
];

export const languages: LanguagesBenchResult = {
	startup: [
		{
			build: 'before i18n (3cd03cb)',
			locale: 'en-US',
			files: 6,
			rawBytes: 901_000,
			gzipBytes: 283_000,
			firstScreenMs: 310,
			allMs: [300, 310, 320],
			urls: [],
		},
		{
			build: 'now',
			locale: 'fr-FR',
			files: 8,
			rawBytes: 1_137_000,
			gzipBytes: 340_000,
			firstScreenMs: 330,
			allMs: [330],
			urls: [],
		},
	],
	switchMs: 183,
	switchAllMs: [180, 183, 190],
};

/** Everything a full run measures, as run.ts gathers it. */
export function fullRun(): Measured[] {
	return [
		...nodeMeasurements([nodeResult(100_000, 0.1), nodeResult(1_000_000, 1)]),
		...browserMeasurements([browserResult(100_000, 60), browserResult(1_000_000, 481)]),
		...draftMeasurements([draftResult(100_000), draftResult(1_000_000)]),
		...noticeMeasurements(notices),
		...mappingMeasurements(mapping),
		...xlsxMeasurements(workbooks),
		...lockMeasurements(lockRuns, 1_000_000),
		...languagesMeasurements(languages),
		...syncMeasurements([syncRun('off', 22_300), syncRun('500:0.1,seed:11', 30_000)], server),
	];
}
