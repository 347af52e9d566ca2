// The UI's text helpers: short dates in the pro's language, a date with its time, and the pieces
// of a message with marked-up words in it. `count`/`plural` (English only) stay exported for the
// callers that have not moved to plural messages yet.
import { currentLocale } from '../i18n/messages.ts';
import { formatShortDate } from '../i18n/format.ts';

export { count, plural } from '../core/counted.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "3 Dec" (English), "3 déc." (French)…, with the year outside the current one. English keeps its
 * day-first form: Intl's English says "Dec 3" and "Sept".
 */
export function shortDate(ms: number, now: Date = new Date()): string {
	if (currentLocale() !== 'en') return formatShortDate(ms, now);
	const d = new Date(ms);
	const day = `${d.getDate()} ${MONTHS[d.getMonth()]}`;
	return d.getFullYear() === now.getFullYear() ? day : `${day} ${d.getFullYear()}`;
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as a card or list shows it: "2026-12-03 14:05" in English (as always), the language's
 * short date and time elsewhere ("03/12/2026 14:05").
 */
export function dateTime(ms: number): string {
	const locale = currentLocale();
	const d = new Date(ms);
	if (locale === 'en') {
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
	}
	let f = dateTimes.get(locale);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
		dateTimes.set(locale, f);
	}
	return f.format(d);
}

/** One piece of a message: its own text (`slot` null), or the place of a marked-up word. */
export interface Piece<K extends string> {
	text: string;
	slot: K | null;
}

// Private-use characters: no message or client's cell holds them.
const mark = (i: number) => `\uE010${i}\uE011`;
const MARKS = /\uE010(\d+)\uE011/;

/**
 * Splits a message around words the template marks up (`<strong>Share</strong>`, `<code>`), so
 * each language puts them where its sentence needs them: `render` gets a marker per slot name.
 */
export function pieces<K extends string>(
	names: readonly K[],
	render: (marks: Record<K, string>) => string,
): Piece<K>[] {
	const marks = Object.fromEntries(names.map((name, i) => [name, mark(i)])) as Record<K, string>;
	const parts = render(marks).split(new RegExp(MARKS.source, 'g'));
	const out: Piece<K>[] = [];
	parts.forEach((part, i) => {
		if (i % 2 === 1) out.push({ text: '', slot: names[Number(part)] as K });
		else if (part !== '') out.push({ text: part, slot: null });
	});
	return out;
}
