// Counts and groups for a validated file: what the summary line, the issue list and the CLI show.
import {
	ISSUE_CODES,
	ISSUE_SEVERITY,
	ISSUE_TITLES,
	type Issue,
	type IssueCode,
	type Severity,
} from './issues.ts';
import { fileBlocked, type Dataset } from './validate.ts';

export interface IssueGroup {
	code: IssueCode;
	severity: Severity;
	title: string;
	count: number;
	/** How many of these issues carry a certain fix. */
	fixable: number;
	/** The first issues of the group, in row order. */
	sample: Issue[];
}

export interface Summary {
	/** Client rows (blank rows not counted). */
	rows: number;
	validRows: number;
	/** Rows with at least one error. */
	errorRows: number;
	/** Rows with warnings only. */
	warningRows: number;
	errors: number;
	warnings: number;
	fixable: number;
	blocked: boolean;
	groups: IssueGroup[];
}

export function* allIssues(dataset: Dataset): Generator<Issue> {
	yield* dataset.fileIssues;
	for (const list of dataset.recordIssues) if (list) yield* list;
}

export const FLAG_OK = 0;
export const FLAG_ERROR = 1;
export const FLAG_DELETED = 2;

/**
 * Per record: FLAG_ERROR with at least one error (every record when the file itself is
 * blocked), FLAG_DELETED for a row the pro deleted, else FLAG_OK.
 */
export function errorFlags(dataset: Dataset): Uint8Array {
	const flags = new Uint8Array(dataset.records.length);
	const blocked = fileBlocked(dataset);
	const anyDeleted = dataset.records.deletedCount > 0;
	for (let i = 0; i < flags.length; i++) {
		const list = dataset.recordIssues[i];
		if (anyDeleted && dataset.records.isDeleted(i)) flags[i] = FLAG_DELETED;
		else
			flags[i] =
				blocked || (list !== undefined && list.some((x) => x.severity === 'error'))
					? FLAG_ERROR
					: FLAG_OK;
	}
	return flags;
}

/** `flags`: errorFlags(dataset), when the caller has it already. */
export function summarize(
	dataset: Dataset,
	sampleSize = 20,
	flags: Uint8Array = errorFlags(dataset),
): Summary {
	const groups = new Map<IssueCode, IssueGroup>();
	let errors = 0;
	let warnings = 0;
	let fixable = 0;
	for (const issue of allIssues(dataset)) {
		if (issue.severity === 'error') errors++;
		else warnings++;
		if (issue.fix !== undefined) fixable++;
		let group = groups.get(issue.code);
		if (!group) {
			group = {
				code: issue.code,
				severity: ISSUE_SEVERITY[issue.code],
				title: ISSUE_TITLES[issue.code],
				count: 0,
				fixable: 0,
				sample: [],
			};
			groups.set(issue.code, group);
		}
		group.count++;
		if (issue.fix !== undefined) group.fixable++;
		if (group.sample.length < sampleSize) group.sample.push(issue);
	}
	let errorRows = 0;
	let warningRows = 0;
	flags.forEach((f, i) => {
		if (f === FLAG_ERROR) errorRows++;
		else if (f === FLAG_OK && dataset.recordIssues[i]) warningRows++;
	});
	const rows = dataset.records.length - dataset.records.deletedCount;
	for (const g of groups.values()) g.sample.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
	const ordered = ISSUE_CODES.flatMap((code) => {
		const g = groups.get(code);
		return g ? [g] : [];
	}).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
	return {
		rows,
		validRows: rows - errorRows,
		errorRows,
		warningRows,
		errors,
		warnings,
		fixable,
		blocked: fileBlocked(dataset),
		groups: ordered,
	};
}
