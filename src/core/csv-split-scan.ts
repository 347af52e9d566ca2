// Where records end in a stretch of a CSV file's bytes, read exactly as CsvStreamReader reads
// them (papaparse over text whose line breaks are made LF), from a line start whose state is
// given: a record starts there, or a quoted cell that opened earlier is still open. Used by
// csv-split.ts to prove that a cut falls between two records.
import Papa from 'papaparse';
import type { Delimiter } from './csv-reader.ts';
import { isBlank } from './row-cells.ts';

const LF = 0x0a;
const CR = 0x0d;
export const QUOTE = 0x22;

/** How the bytes may become text: the reader sees UTF-8, or Windows-1252 after a fallback. */
export type Decoding = 'utf-8' | 'windows-1252';

export const DECODINGS: readonly Decoding[] = ['utf-8', 'windows-1252'];

const decoders: Record<Decoding, TextDecoder> = {
	'utf-8': new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
	// Latin-1 and Windows-1252 differ only in 0x80–0x9F, none of which is a quote, a delimiter, a
	// line break or white space, so records end at the same places.
	'windows-1252': new TextDecoder('latin1'),
};

/** The offset after each line break in `bytes` (CRLF is one break), from `base`. */
export function breakEnds(bytes: Uint8Array, base: number): number[] {
	const ends: number[] = [];
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b === LF || (b === CR && bytes[i + 1] !== LF)) ends.push(base + i + 1);
	}
	return ends;
}

/**
 * The end of the last line break in `bytes` that is surely whole, or -1: a CR at the very end
 * counts only when `after` (the next byte of the file, -1 at its end) is not an LF.
 */
export function lastBreakEnd(bytes: Uint8Array, after: number): number {
	for (let i = bytes.length - 1; i >= 0; i--) {
		const b = bytes[i];
		if (b === LF) return i + 1;
		if (b === CR) {
			const next = i + 1 < bytes.length ? (bytes[i + 1] as number) : after;
			if (next !== LF) return i + 1;
		}
	}
	return -1;
}

/** The offset after the first line break at or after `from` in `bytes`, or -1. */
export function firstBreakEnd(bytes: Uint8Array, from: number): number {
	for (let i = from; i < bytes.length; i++) {
		const b = bytes[i];
		if (b === LF) return i + 1;
		if (b === CR && i + 1 < bytes.length && bytes[i + 1] !== LF) return i + 1;
	}
	return -1;
}

export interface RecordEnds {
	/** File offsets where a record ends and the next starts, in order. */
	ends: number[];
	/** Whether each of those records is blank (only white space), as the header search sees it. */
	blank: boolean[];
	/**
	 * The ends where reading the file only up to there would give that record differently: a
	 * closing quote followed by spaces and then the line break reads as a quote that never
	 * closes once the break is the end of the text (the reader drops a last line break).
	 */
	unsafe: Set<number>;
}

const SPACE = /\s/;

/**
 * Every record that ends inside `bytes` (which start at file offset `base`, at a line start,
 * and stop right after a line break) when reading starts there in the given state; null when
 * the bytes are not text in that decoding. The last record, cut off, is not counted.
 */
export function recordEnds(
	bytes: Uint8Array,
	base: number,
	insideQuotes: boolean,
	delimiter: Delimiter,
	decoding: Decoding,
): RecordEnds | null {
	let text: string;
	try {
		text = decoders[decoding].decode(bytes);
	} catch {
		return null;
	}
	const breaks = breakEnds(bytes, base);
	const normal = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
	// A quote before the text puts papaparse inside a quoted cell: from there it looks for the
	// next quote exactly as it would inside a cell opened earlier.
	const shift = insideQuotes ? 1 : 0;
	const found: RecordEnds = { ends: [], blank: [], unsafe: new Set() };
	let newline = -1;
	let index = -1;
	const parser = new Papa.Parser({
		delimiter,
		newline: '\n',
		quoteChar: '"',
		step(result: Papa.ParseStepResult<string[][]>) {
			const end = (result.meta.cursor as number) - shift;
			while (newline < end - 1) {
				newline = normal.indexOf('\n', newline + 1);
				index++;
			}
			const at = breaks[index] as number;
			found.ends.push(at);
			found.blank.push(isBlank(result.data[0] ?? []));
			if (closesBeforeSpaces(normal, newline)) found.unsafe.add(at);
		},
	});
	parser.parse(shift ? '"' + normal : normal, 0, true);
	return found;
}

/** True when the line ending at `newline` ends with a quote and then white space. */
function closesBeforeSpaces(text: string, newline: number): boolean {
	let i = newline - 1;
	while (i >= 0 && text[i] !== '\n' && SPACE.test(text[i] as string)) i--;
	return i < newline - 1 && i >= 0 && text[i] === '"';
}
