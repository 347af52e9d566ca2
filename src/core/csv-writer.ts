// RFC 4180 CSV writing, in template order, for the clean file and the rows needing attention.
import { canonicalHeader, REQUIRED_FIELDS } from './template.ts';
import type { ClientRecord } from './record.ts';
import { isFormulaLike } from './rules.ts';
import type { Issue } from './issues.ts';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** OWASP CSV-injection guidance: a leading apostrophe keeps a spreadsheet from running the cell. */
export function neutralise(value: string): string {
	return isFormulaLike(value) ? `'${value}` : value;
}

export interface CsvLayout {
	tagColumns: number;
	externalId: boolean;
}

export function recordCells(rec: ClientRecord, layout: CsvLayout): string[] {
	const cells: string[] = REQUIRED_FIELDS.map((f) => rec[f]);
	for (let i = 0; i < layout.tagColumns; i++) cells.push(rec.tags[i] ?? '');
	if (layout.externalId) cells.push(rec.external_id);
	return cells;
}

export const CRLF = '\r\n';

export function csvLine(cells: readonly string[]): string {
	return cells.map(csvField).join(',') + CRLF;
}

export function headerLine(layout: CsvLayout, extra: string[] = []): string {
	return csvLine([...canonicalHeader(layout.tagColumns, layout.externalId), ...extra]);
}

/** How an issue reads in the attention file's `errors` column. */
export type DescribeIssue = (issue: Issue) => string;

/** Core stays free of the app's language: without a describer, the English message. */
export const englishIssue: DescribeIssue = (issue) => issue.message;

/**
 * A row of the attention file: formula-like cells neutralised, then the row's cells of the
 * source columns the mapping left out (`leftOut`: which of `rec.leftOut` to write, in order; a
 * row without them gets empty cells), then the problems in `errors`, worded by `describe`.
 */
export function attentionLine(
	rec: ClientRecord,
	layout: CsvLayout,
	issues: readonly Issue[],
	leftOut: readonly number[] = [],
	describe: DescribeIssue = englishIssue,
): string {
	const cells = recordCells(rec, layout).map(neutralise);
	for (const k of leftOut) cells.push(neutralise(rec.leftOut[k] ?? ''));
	cells.push(neutralise(issues.map(describe).join(' | ')));
	return csvLine(cells);
}

/** The template itself: the header row a pro fills in. */
export function templateCsv(): string {
	return headerLine({ tagColumns: 0, externalId: false });
}
