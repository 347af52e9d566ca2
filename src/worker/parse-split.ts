// Reading a big CSV file with both cores: the file is cut where csv-split proves two readers give
// one reading's records; a second worker decodes, parses and checks the part after the cut
// while this one reads the part before it (checked-rows.ts), then that part's rows are added
// after the first part's, numbered on from them. What spans rows (duplicates, date order, row
// numbers, saved blocks) and every issue stay in this worker, so the draft is the one a single
// reading makes; whenever that cannot be shown the file is read in one piece, as before.
import { CsvStreamReader, type CsvRecord } from '../core/csv-reader.ts';
import { continuedRow, mergedResult, type PartReading } from '../core/csv-split-merge.ts';
import { findCsvSplit, type CsvSplit, type SplitOptions } from '../core/csv-split.ts';
import { NotUtf8Error, StreamDecoder } from '../core/decode.ts';
import {
	endOfReading,
	importCsv,
	ImportCancelledError,
	type ByteSource,
	type ImportOptions,
	type ImportResult,
} from '../core/import-csv.ts';
import type { RandomAccessSource } from '../core/workbook/types.ts';
import { Validator } from '../core/validate.ts';
import { nextTask } from './blob-source.ts';
import {
	unpackBatch,
	type PartEncoding,
	type SecondPart,
	type StartSecondPart,
} from './parse-part.ts';

/** Smaller files are read in one piece: a second worker's start-up would cost more than it saves. */
export const MIN_SPLIT_BYTES = 4 << 20;
/**
 * Where the cut aims, as a share of the file. This worker reads, validates and saves its part,
 * then validates and saves the other; the parse worker only decodes and parses (about 45 % of
 * the work a row costs here, issue 16's floors). A first part of 40 % lets the parse worker
 * finish the rest before this worker needs it, with room to spare on a busy machine.
 */
const FIRST_PART = 0.4;
const YIELD_EVERY_MS = 30;

/** A file that can be read whole, at any offset, and as a part of it. */
export interface SplitSource extends ByteSource, RandomAccessSource {
	part(start: number, end: number): ByteSource;
}

export interface PartsOptions {
	/** Files smaller than this are read in one piece (default MIN_SPLIT_BYTES). */
	minBytes?: number;
	/** Where findCsvSplit may cut (tests); default: near FIRST_PART of the file. */
	split?: SplitOptions;
	/** Monotonic clock, for stepping aside now and then so Cancel gets in. */
	now?: () => number;
}

/**
 * Imports a CSV file (not a workbook) with a second worker reading its second part when the
 * file is big enough and can be cut; the result is exactly importCsv's.
 */
export async function importCsvInParts(
	source: SplitSource,
	options: ImportOptions,
	startSecond: StartSecondPart,
	parts: PartsOptions = {},
): Promise<ImportResult> {
	const split =
		source.size >= (parts.minBytes ?? MIN_SPLIT_BYTES)
			? await findCsvSplit(source, {
					target: Math.floor(source.size * FIRST_PART),
					...parts.split,
				})
			: null;
	if (split === null) return importCsv(source, options);
	const again = readingAgain(options);
	const now = parts.now ?? (() => performance.now());
	let encoding: PartEncoding = 'utf-8';
	for (;;) {
		let second: SecondPart;
		try {
			second = startSecond(split.offset, split.delimiter, encoding);
		} catch {
			// No worker could be started here (a browser without workers in workers).
			break;
		}
		const stop = () => second.stop();
		options.signal?.addEventListener('abort', stop);
		let result: ImportResult | PartEncoding | null;
		try {
			result = await readInTwo(source, split, second, again.options, now, encoding);
		} finally {
			options.signal?.removeEventListener('abort', stop);
			second.stop();
		}
		if (typeof result === 'object' && result !== null) return result;
		again.next();
		// A Windows-1252 file: one reading reads it again whole as such, and so do two parts.
		if (result === 'windows-1252' && encoding === 'utf-8') encoding = result;
		else break;
	}
	return importCsv(source, again.options);
}

/**
 * The options for a reading that may follow one that was given up: the first afterChunk of
 * the next reading says `restart`, so what the abandoned one saved is saved again.
 */
