// The readable report of `roster validate`: what was read, the counts, then every issue code
// with its title, the rows it touches and the first messages, errors before warnings.
import type { Summary } from '../core/summary.ts';
import { count, delimiterName, shellQuote } from './format.ts';
import type { LoadedFile } from './load.ts';
import { formatRows, rowRangesByCode } from './rows.ts';

/** Messages listed per issue code; the rest are counted. */
export const MESSAGES_PER_CODE = 20;

export function* textReport(file: LoadedFile, summary: Summary): Generator<string> {
	const needAttention = summary.rows - summary.validRows;
	yield `File:       ${file.path}\n`;
	yield `Encoding:   ${file.encoding}\n`;
	yield `Delimiter:  ${delimiterName(file.delimiter)}\n`;
	yield `Rows:       ${count(summary.rows, 'client')} (blank rows not counted)\n`;
	yield `Valid rows: ${summary.validRows.toLocaleString('en-US')} ready to import · ${needAttention.toLocaleString('en-US')} need attention\n`;
	yield `Errors:     ${summary.errors.toLocaleString('en-US')}\n`;
	yield `Warnings:   ${summary.warnings.toLocaleString('en-US')}\n`;

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
	const file_ = shellQuote(file.path);
	if (summary.errors === 0) {
		yield summary.rows > 0
			? `Result: ${summary.rows === 1 ? 'the client is' : `all ${count(summary.rows, 'client')} are`} ready to import.\n`
			: 'Result: no clients to import.\n';
	} else if (needAttention > 0) {
		yield `Result: ${count(needAttention, 'client')} ${needAttention === 1 ? 'needs' : 'need'} attention before import; ${summary.validRows.toLocaleString('en-US')} ready.\n`;
	} else {
		yield 'Result: the file has errors to fix before it can be imported.\n';
	}
	if (summary.fixable > 0) {
		yield `${count(summary.fixable, 'issue has', 'issues have')} a certain fix: \`npm run roster -- fix ${file_} --out clean.csv\` applies them.\n`;
	}
}
