// The `roster validate --json` output: one JSON object, streamed one issue per line so a file
// with a million issues never becomes one giant string.
import { rowHoldsClient } from '../core/rules.ts';
import { allIssues, type Summary } from '../core/summary.ts';
import type { LoadedFile } from './load.ts';
import { issueText } from '../i18n/issue-text.ts';

export function* jsonReport(file: LoadedFile, summary: Summary): Generator<string> {
	const { format } = file;
	const head = JSON.stringify({
		file: file.path,
		// A CSV's report keeps its exact old shape; a workbook adds its sheet and has no
		// encoding or delimiter (null, as help.ts documents).
		...(format.kind === 'workbook' && format.sheet !== null ? { sheet: format.sheet } : {}),
		encoding: format.kind === 'csv' ? format.encoding : null,
		delimiter: format.kind === 'csv' ? format.delimiter : null,
		rows: summary.rows,
		validRows: summary.validRows,
		errors: summary.errors,
		warnings: summary.warnings,
		// A client's row read as the header (no header row): its cells, a password among them,
		// are client data, not column names (help.ts says "header" is "" then).
		columns: rowHoldsClient(file.columns.map((c) => c.header))
			? file.columns.map((c) => ({ ...c, header: '' }))
			: file.columns,
	});
	yield `${head.slice(0, -1)},"issues":[`;
	let first = true;
	for (const i of allIssues(file.dataset)) {
		const issue = {
			row: i.row,
			column: i.column,
			code: i.code,
			severity: i.severity,
			message: issueText(i),
			fix: i.fix,
		};
		yield `${first ? '\n' : ',\n'}${JSON.stringify(issue)}`;
		first = false;
	}
	yield first ? ']}\n' : '\n]}\n';
}
