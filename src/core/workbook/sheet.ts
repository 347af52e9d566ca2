// The hot path: a worksheet's XML scanned with indexOf over decoded text as it is inflated, rows
// turned into CsvRecords with cells read as the pro sees them. No regex, no tag objects per cell:
// a million rows of eight cells go through here in a few seconds.
import type { CsvRecord } from '../csv-reader.ts';
import { formatNumber, isoToDate, padNumber, serialToDate } from './cells.ts';
import { decodeText, lastIndexOf, stringItemText } from './xml.ts';

/** Per cell style (`s`): -1 a date, 0 a plain number, n > 0 an integer padded to n digits. */
export type StyleKinds = Int16Array;

export interface MergeRange {
	r1: number;
	r2: number;
	c1: number;
	c2: number;
}

export class SheetFormatError extends Error {}

// Cell types, from the `t` attribute.
const T_NUMBER = 0;
const T_SHARED = 1;
const T_BOOL = 2;
const T_ERROR = 3;
const T_STR = 4;
const T_INLINE = 5;
const T_DATE = 6;

/** The element's namespace prefix with its colon (`x:`), or '' for the default namespace. */
export function rootPrefix(xml: string): string | null {
	let i = xml.indexOf('<');
	while (i >= 0) {
		const c = xml.charCodeAt(i + 1);
		if (c !== 63 && c !== 33) break; // skip `<?xml` and comments
		i = xml.indexOf('<', i + 2);
	}
	if (i < 0) return null;
	let end = i + 1;
	while (end < xml.length) {
		const c = xml.charCodeAt(end);
		if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) break;
		end++;
	}
	if (end >= xml.length) return null;
	const name = xml.slice(i + 1, end);
	const colon = name.indexOf(':');
	return colon >= 0 ? name.slice(0, colon + 1) : '';
}

