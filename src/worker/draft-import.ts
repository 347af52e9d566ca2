// Streaming a file into a draft: rows are validated as they are read and saved to IndexedDB
// block by block, so a page closed half-way keeps every saved block (and the draft says how
// many file rows it holds, for finishing from the same file later).
import { importTable, isWorkbookFile, type TableImportOptions } from '../core/import-table.ts';
import { BLOCK_SIZE } from '../core/record-store.ts';
import { DraftModel } from '../core/draft-model.ts';
import type { Validator } from '../core/validate.ts';
import type { ColumnMapping } from '../core/column-mapping.ts';
import type { DraftRecord } from '../storage/db.ts';
import type { DraftMapping } from '../storage/draft-record.ts';
import type { DraftRepository } from '../storage/drafts.ts';
import { blobSource } from './blob-source.ts';
import { takeWorkbook, workbookKey } from './workbook-cache.ts';
import type { Args, EventPayload } from './protocol.ts';
import { listCredentials } from './list-counts.ts';
import { importCsvInParts } from './parse-split.ts';
import { parseWorkerAvailable, parseWorkerFor } from './parse-spawn.ts';

const PROGRESS_INTERVAL_MS = 100;
/** Saving while a file streams: at most this many blocks wait, or this long. */
const SAVE_BLOCKS = 32;
const SAVE_EVERY_MS = 500;

type ImportRequest = Args<'import'>;

/** How the file's columns are mapped, and what of its head the draft keeps for the step. */
export interface ImportMapping {
	/** The pro's mapping (null: the header's certain names, as the template is read). */
	mapping: ColumnMapping | null;
	how: DraftMapping['how'];
	key: string;
	header: string[];
	headerRow: number;
	sample: string[][];
}

export interface Pace {
	/** Reports how far the import is. */
	progress: (progress: Omit<EventPayload<'progress'>, 'call'>) => void;
	/** Wall clock for stored times. */
	clock: () => number;
	/** Monotonic time for pacing. */
	now: () => number;
}

