// Character-level pieces of the sheet scan: cell attributes read in place (column letters, style
// and type), the root element's namespace prefix, and the error a malformed sheet raises.

/** Per cell style (`s`): -1 a date, 0 a plain number, n > 0 an integer padded to n digits. */
export type StyleKinds = Int16Array;

export class SheetFormatError extends Error {}

// Cell types, from the `t` attribute.
export const T_NUMBER = 0;
export const T_SHARED = 1;
export const T_BOOL = 2;
export const T_ERROR = 3;
export const T_STR = 4;
export const T_INLINE = 5;
export const T_DATE = 6;

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

export function isTagNameEnd(c: number): boolean {
	return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** Past the element starting at `at` that is not a cell (a row's `<extLst>`). */
export function skipElement(s: string, at: number, limit: number, row: number): number {
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
export function attrNumber(s: string, from: number, to: number, name: number): number {
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

export function digits(s: string, from: number, to: number): number {
	let n = 0;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return i === from ? -1 : n;
		n = n * 10 + c;
	}
	return from < to ? n : -1;
}

/** `C5` → 2 (0-based); `$C$5` too; -1 without letters. */
export function columnOf(s: string, from: number, to: number): number {
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

export function cellType(s: string, from: number, to: number): number {
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
