// Numbers and dates in the pro's language, through Intl. Formatters are built once per language
// and kept: building one loads ICU data (over 100 ms for the first DateTimeFormat in Chromium
// here), so no formatter is built before the first number or date is shown.
import { currentLocale } from './messages.ts';
import type { Locale } from './locales.ts';

const numbers = new Map<Locale, Intl.NumberFormat>();
const days = new Map<string, Intl.DateTimeFormat>();

/** 1,204 · 1 204 · 1.204, as the language writes it. */
export function formatNumber(n: number, locale: Locale = currentLocale()): string {
	let f = numbers.get(locale);
	if (!f) numbers.set(locale, (f = new Intl.NumberFormat(locale)));
	return f.format(n);
}

function dayFormat(locale: Locale, withYear: boolean): Intl.DateTimeFormat {
	const key = `${locale}:${withYear}`;
	let f = days.get(key);
	if (!f) {
		// en-GB: Roster's English has always written "3 Dec" ("en" alone writes "Dec 3").
		f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
			day: 'numeric',
			month: 'short',
			...(withYear ? { year: 'numeric' } : {}),
		});
		days.set(key, f);
	}
	return f;
}

/** "3 Dec" / "3 déc." / "3. Dez.", with the year outside the current one. */
export function formatShortDate(
	ms: number,
	now: Date = new Date(),
	locale: Locale = currentLocale(),
): string {
	const d = new Date(ms);
	return dayFormat(locale, d.getFullYear() !== now.getFullYear()).format(d);
}

/** A date in full, as a notice prints it ("3 December 2026", "3 décembre 2026"). */
export function formatLongDate(ms: number, locale: Locale = currentLocale()): string {
	const key = `${locale}:long`;
	let f = days.get(key);
	if (!f) days.set(key, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'long' })));
	return f.format(new Date(ms));
}
