// Number formatting for the UI text. Not Intl.NumberFormat: building one loads ICU data and
// blocked the main thread for over 100 ms at the first file (measured in Chromium here).
export function count(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many: string): string {
	return `${count(n)} ${n === 1 ? one : many}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Dec", or "3 Dec 2025" outside the current year (no Intl, for the same reason). */
export function shortDate(ms: number, now: Date = new Date()): string {
	const d = new Date(ms);
	const day = `${d.getDate()} ${MONTHS[d.getMonth()]}`;
	return d.getFullYear() === now.getFullYear() ? day : `${day} ${d.getFullYear()}`;
}
