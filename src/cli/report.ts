// The readable report of `roster validate`: what was read (encoding and delimiter, or the sheet), the counts, how the columns were
// matched, then every issue code with its title, the rows it touches and the first messages,
// errors before warnings.
import { REQUIRED_FIELDS } from '../core/fields.ts';
import { rowHoldsClient } from '../core/rules.ts';
import type { Summary } from '../core/summary.ts';
import type { Dataset } from '../core/validate.ts';
import type { SourceColumn } from './columns.ts';
import { count, delimiterName, fileArgs, sheetWords } from './format.ts';
import type { LoadedFile } from './load.ts';
import { formatRows, rowRangesByCode } from './rows.ts';

/** Messages listed per issue code; the rest are counted. */
export const MESSAGES_PER_CODE = 20;

export function* textReport(file: LoadedFile, summary: Summary): Generator<string> {
	const needAttention = summary.rows - summary.validRows;
	yield `File:       ${file.path}\n`;
	const { format } = file;
	if (format.kind === 'csv') {
		yield `Encoding:   ${format.encoding}\n`;
		yield `Delimiter:  ${delimiterName(format.delimiter)}\n`;
	} else if (format.sheet !== null) {
		yield `Sheet:      ${sheetWords(format.sheet, format.sheets)}\n`;
	}
	yield `Rows:       ${count(summary.rows, 'client')} (blank rows not counted)\n`;
	yield `Valid rows: ${summary.validRows.toLocaleString('en-US')} ready to import · ${needAttention.toLocaleString('en-US')} need attention\n`;
	yield `Errors:     ${summary.errors.toLocaleString('en-US')}\n`;
	yield `Warnings:   ${summary.warnings.toLocaleString('en-US')}\n`;
	for (const line of columnLines(file.columns)) yield `${line}\n`;

	const rows = rowRangesByCode(file.dataset);
	let severity: string | null = null;
	for (const group of summary.groups) {
		if (group.severity !== severity) {
			severity = group.severity;
			yield `\n${severity === 'error' ? 'Errors' : 'Warnings'}\n`;
		}
		const where = rows.get(group.code);
		const fixable = group.fixable > 0 ? ` · ${group.fixable.toLocaleString('en-US')} fixable` : '';
		yield `\n  ${group.title} [${group.code}] · ${count(group.count, 'issue')}${where ? ` · ${formatRows(where)}` : ''}${fixable}\n`;
		for (const issue of group.sample) yield `    ${issue.message}\n`;
		const more = group.count - group.sample.length;
		if (more > 0) yield `    … and ${count(more, 'more issue', 'more issues')} of this kind\n`;
	}

	yield '\n';
	const file_ = fileArgs(file.path, file.format);
	if (summary.errors === 0) {
		yield summary.rows > 0
			? `Result: ${summary.rows === 1 ? 'the client is' : `all ${count(summary.rows, 'client')} are`} ready to import.\n`
			: 'Result: no clients to import.\n';
	} else if (needAttention > 0) {
		yield `Result: ${count(needAttention, 'client')} ${needAttention === 1 ? 'needs' : 'need'} attention before import; ${summary.validRows.toLocaleString('en-US')} ready.\n`;
	} else {
		yield 'Result: the file has errors to fix before it can be imported.\n';
	}
	const missing = missingColumnsHint(file.dataset, file.columns);
	if (missing !== null) yield `${missing}\n`;
	if (summary.fixable > 0) {
		yield `${count(summary.fixable, 'issue has', 'issues have')} a certain fix: \`npm run roster -- fix ${file_} --out clean.csv\` applies them.\n`;
	}
}

/**
 * "Columns matched: Courriel → email_address, …" for the columns whose header is not already
 * the field name (one line instead of a warning per column: exports use the template names
 * anyway), and "Left out: Notes (G)" for columns whose cells are not imported.
 */
export function columnLines(columns: readonly SourceColumn[]): string[] {
	const matched = columns.filter((c) => c.field !== null && c.header.trim() !== c.field);
	const leftOut = leftOutList(columns);
	const client = holdsClient(columns);
	const lines: string[] = [];
	if (matched.length > 0)
		lines.push(
			`Columns matched: ${matched.map((c) => `${client ? `column ${c.letter}` : c.header.trim()} → ${c.field}`).join(', ')}`,
		);
	if (leftOut !== '') lines.push(`Left out: ${leftOut}`);
	return lines;
}

/**
 * What to do when required columns are missing: add them, or name the column that holds them
 * with --map (its header is not one Roster knows). Null when none is missing.
 */
export function missingColumnsHint(
	dataset: Dataset,
	columns: readonly SourceColumn[],
): string | null {
	const missing = dataset.fileIssues
		.filter((i) => i.code === 'header.missing' && i.column !== null)
		.map((i) => i.column as string);
	if (missing.length === 0) return null;
	if (holdsClient(columns))
		return `The header row holds a client's details (an email address), not column names: add a header row above the clients, naming the columns ${REQUIRED_FIELDS.join(', ')}.`;
	const leftOut = leftOutList(columns);
	const candidates = leftOut !== '' ? ` (left out now: ${leftOut})` : '';
	return missing.length === 1
		? `The required column ${missing[0]} is missing: add it to the file, or pass --map "HEADER=${missing[0]}" naming the column that holds it${candidates}.`
		: `The required columns ${missing.join(', ')} are missing: add them to the file, or pass --map "HEADER=field" for each column that holds one${candidates}.`;
}

/**
 * A file without a header row: its first row, read as the header, is a client's, so its cells
 * (a password among them) are never quoted as column names; columns are named by letter.
 */
function holdsClient(columns: readonly SourceColumn[]): boolean {
	return rowHoldsClient(columns.map((c) => c.header));
}

/** "Notes (G), Fax (H)": the columns with a header whose cells are not imported. */
function leftOutList(columns: readonly SourceColumn[]): string {
	const client = holdsClient(columns);
	return columns
		.filter((c) => c.field === null && c.status !== 'empty')
		.map((c) => (client ? `column ${c.letter}` : `${c.header.trim()} (${c.letter})`))
		.join(', ');
}
