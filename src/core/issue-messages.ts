// Every issue's wording, in English, from its code, variant and parameters. An issue keeps the
// parameters beside its English `message` (the CLI's JSON, stored drafts, exports), so the app
// can say the same thing in the pro's language (src/i18n/issue-text.ts renders the same key and
// parameters with its messages, and a test checks its English equals `message`). Parameters hold
// language-neutral facts: quoted values, numbers, field names, and codes for the words around
// them (a password's missing kinds, a blank's name), never a password.
import { conventionWords, letterMeanings, type GenderConvention } from './gender.ts';
import { makeIssue, type Issue, type IssueCode } from './issues.ts';
import { FILE_WORDINGS } from './issue-wordings-file.ts';
import { ownString, ownStrings } from './own-string.ts';

export type IssueParams = Record<string, string | number>;

/** One wording: the parameters it needs and its English text (without the row prefix). */
export interface Wording {
	needs: readonly string[];
	en: (p: IssueParams) => string;
}

const num = (n: string | number | undefined): string => Number(n).toLocaleString('en-US');

/** Words for a blank at a password's edge, or the first character of a formula-like value. */
export const CHARACTER_WORDS_EN: Record<string, string> = {
	space: 'a space',
	tab: 'a tab',
	break: 'a line break',
	invisible: 'an invisible space',
};

/** The kinds of characters a weak password lacks, as `password.weak` lists them. */
export const PASSWORD_KINDS = ['upper', 'lower', 'digit', 'symbol'] as const;
const LACKING_EN: Record<string, string> = {
	upper: 'no an upper-case letter',
	lower: 'no a lower-case letter',
	digit: 'no a digit',
	symbol: 'no a symbol',
};

/** Why a birthdate cannot be read, by the code `birthdate.format` keeps. */
export const DATE_REASONS_EN: Record<string, string> = {
	no_month: 'neither part can be a month',
	short_year: 'the year needs all 4 digits',
	unknown: 'it is not a date Roster can read',
};

/** A character named in words when it is a blank, else itself. */
export function characterWordsEn(c: string | number | undefined): string {
	const key = String(c);
	return CHARACTER_WORDS_EN[key] ?? key;
}

/** "no a digit, no a symbol" for `password.weak`'s `kinds` ("digit,symbol"). */
export function lackingEn(kinds: string | number | undefined): string {
	return String(kinds)
		.split(',')
		.map((k) => LACKING_EN[k] ?? k)
		.join(', ');
}

const TAIL_FORMULA =
	'which a spreadsheet may run as a formula. Files for people to open will show it with a leading apostrophe.';
const TAIL_EXTRA = 'outside the template columns and will be left out.';
const TAIL_EDGE = 'which the client may not type. Remove it unless it is intended.';
const TAIL_LONG = (p: IssueParams) =>
	`is ${num(p.length)} characters long; the platform takes at most ${p.max}.`;

/**
 * The wordings by message key: the code with `_` for `.`, then `_variant` where one code has
 * several. Words around the facts (a password's missing kinds, a blank's name, what a gender letter
 * could mean) are rendered from the codes kept.
 */
