// Reading a whole file: bytes → text → CSV records → validation, streamed chunk by chunk with
// progress and cancellation. The browser worker and the Node CLI both run exactly this.
import { NotUtf8Error, StreamDecoder, type BinaryKind, type Encoding } from './decode.ts';
import { CsvStreamReader, type CsvReaderResult, type Delimiter } from './csv-reader.ts';
import type { Issue } from './issues.ts';
import { ISSUE_WORDINGS, wordedIssue } from './issue-messages.ts';
import { unclosedQuoteIssue } from './rules.ts';
import { Validator, type Dataset, type ValidateOptions } from './validate.ts';
import type { RandomAccessSource } from './workbook/types.ts';
import { PlainRouter } from './plain-router.ts';

/** Something that can be read from the start, more than once (a File, a path on disk). */
export interface ByteSource {
	size: number;
	chunks(): AsyncIterable<Uint8Array>;
}

export interface ImportProgress {
	bytesRead: number;
	totalBytes: number;
	rows: number;
}

export interface ImportOptions extends ValidateOptions {
	signal?: AbortSignal;
	onProgress?: (progress: ImportProgress) => void;
	/**
	 * Called after each chunk with the validation so far; reading waits for it (a draft saves
	 * its full blocks here). `restart` is true on the first call of a second reading (a file
	 * that turned out not to be UTF-8 is read again from the start).
	 */
	afterChunk?: (validator: Validator, restart: boolean) => Promise<void> | void;
	/**
	 * False: every line goes through the text path, none is read from its bytes as a plain row
	 * (plain-rows.ts). The tests compare the two.
	 */
	plainRows?: boolean;
}

export interface ImportResult {
	dataset: Dataset;
	/** Keeps the indexes a draft needs to go on validating edits. */
	validator: Validator;
	encoding: Encoding;
	delimiter: Delimiter;
}

/** What to do with a file that is not text, by what it looks like (also told by `inspect`). */
const english = (key: string): string => ISSUE_WORDINGS[key]?.en({}) ?? '';

export const BINARY_ADVICE: Record<BinaryKind, string> = {
	xlsx: english('file_binary_xlsx'),
	xls: english('file_binary_xls'),
	pdf: english('file_binary_pdf'),
	binary: english('file_binary_binary'),
};

/** What `file.empty` says (also when `inspect` finds it before an import). */
export const EMPTY_MESSAGE = english('file_empty');

/** `file.binary` for a file of that kind. */
export function binaryIssue(kind: BinaryKind): Issue {
	return wordedIssue('file.binary', null, null, kind, {});
}

/** `file.empty` for a CSV file with no text or no header. */
export function emptyFileIssue(): Issue {
	return wordedIssue('file.empty', null, null, null, {});
}

export class ImportCancelledError extends Error {
	constructor() {
		super('Import cancelled');
		this.name = 'ImportCancelledError';
	}
}

export async function importCsv(source: ByteSource, options: ImportOptions): Promise<ImportResult> {
	try {
		return await readOnce(source, options, undefined);
	} catch (error) {
		if (error instanceof NotUtf8Error) return readOnce(source, options, 'windows-1252');
		throw error;
	}
}

