// "Apply safe fixes": every fix that is certain, applied at once, then the file re-validated.
import type { ClientRecord, TextField } from './record.ts';
import { revalidate, type Dataset, type ValidateOptions } from './validate.ts';

const FIXABLE_FIELDS: ReadonlySet<string> = new Set<TextField>([
	'email_address',
	'birthdate',
	'gender',
]);

/**
 * Returns a new dataset with every certain fix applied: lowercase emails, YYYYMMDD birthdates,
 * canonical gender values, template header names, and cells outside the columns dropped.
 * Applying it twice changes nothing more.
 */
export function applySafeFixes(dataset: Dataset, options: ValidateOptions): Dataset {
	return revalidate(dataset, fixedRecords(dataset), options);
}

function* fixedRecords(dataset: Dataset): Generator<ClientRecord> {
	let index = 0;
	for (const rec of dataset.records) {
		const fixes = dataset.recordIssues[index++]?.filter(
			(i) => i.fix !== undefined && i.column !== null && FIXABLE_FIELDS.has(i.column),
		);
		if ((!fixes || fixes.length === 0) && rec.extra.length === 0) {
			yield rec;
			continue;
		}
		const fixed: ClientRecord = { ...rec, extra: [] };
		for (const issue of fixes ?? []) fixed[issue.column as TextField] = issue.fix as string;
		yield fixed;
	}
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