export const ISSUE_WORDINGS: Record<string, Wording> = {
	...FILE_WORDINGS,
	header_missing: {
		needs: ['field'],
		en: (p) => `the required column ${p.field} is missing. Add a column named ${p.field}.`,
	},
	header_missing_mapped: {
		needs: ['field'],
		en: (p) =>
			`the required column ${p.field} is missing. Add a column named ${p.field}, choose a column for it, or give every row the same value.`,
	},
	header_duplicate_one: {
		needs: ['letter', 'name', 'field'],
		en: (p) =>
			`column ${p.letter} ${p.name} is a second ${p.field} column. Keep one ${p.field} column and delete the other.`,
	},
	header_duplicate_one_mapped: {
		needs: ['letter', 'name', 'field'],
		en: (p) =>
			`column ${p.letter} ${p.name} is a second ${p.field} column. Keep one ${p.field} column and leave the other out.`,
	},
	header_duplicate_many: {
		needs: ['count', 'letters', 'fields'],
		en: (p) =>
			`${num(p.count)} columns repeat a template column (${p.letters}; ${p.fields}). Keep one column for each and delete the others.`,
	},
	header_duplicate_many_mapped: {
		needs: ['count', 'letters', 'fields'],
		en: (p) =>
			`${num(p.count)} columns repeat a template column (${p.letters}; ${p.fields}). Keep one column for each and leave the others out.`,
	},
	header_unknown_one: {
		needs: ['letter', 'name', 'columns'],
		en: (p) =>
			`column ${p.letter} ${p.name} is not a template column; it will be left out. Template columns: ${p.columns}.`,
	},
	header_unknown_one_client: {
		needs: ['letter', 'columns'],
		en: (p) =>
			`column ${p.letter} is not a template column; it will be left out. Template columns: ${p.columns}.`,
	},
	header_unknown_many: {
		needs: ['count', 'letters', 'columns'],
		en: (p) =>
			`${num(p.count)} columns are not template columns (${p.letters}); they will be left out. Template columns: ${p.columns}.`,
	},
	row_extra_cells_one: { needs: ['cell'], en: (p) => `cell ${p.cell} is ${TAIL_EXTRA}` },
	row_extra_cells_few: { needs: ['cells'], en: (p) => `cells ${p.cells} are ${TAIL_EXTRA}` },
	row_extra_cells_many: {
		needs: ['count', 'first', 'last'],
		en: (p) => `${num(p.count)} cells (${p.first} … ${p.last}) are ${TAIL_EXTRA}`,
	},
	row_unclosed_quote_rest: {
		needs: [],
		en: () =>
			'a cell opens a quote (") that is never closed, so the rest of the file was read as one cell. Close the quote or remove it, then export again.',
	},
	row_unclosed_quote_literal: {
		needs: [],
		en: () =>
			'a cell opens a quote (") that is never closed, so this row was read with the quote as an ordinary character and the rows after it as usual. Check this row’s cells.',
	},
	row_encoding: {
		needs: [],
		en: () =>
			'some characters on this row were not valid UTF-8, so the row was read as Windows-1252 (Western European). Check its names and accents; to avoid this, export the file as “CSV UTF-8”.',
	},
	value_formula_password: {
		needs: ['start'],
		en: (p) => `initial_password starts with ${characterWordsEn(p.start)}, ${TAIL_FORMULA}`,
	},
	value_formula_field: {
		needs: ['field', 'value', 'first'],
		en: (p) => `${p.field} ${p.value} starts with ${p.first}, ${TAIL_FORMULA}`,
	},
	value_formula_tag: {
		needs: ['value', 'first'],
		en: (p) => `tag ${p.value} starts with ${p.first}, which a spreadsheet may run as a formula.`,
	},
	value_too_long_password: {
		needs: ['length', 'max'],
		en: (p) => `initial_password ${TAIL_LONG(p)} Shorten it.`,
	},
	value_too_long_field: {
		needs: ['field', 'value', 'length', 'max'],
		en: (p) => `${p.field} ${p.value} ${TAIL_LONG(p)} Shorten it.`,
	},
	value_too_long_tag: {
		needs: ['value', 'length', 'max'],
		en: (p) => `tag ${p.value} ${TAIL_LONG(p)} Shorten it or split it into several tags.`,
	},
	value_too_long_email: {
		needs: ['value', 'bytes', 'max'],
		en: (p) =>
			`email ${p.value} is too long (${p.bytes} bytes); an address can have at most ${p.max} (RFC 5321). Check the cell: it may hold more than one address, or other text.`,
	},
	value_too_long_email_local: {
		needs: ['value', 'bytes', 'max'],
		en: (p) =>
			`email ${p.value} is too long before the @ (${p.bytes} bytes); an address can have at most ${p.max} there (RFC 5321). Check the address with the client.`,
	},
	email_missing: {
		needs: [],
		en: () => 'email_address is empty. Add the client’s email address.',
	},
	email_invalid_example: {
		needs: ['example'],
		en: (p) =>
			`this is the template’s example row (${p.example}): delete it, or write a real client over it.`,
	},
	email_invalid: {
		needs: ['value'],
		en: (p) => `email ${p.value} is not a valid address. Write it as name@example.com.`,
	},
	email_uppercase: {
		needs: ['value', 'lower'],
		en: (p) =>
			`email ${p.value} has capital letters; the platform needs lowercase — use ${p.lower}`,
	},
	email_duplicate: {
		needs: ['value', 'other'],
		en: (p) =>
			`email ${p.value} is already used on row ${p.other}. Each client needs their own address: remove or change one of them.`,
	},
	password_missing: {
		needs: [],
		en: () => 'initial_password is empty. Type a temporary password or let Roster create one.',
	},
	password_too_short: {
		needs: ['length', 'min'],
		en: (p) => `initial_password has ${p.length} characters; it needs at least ${p.min}.`,
	},
	password_weak: {
		needs: ['kinds'],
		en: (p) =>
			`initial_password has ${lackingEn(p.kinds)}; the platform recommends all four kinds.`,
	},
	password_whitespace_start: {
		needs: ['start'],
		en: (p) => `initial_password starts with ${characterWordsEn(p.start)}, ${TAIL_EDGE}`,
	},
	password_whitespace_end: {
		needs: ['end'],
		en: (p) => `initial_password ends with ${characterWordsEn(p.end)}, ${TAIL_EDGE}`,
	},
	password_whitespace_both: {
		needs: ['start', 'end'],
		en: (p) =>
			`initial_password starts with ${characterWordsEn(p.start)} and ends with ${characterWordsEn(p.end)}, ${TAIL_EDGE}`,
	},
	first_name_missing: {
		needs: [],
		en: () => 'first_name is empty. Add the client’s first name.',
	},
	last_name_missing: { needs: [], en: () => 'last_name is empty. Add the client’s last name.' },
	birthdate_missing: {
		needs: [],
		en: () => 'birthdate is empty. Add it as YYYYMMDD, e.g. 19811120.',
	},
	birthdate_format: {
		needs: ['value', 'ymd'],
		en: (p) => `birthdate ${p.value} is not YYYYMMDD — use ${p.ymd}`,
	},
	birthdate_format_order: {
		needs: ['value', 'ymd', 'order'],
		en: (p) =>
			`birthdate ${p.value} is not YYYYMMDD — use ${p.ymd} (the other dates in this column are ${p.order})`,
	},
	birthdate_format_unreadable: {
		needs: ['value', 'reason'],
		en: (p) =>
			`birthdate ${p.value} is not YYYYMMDD (${DATE_REASONS_EN[String(p.reason)] ?? p.reason}). Write it as YYYYMMDD, e.g. 19811120.`,
	},
	birthdate_ambiguous: {
		needs: ['value', 'day_first', 'month_first'],
		en: (p) =>
			`birthdate ${p.value} could be day-first (${p.day_first}) or month-first (${p.month_first}), and no other date in the column settles it. Write it as YYYYMMDD.`,
	},
	birthdate_invalid: {
		needs: ['value', 'year', 'month', 'day'],
		en: (p) =>
			`birthdate ${p.value} is not a real day (year ${p.year}, month ${p.month}, day ${p.day}). Check the date with the client.`,
	},
	birthdate_future: {
		needs: ['value'],
		en: (p) => `birthdate ${p.value} is in the future. Check the year.`,
	},
	birthdate_out_of_range: {
		needs: ['value'],
		en: (p) => `birthdate ${p.value} is before 1900. Check the year.`,
	},
	gender_missing: {
		needs: [],
		en: () => 'gender is empty. The platform accepts male or female.',
	},
	gender_alias: {
		needs: ['value', 'gender'],
		en: (p) => `gender ${p.value} must be written ${p.gender}`,
	},
	gender_alias_convention: {
		needs: ['value', 'gender', 'convention'],
		en: (p) =>
			`gender ${p.value} must be written ${p.gender} (the column's letters are ${p.convention}: ${conventionWords(p.convention as GenderConvention)})`,
	},
	gender_ambiguous: {
		needs: ['value', 'letter'],
		en: (p) =>
			`gender ${p.value} could mean ${letterMeanings(String(p.letter))}, and the other letters in the column do not settle which. Choose male or female for these rows, or type the word.`,
	},
	gender_invalid: {
		needs: ['value'],
		en: (p) => `gender ${p.value} is not accepted; the platform accepts only male or female.`,
	},
	external_id_duplicate: {
		needs: ['value', 'other'],
		en: (p) =>
			`external_id ${p.value} is already used on row ${p.other}. External IDs must be unique.`,
	},
};