async function readOnce(
	source: ByteSource,
	options: ImportOptions,
	forced: Encoding | undefined,
): Promise<ImportResult> {
	const decoder = new StreamDecoder(forced);
	// ~60 bytes a client row in real exports: enough to size the duplicate indexes once.
	const validator = new Validator({
		...options,
		expectedRows: Math.ceil(source.size / 60),
		claimAtFinish: true,
	});
	const reader = new CsvStreamReader((records) => validator.addRows(records));
	let bytesRead = 0;
	let sawText = false;
	let restart = forced !== undefined;
	let router: PlainRouter | null = null;
	/** Reads part of a chunk; false once the file turns out not to be text. */
	const read = (part: Uint8Array): boolean => {
		if (router) {
			decoder.route(part, router);
			sawText ||= router.sawText;
			return true;
		}
		const text = decoder.decode(part);
		if (decoder.binary) return false;
		if (text !== '') {
			sawText ||= text.trim() !== '';
			reader.push(text);
		}
		return true;
	};
	for await (const chunk of source.chunks()) {
		if (options.signal?.aborted) throw new ImportCancelledError();
		bytesRead += chunk.length;
		router ??= plainRouter(options, reader, validator);
		// Until the header is known, a first look at a chunk's start may find it, so that its rest
		// is read as plain rows already (a megabyte is an eighth of a 100,000-row file).
		let rest = chunk;
		if (!router && chunk.length > FIRST_LOOK) {
			if (!read(chunk.subarray(0, FIRST_LOOK))) break;
			router = plainRouter(options, reader, validator);
			rest = chunk.subarray(FIRST_LOOK);
		}
		if (!read(rest)) break;
		options.onProgress?.({ bytesRead, totalBytes: source.size, rows: validator.rowCount });
		if (options.afterChunk) {
			await options.afterChunk(validator, restart);
			restart = false;
		}
	}
	if (options.signal?.aborted) throw new ImportCancelledError();
	if (!decoder.binary) {
		const tail = decoder.decode(new Uint8Array(0), true);
		sawText ||= tail.trim() !== '';
		reader.push(tail);
	}
	const result = decoder.binary ? null : reader.end();
	return endOfReading(source, options, validator, decoder, {
		result,
		sawText,
		delimiter: reader.delimiter,
	});
}

/** How much of a chunk is read first while the header is not known yet. */
const FIRST_LOOK = 64 << 10;

/** Once the header is known, a router that reads plain rows from their bytes (plain-rows.ts). */
function plainRouter(
	options: ImportOptions,
	reader: CsvStreamReader,
	validator: Validator,
): PlainRouter | null {
	if (options.plainRows === false || reader.delimiter === null) return null;
	const plain = validator.plainRows(reader.delimiter);
	return plain && new PlainRouter(reader, validator, plain);
}

/**
 * The file issues a reading ends with (not text, empty, quotes that never closed), its last
 * progress and its result; `result` is null for a file that is not text. Also the end of a
 * file read in two parts (src/worker/parse-split.ts).
 */
export function endOfReading(
	source: ByteSource,
	options: ImportOptions,
	validator: Validator,
	decoder: StreamDecoder,
	reading: { result: CsvReaderResult | null; sawText: boolean; delimiter: Delimiter | null },
): ImportResult {
	const { unclosedQuoteRow, literalQuoteRows } = reading.result ?? { unclosedQuoteRow: null };
	if (decoder.binary) {
		validator.addFileIssue(binaryIssue(decoder.binary));
	} else if (!reading.sawText || !validator.hasHeader) {
		validator.addFileIssue(emptyFileIssue());
	}
	// Quotes open past the reader's limit had their line read literally; one open at the end
	// swallowed the rest of the file.
	const literal = new Set(literalQuoteRows ?? []);
	for (const row of literal) validator.addFileIssue(unclosedQuoteIssue(row, true));
	if (unclosedQuoteRow !== null && !literal.has(unclosedQuoteRow))
		validator.addFileIssue(unclosedQuoteIssue(unclosedQuoteRow));
	options.onProgress?.({
		bytesRead: source.size,
		totalBytes: source.size,
		rows: validator.rowCount,
	});
	return {
		dataset: validator.finish(),
		validator,
		encoding: decoder.encoding ?? 'utf-8',
		delimiter: reading.delimiter ?? ',',
	};
}

/** A ByteSource over bytes already in memory (tests, small files). */
export function bytesSource(
	bytes: Uint8Array,
	chunkSize = 1 << 20,
): ByteSource & RandomAccessSource {
	return {
		size: bytes.length,
		read: (start, end) => Promise.resolve(bytes.subarray(start, end)),
		async *chunks() {
			for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
		},
	};
}
