// Small wording helpers shared by the reports: counts with their noun, delimiter names, and
// paths quoted so a suggested command can be pasted into a shell.
import type { Delimiter } from '../core/csv-reader.ts';

/** "1 client", "1,204 clients". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
	return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

export function delimiterName(delimiter: Delimiter): string {
	return delimiter === ',' ? 'comma (,)' : delimiter === ';' ? 'semicolon (;)' : 'tab';
}

export function shellQuote(path: string): string {
	return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** "comma-separated", for a sentence. */
export function delimiterWords(delimiter: Delimiter): string {
	return delimiter === ','
		? 'comma-separated'
		: delimiter === ';'
			? 'semicolon-separated'
			: 'tab-separated';
}
