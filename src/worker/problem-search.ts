// Where "Next problem" and "Previous problem" land: the next cell, in the view's order (filter
// and search apply) and then the grid's column order, that has an error — or, once the view has
// no error left, a warning. One pass over the view from the focused cell, wrapping around at its
// ends; it reads the issues the draft model keeps and re-checks nothing, so a million-row view
// answers in a few milliseconds.
import type { Issue } from '../core/issues.ts';
import { REQUIRED_FIELDS } from '../core/fields.ts';

/** The grid columns a problem can be in, in the grid's order (a row's own problems: Status). */
export const PROBLEM_KEYS = ['status', ...REQUIRED_FIELDS, 'tags', 'external_id'] as const;
export type ProblemKey = (typeof PROBLEM_KEYS)[number];

export interface ProblemHit {
	/** View position of the row. */
	position: number;
	field: ProblemKey;
	severity: 'error' | 'warning';
	/** The search went past the end (or the start) of the view to find it. */
	wrapped: boolean;
}

/** The column an issue marks; one about the whole row (or a column the grid lacks) is Status. */
export function problemKey(column: string | null): ProblemKey {
	if (column === 'tag') return 'tags';
	return PROBLEM_KEYS.find((k) => k === column) ?? 'status';
}

/**
 * Where a focused column sits among the problem columns: the checkbox before them all, Platform
 * and Notice after them.
 */
function rankOf(field: string): number {
	if (field === 'select') return -1;
	const k = PROBLEM_KEYS.findIndex((p) => p === field);
	return k >= 0 ? k : PROBLEM_KEYS.length;
}

/**
 * The first problem after (direction 1) or before (-1) the cell at `from` in a view of `total`
 * rows; `issuesAt(position)` gives a row's issues. The focused cell itself comes last: it is
 * found only when it is the one problem left (`wrapped`). Null: no problem in the view.
 */
export function findProblem(
	total: number,
	issuesAt: (position: number) => readonly Issue[] | undefined,
	from: { position: number; field: string },
	direction: 1 | -1,
): ProblemHit | null {
	if (total <= 0) return null;
	const start = Math.max(0, Math.min(total - 1, from.position));
	const fromRank = rankOf(from.field);
	let warning: ProblemHit | null = null;
	let position = start;
	let wrapped = false;
	for (let step = 0; step <= total; step++, position += direction) {
		if (position === total || position < 0) {
			position = direction === 1 ? 0 : total - 1;
			wrapped = true;
		}
		const issues = issuesAt(position);
		if (!issues || issues.length === 0) continue;
		// On the focused row, only the cells past the focus (first visit) or up to it (last).
		const allowed = (rank: number): boolean => {
			if (step === 0) return direction === 1 ? rank > fromRank : rank < fromRank;
			if (step === total) return direction === 1 ? rank <= fromRank : rank >= fromRank;
			return true;
		};
		let error = -1;
		let warn = -1;
		for (const issue of issues) {
			const rank = rankOf(problemKey(issue.column));
			if (!allowed(rank)) continue;
			const better = (best: number) => best < 0 || (direction === 1 ? rank < best : rank > best);
			if (issue.severity === 'error') {
				if (better(error)) error = rank;
			} else if (better(warn)) warn = rank;
		}
		if (error >= 0)
			return { position, field: PROBLEM_KEYS[error] ?? 'status', severity: 'error', wrapped };
		if (warn >= 0 && warning === null)
			warning = { position, field: PROBLEM_KEYS[warn] ?? 'status', severity: 'warning', wrapped };
	}
	return warning;
}
