// The rows each issue code touches, as compact ranges ("rows 2–40, 45"), collected in one pass
// and bounded so a million-row file with scattered problems still prints a short line.
import { formatNumber } from '../i18n/format.ts';
import { m } from '../i18n/messages.ts';
import type { IssueCode } from '../core/issues.ts';
import { allIssues } from '../core/summary.ts';
import type { Dataset } from '../core/validate.ts';

export interface RowRanges {
	/** Some issue of this code concerns the whole file (no row). */
	wholeFile: boolean;
	/** The first ranges, inclusive, in row order. */
	ranges: [number, number][];
	/** Distinct rows after the kept ranges. */
	moreRows: number;
}

export function rowRangesByCode(dataset: Dataset, maxRanges = 10): Map<IssueCode, RowRanges> {
	const byCode = new Map<IssueCode, RowRanges & { last: number | null }>();
	for (const issue of allIssues(dataset)) {
		let entry = byCode.get(issue.code);
		if (!entry) {
			entry = { wholeFile: false, ranges: [], moreRows: 0, last: null };
			byCode.set(issue.code, entry);
		}
		const row = issue.row;
		if (row === null) {
			entry.wholeFile = true;
			continue;
		}
		if (row === entry.last) continue;
		const tail = entry.ranges[entry.ranges.length - 1];
		if (entry.moreRows === 0 && tail && tail[1] === row - 1) tail[1] = row;
		else if (entry.ranges.length < maxRanges) entry.ranges.push([row, row]);
		else entry.moreRows++;
		entry.last = row;
	}
	return byCode;
}

/** "row 5", "rows 2–4, 9 and 12 more rows", "the whole file". */
export function formatRows(rows: RowRanges): string {
	const parts = rows.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
	const single = rows.ranges.length === 1 && rows.ranges[0]?.[0] === rows.ranges[0]?.[1];
	const list = parts.join(', ');
	let text =
		parts.length === 0
			? ''
			: single && rows.moreRows === 0
				? m.core_cli_rows_one({ rows: list })
				: m.core_cli_rows_many({ rows: list });
	if (rows.moreRows > 0)
		text = m.core_cli_rows_more({ rows: text, count: formatNumber(rows.moreRows) });
	if (rows.wholeFile)
		text = text === '' ? m.core_cli_rows_whole() : m.core_cli_rows_whole_and({ rows: text });
	return text;
}
