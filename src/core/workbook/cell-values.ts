// Cells read the general way, for sheets whose elements carry a namespace prefix (`<x:c>`, from
// .NET writers) and for cells the fast scan in sheet.ts hands over (formulas, inline strings):
// one indexOf per element, values as the pro sees them.
import { formatNumber, isoToDate, padNumber, serialToDate } from './cells.ts';
import {
	cellType,
	columnOf,
	digits,
	isTagNameEnd,
	SheetFormatError,
	T_BOOL,
	T_DATE,
	T_INLINE,
	T_NUMBER,
	T_SHARED,
	type StyleKinds,
} from './scan.ts';
import type { SharedStrings } from './shared-strings.ts';
import { decodeText, stringItemText } from './xml.ts';

/** What a cell's value is read against: the shared strings, the styles, the date system. */
export interface CellContext {
	strings: SharedStrings;
	kinds: StyleKinds;
	date1904: boolean;
}

/** The element names a sheet uses, with its namespace prefix. */
export class ElementNames {
	readonly c: string;
	readonly cClose: string;
	readonly v: string;
	readonly vClose: string;
	readonly is: string;
	readonly isClose: string;
	constructor(prefix: string) {
		this.c = `<${prefix}c`;
		this.cClose = `</${prefix}c>`;
		this.v = `<${prefix}v`;
		this.vClose = `</${prefix}v>`;
		this.is = `<${prefix}is`;
		this.isClose = `</${prefix}is>`;
	}
}

/** Booleans, errors, formula strings and ISO dates, from their `<v>` text. */
export function typedValue(text: string, type: number): string {
	if (type === T_BOOL) return text.charCodeAt(0) === 49 ? 'TRUE' : 'FALSE';
	if (type === T_DATE) return isoToDate(text);
	return decodeText(text);
}

/** The cells of one row of a sheet with a namespace prefix, trailing empty ones dropped. */
export function prefixedCells(
	ctx: CellContext,
	names: ElementNames,
	s: string,
	from: number,
	to: number,
	row: number,
): string[] {
	const cOpen = names.c;
	const cClose = names.cClose;
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
		const value = cellValue(ctx, names, s, tagEnd + 1, close, type, style);
		if (value === '') continue;
		if (col >= 16384) throw new SheetFormatError(`row ${row} has a cell past column XFD`);
		while (filled < col) cells[filled++] = '';
		cells[col] = value;
		if (col >= filled) filled = col + 1;
	}
	return cells;
}

export function cellValue(
	ctx: CellContext,
	names: ElementNames,
	s: string,
	from: number,
	to: number,
	type: number,
	style: number,
): string {
	if (type === T_INLINE) {
		const open = s.indexOf(names.is, from);
		if (open < 0 || open >= to) return '';
		const start = s.indexOf('>', open);
		if (s.charCodeAt(start - 1) === 47) return '';
		const end = s.indexOf(names.isClose, start);
		return stringItemText(s, start + 1, end < 0 || end > to ? to : end);
	}
	const open = s.indexOf(names.v, from);
	if (open < 0 || open >= to || !isTagNameEnd(s.charCodeAt(open + names.v.length))) return '';
	const start = s.indexOf('>', open) + 1;
	if (s.charCodeAt(start - 2) === 47) return '';
	const end = s.indexOf(names.vClose, start);
	if (end < 0 || end > to) throw new SheetFormatError('a value is not closed');
	if (type === T_SHARED) {
		const index = digits(s, start, end);
		return ctx.strings.get(index);
	}
	if (type !== T_NUMBER) return typedValue(s.slice(start, end), type);
	const raw = s.slice(start, end);
	const kind = ctx.kinds[style] ?? 0;
	if (kind === 0) return formatNumber(raw);
	return kind < 0 ? serialToDate(raw, ctx.date1904) : padNumber(raw, kind);
}
