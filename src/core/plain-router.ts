// Sends each line of a file either straight from its bytes into the rows (plain-rows.ts) or
// through the text path (decoded, then CsvStreamReader): the decoder hands it whole lines
// (decode.ts `route`), it takes the plain ones while the reader is between records, and leaves
// the others, in order, so row numbers and everything the reader says stay as one reading's.
import type { LineRouter } from './decode.ts';
import type { CsvStreamReader } from './csv-reader.ts';
import type { PlainRow } from './plain-rows.ts';

const LF = 0x0a;
const QUOTE = 0x22;

/** Where plain rows go: the validator, or a parse worker's checked batch. */
export interface PlainSink {
	/**
	 * Adds the plain rows from `at` (a line start) on, read by `plain`, setting `plain.row` to each
	 * one's row number from `row`; returns where it stopped (the first line that is not plain).
	 */
	addPlainLines(plain: PlainRow, src: Uint8Array, at: number, row: number): number;
}

export class PlainRouter implements LineRouter {
	readonly #reader: CsvStreamReader;
	readonly #sink: PlainSink;
	readonly #plain: PlainRow;
	/** True once a line with something on it went through (CsvStreamReader's or this). */
	sawText = false;

	constructor(reader: CsvStreamReader, sink: PlainSink, plain: PlainRow) {
		this.#reader = reader;
		this.#sink = sink;
		this.#plain = plain;
	}

	take(bytes: Uint8Array, at: number): number {
		const reader = this.#reader;
		if (!reader.idle) return at;
		const first = reader.nextRow;
		this.#plain.row = first - 1;
		const stop = this.#sink.addPlainLines(this.#plain, bytes, at, first);
		if (stop > at) {
			reader.skipRows(this.#plain.row - first + 1);
			this.sawText = true;
		}
		return stop;
	}

	/**
	 * The line at `at`, and the lines after it up to the next that may be plain or has a quote:
	 * one text for the reader, not one a line. A line with a quote goes alone, since the reader
	 * may be inside a quoted cell after it; and inside one, the rest of the lines go at once (a
	 * quote that never closes holds the reader's text for megabytes, which it parses again on
	 * each push).
	 */
	leave(bytes: Uint8Array, at: number): number {
		if (!this.#reader.idle) return bytes.length;
		let stop = lineEnd(bytes, at);
		if (hasQuote(bytes, at, stop)) return stop;
		while (stop < bytes.length) {
			const next = lineEnd(bytes, stop);
			if (hasQuote(bytes, stop, next) || this.#plain.read(bytes, stop) !== -1) break;
			stop = next;
		}
		return stop;
	}

	text(text: string): void {
		if (!this.sawText && text.trim() !== '') this.sawText = true;
		this.#reader.push(text);
	}
}

function lineEnd(bytes: Uint8Array, at: number): number {
	const lf = bytes.indexOf(LF, at);
	return lf === -1 ? bytes.length : lf + 1;
}

function hasQuote(bytes: Uint8Array, from: number, to: number): boolean {
	for (let i = from; i < to; i++) if (bytes[i] === QUOTE) return true;
	return false;
}
