// Shared builders for the core unit tests: CSV text in, validated dataset out.
import { bytesSource, importCsv, type ImportResult } from '../../src/core/import-csv.ts';
import { csvField } from '../../src/core/csv-writer.ts';
import { allIssues } from '../../src/core/summary.ts';
import { REQUIRED_FIELDS, type RequiredField } from '../../src/core/template.ts';
import type { Issue } from '../../src/core/issues.ts';
import type { Dataset } from '../../src/core/validate.ts';

export const TODAY = '20261125';
export const HEADER = REQUIRED_FIELDS.join(',');

export const DEFAULTS: Record<RequiredField, string> = {
	email_address: 'ann@example.com',
	initial_password: 'Abcdef1!',
	first_name: 'Ann',
	last_name: 'Lee',
	birthdate: '19811120',
	gender: 'female',
};

/** The cells of a client in template order: a valid client unless overridden. */
export function cells(over: Partial<Record<RequiredField, string>> = {}): string[] {
	return REQUIRED_FIELDS.map((f) => over[f] ?? DEFAULTS[f]);
}

/** One CSV line (no line break) of a client in template order, quoted as RFC 4180 needs. */
export function line(over: Partial<Record<RequiredField, string>> = {}): string {
	return cells(over).map(csvField).join(',');
}

/** A template-form file: the header, then the given lines, CRLF. */
export function csv(...lines: string[]): string {
	return [HEADER, ...lines].join('\r\n') + '\r\n';
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function importBytes(bytes: Uint8Array, chunkSize?: number): Promise<ImportResult> {
	return importCsv(bytesSource(bytes, chunkSize), { today: TODAY });
}

export function importText(text: string, chunkSize?: number): Promise<ImportResult> {
	return importBytes(utf8(text), chunkSize);
}

export function issuesOf(dataset: Dataset): Issue[] {
	return [...allIssues(dataset)];
}

/** "code@row" for every issue, sorted: a compact picture of what a file reports. */
export function codesAt(dataset: Dataset): string[] {
	return issuesOf(dataset)
		.map((i) => `${i.code}@${i.row ?? '-'}`)
		.sort();
}

export const CHUNK_SIZES = [1, 2, 3, 7, 64, 1 << 20] as const;
