// Small wording helpers shared by the reports: counts with their noun, delimiter names, and
// paths quoted so a suggested command can be pasted into a shell.
import type { Delimiter } from '../core/csv-reader.ts';
import { plural } from '../core/counted.ts';

/** "1 client", "1,204 clients": the counted text every part of Roster uses. */
export const count = plural;

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