/** The key of an issue's wording: `email_invalid`, `file_workbook_damaged`. */
export function wordingKey(code: IssueCode, variant?: string | number): string {
	const base = code.replace('.', '_');
	return variant === undefined ? base : `${base}_${variant}`;
}

/** Where the problem is: "Header (row 3): " on a header, "Row 14: " on a row, "" for the file. */
export function issuePrefixEn(code: IssueCode, row: number | null): string {
	if (row === null) return '';
	return code.startsWith('header.') ? `Header (row ${row}): ` : `Row ${row}: `;
}

/**
 * An issue with its parameters and its English message, from one wording. `variant` picks the
 * wording where a code has several.
 */
export function wordedIssue(
	code: IssueCode,
	row: number | null,
	column: string | null,
	variant: string | null,
	params: IssueParams,
	fix?: string,
): Issue {
	const key = wordingKey(code, variant ?? undefined);
	const wording = ISSUE_WORDINGS[key];
	if (wording === undefined) throw new Error(`No wording ${key}`);
	// Its own strings: the issue outlives the file chunk its cells were read from.
	const kept = ownStrings(variant === null ? params : { ...params, variant });
	const message = ownString(issuePrefixEn(code, row) + wording.en(kept));
	const issue = makeIssue(code, row, column, message, fix === undefined ? fix : ownString(fix));
	issue.params = kept;
	return issue;
}
