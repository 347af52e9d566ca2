// Reading birthdates as people type them, and deciding when a reading is certain.

export const DATE_ORDERS = ['day-first', 'month-first'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export type DateReading =
	| { kind: 'empty' }
	/** Already YYYYMMDD (maybe not a real day: see `isRealDate`). */
	| { kind: 'canonical'; year: number; month: number; day: number }
	/** Another layout whose meaning is certain. */
	| { kind: 'certain'; year: number; month: number; day: number; order?: DateOrder }
	/** a/b/yyyy with a and b both ≤ 12 and different: the column may decide. */
	| { kind: 'ambiguous'; year: number; first: number; second: number }
	| { kind: 'unreadable'; reason: string };

/** A reading its column's date order bears on: ambiguous, or certain because of its order. */
export type OrderedReading =
	| Extract<DateReading, { kind: 'ambiguous' }>
	| (Extract<DateReading, { kind: 'certain' }> & { order: DateOrder });

const MONTHS = [
	'jan',
	'feb',
	'mar',
	'apr',
	'may',
	'jun',
	'jul',
	'aug',
	'sep',
	'oct',
	'nov',
	'dec',
] as const;

function monthFromName(name: string): number | null {
	const n = name.toLowerCase().replace(/\.$/, '');
	if (n.length < 3) return null;
	const index = MONTHS.findIndex((m) => n.startsWith(m));
	if (index === -1) return null;
	const full = [
		'january',
		'february',
		'march',
		'april',
		'may',
		'june',
		'july',
		'august',
		'september',
		'october',
		'november',
		'december',
	][index] as string;
	return full.startsWith(n) || n === 'sept' ? index + 1 : null;
}

const YEAR_FIRST =
	/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;
const SHORT_YEAR = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/;
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-z]+\.?)[\s\-/.,]+(\d{4})$/i;
const MONTH_NAME_DAY = /^([a-z]+\.?)[\s\-/.]+(\d{1,2})(?:st|nd|rd|th)?[\s,\-/.]+(\d{4})$/i;

/**
 * A YYYYMMDD value as the number its digits spell, or -1: read digit by digit, without an
 * object, since this runs once per row of million-row files.
 */
export function canonicalNumber(v: string): number {
	if (v.length !== 8) return -1;
	let n = 0;
	for (let i = 0; i < 8; i++) {
		const d = v.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return -1;
		n = n * 10 + d;
	}
	return n;
}

function readCanonical(v: string): DateReading | null {
	const n = canonicalNumber(v);
	if (n === -1) return null;
	return {
		kind: 'canonical',
		year: Math.floor(n / 10000),
		month: Math.floor(n / 100) % 100,
		day: n % 100,
	};
}

export function readDate(value: string): DateReading {
	const v = value.trim();
	if (v === '') return { kind: 'empty' };
	const canonical = readCanonical(v);
	if (canonical) return canonical;
	let m = YEAR_FIRST.exec(v);
	if (m) return { kind: 'certain', year: +m[1]!, month: +m[2]!, day: +m[3]! };
	m = DOTTED.exec(v);
	if (m) return { kind: 'certain', year: +m[3]!, month: +m[2]!, day: +m[1]! };
	m = SLASHED.exec(v);
	if (m) {
		const a = +m[1]!;
		const b = +m[2]!;
		const year = +m[3]!;
		if (a > 12 && b <= 12) return { kind: 'certain', year, month: b, day: a, order: 'day-first' };
		if (b > 12 && a <= 12) return { kind: 'certain', year, month: a, day: b, order: 'month-first' };
		if (a === b) return { kind: 'certain', year, month: a, day: a };
		// A zero day or month is no date in either order: not ambiguous, just not a real day.
		if (a === 0 || b === 0) return { kind: 'certain', year, month: a, day: b };
		if (a > 12 && b > 12) return { kind: 'unreadable', reason: 'neither part can be a month' };
		return { kind: 'ambiguous', year, first: a, second: b };
	}
	m = DAY_MONTH_NAME.exec(v);
	if (m) {
		const month = monthFromName(m[2]!);
		if (month) return { kind: 'certain', year: +m[3]!, month, day: +m[1]! };
	}
	m = MONTH_NAME_DAY.exec(v);
	if (m) {
		const month = monthFromName(m[1]!);
		if (month) return { kind: 'certain', year: +m[3]!, month, day: +m[2]! };
	}
	if (SHORT_YEAR.test(v)) return { kind: 'unreadable', reason: 'the year needs all 4 digits' };
	return { kind: 'unreadable', reason: 'it is not a date Roster can read' };
}

/** Resolves an ambiguous reading with a known order. */
export function withOrder(
	reading: { year: number; first: number; second: number },
	order: DateOrder,
): { year: number; month: number; day: number } {
	return order === 'day-first'
		? { year: reading.year, month: reading.second, day: reading.first }
		: { year: reading.year, month: reading.first, day: reading.second };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRealDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	if (month === 2) {
		const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
		return day <= (leap ? 29 : 28);
	}
	return day <= (DAYS_IN_MONTH[month - 1] as number);
}

export function toYmd(year: number, month: number, day: number): string {
	return `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** Today as YYYYMMDD in local time; the clock is the caller's, so rules stay deterministic. */
export function ymdOf(date: Date): string {
	return toYmd(date.getFullYear(), date.getMonth() + 1, date.getDate());
}
