// Small wording helpers shared by the reports, in the pro's language: delimiter names, how a file
// was read, and paths quoted so a suggested command can be pasted into a shell.
import type { Delimiter } from '../core/csv-reader.ts';
import type { FileFormat } from './load.ts';
import { formatNumber } from '../i18n/format.ts';
import { m } from '../i18n/messages.ts';

export function delimiterName(delimiter: Delimiter): string {
	return delimiter === ','
		? m.core_cli_delimiter_comma()
		: delimiter === ';'
			? m.core_cli_delimiter_semicolon()
			: m.core_cli_delimiter_tab();
}

export function shellQuote(path: string): string {
	return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** "comma-separated", for a sentence. */
export function delimiterWords(delimiter: Delimiter): string {
	return delimiter === ','
		? m.core_cli_separated_comma()
		: delimiter === ';'
			? m.core_cli_separated_semicolon()
			: m.core_cli_separated_tab();
}

/** "Clients (of 2 sheets)": the sheet read and how many the workbook has. */
export function sheetWords(sheet: string, sheets: number): string {
	return sheets === 1
		? m.core_cli_sheet_only({ sheet })
		: m.core_cli_sheet_of({ sheet, count: formatNumber(sheets) });
}

/**
 * How the file was read, for a sentence in parentheses: "utf-8, comma-separated", "sheet
 * Clients of 2" or "sheet Clients, the only one".
 */
export function formatWords(format: FileFormat): string {
	if (format.kind === 'csv') return `${format.encoding}, ${delimiterWords(format.delimiter)}`;
	if (format.sheet === null) return m.core_cli_read_workbook();
	return format.sheets === 1
		? m.core_cli_read_sheet_only({ sheet: format.sheet })
		: m.core_cli_read_sheet_of({ sheet: format.sheet, count: formatNumber(format.sheets) });
}

/**
 * The file and, when the pro chose the sheet, its --sheet option: what a suggested follow-up
 * command needs to read the same rows.
 */
export function fileArgs(path: string, format: FileFormat): string {
	const sheet = format.kind === 'workbook' && format.asked ? format.sheet : null;
	return sheet === null ? shellQuote(path) : `${shellQuote(path)} --sheet ${shellQuote(sheet)}`;
}
