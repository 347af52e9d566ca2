// The UI's text helpers: counts ("1 client", "1,204 clients") from src/core/counted.ts, where
// the worker, the state and the CLI take them too, and short dates. Not Intl.DateTimeFormat:
// building one loads ICU data and blocked the main thread for over 100 ms at the first file
// (measured in Chromium here).
export { count, plural } from '../core/counted.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Dec", or "3 Dec 2025" outside the current year (no Intl, for the same reason). */
export function shortDate(ms: number, now: Date = new Date()): string {
	const d = new Date(ms);
	const day = `${d.getDate()} ${MONTHS[d.getMonth()]}`;
	return d.getFullYear() === now.getFullYear() ? day : `${day} ${d.getFullYear()}`;
}