function draftName(fileName: string, at: number): string {
	const d = new Date(at);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${fileName} · ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A new, empty draft for a file about to be imported. */
export function newDraftRecord(id: string, request: ImportRequest, at: number): DraftRecord {
	return {
		id,
		name: draftName(request.name, at),
		source: {
			fileName: request.name,
			size: request.file.size,
			lastModified: request.lastModified,
			encoding: 'utf-8',
			delimiter: ',',
		},
		header: { columns: [], names: [], blank: [], present: new Set(), issues: [] },
		fileIssues: [],
		dateOrder: null,
		createdAt: at,
		updatedAt: at,
		counts: { rows: 0, errorRows: 0, warningRows: 0 },
		status: 'importing',
		fileRows: 0,
		position: 0,
		historyHead: 0,
		historyStart: 0,
		historyEnd: 0,
		deletedAt: null,
	};
}

/**
 * Reads `request.file` into the draft `meta` (new, or partly imported: the rows it holds are
 * skipped, by count) and marks it ready. Resolves with the validated rows.
 */
export async function streamIntoDraft(
	repo: DraftRepository,
	meta: DraftRecord,
	request: ImportRequest,
	signal: AbortSignal,
	pace: Pace,
	columns: ImportMapping | null = null,
): Promise<{ model: DraftModel; validator: Validator }> {
	const id = meta.id;
	const keptBlocks = Math.floor(meta.fileRows / BLOCK_SIZE);
	let savedBlocks = keptBlocks;
	let committedRows = meta.fileRows;
	let pending: Promise<void> = Promise.resolve();
	let lastSave = pace.now();
	let lastProgress = 0;
	let rowsRead = 0;
	const bytesSeen = { read: 0, total: 0 };
	const progress = (bytesRead: number, totalBytes: number, force = false) => {
		bytesSeen.read = bytesRead;
		bytesSeen.total = totalBytes;
		const t = pace.now();
		if (!force && t - lastProgress < PROGRESS_INTERVAL_MS) return;
		lastProgress = t;
		pace.progress({
			bytesRead,
			totalBytes,
			rows: rowsRead,
			savedRows: committedRows,
		});
	};
	const save = (validator: Validator, upTo: number, changes: Partial<DraftRecord>) => {
		const records = validator.records;
		const first = savedBlocks;
		const blocks = [];
		for (let b = first; b < upTo; b++) blocks.push(records.sealedBlock(b));
		savedBlocks = upTo;
		const header = validator.header;
		const rows = Math.min(records.length, upTo * BLOCK_SIZE);
		return repo
			.saveBlocks(id, blocks, first, {
				...changes,
				// The header keeps its own issues; fileIssues holds the others.
				...(header ? { header } : {}),
				updatedAt: pace.clock(),
			})
			.then(() => {
				committedRows = Math.max(committedRows, rows);
			});
	};
	try {
		// The reader `inspect` opened for this file a moment ago, when it is the same file.
		const workbook = takeWorkbook(workbookKey(request.file, request.name));
		const source = blobSource(request.file);
		const options: TableImportOptions = {
			today: request.today,
			...(workbook ? { workbook } : {}),
			...(request.sheet !== undefined ? { sheet: request.sheet } : {}),
			...(columns?.mapping ? { mapping: columns.mapping } : {}),
			signal,
			onProgress: (p) => {
				rowsRead = p.rows;
				progress(p.bytesRead, p.totalBytes);
			},
			afterChunk: async (validator, restart) => {
				if (restart) savedBlocks = keptBlocks;
				const full = Math.floor(validator.records.length / BLOCK_SIZE);
				const waiting = full - savedBlocks;
				if (waiting <= 0) return;
				if (waiting < SAVE_BLOCKS && pace.now() - lastSave < SAVE_EVERY_MS) return;
				// One write in flight: the next batch is read while this one commits.
				await pending;
				lastSave = pace.now();
				pending = save(validator, full, {
					fileRows: full * BLOCK_SIZE,
					// Errors are counted once every row is checked; the list shows rows saved.
					counts: { rows: full * BLOCK_SIZE, errorRows: 0, warningRows: 0 },
				});
				// Handled where it is awaited (the next batch or the end); until then a
				// failure must not surface as an unhandled rejection.
				pending.catch(() => undefined);
				if (!request.resume && holdsAfterSave()) {
					await pending;
					progress(bytesSeen.read, bytesSeen.total, true);
					await new Promise<never>(() => {});
				}
			},
		};
		// A big CSV file is read by two workers (parse-split.ts); a resumed one in one piece, as
		// the rows it already holds are counted from the file's start.
		const inParts =
			!workbook &&
			request.sheet === undefined &&
			meta.fileRows === 0 &&
			parseWorkerAvailable(request.file.size) &&
			!(await isWorkbookFile(source));
		const result = inParts
			? {
					...(await importCsvInParts(source, options, parseWorkerFor(request.file))),
					sheet: null,
				}
			: await importTable(source, options);
		await pending;
		const { dataset, validator } = result;
		const model = new DraftModel(dataset, validator);
		const counts = model.counts();
		const ready: Partial<DraftRecord> = {
			status: 'ready',
			fileRows: dataset.records.length,
			source: {
				...meta.source,
				encoding: result.encoding,
				delimiter: result.delimiter,
				...(result.sheet !== null ? { sheet: result.sheet } : {}),
			},
			fileIssues: dataset.fileIssues.filter(
				(i) => i.code !== 'file.no_rows' && !dataset.header.issues.includes(i),
			),
			dateOrder: dataset.dateOrder,
			genderConvention: dataset.genderConvention,
			...(columns ? { mapping: draftMapping(columns, dataset.header.columns) } : {}),
			counts: {
				rows: counts.rows,
				errorRows: counts.errorRows,
				warningRows: counts.warningRows,
				credentials: listCredentials(model.credentialCounts()),
			},
		};
		// A resumed draft keeps its own date order: the pro may have chosen one meanwhile.
		await save(
			validator,
			dataset.records.blockCount,
			request.resume ? { ...ready, dateOrder: meta.dateOrder } : ready,
		);
		progress(request.file.size, request.file.size, true);
		return { model, validator };
	} catch (error) {
		await pending.catch(() => undefined);
		throw error;
	}
}

/**
 * A test seam, like `self.rosterTwoWorkers` (parse-spawn.ts): when a browser test sets
 * `self.rosterHoldImport`, a new import (not a resumed one) stops for good once its first rows
 * are saved, so closing the page mid-import does not race a 200,000-row file that reads in two
 * seconds. Resumes are not held: the service worker may keep serving the flagged script.
 */
function holdsAfterSave(): boolean {
	return (globalThis as { rosterHoldImport?: unknown }).rosterHoldImport === true;
}

/** What the draft keeps of its mapping: without the pro's, the columns the header matched. */
function draftMapping(columns: ImportMapping, matched: DraftMapping['columns']): DraftMapping {
	const { mapping, how, key, header, headerRow, sample } = columns;
	return {
		columns: mapping ? [...mapping.columns] : [...matched],
		fill: mapping ? { ...mapping.fill } : {},
		how,
		key,
		header,
		headerRow,
		sample,
	};
}
