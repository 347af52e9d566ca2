// Cell values as the pro sees them in Excel: numbers in full (no exponent, no `.0`, Excel's 15
// significant digits), date serials as YYYYMMDD in either date system, and which number formats
// make a number a date or pad it with zeros.

/** Excel keeps 15 significant digits; anything past them is binary noise (0.1+0.2). */
const PRECISION = 15;

/** `1.2345E+13` → `12345000000000`, `1e-7` → `0.0000001`: JavaScript's exponent form spelled out. */
function spellOut(s: string): string {
	const e = s.search(/[eE]/);
	if (e < 0) return s;
	const negative = s.charCodeAt(0) === 45;
	const mantissa = s.slice(negative ? 1 : 0, e);
	const exponent = Number(s.slice(e + 1));
	const point = mantissa.indexOf('.');
	const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
	const intLength = (point < 0 ? mantissa.length : point) + exponent;
	let out: string;
	if (intLength <= 0) out = '0.' + '0'.repeat(-intLength) + digits;
	else if (intLength >= digits.length) out = digits + '0'.repeat(intLength - digits.length);
	else out = digits.slice(0, intLength) + '.' + digits.slice(intLength);
	out = trimNumber(out);
	return negative && out !== '0' ? '-' + out : out;
}

/** Strips leading zeros of the integer part and trailing zeros of the fraction. */
function trimNumber(s: string): string {
	let start = 0;
	while (start < s.length - 1 && s.charCodeAt(start) === 48 && s.charCodeAt(start + 1) !== 46)
		start++;
	let end = s.length;
	if (s.indexOf('.') >= 0) {
		while (s.charCodeAt(end - 1) === 48) end--;
		if (s.charCodeAt(end - 1) === 46) end--;
	}
	return s.slice(start, end);
}

function significantDigits(s: string): number {
	let count = 0;
	let leading = true;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 101 || c === 69) break;
		if (c < 48 || c > 57) continue;
		if (leading && c === 48) continue;
		leading = false;
		count++;
	}
	return count;
}

/**
 * A stored number as Excel shows it in full: the shortest digits that read back as the same
 * double, rounded to Excel's 15 significant digits (so a formula's 0.30000000000000004 reads
 * 0.3, and a typed 12345678901234 stays exact), never with an exponent.
 */
export function formatNumber(raw: string): string {
	const n = Number(raw);
	if (raw === '' || !Number.isFinite(n)) return raw.trim();
	if (n === 0) return '0';
	let s = String(n);
	if (s.length > PRECISION && significantDigits(s) > PRECISION) s = n.toPrecision(PRECISION);
	else if (s.indexOf('e') < 0) return s;
	return spellOut(s.indexOf('e') >= 0 ? s : trimNumber(s));
}

/** `00000` format: an integer padded to the pro's width; anything else as a number. */
export function padNumber(raw: string, width: number): string {
	const s = formatNumber(raw);
	if (s.indexOf('.') >= 0 || s.length > 16) return s;
	if (s.charCodeAt(0) === 45) return '-' + s.slice(1).padStart(width, '0');
	return s.padStart(width, '0');
}

/** Serial of 9999-12-31, Excel's last date, in the 1900 system. */
const LAST_SERIAL_1900 = 2958465;
/** 1970-01-01 as a serial: 25569 in the 1900 system, 24107 in the 1904 system. */
const UNIX_1900 = 25569;
const UNIX_1904 = 24107;

function two(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

/** YYYYMMDD of a count of days since 1970-01-01 (proleptic Gregorian; Hinnant's algorithm). */
function civil(days: number): string {
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
	return String(y).padStart(4, '0') + two(m) + two(d);
}

/**
 * A date-formatted serial as YYYYMMDD; the time of day is dropped. In the 1900 system Excel
 * counts a 29 February 1900 that never was (serial 60, kept from Lotus 1-2-3): Roster reads it
 * as `19000229`, exactly what Excel shows, so validation flags it as an impossible date rather
 * than guessing a neighbour; serials 1–59 are therefore one day off from 61 onwards, and serial
 * 0 (Excel's "1900-01-00") reads `19000100`, also flagged. Serials outside Excel's dates
 * (negative, past 9999-12-31) are numbers, not dates.
 */
export function serialToDate(raw: string, date1904: boolean): string {
	const serial = Number(raw);
	const last = date1904 ? LAST_SERIAL_1900 - 1462 : LAST_SERIAL_1900;
	if (raw === '' || !(serial >= 0) || serial >= last + 1) return formatNumber(raw);
	// Excel rounds to the millisecond before showing a date: 0.99999999 of a day is midnight.
	const days = Math.floor(serial + 0.5 / 86_400_000);
	if (date1904) return civil(days - UNIX_1904);
	if (days === 60) return '19000229';
	if (days === 0) return '19000100';
	return civil(days < 60 ? days + 1 - UNIX_1900 : days - UNIX_1900);
}

/** A `t="d"` cell (ISO 8601 text) as YYYYMMDD; a time alone is kept as written. */
export function isoToDate(text: string): string {
	const m = /^\s*(-?\d{4,})-(\d{2})-(\d{2})/.exec(text);
	return m ? m[1]! + m[2]! + m[3]! : text.trim();
}

// Built-in number formats that are dates (ECMA-376 §18.8.30 and the East Asian locale ids).
// Time-only ones (18–21 h:mm…, 32–33 h"時"mm"分"…, 45–47 mm:ss…) are not dates: their serial
// has no day to show.
const BUILT_IN_DATES = new Set([
	14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** What a number format does to a number: a date, zero padding to a width, or nothing. */
export type NumberKind = { date: true } | { date: false; pad: number };

/** The parts of a format code that are format letters: quoted text, `[..]`, escapes removed. */
function formatLetters(code: string): string {
	let out = '';
	for (let i = 0; i < code.length; i++) {
		const c = code[i]!;
		if (c === '"') {
			const close = code.indexOf('"', i + 1);
			i = close < 0 ? code.length : close;
		} else if (c === '[') {
			const close = code.indexOf(']', i + 1);
			i = close < 0 ? code.length : close;
		} else if (c === '\\' || c === '_' || c === '*') i++;
		else if (c === ';')
			break; // the positive section decides
		else out += c;
	}
	return out;
}

/** Whether a custom number format code shows a date (a day, month or year, not only a time). */
export function isDateFormat(code: string): boolean {
	const letters = formatLetters(code)
		.replace(/AM\/PM|A\/P/gi, '')
		.toLowerCase();
	if (/[dy]/.test(letters)) return true;
	// `m` is a month unless the format has hours or seconds, which make it minutes.
	return /m/.test(letters) && !/[hs]/.test(letters);
}

export function numberKind(id: number, code: string | undefined): NumberKind {
	if (code !== undefined) {
		if (isDateFormat(code)) return { date: true };
		const letters = formatLetters(code);
		return { date: false, pad: /^0{2,}$/.test(letters) ? letters.length : 0 };
	}
	return BUILT_IN_DATES.has(id) ? { date: true } : { date: false, pad: 0 };
}
