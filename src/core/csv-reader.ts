// Streaming CSV records over papaparse's low-level parser: text arrives in chunks, records come
// out whole (a quoted cell may span chunks and lines), numbered by the row a spreadsheet shows.
import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t';

const STALLED_BYTES = 8 << 20;

/** Picks the delimiter that occurs most often outside quotes in the first line. */
export function sniffDelimiter(text: string): Delimiter {
	return scanDelimiter(text).delimiter;
}

/** `settled` once the first line with a delimiter has ended: more text cannot change the pick. */
function scanDelimiter(text: string): { delimiter: Delimiter; settled: boolean } {
	const counts = { ',': 0, ';': 0, '\t': 0 };
	let inQuotes = false;
	let settled = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (c === '\n' || c === '\r')) {
			if (counts[','] + counts[';'] + counts['\t'] > 0) {
				settled = true;
				break;
			}
		} else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) counts[c]++;
	}
	let best: Delimiter = ',';
	for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
	return { delimiter: best, settled };
}

export interface CsvRecord {
	cells: string[];
	/** The spreadsheet row number: the first record is row 1. */
	row: number;
}

export interface CsvReaderResult {
	unclosedQuoteRow: number | null;
}

/**
 * Feed text with `push`, then call `end`. Line breaks are normalised to `\n` first, so CRLF,
 * LF and CR files (and a CRLF split across two chunks) read the same.
 */
export class CsvStreamReader {
	#parser: Papa.Parser | null = null;
	#delimiter: Delimiter | null;
	#buffer = '';
	#pendingCr = false;
	#row = 0;
	#onRecords: (records: CsvRecord[]) => void;
	#unclosedQuoteRow: number | null = null;

	constructor(onRecords: (records: CsvRecord[]) => void, delimiter?: Delimiter) {
		this.#onRecords = onRecords;
		this.#delimiter = delimiter ?? null;
	}

	get delimiter(): Delimiter | null {
		return this.#delimiter;
	}

	push(text: string): void {
		if (text === '') return;
		this.#buffer += this.#normalise(text);
		if (!this.#parser) {
			// Wait for a whole first line (with a delimiter) before choosing the delimiter.
			if (
				this.#delimiter === null &&
				!scanDelimiter(this.#buffer).settled &&
				this.#buffer.length < 65536
			)
				return;
			this.#begin();
		}
		// A leftover this large means a quote that never closed: re-parsing it on every chunk
		// would make reading quadratic, so the rest is parsed once, at the end.
		if (this.#buffer.length > STALLED_BYTES) return;
		this.#parse(false);
	}

	end(): CsvReaderResult {
		if (this.#pendingCr) {
			this.#buffer += '\n';
			this.#pendingCr = false;
		}
		if (!this.#parser) this.#begin();
		this.#parse(true);
		return { unclosedQuoteRow: this.#unclosedQuoteRow };
	}

	#normalise(text: string): string {
		let out = text;
		if (this.#pendingCr) {
			out = '\r' + out;
			this.#pendingCr = false;
		}
		if (out.endsWith('\r')) {
			this.#pendingCr = true;
			out = out.slice(0, -1);
		}
		return out.indexOf('\r') === -1 ? out : out.replace(/\r\n?/g, '\n');
	}

	#begin(): void {
		const firstContent = this.#buffer.replace(/^\n+/, '');
		this.#delimiter ??= sniffDelimiter(firstContent);
		this.#parser = new Papa.Parser({ delimiter: this.#delimiter, newline: '\n', quoteChar: '"' });
	}

	#parse(final: boolean): void {
		const parser = this.#parser as Papa.Parser;
		const input = this.#buffer;
		if (input === '') return;
		if (final && input === '\n') {
			// The leftover starts a row, so a lone line break left for the end (a CR file's last
			// one waits there) ends one blank row, as it does in an LF file; papaparse would read
			// no row at all once the trailing newline is taken off.
			this.#buffer = '';
			this.#onRecords([{ cells: [''], row: ++this.#row }]);
			return;
		}
		// A final row without a trailing newline still counts; a trailing newline ends the file.
		const text = final && input.endsWith('\n') ? input.slice(0, -1) : input;
		const result = parser.parse(text, 0, !final) as Papa.ParseResult<string[]>;
		const records: CsvRecord[] = new Array(result.data.length);
		for (let i = 0; i < result.data.length; i++) {
			records[i] = { cells: result.data[i] as string[], row: ++this.#row };
		}
		if (final) {
			const missing = result.errors.find((e) => e.code === 'MissingQuotes');
			if (missing) this.#unclosedQuoteRow = this.#row - result.data.length + 1 + (missing.row ?? 0);
			this.#buffer = '';
		} else {
			this.#buffer = input.slice(result.meta.cursor);
		}
		if (records.length > 0) this.#onRecords(records);
	}
}