function isTagNameEnd(c: number): boolean {
	return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** Feeds text, hands out complete rows; merges (known beforehand) spread their top-left value. */
export class SheetScanner {
	#buf = '';
	#prefix: string | null = null;
	#inData = false;
	/** `</sheetData>` seen: everything after it is not rows. */
	done = false;
	#rowOpen = '';
	#rowClose = '';
	#cOpen = '';
	#cClose = '';
	#vOpen = '';
	#vClose = '';
	#isOpen = '';
	#isClose = '';
	#dataOpen = '';
	#dataClose = '';
	#lastRow = 0;
	readonly #strings: readonly string[];
	readonly #kinds: StyleKinds;
	readonly #date1904: boolean;
	readonly #merges: MergeRange[];
	#mergeNext = 0;
	/** Ranges whose rows are being read, with their top-left value (never empty). */
	#active: { range: MergeRange; value: string }[] = [];
	#lastEmitted = 0;
	/** Rows read so far, taken by the caller in batches. */
	out: CsvRecord[] = [];

	constructor(
		strings: readonly string[],
		kinds: StyleKinds,
		date1904: boolean,
		merges: MergeRange[],
	) {
		this.#strings = strings;
		this.#kinds = kinds;
		this.#date1904 = date1904;
		this.#merges = [...merges].sort((a, b) => a.r1 - b.r1);
	}

	feed(text: string): void {
		if (this.done) return;
		if (this.#inData) {
			this.#data(text);
			return;
		}
		const s = this.#buf.length ? this.#buf + text : text;
		this.#buf = s;
		if (this.#prefix === null) {
			const prefix = rootPrefix(s);
			if (prefix === null) return;
			this.#setPrefix(prefix);
		}
		const open = s.indexOf(this.#dataOpen);
		const openEnd = open < 0 ? -1 : s.indexOf('>', open);
		if (openEnd < 0) {
			// Keep only a tail that could hold the start of `<sheetData`.
			if (s.length > 1 << 16) this.#buf = s.slice(lastIndexOf(s, '<'));
			return;
		}
		if (s.charCodeAt(openEnd - 1) === 47) {
			this.#finish();
			return;
		}
		this.#inData = true;
		this.#buf = '';
		this.#data(s, openEnd + 1);
	}

	#setPrefix(prefix: string): void {
		this.#prefix = prefix;
		this.#rowOpen = `<${prefix}row`;
		this.#rowClose = `</${prefix}row>`;
		this.#cOpen = `<${prefix}c`;
		this.#cClose = `</${prefix}c>`;
		this.#vOpen = `<${prefix}v`;
		this.#vClose = `</${prefix}v>`;
		this.#isOpen = `<${prefix}is`;
		this.#isClose = `</${prefix}is>`;
		this.#dataOpen = `<${prefix}sheetData`;
		this.#dataClose = `</${prefix}sheetData>`;
	}

	/**
	 * Rows in `text` (from `start`), after the row left incomplete by the previous piece. The
	 * piece itself is never joined to what came before: flattening a join with a megabyte string
	 * costs more than reading it (in Node, decoded text that large is an external string). Only
	 * the incomplete row and the start of the piece that completes it are joined.
	 */
	#data(text: string, start = 0): void {
		const rowClose = this.#rowClose;
		let from = start;
		const carry = this.#buf;
		if (carry.length) {
			const close = text.indexOf(rowClose);
			if (close < 0) {
				// No row ends in this piece (a huge row, or the end of the rows): join and go on.
				this.#buf = '';
				const joined = carry + text;
				this.#segment(joined, 0);
				return;
			}
			this.#buf = '';
			const head = carry + text.slice(0, close + rowClose.length);
			this.#rows(head, 0, head.length);
			from = close + rowClose.length;
		}
		this.#segment(text, from);
	}

	/** Complete rows of `s` from `from`; the rest waits for the next piece. */
	#segment(s: string, from: number): void {
		// `</sheetData>` can only follow the last `</row>`: no need to scan the rows for it.
		const last = lastIndexOf(s, this.#rowClose);
		const dataClose = s.indexOf(this.#dataClose, Math.max(from, last));
		let limit: number;
		if (dataClose >= 0) limit = dataClose;
		else limit = last < from ? -1 : last + this.#rowClose.length;
		if (limit < 0) {
			this.#buf = s.slice(from);
			return;
		}
		this.#rows(s, from, limit);
		if (dataClose >= 0) this.#finish();
		else this.#buf = s.slice(limit);
	}

	/** The end of the text: rows still held back by merges come out. */
	end(): void {
		if (!this.done) {
			if (this.#inData && this.#buf.indexOf(this.#rowOpen) >= 0)
				throw new SheetFormatError('the sheet ends in the middle of a row');
			this.#finish();
		}
	}

	#finish(): void {
		this.done = true;
		this.#buf = '';
		this.#fillGap(Infinity);
	}

	#rows(s: string, from: number, limit: number): void {
		const rowOpen = this.#rowOpen;
		const rowClose = this.#rowClose;
		let pos = from;
		for (;;) {
			const i = s.indexOf(rowOpen, pos);
			if (i < 0 || i >= limit) return;
			if (!isTagNameEnd(s.charCodeAt(i + rowOpen.length))) {
				pos = i + rowOpen.length;
				continue;
			}
			const tagEnd = s.indexOf('>', i);
			if (tagEnd < 0 || tagEnd >= limit) throw new SheetFormatError('a row tag is not closed');
			const r = attrNumber(s, i + rowOpen.length, tagEnd, 114 /* r */);
			const row = r > 0 ? r : this.#lastRow + 1;
			this.#lastRow = row;
			if (s.charCodeAt(tagEnd - 1) === 47) {
				pos = tagEnd + 1;
				continue;
			}
			let cells: string[];
			if (this.#prefix === '') {
				cells = this.#rowCells(s, tagEnd + 1, limit, row);
				pos = this.#at;
			} else {
				const close = s.indexOf(rowClose, tagEnd);
				if (close < 0 || close > limit) throw new SheetFormatError(`row ${row} is not closed`);
				cells = this.#cells(s, tagEnd + 1, close, row);
				pos = close + rowClose.length;
			}
			if (this.#merges.length) this.#mergeRow(row, cells);
			else if (cells.length) this.out.push({ cells, row });
		}
	}

	/** Where #rowCells stopped: just past `</row>`. */
	#at = 0;

	/**
	 * The cells of a row in the default namespace (Excel, Google Sheets, LibreOffice), read in
	 * one pass of charCodeAt: a `<c r s t><v>…</v></c>` costs no indexOf call and, for a shared
	 * string or a plain number, no new string. Anything else in a cell (formulas, inline
	 * strings) takes the general path.
	 */
	#rowCells(s: string, from: number, limit: number, row: number): string[] {
		const cells: string[] = [];
		let col = -1;
		let filled = 0;
		let i = from;
		for (;;) {
			if (s.charCodeAt(i) !== 60) {
				i = s.indexOf('<', i);
				if (i < 0 || i >= limit) throw new SheetFormatError(`row ${row} is not closed`);
			}
			const n1 = s.charCodeAt(i + 1);
			if (n1 === 47 /* </ */) {
				if (s.startsWith('</row>', i)) break;
				throw new SheetFormatError(`row ${row} has a stray closing tag`);
			}
			if (n1 !== 99 /* c */ || !isTagNameEnd(s.charCodeAt(i + 2))) {
				i = skipElement(s, i, limit, row);
				continue;
			}
			// Attributes r, s and t, parsed as they are scanned.
			let refCol = -1;
			let style = 0;
			let type = T_NUMBER;
			let j = i + 2;
			let selfClosing = false;
			for (;;) {
				let c = s.charCodeAt(j);
				while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++j);
				if (c === 62) {
					j++;
					break;
				}
				if (c === 47) {
					selfClosing = true;
					j += 2;
					break;
				}
				const nameStart = j;
				while (c !== 61 /* = */ && c === c /* not NaN */) c = s.charCodeAt(++j);
				if (j >= limit) throw new SheetFormatError(`a cell of row ${row} is not closed`);
				let nameEnd = j;
				while (s.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
				c = s.charCodeAt(++j);
				while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++j);
				const quote = c;
				const valueStart = ++j;
				while (s.charCodeAt(j) !== quote)
					if (++j >= limit) throw new SheetFormatError(`a cell of row ${row} is not closed`);
				if (nameEnd - nameStart === 1) {
					const name = s.charCodeAt(nameStart);
					if (name === 114) refCol = columnOf(s, valueStart, j);
					else if (name === 115) style = digits(s, valueStart, j);
					else if (name === 116) type = cellType(s, valueStart, j);
				}
				j++;
			}
			col = refCol >= 0 ? refCol : col + 1;
			i = j;
			if (selfClosing) continue;
			let value: string;
			if (
				type !== T_INLINE &&
				s.charCodeAt(j) === 60 &&
				s.charCodeAt(j + 1) === 118 /* v */ &&
				s.charCodeAt(j + 2) === 62
			) {
				// `<v>…</v>`: scanned for its end, noting whether it is a plain number already.
				const start = j + 3;
				let k = start;
				let c = s.charCodeAt(k);
				let index = 0;
				let plain = k < limit && c !== 48 && c !== 46;
				if (c === 45) {
					c = s.charCodeAt(++k);
					if (c === 48 || c === 46) plain = false;
				}
				let point = false;
				while (c !== 60 && k < limit) {
					if (c >= 48 && c <= 57) index = index * 10 + c - 48;
					else if (c === 46 && !point) point = true;
					else plain = false;
					c = s.charCodeAt(++k);
				}
				if (k >= limit) throw new SheetFormatError(`a value of row ${row} is not closed`);
				if (k === start) value = '';
				else if (type === T_SHARED) value = this.#strings[index] ?? '';
				else if (type === T_NUMBER) {
					const kind = this.#kinds[style] ?? 0;
					const length = k - start;
					const last = s.charCodeAt(k - 1);
					if (kind === 0 && plain && length <= 15 && !(point && (last === 48 || last === 46)))
						value = s.slice(start, k);
					else {
						const raw = s.slice(start, k);
						if (kind === 0) value = formatNumber(raw);
						else value = kind < 0 ? serialToDate(raw, this.#date1904) : padNumber(raw, kind);
					}
				} else value = this.#typed(s.slice(start, k), type);
				// `</v></c>` most of the time; anything else is found by search.
				i =
					s.charCodeAt(k + 4) === 60 &&
					s.charCodeAt(k + 5) === 47 &&
					s.charCodeAt(k + 6) === 99 &&
					s.charCodeAt(k + 7) === 62
						? k + 8
						: this.#cellEnd(s, k, limit, row);
			} else {
				const close = this.#cellEnd(s, j, limit, row);
				value = this.#value(s, j, close - 4, type, style);
				i = close;
			}
			if (value === '') continue;
			if (col >= 16384) throw new SheetFormatError(`row ${row} has a cell past column XFD`);
			while (filled < col) cells[filled++] = '';
			cells[col] = value;
			if (col >= filled) filled = col + 1;
		}
		this.#at = i + 6;
		return cells;
	}

	/** Just past the `</c>` at or after `from`. */
	#cellEnd(s: string, from: number, limit: number, row: number): number {
		const close = s.indexOf('</c>', from);
		if (close < 0 || close >= limit)
			throw new SheetFormatError(`a cell of row ${row} is not closed`);
		return close + 4;
	}

	/** Booleans, errors, formula strings and ISO dates, from their `<v>` text. */
	#typed(text: string, type: number): string {
		if (type === T_BOOL) return text.charCodeAt(0) === 49 ? 'TRUE' : 'FALSE';
		if (type === T_DATE) return isoToDate(text);
		return decodeText(text);
	}

	/** The cells of one row, trailing empty ones dropped. */
	#cells(s: string, from: number, to: number, row: number): string[] {
		const cOpen = this.#cOpen;
		const cClose = this.#cClose;
		const cells: string[] = [];
		let col = -1;
		let filled = 0;
		let pos = from;
		for (;;) {
			const i = s.indexOf(cOpen, pos);
			if (i < 0 || i >= to) break;
			const nameEnd = i + cOpen.length;
			if (!isTagNameEnd(s.charCodeAt(nameEnd))) {
				pos = nameEnd;
				continue;
			}
			const tagEnd = s.indexOf('>', nameEnd);
			if (tagEnd < 0 || tagEnd >= to)
				throw new SheetFormatError(`a cell of row ${row} is not closed`);
			// Attributes r, s and t, read in place.
			let refCol = -1;
			let style = 0;
			let type = T_NUMBER;
			let a = nameEnd;
			while (a < tagEnd) {
				const eq = s.indexOf('=', a);
				if (eq < 0 || eq >= tagEnd) break;
				const q = s.charCodeAt(eq + 1);
				const valueEnd = s.indexOf(q === 39 ? "'" : '"', eq + 2);
				if (valueEnd < 0 || valueEnd > tagEnd) break;
				if (s.charCodeAt(eq - 2) <= 32) {
					// A one-letter name (r, s or t), not the end of `spans` or `x14ac:r`.
					const name = s.charCodeAt(eq - 1);
					if (name === 114) refCol = columnOf(s, eq + 2, valueEnd);
					else if (name === 115) style = digits(s, eq + 2, valueEnd);
					else if (name === 116) type = cellType(s, eq + 2, valueEnd);
				}
				a = valueEnd + 1;
			}
			col = refCol >= 0 ? refCol : col + 1;
			if (s.charCodeAt(tagEnd - 1) === 47) {
				pos = tagEnd + 1;
				continue;
			}
			const close = s.indexOf(cClose, tagEnd);
			if (close < 0 || close > to) throw new SheetFormatError(`a cell of row ${row} is not closed`);
			pos = close + cClose.length;
			const value = this.#value(s, tagEnd + 1, close, type, style);
			if (value === '') continue;
			if (col >= 16384) throw new SheetFormatError(`row ${row} has a cell past column XFD`);
			while (filled < col) cells[filled++] = '';
			cells[col] = value;
			if (col >= filled) filled = col + 1;
		}
		return cells;
	}

	#value(s: string, from: number, to: number, type: number, style: number): string {
		if (type === T_INLINE) {
			const open = s.indexOf(this.#isOpen, from);
			if (open < 0 || open >= to) return '';
			const start = s.indexOf('>', open);
			if (s.charCodeAt(start - 1) === 47) return '';
			const end = s.indexOf(this.#isClose, start);
			return stringItemText(s, start + 1, end < 0 || end > to ? to : end);
		}
		const open = s.indexOf(this.#vOpen, from);
		if (open < 0 || open >= to || !isTagNameEnd(s.charCodeAt(open + this.#vOpen.length))) return '';
		const start = s.indexOf('>', open) + 1;
		if (s.charCodeAt(start - 2) === 47) return '';
		const end = s.indexOf(this.#vClose, start);
		if (end < 0 || end > to) throw new SheetFormatError('a value is not closed');
		if (type === T_SHARED) {
			const index = digits(s, start, end);
			return index >= 0 ? (this.#strings[index] ?? '') : '';
		}
		if (type !== T_NUMBER) return this.#typed(s.slice(start, end), type);
		const raw = s.slice(start, end);
		const kind = this.#kinds[style] ?? 0;
		if (kind === 0) return formatNumber(raw);
		return kind < 0 ? serialToDate(raw, this.#date1904) : padNumber(raw, kind);
	}

	/** Rows with merges: covered cells take the top-left value, covered empty rows appear. */
	#mergeRow(row: number, cells: string[]): void {
		this.#fillGap(row - 1);
		const merges = this.#merges;
		while (this.#mergeNext < merges.length && merges[this.#mergeNext]!.r1 <= row) {
			const range = merges[this.#mergeNext++]!;
			// A range whose first row has no cells in the sheet has no value to spread.
			const value = range.r1 === row ? (cells[range.c1] ?? '') : '';
			if (value !== '' && range.r2 >= row) this.#active.push({ range, value });
		}
		this.#emitMerged(row, cells);
	}

	/** Rows up to `last` that the sheet has no cells for but a merged range covers. */
	#fillGap(last: number): void {
		for (let row = this.#lastEmitted + 1; row <= last && this.#active.length; row++)
			this.#emitMerged(row, []);
	}

	#emitMerged(row: number, cells: string[]): void {
		let expired = false;
		for (const { range, value } of this.#active) {
			for (let c = range.c1; c <= range.c2; c++) {
				while (cells.length < c) cells.push('');
				cells[c] = value;
			}
			if (range.r2 <= row) expired = true;
		}
		if (expired) this.#active = this.#active.filter((m) => m.range.r2 > row);
		let length = cells.length;
		while (length > 0 && cells[length - 1] === '') length--;
		cells.length = length;
		if (length) this.out.push({ cells, row });
		this.#lastEmitted = row;
	}
}

/** Past the element starting at `at` that is not a cell (a row's `<extLst>`). */
function skipElement(s: string, at: number, limit: number, row: number): number {
	const end = s.indexOf('>', at);
	if (end < 0 || end >= limit) throw new SheetFormatError(`row ${row} is not closed`);
	if (s.charCodeAt(end - 1) === 47) return end + 1;
	let nameEnd = at + 1;
	while (!isTagNameEnd(s.charCodeAt(nameEnd))) nameEnd++;
	const close = s.indexOf(`</${s.slice(at + 1, nameEnd)}>`, end);
	if (close < 0 || close >= limit) throw new SheetFormatError(`row ${row} is not closed`);
	return close + nameEnd - at + 2;
}

/** A non-negative integer attribute (`r="12"`) of the tag in [from, to), or -1. */
function attrNumber(s: string, from: number, to: number, name: number): number {
	let a = from;
	while (a < to) {
		const eq = s.indexOf('=', a);
		if (eq < 0 || eq >= to) return -1;
		const q = s.charCodeAt(eq + 1);
		const end = s.indexOf(q === 39 ? "'" : '"', eq + 2);
		if (end < 0 || end > to) return -1;
		if (s.charCodeAt(eq - 1) === name && s.charCodeAt(eq - 2) <= 32) return digits(s, eq + 2, end);
		a = end + 1;
	}
	return -1;
}

function digits(s: string, from: number, to: number): number {
	let n = 0;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return i === from ? -1 : n;
		n = n * 10 + c;
	}
	return from < to ? n : -1;
}

/** `C5` → 2 (0-based); `$C$5` too; -1 without letters. */
function columnOf(s: string, from: number, to: number): number {
	let n = 0;
	for (let i = from; i < to; i++) {
		let c = s.charCodeAt(i);
		if (c === 36) continue;
		if (c >= 97) c -= 32;
		if (c < 65 || c > 90) break;
		n = n * 26 + (c - 64);
	}
	return n - 1;
}

function cellType(s: string, from: number, to: number): number {
	const c = s.charCodeAt(from);
	const length = to - from;
	if (length === 1) {
		if (c === 115) return T_SHARED;
		if (c === 98) return T_BOOL;
		if (c === 101) return T_ERROR;
		if (c === 100) return T_DATE;
		return T_NUMBER;
	}
	if (c === 105) return T_INLINE; // inlineStr
	if (c === 115) return T_STR; // str
	return T_NUMBER;
}
