// The platform's import template: its columns, the names people give them, and header mapping.
// The field names themselves are in fields.ts.
import { quote, type Issue } from './issues.ts';
import { wordedIssue } from './issue-messages.ts';
import { REQUIRED_FIELDS, TEMPLATE_FIELDS, type Field } from './fields.ts';

export { REQUIRED_FIELDS, TEMPLATE_FIELDS };
export type { Field, RequiredField } from './fields.ts';
export { foldHeader, matchHeader } from './header-aliases.ts';
import { matchHeader } from './header-aliases.ts';
import { rowHoldsClient } from './rules.ts';
import type { ColumnMapping } from './column-mapping.ts';

/** What each source column feeds: a field, or `null` for a column whose cells are dropped. */
export interface HeaderMapping {
	columns: (Field | null)[];
	/** The header text of each column, trimmed. */
	names: string[];
	/** Columns with an empty header feeding nothing: their non-empty cells are "extra cells". */
	blank: boolean[];
	present: Set<Field>;
	issues: Issue[];
}

/**
 * More columns than this with the same header problem get one issue between them: a file with
 * thousands of stray columns would otherwise bury its other issues (and the pro) under them.
 */
export const FOLD_AFTER = 3;

interface HeaderColumn {
	letter: string;
	text: string;
	field: Field | null;
}

/** "E, F, G … ZZZ": the first few columns and the last, enough to find them. */
function letters(columns: readonly HeaderColumn[]): string {
	const first = columns.slice(0, FOLD_AFTER).map((c) => c.letter);
	const last = columns[columns.length - 1] as HeaderColumn;
	return `${first.join(', ')} … ${last.letter}`;
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
	let n = index + 1;
	let out = '';
	while (n > 0) {
		const rem = (n - 1) % 26;
		out = String.fromCharCode(65 + rem) + out;
		n = Math.floor((n - 1) / 26);
	}
	return out;
}

/**
 * What each column of a header row feeds. Without `mapping`, columns are matched by their
 * names and known aliases (a column matching nothing is `header.unknown`); with it, by the
 * pro's choice (a column it leaves out, or one past its end, raises nothing). Fields in
 * `mapping.fill` are present: their cells are written at import, so an empty one is that row's
 * own problem, never the file's.
 */
export function mapHeader(
	cells: readonly string[],
	mapping?: ColumnMapping | null,
	headerRow = 1,
): HeaderMapping {
	const columns: (Field | null)[] = [];
	const names = cells.map((c) => c.trim());
	const blank: boolean[] = [];
	const present = new Set<Field>();
	const issues: Issue[] = [];
	const unknown: HeaderColumn[] = [];
	const duplicate: HeaderColumn[] = [];
	names.forEach((text, index) => {
		const letter = columnLetter(index);
		const field = mapping
			? (mapping.columns[index] ?? null)
			: text === ''
				? null
				: matchHeader(text);
		// A column the pro mapped feeds its field even without a header text.
		blank.push(text === '' && field === null);
		if (!field) {
			columns.push(null);
			if (!mapping && text !== '') unknown.push({ letter, text, field: null });
			return;
		}
		if (present.has(field) && field !== 'tag') {
			columns.push(null);
			duplicate.push({ letter, text, field });
			return;
		}
		present.add(field);
		columns.push(field);
	});
	const columnsList = TEMPLATE_FIELDS.join(', ');
	if (unknown.length > FOLD_AFTER)
		issues.push(
			wordedIssue('header.unknown', headerRow, null, 'many', {
				count: unknown.length,
				letters: letters(unknown),
				columns: columnsList,
			}),
		);
	else
		for (const { letter, text } of unknown)
			issues.push(
				// A client's row read as the header: its cells (a password among them) unquoted.
				rowHoldsClient(names)
					? wordedIssue('header.unknown', headerRow, null, 'one_client', {
							letter,
							columns: columnsList,
						})
					: wordedIssue('header.unknown', headerRow, null, 'one', {
							letter,
							name: quote(text),
							columns: columnsList,
						}),
			);
	if (duplicate.length > FOLD_AFTER) {
		const fields = [...new Set(duplicate.map((d) => d.field))];
		issues.push(
			wordedIssue(
				'header.duplicate',
				headerRow,
				fields.length === 1 ? (fields[0] as Field) : null,
				mapping ? 'many_mapped' : 'many',
				{
					count: duplicate.length,
					letters: letters(duplicate),
					fields: `${fields.slice(0, FOLD_AFTER).join(', ')}${fields.length > FOLD_AFTER ? ' …' : ''}`,
				},
			),
		);
	} else
		for (const { letter, text, field } of duplicate)
			issues.push(
				wordedIssue('header.duplicate', headerRow, field, mapping ? 'one_mapped' : 'one', {
					letter,
					name: quote(text),
					field: field ?? '',
				}),
			);
	if (mapping)
		for (const [field, value] of Object.entries(mapping.fill))
			if (value !== undefined && !present.has(field as Field)) present.add(field as Field);
	for (const field of REQUIRED_FIELDS) {
		if (!present.has(field)) {
			issues.push(
				wordedIssue('header.missing', headerRow, field, mapping ? 'mapped' : null, { field }),
			);
		}
	}
	return { columns, names, blank, present, issues };
}

/** The canonical mapping of a file written in template form. */
export function canonicalHeader(tagColumns: number, externalId: boolean): string[] {
	const header: string[] = [...REQUIRED_FIELDS];
	for (let i = 0; i < tagColumns; i++) header.push('tag');
	if (externalId) header.push('external_id');
	return header;
}
