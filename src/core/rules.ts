// Row rules: each field of one client checked on its own. Plain checks rather than zod here:
// they run once per cell on million-row files (see docs/decisions.md for the measurement).
// Over 400 lines: one short rule per field, each beside its messages; split, they would only
// be read together. The length limits each rule starts with are in limits.ts.
import { quote, type Issue, type IssueCode } from './issues.ts';
import { PASSWORD_KINDS, wordedIssue, type IssueParams } from './issue-messages.ts';
import type { DateOrder } from './dates.ts';
import { checkLengths, codePointLength, emailTooLong, tooLong } from './limits.ts';
import { canonicalNumber, isRealDate, readDate, toYmd, type OrderedReading } from './dates.ts';
import type { ClientRecord } from './record.ts';
import { EXAMPLE_EMAIL } from './template-example.ts';
import { EMAIL_PATTERN, emailShape, hasUpperCase, type EmailScan } from './email-shape.ts';
import { hashAsciiLowerCase, hashString } from './key-index.ts';

export { codePointLength, MAX_LENGTH } from './limits.ts';
import {
	genderLetter,
	genderWord,
	letterIn,
	readLetter,
	type Gender,
	type GenderConvention,
} from './gender.ts';

export interface RuleContext {
	/** Today as YYYYMMDD: births after it are in the future. */
	today: string;
	/** Fields whose column is missing: reported once on the header, not on every row. */
	absent: ReadonlySet<string>;
	/** The gender-letter convention held (null or absent: each letter is read alone). */
	genderConvention?: GenderConvention | null;
	/**
	 * True while a file is read without a held convention: single-letter genders wait for the
	 * column's own convention, settled once every row is in (Validator.finish).
	 */
	deferGenderLetters?: boolean;
	/**
	 * Where `checkEmail` leaves the hash of the row's email key when its shape check read the
	 * address whole (0 when it did not): the validator's duplicate check then need not read the
	 * address again.
	 */
	email?: EmailScan;
}

export { EMAIL_PATTERN, hasUpperCase };
/**
 * True when a row holds an email address: no column is named like one, so a header row (or a
 * row skipped above it) that does is a client's details (a file without a header row), and its
 * cells, a password among them, are client data that a message must not quote as names.
 */
export function rowHoldsClient(cells: readonly string[]): boolean {
	return cells.some((cell) => EMAIL_PATTERN.test(cell.trim()));
}

export const MIN_PASSWORD_LENGTH = 8;

/** Starts with = + - @, a tab or a CR: what a spreadsheet may run as a formula. */
export function isFormulaLike(value: string): boolean {
	return value !== '' && isFormulaStart(value.charCodeAt(0));
}

