// The second part of a CSV file cut in two (src/core/csv-split.ts), decoded and parsed by a
// worker of its own while the draft worker reads the first. Once the draft worker has read the
// header it sends the rules' context, and the part's rows go back checked and packed as blocks
// (src/core/checked-rows.ts); before that, or when the header is not known, they go back as
// compact batches of cells (one string and two arrays of numbers) that the draft worker checks.
// Either way nothing crosses cell by cell, and the buffers are transferred, not copied.
import { z } from 'zod';
import { CsvStreamReader, type CsvReaderResult, type Delimiter } from '../core/csv-reader.ts';
import { NotUtf8Error, StreamDecoder } from '../core/decode.ts';
import {
	CheckedRowsPacker,
	CheckedRowsSchema,
	checkedTransfer,
	RowChecksSchema,
	type RowChecks,
} from '../core/checked-rows.ts';
import { PlainRow } from '../core/plain-rows.ts';
import { PlainRouter, type PlainSink } from '../core/plain-router.ts';

/** Records a batch: a few thousand rows keeps messages few and each one small (~200 KB). */
const BATCH_ROWS = 4096;
/**
 * Checked rows a batch: eight blocks' worth, so that only one block in eight is put together
 * from two batches row by row (src/core/record-store.ts, appendPacked).
 */
const CHECKED_ROWS = 8192;
/** Progress is told every this many bytes. */
const PROGRESS_BYTES = 1 << 20;

/** What the draft worker sends the parse worker: the part, and how the first part settled. */
export const PartStartSchema = z.object({
	blob: z.instanceof(Blob),
	delimiter: z.enum([',', ';', '\t']),
	encoding: z.enum(['utf-8', 'windows-1252']),
});
export type PartStart = z.infer<typeof PartStartSchema>;
/** How the whole file is decoded, as its first part showed. */
export type PartEncoding = PartStart['encoding'];

/** Records in one batch: cell i ends at `cellEnds[i]` in `text`; record r has `cellCounts[r]` cells. */
const BatchSchema = z.object({
	text: z.string(),
	cellEnds: z.instanceof(Uint32Array<ArrayBuffer>),
	cellCounts: z.instanceof(Uint32Array<ArrayBuffer>),
});
export type RecordBatch = z.infer<typeof BatchSchema>;

const ReaderResultSchema = z.object({
	unclosedQuoteRow: z.number().int().nullable(),
	literalQuoteRows: z.array(z.number().int()).optional(),
});

export const PartMessageSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('batch'), batch: BatchSchema }),
	z.object({ kind: z.literal('rows'), batch: CheckedRowsSchema }),
	z.object({ kind: z.literal('progress'), bytesRead: z.number() }),
	z.object({ kind: z.literal('end'), rows: z.number().int(), result: ReaderResultSchema }),
	/** `not-utf-8`: a line of the part is not UTF-8 (one reading might read it otherwise). */
	z.object({ kind: z.literal('failed'), reason: z.enum(['not-utf-8', 'error']) }),
]);
export type PartMessage = z.infer<typeof PartMessageSchema>;
/** Rows as the draft worker takes them: cells to check, or rows checked already. */
export type PartBatch = Extract<PartMessage, { kind: 'batch' | 'rows' }>;

/** The draft worker's second message: how to check rows, or null to send cells. */
export const PartChecksSchema = z.object({ checks: RowChecksSchema.nullable() });
export type PartChecks = z.infer<typeof PartChecksSchema>;

export type PostPart = (message: PartMessage, transfer: Transferable[]) => void;

/** Packs records into one batch without a string or array per cell crossing the boundary. */
class BatchPacker {
	#cells: string[] = [];
	#ends = new Uint32Array(BATCH_ROWS * 8);
	#counts: number[] = [];
	#length = 0;

	get rows(): number {
		return this.#counts.length;
	}

