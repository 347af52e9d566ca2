// "Apply safe fixes": every fix that is certain, applied at once, then the file re-validated.
import type { ClientRecord, TextField } from './record.ts';
import { revalidate, type Dataset, type ValidateOptions } from './validate.ts';

const FIXABLE_FIELDS: ReadonlySet<string> = new Set<TextField>(['email_address', 'birthdate', 'gender']);

/**
 * Returns a new dataset with every certain fix applied: lowercase emails, YYYYMMDD birthdates,
 * canonical gender values, template header names, and cells outside the columns dropped.
 * Applying it twice changes nothing more.
 */
export function applySafeFixes(dataset: Dataset, options: ValidateOptions): Dataset {
	const records = dataset.records.map((rec, index) => {
		const issues = dataset.recordIssues[index];
		const fixes = issues?.filter((i) => i.fix !== undefined && i.column !== null && FIXABLE_FIELDS.has(i.column));
		if ((!fixes || fixes.length === 0) && rec.extra.length === 0) return rec;
		const fixed: ClientRecord = { ...rec, extra: [] };
		for (const issue of fixes ?? []) fixed[issue.column as TextField] = issue.fix as string;
		return fixed;
	});
	return revalidate(dataset, records, options);
}