/** The character code a formula starts with (also read from bytes: plain-rows.ts). */
export function isFormulaStart(c: number): boolean {
	return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** Births before this year are out of range (a typing slip, not a client). */
export const EARLIEST_BIRTH_YEAR = 1900;

function issue(
	out: Issue[],
	code: IssueCode,
	row: number,
	column: string | null,
	variant: string | null,
	params: IssueParams,
	fix?: string,
) {
	out.push(wordedIssue(code, row, column, variant, params, fix));
}

export function checkEmail(rec: ClientRecord, ctx: RuleContext, out: Issue[]): void {
	const v = rec.email_address;
	if (ctx.email) ctx.email.keyHash = 0;
	if (v === '') {
		if (!ctx.absent.has('email_address'))
			issue(out, 'email.missing', rec.row, 'email_address', null, {});
		return;
	}
	if (emailTooLong(rec.row, v, out)) return;
	// The downloaded template's example row, sent back: never a real client.
	if (v === EXAMPLE_EMAIL) {
		issue(out, 'email.invalid', rec.row, 'email_address', 'example', { example: EXAMPLE_EMAIL });
		return;
	}
	const shape = emailShape(v, ctx.email);
	if (shape === 'invalid') {
		issue(out, 'email.invalid', rec.row, 'email_address', null, { value: quote(v) });
		return;
	}
	if (shape === 'upper') {
		const lower = v.toLowerCase();
		// The fix is shown whole while it reads at a glance; a longer one is quoted, so cut.
		issue(
			out,
			'email.uppercase',
			rec.row,
			'email_address',
			null,
			{ value: quote(v), lower: lower.length > 40 ? quote(lower) : lower },
			lower,
		);
	}
}

/** Lower-case key for comparing emails; avoids allocating when the value is already lower-case. */
export function emailKey(v: string): string {
	return hasUpperCase(v) ? v.toLowerCase() : v;
}

/** `hashString(emailKey(v))`: one pass over an ASCII address (once per row on large files). */
export function emailKeyHash(v: string): number {
	return hashAsciiLowerCase(v) ?? hashString(emailKey(v));
}

const KIND_BIT = { upper: 1, lower: 2, digit: 4, symbol: 8 } as const;
const ALL_KINDS = 15;

/** The kinds of character in `v` as bits (KIND_BIT): one number, no object, per row. */
function passwordKindBits(v: string): number {
	// ASCII fast path: the per-row hot loop on large files; Unicode classes otherwise.
	let bits = 0;
	for (let i = 0; i < v.length; i++) {
		const c = v.charCodeAt(i);
		if (c >= 65 && c <= 90) bits |= KIND_BIT.upper;
		else if (c >= 97 && c <= 122) bits |= KIND_BIT.lower;
		else if (c >= 48 && c <= 57) bits |= KIND_BIT.digit;
		else if (c >= 127) return unicodePasswordKindBits(v);
		else if (c !== 32 && (c < 9 || c > 13)) bits |= KIND_BIT.symbol;
	}
	return bits;
}

function unicodePasswordKindBits(v: string): number {
	return (
		(/\p{Lu}/u.test(v) ? KIND_BIT.upper : 0) |
		(/\p{Ll}/u.test(v) ? KIND_BIT.lower : 0) |
		(/\p{Nd}/u.test(v) ? KIND_BIT.digit : 0) |
		(/[^\p{L}\p{Nd}\s]/u.test(v) ? KIND_BIT.symbol : 0)
	);
}

export function passwordKinds(v: string): Record<(typeof PASSWORD_KINDS)[number], boolean> {
	const bits = passwordKindBits(v);
	return {
		upper: (bits & KIND_BIT.upper) !== 0,
		lower: (bits & KIND_BIT.lower) !== 0,
		digit: (bits & KIND_BIT.digit) !== 0,
		symbol: (bits & KIND_BIT.symbol) !== 0,
	};
}

export function checkPassword(rec: ClientRecord, ctx: RuleContext, out: Issue[]): void {
	const v = rec.initial_password;
	if (v === '') {
		if (!ctx.absent.has('initial_password'))
			issue(out, 'password.missing', rec.row, 'initial_password', null, {});
		return;
	}
	if (tooLong(rec.row, 'initial_password', v, out)) return;
	const length = codePointLength(v);
	if (length < MIN_PASSWORD_LENGTH) {
		issue(out, 'password.too_short', rec.row, 'initial_password', null, {
			length,
			min: MIN_PASSWORD_LENGTH,
		});
	} else {
		const bits = passwordKindBits(v);
		if (bits !== ALL_KINDS) {
			const lacking = PASSWORD_KINDS.filter((kind) => (bits & KIND_BIT[kind]) === 0);
			issue(out, 'password.weak', rec.row, 'initial_password', null, {
				kinds: lacking.join(','),
			});
		}
	}
	if (v !== v.trim()) {
		const edges = edgeWords(v);
		issue(out, 'password.whitespace', rec.row, 'initial_password', edges.variant, edges.params);
	}
}

/**
 * A character a message may name without quoting the cell: a symbol, or a blank by the code of
 * its words (issue-messages.ts CHARACTER_WORDS_EN).
 */
function characterWords(c: string): string {
	if (c === ' ') return 'space';
	if (c === '\t') return 'tab';
	if (c === '\r' || c === '\n') return 'break';
	return /\s/.test(c) ? 'invisible' : c;
}

/**
 * "starts with a space and ends with a tab": what a password has at its edges, said in words,
 * since the password itself is never shown (a message reaches tooltips, screen readers, files
 * and terminals where the client's password must not).
 */
function edgeWords(v: string): { variant: 'start' | 'end' | 'both'; params: IssueParams } {
	const first = v[0] as string;
	const last = v[v.length - 1] as string;
	const start = first.trim() === '' ? characterWords(first) : null;
	const end = last.trim() === '' ? characterWords(last) : null;
	if (start !== null && end !== null) return { variant: 'both', params: { start, end } };
	return start !== null
		? { variant: 'start', params: { start } }
		: { variant: 'end', params: { end: end ?? '' } };
}

export function checkNames(rec: ClientRecord, ctx: RuleContext, out: Issue[]): void {
	tooLong(rec.row, 'first_name', rec.first_name, out);
	tooLong(rec.row, 'last_name', rec.last_name, out);
	if (rec.first_name === '' && !ctx.absent.has('first_name'))
		issue(out, 'first_name.missing', rec.row, 'first_name', null, {});
	if (rec.last_name === '' && !ctx.absent.has('last_name'))
		issue(out, 'last_name.missing', rec.row, 'last_name', null, {});
}

/** Checks a definite date; the fix is given when the layout differs from YYYYMMDD. */
export function checkDateParts(
	row: number,
	raw: string,
	year: number,
	month: number,
	day: number,
	canonical: boolean,
	ctx: RuleContext,
	out: Issue[],
	order?: DateOrder,
): void {
	if (!isRealDate(year, month, day)) {
		issue(out, 'birthdate.invalid', row, 'birthdate', null, {
			value: quote(raw),
			year,
			month,
			day,
		});
		return;
	}
	const ymd = canonical ? raw : toYmd(year, month, day);
	if (year < EARLIEST_BIRTH_YEAR) {
		issue(out, 'birthdate.out_of_range', row, 'birthdate', null, { value: quote(raw) });
		return;
	}
	if (ymd > ctx.today) {
		issue(out, 'birthdate.future', row, 'birthdate', null, { value: quote(raw) });
		return;
	}
	if (!canonical) {
		issue(
			out,
			'birthdate.format',
			row,
			'birthdate',
			order ? 'order' : null,
			order ? { value: quote(raw), ymd, order } : { value: quote(raw), ymd },
			ymd,
		);
	}
}

/**
 * Returns the reading when the column's date order bears on it (the caller settles ambiguous
 * dates by their column, and counts the orders certain dates show), else null.
 */
export function checkBirthdate(
	rec: ClientRecord,
	ctx: RuleContext,
	out: Issue[],
): OrderedReading | null {
	const v = rec.birthdate;
	// Most files are in the template's form: settled without a reading object per row.
	const n = canonicalNumber(v);
	if (n !== -1) {
		const year = Math.floor(n / 10000);
		checkDateParts(rec.row, v, year, Math.floor(n / 100) % 100, n % 100, true, ctx, out);
		return null;
	}
	const reading = readDate(v);
	switch (reading.kind) {
		case 'empty':
			if (!ctx.absent.has('birthdate'))
				issue(out, 'birthdate.missing', rec.row, 'birthdate', null, {});
			break;
		case 'canonical':
		case 'certain':
			checkDateParts(
				rec.row,
				v,
				reading.year,
				reading.month,
				reading.day,
				reading.kind === 'canonical',
				ctx,
				out,
			);
			// Narrowed by hand: TypeScript does not carry `order` being set into the union.
			if (reading.kind === 'certain' && reading.order) return reading as OrderedReading;
			break;
		case 'unreadable':
			issue(out, 'birthdate.format', rec.row, 'birthdate', 'unreadable', {
				value: quote(v),
				reason: DATE_REASON_CODES[reading.reason] ?? 'unknown',
			});
			break;
		case 'ambiguous':
			// Settled by the column once every row has been read (see Validator.finish).
			return reading;
	}
	return null;
}

/** dates.ts's reasons for an unreadable date, as the codes `birthdate.format` keeps. */
const DATE_REASON_CODES: Record<string, string> = {
	'neither part can be a month': 'no_month',
	'the year needs all 4 digits': 'short_year',
	'it is not a date Roster can read': 'unknown',
};

export function ambiguousDateIssue(
	rec: ClientRecord,
	reading: { year: number; first: number; second: number },
): Issue {
	const dayFirst = toYmd(reading.year, reading.second, reading.first);
	const monthFirst = toYmd(reading.year, reading.first, reading.second);
	return wordedIssue('birthdate.ambiguous', rec.row, 'birthdate', null, {
		value: quote(rec.birthdate),
		day_first: dayFirst,
		month_first: monthFirst,
	});
}

export function checkGender(rec: ClientRecord, ctx: RuleContext, out: Issue[]): void {
	const v = rec.gender;
	if (v === 'male' || v === 'female') return;
	if (v === '') {
		if (!ctx.absent.has('gender')) issue(out, 'gender.missing', rec.row, 'gender', null, {});
		return;
	}
	const letter = genderLetter(v);
	if (letter !== null) {
		const held = ctx.genderConvention ?? null;
		if (!ctx.deferGenderLetters)
			genderLetterIssue(
				rec,
				letter,
				readLetter(letter, held),
				held !== null && letterIn(held, letter) !== null ? held : null,
				out,
			);
		return;
	}
	const word = genderWord(v);
	if (word) {
		issue(out, 'gender.alias', rec.row, 'gender', null, { value: quote(v), gender: word }, word);
		return;
	}
	issue(out, 'gender.invalid', rec.row, 'gender', null, { value: quote(v) });
}

/**
 * The issue of a single-letter gender once its column's convention is known: the certain
 * reading as `gender.alias`, or `gender.ambiguous` (null) for the pro to settle. `convention`:
 * the one it was read by, named in the message (`M` as female surprises without H/M beside it).
 */
export function genderLetterIssue(
	rec: ClientRecord,
	letter: string,
	reading: Gender | null,
	convention: GenderConvention | null,
	out: Issue[],
): void {
	const v = rec.gender;
	if (reading !== null) {
		issue(
			out,
			'gender.alias',
			rec.row,
			'gender',
			convention ? 'convention' : null,
			convention
				? { value: quote(v), gender: reading, convention }
				: { value: quote(v), gender: reading },
			reading,
		);
		return;
	}
	issue(out, 'gender.ambiguous', rec.row, 'gender', null, { value: quote(v), letter });
}

export function checkFormulas(rec: ClientRecord, out: Issue[]): void {
	// Field by field, not a loop over field names: this runs once per row of a million, and the
	// keyed read and the loop's iterator cost more than the checks (issue 16's allocation profile).
	// A birthdate or a gender that looks like a formula fails its own rule.
	if (isFormulaLike(rec.email_address)) formulaIssue(rec, 'email_address', out);
	if (isFormulaLike(rec.initial_password)) formulaIssue(rec, 'initial_password', out);
	if (isFormulaLike(rec.first_name)) formulaIssue(rec, 'first_name', out);
	if (isFormulaLike(rec.last_name)) formulaIssue(rec, 'last_name', out);
	if (isFormulaLike(rec.external_id)) formulaIssue(rec, 'external_id', out);
	const tags = rec.tags;
	for (let i = 0; i < tags.length; i++) {
		const tag = tags[i] as string;
		if (isFormulaLike(tag)) {
			issue(out, 'value.formula', rec.row, 'tag', 'tag', {
				value: quote(tag),
				first: quote(tag[0] as string),
			});
		}
	}
}

function formulaIssue(
	rec: ClientRecord,
	field: 'email_address' | 'initial_password' | 'first_name' | 'last_name' | 'external_id',
	out: Issue[],
): void {
	const v = rec[field];
	// A password is never quoted: the first character, named, says what to change.
	if (field === 'initial_password')
		issue(out, 'value.formula', rec.row, field, 'password', {
			start: characterWords(v[0] as string),
		});
	else
		issue(out, 'value.formula', rec.row, field, 'field', {
			field,
			value: quote(v),
			first: quote(v[0] as string),
		});
}

export function checkExtraCells(rec: ClientRecord, out: Issue[]): void {
	const n = rec.extra.length;
	if (n === 0) return;
	// A row with thousands of stray cells names the first few and the last, and counts them.
	if (n === 1) issue(out, 'row.extra_cells', rec.row, null, 'one', { cell: rec.extra[0] ?? '' });
	else if (n <= 4)
		issue(out, 'row.extra_cells', rec.row, null, 'few', { cells: rec.extra.join(', ') });
	else
		issue(out, 'row.extra_cells', rec.row, null, 'many', {
			count: n,
			first: rec.extra.slice(0, 3).join(', '),
			last: rec.extra[n - 1] ?? '',
		});
}

/**
 * `row.encoding`: the row's bytes were not UTF-8, so it was read as Windows-1252 while the rest
 * of the file stayed UTF-8 (the reader marks such a record `recoded`).
 */
export function encodingIssue(row: number): Issue {
	return wordedIssue('row.encoding', row, null, null, {});
}

/**
 * `row.unclosed_quote` at `row`. `literally`: the quote held more than the reader keeps waiting
 * for (CsvReaderResult.readLiterally), so only that line was read with the quote as a
 * character and the rows after it were read as usual.
 */
export function unclosedQuoteIssue(row: number, literally = false): Issue {
	return wordedIssue('row.unclosed_quote', row, null, literally ? 'literal' : 'rest', {});
}

/** Every rule that looks at one row alone. Returns the date reading for the column rule, if any. */
export function checkRecord(
	rec: ClientRecord,
	ctx: RuleContext,
	out: Issue[],
): OrderedReading | null {
	checkEmail(rec, ctx, out);
	checkPassword(rec, ctx, out);
	checkNames(rec, ctx, out);
	const reading = checkBirthdate(rec, ctx, out);
	checkGender(rec, ctx, out);
	checkFormulas(rec, out);
	checkLengths(rec, out);
	checkExtraCells(rec, out);
	if (rec.recoded) out.push(encodingIssue(rec.row));
	return reading;
}