	add(cells: readonly string[]): void {
		if (this.#cells.length + cells.length > this.#ends.length) {
			const grown = new Uint32Array(this.#ends.length * 2 + cells.length);
			grown.set(this.#ends);
			this.#ends = grown;
		}
		for (const cell of cells) {
			this.#length += cell.length;
			this.#ends[this.#cells.length] = this.#length;
			this.#cells.push(cell);
		}
		this.#counts.push(cells.length);
	}

	take(): RecordBatch {
		const batch: RecordBatch = {
			text: this.#cells.join(''),
			cellEnds: this.#ends.slice(0, this.#cells.length),
			cellCounts: Uint32Array.from(this.#counts),
		};
		this.#cells = [];
		this.#counts = [];
		this.#length = 0;
		return batch;
	}
}

/** Calls `each` with the cells of every record in `batch`, in order. */
export function unpackBatch(batch: RecordBatch, each: (cells: string[]) => void): void {
	const { text, cellEnds, cellCounts } = batch;
	let cell = 0;
	let at = 0;
	for (let r = 0; r < cellCounts.length; r++) {
		const n = cellCounts[r] as number;
		const cells: string[] = new Array<string>(n);
		for (let j = 0; j < n; j++) {
			const end = cellEnds[cell++] as number;
			cells[j] = text.slice(at, end);
			at = end;
		}
		each(cells);
	}
}

/**
 * Decodes and parses a second part as the reader of the whole file would (its delimiter, its
 * encoding, no sniffing at the part's start) and posts batches, progress and the end. Rows wait
 * (packed) until `checks` settles: then they are checked and packed as blocks, or, for null,
 * sent as cells. Never throws: a problem is a `failed` message, and the file is then read in
 * one piece.
 */
export async function parsePart(
	chunks: AsyncIterable<Uint8Array>,
	start: Omit<PartStart, 'blob'>,
	post: PostPart,
	checks: Promise<RowChecks | null>,
	batchRows = BATCH_ROWS,
	checkedRows = CHECKED_ROWS,
): Promise<void> {
	try {
		const decoder = new StreamDecoder(start.encoding, { continuation: true });
		const out = new PartOutput(post, batchRows, checkedRows);
		void checks.then((c) => out.settle(c));
		let rows = 0;
		let odd = false;
		const reader = new CsvStreamReader((records) => {
			for (const record of records) {
				// Continuation decoding marks no line as recoded, and rows come one after another;
				// anything else means this part was not read as the whole file would be.
				if (record.recoded || record.row !== rows + 1) odd = true;
				rows = record.row;
				out.add(record.cells, record.row);
			}
		}, start.delimiter as Delimiter);
		// Once rows are checked here, plain rows go from the bytes into the checked batches.
		const sink: PlainSink = {
			addPlainLines: (plain, src, at, row) => {
				const stop = out.addPlainLines(plain, src, at, row);
				if (stop > at) rows = plain.row;
				return stop;
			},
		};
		let router: PlainRouter | null = null;
		let bytesRead = 0;
		let told = 0;
		for await (const chunk of chunks) {
			bytesRead += chunk.length;
			const plain: PlainRow | null = router ? null : out.plainRows(start.delimiter as Delimiter);
			if (plain) router = new PlainRouter(reader, sink, plain);
			if (router) decoder.route(chunk, router);
			else reader.push(decoder.decode(chunk));
			if (odd) break;
			if (bytesRead - told >= PROGRESS_BYTES) {
				told = bytesRead;
				post({ kind: 'progress', bytesRead }, []);
			}
		}
		if (!odd) reader.push(decoder.decode(new Uint8Array(0), true));
		const result: CsvReaderResult = reader.end();
		if (odd) {
			post({ kind: 'failed', reason: 'error' }, []);
			return;
		}
		out.settle(await checks);
		out.end();
		post({ kind: 'progress', bytesRead }, []);
		post({ kind: 'end', rows, result }, []);
	} catch (error) {
		post({ kind: 'failed', reason: error instanceof NotUtf8Error ? 'not-utf-8' : 'error' }, []);
	}
}

/** Where a part's records go: held as cells until the checks are known, then as they say. */
class PartOutput {
	#post: PostPart;
	#batchRows: number;
	#cells = new BatchPacker();
	/** Batches of cells waiting for the checks, with the row number of their first record. */
	#held: { batch: RecordBatch; from: number }[] = [];
	#checked: CheckedRowsPacker | null = null;
	#checkedRows: number;
	#settled = false;
	#checks: RowChecks | null = null;
	#lastRow = 0;

	constructor(post: PostPart, batchRows: number, checkedRows: number) {
		this.#post = post;
		this.#batchRows = batchRows;
		this.#checkedRows = checkedRows;
	}

	add(cells: string[], row: number): void {
		const checked = this.#checked;
		if (checked) {
			checked.add(cells, row);
			if (checked.count >= this.#checkedRows) this.#postRows();
			return;
		}
		this.#cells.add(cells);
		this.#lastRow = row;
		if (this.#cells.rows >= this.#batchRows) this.#flushCells();
	}

	/** A reader of plain rows once rows are checked here (plain-rows.ts), else null. */
	plainRows(delimiter: Delimiter): PlainRow | null {
		const checks = this.#checks;
		return checks && PlainRow.under(checks.at, delimiter, checks.today);
	}

	/** Adds the plain rows from `at` on to the checked batches (PlainSink). */
	addPlainLines(plain: PlainRow, src: Uint8Array, at: number, row: number): number {
		const checked = this.#checked as CheckedRowsPacker;
		let p = at;
		for (let next = plain.read(src, p); next !== -1; next = plain.read(src, p)) {
			plain.row = row++;
			checked.addPlain(plain);
			if (checked.count >= this.#checkedRows) this.#postRows();
			p = next;
		}
		return p;
	}

	/** Takes the checks (once): what waited is sent as they say. */
	settle(checks: RowChecks | null): void {
		if (this.#settled) return;
		if (this.#cells.rows > 0) this.#flushCells();
		this.#settled = true;
		const held = this.#held;
		this.#held = [];
		if (checks) this.#checked = new CheckedRowsPacker(checks, this.#checkedRows);
		this.#checks = checks;
		for (const { batch, from } of held) {
			if (!this.#checked) {
				this.#postCells(batch);
				continue;
			}
			let row = from;
			unpackBatch(batch, (cells) => this.add(cells, row++));
		}
	}

	/** Sends what is left (call after settle). */
	end(): void {
		if (this.#checked) {
			if (this.#checked.records > 0) this.#postRows();
		} else if (this.#cells.rows > 0) this.#postCells(this.#cells.take());
	}

	#flushCells(): void {
		const from = this.#lastRow - this.#cells.rows + 1;
		const batch = this.#cells.take();
		// Once settled, cells are sent only when there are no checks (add packs checked rows).
		if (this.#settled) this.#postCells(batch);
		else this.#held.push({ batch, from });
	}

	#postCells(batch: RecordBatch): void {
		this.#post({ kind: 'batch', batch }, [batch.cellEnds.buffer, batch.cellCounts.buffer]);
	}

	#postRows(): void {
		const batch = (this.#checked as CheckedRowsPacker).take();
		this.#post({ kind: 'rows', batch }, checkedTransfer(batch));
	}
}

/** The second part as the draft worker sees it while it reads the first. */
export interface SecondPart {
	/** Bytes of the part read so far, for progress. */
	readonly bytesRead: number;
	/** True once the part cannot be used: the file is read in one piece. */
	readonly failed: boolean;
	/** True when it failed at a line that is not UTF-8. */
	readonly notUtf8: boolean;
	/** True once the part's reading ended well (its last batches may still be waiting). */
	readonly ended: boolean;
	/**
	 * The part's record batches in order, as they arrive; ends when the part ends, fails or is
	 * stopped (`done` tells which).
	 */
	batches(): AsyncIterable<PartBatch>;
	/**
	 * Tells the part how to check its rows (once the first part's header is read), or null to
	 * have them sent as cells; the part holds its rows until told.
	 */
	check(checks: RowChecks | null): void;
	/** How the part's reading ended, or null when it cannot be used (or was stopped). */
	readonly done: Promise<PartOutcome | null>;
	/** Stops the reading (its worker ends); `done` gives null if it had not ended. */
	stop(): void;
}

export interface PartOutcome {
	/** How many records the part's reader gave. */
	rows: number;
	result: CsvReaderResult;
}

/** Starts reading the part of the file from byte `from` on, with the whole file's delimiter. */
export type StartSecondPart = (
	from: number,
	delimiter: Delimiter,
	encoding: PartEncoding,
) => SecondPart;

/** A SecondPart built from the messages of whatever reads it (a worker, or a test in-process). */
export class CollectedPart implements SecondPart {
	bytesRead = 0;
	failed = false;
	notUtf8 = false;
	readonly done: Promise<PartOutcome | null>;
	#queue: PartBatch[] = [];
	#wake: (() => void) | null = null;
	#settle!: (outcome: PartOutcome | null) => void;
	#settled = false;
	#ended = false;
	#end: () => void;
	#tell: (checks: RowChecks | null) => void;

	/**
	 * `end` frees what reads the part (terminates its worker); called once, when it settles.
	 * `tell` passes on how to check rows.
	 */
	constructor(end: () => void, tell: (checks: RowChecks | null) => void) {
		this.#end = end;
		this.#tell = tell;
		this.done = new Promise((resolve) => (this.#settle = resolve));
	}

	accept(message: PartMessage): void {
		if (this.#settled) return;
		if (message.kind === 'batch' || message.kind === 'rows') this.#queue.push(message);
		else if (message.kind === 'progress') this.bytesRead = message.bytesRead;
		else if (message.kind === 'failed') {
			this.notUtf8 = message.reason === 'not-utf-8';
			this.fail();
		} else this.#finish({ rows: message.rows, result: message.result });
		this.#wake?.();
	}

	get ended(): boolean {
		return this.#ended;
	}

	check(checks: RowChecks | null): void {
		if (!this.#settled) this.#tell(checks);
	}

	async *batches(): AsyncIterable<PartBatch> {
		for (;;) {
			const batch = this.#queue.shift();
			if (batch) {
				yield batch;
				continue;
			}
			if (this.#settled) return;
			await new Promise<void>((resolve) => (this.#wake = resolve));
			this.#wake = null;
		}
	}

	fail(): void {
		if (this.#settled) return;
		this.failed = true;
		this.#finish(null);
	}

	stop(): void {
		this.#finish(null);
	}

	#finish(outcome: PartOutcome | null): void {
		if (this.#settled) return;
		this.#settled = true;
		this.#ended = outcome !== null;
		// A part that cannot be used gives no more batches; one that ended gives what is left.
		if (outcome === null) this.#queue = [];
		this.#settle(outcome);
		this.#wake?.();
		this.#end();
	}
}
