// Number formatting for the UI text. Not Intl.NumberFormat: building one loads ICU data and
// blocked the main thread for over 100 ms at the first file (measured in Chromium here).
export function count(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many: string): string {
	return `${count(n)} ${n === 1 ? one : many}`;
}
