// Counted text for every message that says how many: "1,204", "1 client", "3 clients". The
// page, the worker, the CLI and the server build such sentences; one helper keeps "1 clients"
// out of all of them. Not Intl.NumberFormat or toLocaleString: building a formatter loads ICU
// data and blocked the page's main thread for over 100 ms at the first file (measured in
// Chromium here), and the digits must not change with the machine's locale.

/** A whole number with thousands separators: 1234567 → "1,234,567". */
export function count(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The number with the words for one or for many: `plural(1, 'row was', 'rows were')` →
 * "1 row was"; `many` defaults to `one` + "s".
 */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${count(n)} ${n === 1 ? one : many}`;
}
