// The readable report of `roster validate`: what was read (encoding and delimiter, or the sheet), the counts, how the columns were
// matched, then every issue code with its title, the rows it touches and the first messages,
// errors before warnings.
import { REQUIRED_FIELDS } from '../core/fields.ts';
import { rowHoldsClient } from '../core/rules.ts';
import type { Summary } from '../core/summary.ts';
import type { Dataset } from '../core/validate.ts';
import type { SourceColumn } from './columns.ts';
import { delimiterName, fileArgs, sheetWords } from './format.ts';
import { formatNumber } from '../i18n/format.ts';
import { issueText, issueTitle } from '../i18n/issue-text.ts';
import { m } from '../i18n/messages.ts';
import type { LoadedFile } from './load.ts';
import { formatRows, rowRangesByCode } from './rows.ts';

/** Messages listed per issue code; the rest are counted. */
export const MESSAGES_PER_CODE = 20;

/** The labels of the report's first lines, padded to one column ("File:       "). */
function labels() {
	const all = {
		file: m.core_cli_label_file(),
		encoding: m.core_cli_label_encoding(),
		delimiter: m.core_cli_label_delimiter(),
		sheet: m.core_cli_label_sheet(),
		rows: m.core_cli_label_rows(),
		valid: m.core_cli_label_valid(),
		errors: m.core_cli_label_errors(),
		warnings: m.core_cli_label_warnings(),
	};
	const width = Math.max(...Object.values(all).map((l) => l.length)) + 1;
	return Object.fromEntries(Object.entries(all).map(([k, l]) => [k, l.padEnd(width)])) as Record<
		keyof typeof all,
		string
	>;
}

export function* textReport(file: LoadedFile, summary: Summary): Generator<string> {
	const needAttention = summary.rows - summary.validRows;
	const label = labels();
	yield `${label.file}${file.path}\n`;
	const { format } = file;
	if (format.kind === 'csv') {
		yield `${label.encoding}${format.encoding}\n`;
		yield `${label.delimiter}${delimiterName(format.delimiter)}\n`;
	} else if (format.sheet !== null) {
		yield `${label.sheet}${sheetWords(format.sheet, format.sheets)}\n`;
	}
	yield `${label.rows}${m.core_cli_rows({ count: summary.rows })}\n`;
	yield `${label.valid}${m.core_cli_valid({ ready: formatNumber(summary.validRows), attention: formatNumber(needAttention) })}\n`;
	yield `${label.errors}${formatNumber(summary.errors)}\n`;
	yield `${label.warnings}${formatNumber(summary.warnings)}\n`;
	for (const line of columnLines(file.columns)) yield `${line}\n`;

	const rows = rowRangesByCode(file.dataset);
	let severity: string | null = null;
	for (const group of summary.groups) {
		if (group.severity !== severity) {
			severity = group.severity;
			yield `\n${severity === 'error' ? m.core_cli_section_errors() : m.core_cli_section_warnings()}\n`;
		}
		const where = rows.get(group.code);
		const fixable = group.fixable > 0 ? ` · ${m.core_cli_fixable({ count: group.fixable })}` : '';
		yield `\n  ${issueTitle(group.code)} [${group.code}] · ${m.core_cli_issue_count({ count: group.count })}${where ? ` · ${formatRows(where)}` : ''}${fixable}\n`;
		for (const issue of group.sample) yield `    ${issueText(issue)}\n`;
		const more = group.count - group.sample.length;
		if (more > 0) yield `    ${m.core_cli_more_issues({ count: more })}\n`;
	}

	yield '\n';
	const file_ = fileArgs(file.path, file.format);
	if (summary.errors === 0) {
		yield summary.rows > 0
			? `${summary.rows === 1 ? m.core_cli_result_one_ready() : m.core_cli_result_all_ready({ count: formatNumber(summary.rows) })}\n`
			: `${m.core_cli_result_none()}\n`;
	} else if (needAttention > 0) {
		yield `${m.core_cli_result_attention({ count: needAttention, ready: formatNumber(summary.validRows) })}\n`;
	} else {
		yield `${m.core_cli_result_errors()}\n`;
	}
	const missing = missingColumnsHint(file.dataset, file.columns);
	if (missing !== null) yield `${missing}\n`;
	if (summary.fixable > 0) {
		yield `${m.core_cli_fix_hint({ count: summary.fixable, file: file_ })}\n`;
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
			m.core_cli_columns_matched({
				list: matched
					.map(
						(c) =>
							`${client ? m.core_cli_column_letter({ letter: c.letter }) : c.header.trim()} → ${c.field}`,
					)
					.join(', '),
			}),
		);
	if (leftOut !== '') lines.push(m.core_cli_left_out({ list: leftOut }));
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
		return m.core_cli_hint_client_header({ columns: REQUIRED_FIELDS.join(', ') });
	const leftOut = leftOutList(columns);
	const candidates = leftOut !== '' ? m.core_cli_hint_left_out_now({ list: leftOut }) : '';
	return missing.length === 1
		? m.core_cli_hint_missing_one({ field: missing[0] as string, candidates })
		: m.core_cli_hint_missing_many({ fields: missing.join(', '), candidates });
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
		.map((c) =>
			client ? m.core_cli_column_letter({ letter: c.letter }) : `${c.header.trim()} (${c.letter})`,
		)
		.join(', ');
}
