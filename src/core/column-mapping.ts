// The mapping step's model: what each source column of a file feeds, why Roster suggests it,
// when the pro must look at it, and the key a confirmed mapping is remembered by. Pure: the
// worker reads the header and a sample, the page shows the step, the CLI applies `--map`.
import { z } from 'zod';
import { REQUIRED_FIELDS, TEMPLATE_FIELDS, type Field, type RequiredField } from './fields.ts';
import { foldHeader, HEADER_LANGUAGES, matchHeaderName } from './header-aliases.ts';

export const FieldSchema = z.enum(TEMPLATE_FIELDS) satisfies z.ZodType<Field>;
export const RequiredFieldSchema = z.enum(REQUIRED_FIELDS) satisfies z.ZodType<RequiredField>;

/** What the pro chose: the field each source column feeds (by position; null: left out). */
export const ColumnMappingSchema = z.object({
	columns: z.array(FieldSchema.nullable()),
	/**
	 * Required fields no column feeds: the same value for every row. '' leaves them empty, to
	 * fill in the grid (each empty cell is then that row's own problem).
	 */
	fill: z.partialRecord(RequiredFieldSchema, z.string()),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** What a column's content looks like, when that is why it is suggested. */
export const CONTENT_KINDS = ['emails', 'dates', 'genders', 'passwords'] as const;

export const SuggestionReasonSchema = z.discriminatedUnion('kind', [
	/** The template's own name, written some way (`Email_Address`). */
	z.object({ kind: z.literal('name') }),
	/** A known name in a language (`Prénom`: French for first name). */
	z.object({ kind: z.literal('alias'), language: z.enum(HEADER_LANGUAGES) }),
	/** The cells look like the field's values; `share` of the non-empty sample cells do. */
	z.object({ kind: z.literal('content'), looks: z.enum(CONTENT_KINDS), share: z.number() }),
	/** The pro mapped a file with this header row this way before. */
	z.object({ kind: z.literal('remembered') }),
]);
export type SuggestionReason = z.infer<typeof SuggestionReasonSchema>;

export const ColumnSuggestionSchema = z.object({
	field: FieldSchema.nullable(),
	reason: SuggestionReasonSchema.nullable(),
	/** A name or alias match (or a remembered choice): the CLI applies only these. */
	certain: z.boolean(),
});
export type ColumnSuggestion = z.infer<typeof ColumnSuggestionSchema>;

/** Suggests a field for each source column from its header and a sample of its cells. */
export function suggestColumns(
	header: readonly string[],
	// Used by the content suggestions.
	_sample: readonly (readonly string[])[],
): ColumnSuggestion[] {
	const taken = new Set<Field>();
	return header.map((text) => {
		const hit = matchHeaderName(text);
		if (!hit || (taken.has(hit.field) && hit.field !== 'tag'))
			return { field: null, reason: null, certain: false };
		taken.add(hit.field);
		return {
			field: hit.field,
			reason: hit.language === null ? { kind: 'name' } : { kind: 'alias', language: hit.language },
			certain: true,
		};
	});
}

/** The mapping the suggestions make (only the certain ones with `certainOnly`, as the CLI does). */
export function mappingOf(
	suggestions: readonly ColumnSuggestion[],
	certainOnly = false,
): ColumnMapping {
	return {
		columns: suggestions.map((s) => (s.certain || !certainOnly ? s.field : null)),
		fill: {},
	};
}

/**
 * True when the pro must look at the mapping: a required field has no certain column, or a
 * column with content in the sample matches nothing for certain.
 */
export function needsMappingStep(
	header: readonly string[],
	suggestions: readonly ColumnSuggestion[],
	sample: readonly (readonly string[])[],
): boolean {
	for (const field of REQUIRED_FIELDS)
		if (!suggestions.some((s) => s.certain && s.field === field)) return true;
	return header.some(
		(text, i) =>
			!suggestions[i]?.certain &&
			(text.trim() !== '' || sample.some((row) => (row[i] ?? '').trim() !== '')),
	);
}

/** The key a mapping is remembered by: the header row, each cell folded, in order. */
export function mappingKey(header: readonly string[]): string {
	return header.map((h) => foldHeader(h)).join('\u001f');
}
