// The mapping step's model: what each source column of a file feeds, why Roster suggests it,
// when the pro must look at it, and the key a confirmed mapping is remembered by. Pure: the
// worker reads the header and a sample, the page shows the step, the CLI applies `--map`.
import { z } from 'zod';
import { REQUIRED_FIELDS, TEMPLATE_FIELDS, type Field, type RequiredField } from './fields.ts';
import { columnCells, looksOf, wholePercent } from './column-content.ts';
import {
	foldHeader,
	HEADER_LANGUAGES,
	matchHeaderName,
	type HeaderLanguage,
} from './header-aliases.ts';

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

/** The header of Roster's own attention column: left out, for certain, when a file comes back. */
export const ERRORS_COLUMN = 'errors';

/** Shares (whole percent) of the non-empty sample cells a content suggestion needs. */
export const CONTENT_THRESHOLDS: Readonly<Record<(typeof CONTENT_KINDS)[number], number>> = {
	emails: 80,
	dates: 80,
	genders: 90,
	passwords: 80,
};

const CONTENT_FIELD = {
	emails: 'email_address',
	dates: 'birthdate',
	genders: 'gender',
	passwords: 'initial_password',
} as const satisfies Record<(typeof CONTENT_KINDS)[number], Field>;

type Hit = NonNullable<ReturnType<typeof matchHeaderName>>;

/**
 * The language an alias is shown in when several share it (`Nome`: Portuguese and Italian):
 * English when it is one (pros everywhere borrow `Email`), else the language most of the other
 * headers are certainly written in, else the first.
 */
function languageOf(hit: Hit, votes: ReadonlyMap<HeaderLanguage, number>): HeaderLanguage | null {
	if (hit.languages.length <= 1 || hit.languages.includes('en')) return hit.language;
	let best = hit.language;
	let most = 0;
	for (const language of hit.languages) {
		const n = votes.get(language) ?? 0;
		if (n > most) [best, most] = [language, n];
	}
	return best;
}

/**
 * Suggests a field for each source column from its header and a sample of its cells: names
 * and aliases first (certain), then what the cells look like (a guess, for the columns left and
 * the fields no name took).
 */
export function suggestColumns(
	header: readonly string[],
	sample: readonly (readonly string[])[],
): ColumnSuggestion[] {
	const hits = header.map((text) => matchHeaderName(text));
	const votes = new Map<HeaderLanguage, number>();
	for (const hit of hits)
		if (hit?.languages.length === 1) {
			const language = hit.languages[0] as HeaderLanguage;
			votes.set(language, (votes.get(language) ?? 0) + 1);
		}

	const taken = new Set<Field>();
	const out: ColumnSuggestion[] = header.map((text, i) => {
		if (foldHeader(text) === ERRORS_COLUMN) return { field: null, reason: null, certain: true };
		const hit = hits[i];
		if (!hit || (taken.has(hit.field) && hit.field !== 'tag'))
			return { field: null, reason: null, certain: false };
		taken.add(hit.field);
		const language = languageOf(hit, votes);
		return {
			field: hit.field,
			reason: language === null ? { kind: 'name' } : { kind: 'alias', language },
			certain: true,
		};
	});
	if (sample.length > 0) suggestByContent(out, sample, taken);
	return out;
}

/** Fills in content suggestions for the columns without a certain one (mutates `out`). */
function suggestByContent(
	out: ColumnSuggestion[],
	sample: readonly (readonly string[])[],
	taken: Set<Field>,
): void {
	const looks = out.map((s, i) => (s.certain ? null : looksOf(columnCells(sample, i))));
	const pick = (kind: (typeof CONTENT_KINDS)[number], among: readonly number[]) => {
		const field = CONTENT_FIELD[kind];
		if (taken.has(field)) return;
		let best = -1;
		let bestShare = -1;
		for (const i of among) {
			const look = looks[i];
			if (!look || out[i]?.field !== null || look.nonEmpty === 0) continue;
			const share = wholePercent(look[kind], look.nonEmpty);
			if (share >= CONTENT_THRESHOLDS[kind] && share > bestShare) [best, bestShare] = [i, share];
		}
		if (best === -1) return;
		taken.add(field);
		out[best] = {
			field,
			reason: { kind: 'content', looks: kind, share: bestShare / 100 },
			certain: false,
		};
	};
	const every = out.map((_, i) => i);
	pick('emails', every);
	pick('dates', every);
	pick('genders', every);
	// A password column sits beside the emails in every export seen (the template's order).
	const email = out.findIndex((s) => s.field === 'email_address');
	if (email !== -1) pick('passwords', [email + 1, email - 1]);
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
 * column matches nothing for certain while it has a header or cells in the sample (a blank
 * column never does, nor Roster's own `errors` column, which is left out for certain).
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

/**
 * The key a mapping is remembered by: the header row, each cell folded, in order, without the
 * blank cells at its end. Folded because the same export written `Prénom` one month and
 * `PRENOM` the next is the same file shape, to be mapped the same way; trailing blank headers
 * are what a spreadsheet adds when a stray cell was once typed right of the table.
 */
export function mappingKey(header: readonly string[]): string {
	const folded = header.map((h) => foldHeader(h));
	while (folded.length > 0 && folded[folded.length - 1] === '') folded.pop();
	return folded.join('\u001f');
}

/**
 * A remembered mapping fitted to a header row of `width` columns sharing its key: the two may
 * differ only by blank columns at the end, which are left out.
 */
export function fitMapping(mapping: ColumnMapping, width: number): ColumnMapping {
	const columns = mapping.columns.slice(0, width);
	while (columns.length < width) columns.push(null);
	return { columns, fill: { ...mapping.fill } };
}

const FIELD_WORDS: Record<Field, string> = {
	email_address: 'email address',
	initial_password: 'password',
	first_name: 'first name',
	last_name: 'last name',
	birthdate: 'birthdate',
	gender: 'gender',
	tag: 'tag',
	external_id: 'external ID',
};

const LANGUAGE_NAMES: Record<HeaderLanguage, string> = {
	en: 'English',
	fr: 'French',
	es: 'Spanish',
	de: 'German',
	nl: 'Dutch',
	pt: 'Portuguese',
	it: 'Italian',
};

const LOOKS_WORDS: Record<(typeof CONTENT_KINDS)[number], string> = {
	emails: 'email addresses',
	dates: 'dates',
	genders: 'genders',
	passwords: 'passwords, next to the emails',
};

/** Why a column is suggested, in plain English ("French for first name"), for the UI and CLI. */
export function describeReason(reason: SuggestionReason, field: Field | null): string {
	switch (reason.kind) {
		case 'name':
			return 'Same name';
		case 'alias': {
			const what = field === null ? 'a template column' : FIELD_WORDS[field];
			// English aliases are the template's own names written another way.
			return reason.language === 'en'
				? `Another name for ${what}`
				: `${LANGUAGE_NAMES[reason.language]} for ${what}`;
		}
		case 'content':
			return `Looks like ${LOOKS_WORDS[reason.looks]}: ${Math.round(reason.share * 100)} % of cells`;
		case 'remembered':
			return 'Chosen last time';
	}
}