function readingAgain(options: ImportOptions): { options: ImportOptions; next(): void } {
	const afterChunk = options.afterChunk;
	let restart = false;
	return {
		options: afterChunk
			? {
					...options,
					afterChunk: (validator: Validator, again: boolean) => {
						const first = restart;
						restart = false;
						return afterChunk(validator, again || first);
					},
				}
			: options,
		next: () => {
			restart = true;
		},
	};
}

/** The two-part reading, or null when it may differ from one reading. */
async function readInTwo(
	source: SplitSource,
	split: CsvSplit,
	second: SecondPart,
	options: ImportOptions,
	now: () => number,
	encoding: PartEncoding,
): Promise<ImportResult | PartEncoding | null> {
	const decoder = new StreamDecoder(encoding === 'utf-8' ? undefined : encoding);
	const validator = new Validator({
		...options,
		expectedRows: Math.ceil(source.size / 60),
		claimAtFinish: true,
	});
	let firstRows = 0;
	const reader = new CsvStreamReader((records: CsvRecord[]) => {
		validator.addRows(records);
		if (records.length > 0) firstRows = (records[records.length - 1] as CsvRecord).row;
	});
	let bytesRead = 0;
	let sawText = false;
	const progress = () =>
		options.onProgress?.({
			bytesRead: bytesRead + second.bytesRead,
			totalBytes: source.size,
			rows: validator.rowCount,
		});
	const cancelled = () => {
		if (options.signal?.aborted) throw new ImportCancelledError();
	};
	let final = false;
	let told = false;
	try {
		for await (const chunk of source.part(0, split.offset).chunks()) {
			cancelled();
			// A second part that is not UTF-8 may be part of a Windows-1252 file: reading on
			// tells (the first part then throws below).
			if (second.failed && !(encoding === 'utf-8' && second.notUtf8)) return null;
			bytesRead += chunk.length;
			const text = decoder.decode(chunk);
			if (decoder.binary) return null;
			if (text !== '') {
				sawText ||= text.trim() !== '';
				reader.push(text);
			}
			progress();
			if (!told && validator.header) {
				second.check(validator.rowChecks());
				told = true;
			}
			await options.afterChunk?.(validator, false);
		}
		cancelled();
		final = true;
		const tail = decoder.decode(new Uint8Array(0), true);
		sawText ||= tail.trim() !== '';
		reader.push(tail);
	} catch (error) {
		// Not UTF-8 before the cut: one reading of the file would have found it the same way,
		// and read the file again as Windows-1252. Found only at the cut, it would not be certain
		// (one reading looks further on before it decides).
		if (error instanceof NotUtf8Error) return final ? null : 'windows-1252';
		throw error;
	}
	if (second.failed) return null;
	if (decoder.binary || decoder.encoding !== encoding || !validator.hasHeader) return null;
	if (reader.delimiter !== split.delimiter) return null;
	const first: PartReading = { rows: firstRows, result: reader.end() };
	// A quote open where the first part ends: the second part was read from the wrong state.
	if (first.result.unclosedQuoteRow !== null || first.result.literalQuoteRows) return null;

	// The second part's rows as they come. Should the part fail later, this validator is dropped
	// and the file read again in one piece; so blocks are saved (afterChunk) only once the part
	// has ended well, and a draft never holds rows of a reading that was dropped.
	if (!told) second.check(validator.rowChecks());
	let row = 0;
	let last = now();
	for await (const { kind, batch } of second.batches()) {
		cancelled();
		if (kind === 'rows') {
			validator.addChecked(batch, continuedRow(0, first));
			row += batch.records;
		} else unpackBatch(batch, (cells) => validator.addCells(cells, continuedRow(++row, first)));
		progress();
		if (second.ended) await options.afterChunk?.(validator, false);
		if (now() - last > YIELD_EVERY_MS) {
			await nextTask();
			last = now();
		}
	}
	const outcome = await second.done;
	cancelled();
	if (outcome === null || outcome.rows !== row) return null;
	const merged = mergedResult(first, { rows: outcome.rows, result: outcome.result });
	if (merged === null) return null;
	cancelled();
	return endOfReading(source, options, validator, decoder, {
		result: merged,
		sawText,
		delimiter: reader.delimiter,
	});
}
