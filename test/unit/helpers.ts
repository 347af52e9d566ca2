// Shared builders for the core unit tests: CSV text in, validated dataset out.
import {
	bytesSource,
	importCsv,
	type ByteSource,
	type ImportResult,
} from '../../src/core/import-csv.ts';
import { csvField } from '../../src/core/csv-writer.ts';
import { importTable } from '../../src/core/import-table.ts';
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

/** The parts one after another, as a file holds them. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** Imports bytes as the app and the CLI do: a workbook is told from a CSV file by its bytes. */
export function importBytes(bytes: Uint8Array, chunkSize?: number): Promise<ImportResult> {
	return importTable(bytesSource(bytes, chunkSize), { today: TODAY });
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

/**
 * A ByteSource that yields `bytes` cut at the given offsets, in any order and with repeats: a
 * File's stream hands the reader parts of whatever size the platform picks, and a property
 * chooses them to land a cut inside a character, a CRLF, a quote or a delimiter.
 */
export function cutSource(bytes: Uint8Array, cuts: readonly number[]): ByteSource {
	const ends = [...new Set(cuts)]
		.filter((c) => c > 0 && c < bytes.length)
		.sort((a, b) => a - b)
		.concat(bytes.length);
	return {
		size: bytes.length,
		async *chunks() {
			let start = 0;
			for (const end of ends) {
				yield bytes.subarray(start, end);
				start = end;
			}
		},
	};
}

export function importCut(bytes: Uint8Array, cuts: readonly number[]): Promise<ImportResult> {
	return importCsv(cutSource(bytes, cuts), { today: TODAY });
}

/**
 * RFC 4180 quoting written apart from src/core/csv-writer.ts, so inputs built with it do not
 * share the production writer's blind spots: it quotes only what the RFC requires (a quote, the
 * delimiter, CR or LF) unless told to quote every field, and leaves edge spaces bare.
 */
export function rfc4180Field(value: string, delimiter: string, quoteAll = false): string {
	const needs = quoteAll || /["\r\n]/.test(value) || value.includes(delimiter);
	return needs ? `"${value.split('"').join('""')}"` : value;
}

/** Records joined by `eol`; `trailing` adds one after the last record as most exports do. */
export function rfc4180File(
	records: readonly (readonly string[])[],
	options: { delimiter: string; eol: string; quoteAll?: boolean; trailing?: boolean },
): string {
	const { delimiter, eol, quoteAll = false, trailing = true } = options;
	const lines = records.map((cells) =>
		cells.map((c) => rfc4180Field(c, delimiter, quoteAll)).join(delimiter),
	);
	return lines.join(eol) + (trailing ? eol : '');
}
