// Reading the head of a file for the mapping step: its header row and first rows, decoded and
// split exactly as an import reads them (encoding, Windows-1252 fallback, binary detection,
// delimiter sniffing), without reading further than those rows, nor ever past HEAD_BYTES. A
// million-row export answers as fast as a ten-row one.
import { NotUtf8Error, StreamDecoder, type Encoding } from '../core/decode.ts';
import { CsvStreamReader } from '../core/csv-reader.ts';
import { BINARY_ADVICE, EMPTY_MESSAGE } from '../core/import-csv.ts';
import { NO_ROWS_MESSAGE } from '../core/validate.ts';
import { makeIssue, type Issue } from '../core/issues.ts';
import { SAMPLE_ROWS } from './mapping-views.ts';

/** The most `inspect` reads of a file: a header and SAMPLE_ROWS rows fit many times over. */
export const HEAD_BYTES = 1 << 20;
/** Read in slices, so a small header and sample stop the reading early. */
const SLICE_BYTES = 64 * 1024;

export interface FileHead {
	/** The first non-blank record's cells as written ([] when there is none). */
	header: string[];
	/** Its row number in the file. */
	headerRow: number;
	/** Up to SAMPLE_ROWS non-blank records after it. */
	sample: string[][];
	/** Why the file cannot be imported at all, as an import would report it. */
	problem: Issue | null;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Reads the header and first rows of `file`. */
export async function readFileHead(file: Blob): Promise<FileHead> {
	try {
		return await readHead(file, undefined);
	} catch (error) {
		if (error instanceof NotUtf8Error) return readHead(file, 'windows-1252');
		throw error;
	}
}

async function readHead(file: Blob, forced: Encoding | undefined): Promise<FileHead> {
	const decoder = new StreamDecoder(forced);
	let header: string[] | null = null;
	let headerRow = 1;
	const sample: string[][] = [];
	const reader = new CsvStreamReader((records) => {
		for (const r of records) {
			if (sample.length >= SAMPLE_ROWS || isBlank(r.cells)) continue;
			if (header === null) [header, headerRow] = [r.cells, r.row];
			else sample.push(r.cells);
		}
	});
	const limit = Math.min(file.size, HEAD_BYTES);
	let offset = 0;
	let sawText = false;
	while (offset < limit && sample.length < SAMPLE_ROWS) {
		const end = Math.min(offset + SLICE_BYTES, limit);
		const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
		offset = end;
		// At the file's end the decoder flushes; before it, a character cut in two waits.
		const text = decoder.decode(bytes, offset === file.size);
		if (decoder.binary) {
			return { header: [], headerRow: 1, sample: [], problem: binaryIssue(decoder) };
		}
		sawText ||= text.trim() !== '';
		reader.push(text);
	}
	const whole = offset === file.size;
	// Only a file read to its end has a last row to take; a cut one's last row is partial.
	if (whole && sample.length < SAMPLE_ROWS) reader.end();
	const found: string[] = header ?? [];
	let problem: Issue | null = null;
	if (!sawText || header === null) problem = makeIssue('file.empty', null, null, EMPTY_MESSAGE);
	else if (whole && sample.length === 0)
		problem = makeIssue('file.no_rows', null, null, NO_ROWS_MESSAGE);
	return { header: found, headerRow, sample, problem };
}

function binaryIssue(decoder: StreamDecoder): Issue {
	const kind = decoder.binary ?? 'binary';
	return makeIssue('file.binary', null, null, BINARY_ADVICE[kind]);
}
