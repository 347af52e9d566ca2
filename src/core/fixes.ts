// "Apply safe fixes": every fix that is certain, applied at once, then the file re-validated;
// and which fixes the problems panel offers for one issue of one row.
import type { Issue, IssueCode } from './issues.ts';
import type { ClientRecord, TextField } from './record.ts';
import { revalidate, type Dataset, type ValidateOptions } from './validate.ts';
import type { Gender } from './gender.ts';
import { WEAK_PASSWORD_CODES } from './credential-rules.ts';

/**
 * Issues whose fix is the pro's choice, never certain: the `fix` command applies them only with
 * a chosen `value` (for `gender.ambiguous`, 'male' or 'female'); "fix every safe problem" skips
 * them (they carry no `fix`).
 */
export const CHOSEN_FIX_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>(['gender.ambiguous']);

const FIXABLE_FIELDS: ReadonlySet<string> = new Set<TextField>([
	'email_address',
	'birthdate',
	'gender',
]);

/**
 * Returns a new dataset with every certain fix applied: lowercase emails, YYYYMMDD birthdates,
 * canonical gender values, and cells outside the columns dropped (never a chosen fix: an
 * ambiguous gender letter stays until the pro picks male or female).
 * Applying it twice changes nothing more.
 */
export function applySafeFixes(dataset: Dataset, options: ValidateOptions): Dataset {
	return revalidate(dataset, fixedRecords(dataset), options);
}

function* fixedRecords(dataset: Dataset): Generator<ClientRecord> {
	let index = 0;
	for (const rec of dataset.records) yield fixRecord(rec, dataset.recordIssues[index++]) ?? rec;
}

/** True when the issue carries a certain fix that "Apply safe fixes" applies. */
export function isSafeFix(issue: Issue): boolean {
	return (
		(issue.fix !== undefined && issue.column !== null && FIXABLE_FIELDS.has(issue.column)) ||
		issue.code === 'row.extra_cells'
	);
}

/**
 * The record with its safe fixes applied (only those of `code`, when given), or null when
 * there is nothing to fix. For `gender.ambiguous`, the pro's `value` is written to a record
 * with that issue (without a value there is nothing certain to write).
 */
export function fixRecord(
	rec: ClientRecord,
	issues: readonly Issue[] | undefined,
	code?: IssueCode,
	value?: Gender,
): ClientRecord | null {
	if (code === 'gender.ambiguous') {
		const has = issues?.some((i) => i.code === code) ?? false;
		return has && value !== undefined ? { ...rec, gender: value } : null;
	}
	const fixes = (issues ?? []).filter(
		(i) => isSafeFix(i) && (code === undefined || i.code === code),
	);
	const dropExtra = rec.extra.length > 0 && (code === undefined || code === 'row.extra_cells');
	if (fixes.length === 0 && !dropExtra) return null;
	const fixed: ClientRecord = { ...rec, extra: dropExtra ? [] : rec.extra };
	for (const issue of fixes)
		if (issue.fix !== undefined) fixed[issue.column as TextField] = issue.fix;
	return fixed;
}

export interface FilledPasswords {
	dataset: Dataset;
	/** How many clients received a generated password. */
	filled: number;
}

/**
 * Gives every client whose password is missing one from `generate` (the caller passes e.g.
 * `() => generatePassword(cryptoRandom)`: the random source stays outside core), then
 * re-validates. A file with no initial_password column at all gets the column: every client is
 * missing a password then, and the column is written on export.
 */
export function fillMissingPasswords(
	dataset: Dataset,
	generate: () => string,
	options: ValidateOptions,
): FilledPasswords {
	const addColumn = !dataset.header.present.has('initial_password') && dataset.records.length > 0;
	let filled = 0;
	const records = dataset.records.toArray().map((rec, index) => {
		const missing = addColumn
			? rec.initial_password === ''
			: (dataset.recordIssues[index]?.some((i) => i.code === 'password.missing') ?? false);
		if (!missing) return rec;
		filled++;
		return { ...rec, initial_password: generate() };
	});
	if (filled === 0) return { dataset, filled };
	const base: Dataset = addColumn
		? {
				...dataset,
				header: {
					...dataset.header,
					present: new Set([...dataset.header.present, 'initial_password']),
				},
				fileIssues: dataset.fileIssues.filter(
					(i) => !(i.code === 'header.missing' && i.column === 'initial_password'),
				),
			}
		: dataset;
	return { dataset: revalidate(base, records, options), filled };
}

/**
 * What the problems panel offers for one issue of one row, where the problem is:
 * - `safe`: the certain fix ("Fix: use …");
 * - `create-password`: a password for this row (and for every row without one);
 * - `replace-password`: a new strong password instead of a weak or short one;
 * - `duplicate`: delete this row, or go to the row that has the value first (`other`: its index,
 *   absent in an issue from before the index was kept: only deleting is offered then).
 */
export type RowFix =
	| { kind: 'safe'; value?: string }
	| { kind: 'create-password' }
	| { kind: 'replace-password' }
	| { kind: 'duplicate'; other?: number };

/**
 * The fixes the panel offers for `issue` on a row whose password `mayReplace` (a row being sent
 * or already on the platform keeps the password it was sent with).
 */
export function rowFixes(issue: Issue, mayReplace: boolean): RowFix[] {
	if (isSafeFix(issue))
		return [issue.fix === undefined ? { kind: 'safe' } : { kind: 'safe', value: issue.fix }];
	if (issue.code === 'password.missing') return mayReplace ? [{ kind: 'create-password' }] : [];
	if (WEAK_PASSWORD_CODES.includes(issue.code))
		return mayReplace ? [{ kind: 'replace-password' }] : [];
	if (issue.code === 'email.duplicate' || issue.code === 'external_id.duplicate')
		return [
			issue.duplicateOf === undefined
				? { kind: 'duplicate' }
				: { kind: 'duplicate', other: issue.duplicateOf },
		];
	return [];
}
