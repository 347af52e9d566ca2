// Streaming CSV records over papaparse's low-level parser: text arrives in chunks, records come
// out whole (a quoted cell may span chunks and lines), numbered by the row a spreadsheet shows.
import Papa from 'papaparse';
import { RECODED_MARK } from './decode.ts';

export type Delimiter = ',' | ';' | '\t';

/**
 * A record still open after this many characters has a quote that never closes: its first line
 * is read with the quote as a character and reading goes on, so memory stays bounded.
 */
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
	/** Present (true) when some of the record's bytes were not UTF-8: read as Windows-1252. */
	recoded?: true;
}

export interface CsvReaderResult {
	/**
	 * The row of a quote that never closed: the one that swallowed the end of the file, else
	 * the first of `literalQuoteRows`.
	 */
	unclosedQuoteRow: number | null;
	/**
	 * Present when a quote stayed open for more than STALLED_BYTES: those rows were read with
	 * the quote as a character, and the rows after them as usual.
	 */
	literalQuoteRows?: number[];
}

/** About 800 rows of a client list: see #parse. */
const PIECE_CHARS = 65536;

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
	#literalQuoteRows: number[] = [];
	/** Set once the text held a RECODED_MARK: records are looked through for it from then on. */
	#recoding = false;

	constructor(onRecords: (records: CsvRecord[]) => void, delimiter?: Delimiter) {
		this.#onRecords = onRecords;
		this.#delimiter = delimiter ?? null;
	}

	get delimiter(): Delimiter | null {
		return this.#delimiter;
	}

	/**
	 * True between records with nothing held, once the delimiter is chosen: the next line starts a
	 * record, and another reader may read it (plain-rows.ts) if it counts it (`skipRows`).
	 */
	get idle(): boolean {
		return this.#parser !== null && this.#buffer === '' && !this.#pendingCr && !this.#recoding;
	}

	/** The row number of the next record. */
	get nextRow(): number {
		return this.#row + 1;
	}

	/** Counts `n` records read by another reader while this one was idle. */
	skipRows(n: number): void {
		this.#row += n;
	}

	push(text: string): void {
		if (text === '') return;
		let normal = this.#normalise(text);
		// Only text from a file with lines that are not UTF-8 holds the mark (one-byte strings
		// cannot: V8 answers at once).
		if (this.#recoding || normal.includes(RECODED_MARK)) {
			this.#recoding = true;
			if (this.#delimiter !== null && this.#parser) normal = this.#split(normal);
		}
		this.#buffer += normal;
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
		this.#parse(false);
		// A leftover this large is a quote that never closed: waiting for it would hold the rest
		// of the file, and re-parsing it on every chunk would make reading quadratic.
		while (this.#buffer.length > STALLED_BYTES) {
			const eol = this.#buffer.indexOf('\n');
			if (eol === -1) break;
			const row = ++this.#row;
			this.#literalQuoteRows.push(row);
			const cells = readLiterally(this.#buffer.slice(0, eol), this.#delimiter as Delimiter);
			this.#buffer = this.#buffer.slice(eol + 1);
			this.#emit([{ cells, row }]);
			this.#parse(false);
		}
	}

	end(): CsvReaderResult {
		if (this.#pendingCr) {
			this.#buffer += '\n';
			this.#pendingCr = false;
		}
		if (!this.#parser) this.#begin();
		this.#parse(true);
		const literal = this.#literalQuoteRows;
		if (literal.length === 0) return { unclosedQuoteRow: this.#unclosedQuoteRow };
		return {
			unclosedQuoteRow: this.#unclosedQuoteRow ?? (literal[0] as number),
			literalQuoteRows: literal,
		};
	}

	/** Each mark is made a cell of its own, so a quote opening the line's first cell still counts. */
	#split(text: string): string {
		return text.replaceAll(RECODED_MARK, RECODED_MARK + (this.#delimiter as Delimiter));
	}

	#emit(records: CsvRecord[]): void {
		if (this.#recoding) for (const record of records) unmark(record, this.#delimiter as Delimiter);
		this.#onRecords(records);
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
		if (this.#recoding) this.#buffer = this.#split(this.#buffer);
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
			this.#emit([{ cells: [''], row: ++this.#row }]);
			return;
		}
		if (!final) {
			// Parsed a piece at a time, so a batch of records (which lives until the validator has
			// taken it) is ~800 rows, not a whole 1 MiB chunk's 12,000: V8's young generation then
			// copies a few hundred KB of survivors per scavenge instead of megabytes.
			let rest = input;
			while (rest.length > PIECE_CHARS * 2) {
				const eol = rest.indexOf('\n', PIECE_CHARS);
				if (eol === -1) break;
				const read = this.#emitParsed(parser.parse(rest.substring(0, eol + 1), 0, true));
				// A quoted cell running past the piece: the rest is read whole.
				if (read === 0) break;
				rest = rest.substring(read);
			}
			this.#buffer = rest.substring(this.#emitParsed(parser.parse(rest, 0, true)));
			return;
		}
		// A final row without a trailing newline still counts; a trailing newline ends the file.
		const text = input.endsWith('\n') ? input.slice(0, -1) : input;
		const result = parser.parse(text, 0, false) as Papa.ParseResult<string[]>;
		this.#buffer = '';
		const first = this.#row + 1;
		this.#emitParsed(result);
		const missing = result.errors.find((e) => e.code === 'MissingQuotes');
		if (missing) this.#unclosedQuoteRow = first + (missing.row ?? 0);
	}

	/** Numbers and emits the records of one parse; returns how far into its text it read. */
	#emitParsed(result: Papa.ParseResult<string[]>): number {
		const records: CsvRecord[] = new Array(result.data.length);
		for (let i = 0; i < result.data.length; i++) {
			records[i] = { cells: result.data[i] as string[], row: ++this.#row };
		}
		if (records.length > 0) this.#emit(records);
		return result.meta.cursor;
	}
}

/**
 * Takes the marks of recoded lines out of a record and marks it `recoded`: a line that starts
 * a record gave it a first cell of its own; one inside a quoted cell left mark and delimiter
 * in that cell's text.
 */
function unmark(record: CsvRecord, delimiter: Delimiter): void {
	const { cells } = record;
	if (cells[0] === RECODED_MARK) {
		cells.shift();
		record.recoded = true;
	}
	for (let i = 0; i < cells.length; i++) {
		const cell = cells[i] as string;
		if (cell.includes(RECODED_MARK)) {
			cells[i] = cell.replaceAll(RECODED_MARK + delimiter, '').replaceAll(RECODED_MARK, '');
			record.recoded = true;
		}
	}
}

/**
 * The cells of a line whose quote never closes: quoted cells before it are read as usual, and
 * from that quote on the line is split at every delimiter, the quote kept as a character.
 */
export function readLiterally(line: string, delimiter: Delimiter): string[] {
	const cells: string[] = [];
	let at = 0;
	let quoting = true;
	for (;;) {
		if (quoting && line[at] === '"') {
			let value = '';
			let from = at + 1;
			let closed = -1;
			for (;;) {
				const q = line.indexOf('"', from);
				if (q === -1) break;
				value += line.slice(from, q);
				if (line[q + 1] === '"') {
					value += '"';
					from = q + 2;
					continue;
				}
				closed = q + 1;
				break;
			}
			if (closed !== -1) {
				const next = line.indexOf(delimiter, closed);
				cells.push(value + line.slice(closed, next === -1 ? line.length : next));
				if (next === -1) return cells;
				at = next + 1;
				continue;
			}
			quoting = false;
		}
		const next = line.indexOf(delimiter, at);
		if (next === -1) {
			cells.push(line.slice(at));
			return cells;
		}
		cells.push(line.slice(at, next));
		at = next + 1;
	}
}
