// The hot path: a worksheet's XML scanned with indexOf over decoded text as it is inflated, rows
// turned into CsvRecords with cells read as the pro sees them. No regex, no tag objects per cell:
// a million rows of eight cells go through here in a few seconds.
import type { CsvRecord } from '../csv-reader.ts';
import { formatNumber, padNumber, serialToDate } from './cells.ts';
import {
	cellValue,
	ElementNames,
	prefixedCells,
	typedValue,
	type CellContext,
} from './cell-values.ts';
import { MergeSpreader, type MergeRange } from './merges.ts';
import {
	attrNumber,
	cellType,
	columnOf,
	digits,
	isTagNameEnd,
	rootPrefix,
	SheetFormatError,
	skipElement,
	T_INLINE,
	T_NUMBER,
	T_SHARED,
	type StyleKinds,
} from './scan.ts';
import type { SharedStrings } from './shared-strings.ts';
import { lastIndexOf } from './xml.ts';

/** Feeds text, hands out complete rows; merges (known beforehand) spread their top-left value. */
export class SheetScanner {
	#buf = '';
	#prefix: string | null = null;
	#inData = false;
	/** `</sheetData>` seen: everything after it is not rows. */
	done = false;
	#rowOpen = '';
	#rowClose = '';
	#names = new ElementNames('');
	#dataOpen = '';
	#dataClose = '';
	#lastRow = 0;
	readonly #ctx: CellContext;
	readonly #merges: MergeSpreader | null;
	/** Rows read so far, taken by the caller in batches. */
	out: CsvRecord[] = [];

	constructor(strings: SharedStrings, kinds: StyleKinds, date1904: boolean, merges: MergeRange[]) {
		this.#ctx = { strings, kinds, date1904 };
		this.#merges = merges.length
			? new MergeSpreader(merges, (record) => this.out.push(record))
			: null;
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
		this.#names = new ElementNames(prefix);
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
		this.#merges?.finish();
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
				cells = prefixedCells(this.#ctx, this.#names, s, tagEnd + 1, close, row);
				pos = close + rowClose.length;
			}
			if (this.#merges) this.#merges.row(row, cells);
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
		const ctx = this.#ctx;
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
				else if (type === T_SHARED) value = ctx.strings.get(index);
				else if (type === T_NUMBER) {
					const kind = ctx.kinds[style] ?? 0;
					const length = k - start;
					const last = s.charCodeAt(k - 1);
					if (kind === 0 && plain && length <= 15 && !(point && (last === 48 || last === 46)))
						value = s.slice(start, k);
					else {
						const raw = s.slice(start, k);
						if (kind === 0) value = formatNumber(raw);
						else value = kind < 0 ? serialToDate(raw, ctx.date1904) : padNumber(raw, kind);
					}
				} else value = typedValue(s.slice(start, k), type);
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
				value = cellValue(ctx, this.#names, s, j, close - 4, type, style);
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
}
