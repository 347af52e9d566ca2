// An issue as the pro reads it, in the app's language: core emits stable codes with their
// parameters (src/core/issue-messages.ts holds the English wordings), and this renders the same
// wording from the messages `core_issue_<code>[_<variant>]`. An issue stored before parameters
// were kept, or one missing a parameter its wording needs, keeps its English message.
import { ISSUE_TITLES, type Issue, type IssueCode } from '../core/issues.ts';
import { ISSUE_WORDINGS, wordingKey, type IssueParams } from '../core/issue-messages.ts';
import { conventionNative, letterMeaningParts, type GenderConvention } from '../core/gender.ts';
import { formatNumber } from './format.ts';
import { m } from './messages.ts';

type Render = (inputs: Record<string, unknown>) => string;

/** A message by its key, or undefined when this language has none by that name. */
function message(key: string): Render | undefined {
	const fn = (m as unknown as Record<string, Render | undefined>)[key];
	return typeof fn === 'function' ? fn : undefined;
}

/** A word message named by a code kept in the parameters; the code itself when unknown. */
function word(prefix: string, code: string | number | undefined): string {
	const fn = message(`${prefix}${String(code)}`);
	return fn ? fn({}) : String(code);
}

/** A password's edge or first character: a blank in words, a symbol as itself. */
function character(code: string | number | undefined): string {
	return ['space', 'tab', 'break', 'invisible'].includes(String(code))
		? word('core_char_', code)
		: String(code);
}

/** "French homme/femme" in the pro's language. */
function conventionWords(convention: GenderConvention): string {
	const { lang, male, female } = conventionNative(convention);
	const both = `${male}/${female}`;
	return message(`core_gender_lang_${lang}`)?.({ word: both }) ?? both;
}

/** What an ambiguous gender letter could mean, in the pro's language. */
function meanings(letter: string): string {
	const sides = letterMeaningParts(letter).map(({ gender, by, only }) => {
		const conventions = by.join(', ');
		if (only === null) return m.core_gender_meaning({ gender, conventions });
		const { lang, male, female } = conventionNative(only);
		const native = gender === 'male' ? male : female;
		const words = message(`core_gender_lang_${lang}`)?.({ word: native }) ?? native;
		return m.core_gender_meaning_only({ gender, conventions, words });
	});
	const [first = '', second] = sides;
	return second === undefined ? first : m.core_gender_meanings_or({ first, second });
}

/** The inputs of a wording's message: the kept facts, numbers and words in the pro's language. */
function inputs(p: IssueParams): Record<string, unknown> {
	const out: Record<string, unknown> = { ...p };
	for (const key of ['length', 'count'] as const)
		if (typeof p[key] === 'number') out[key] = formatNumber(p[key]);
	if (p.kinds !== undefined)
		out.lacking = String(p.kinds)
			.split(',')
			.map((k) => word('core_lacking_', k))
			.join(', ');
	if (p.start !== undefined) out.start = character(p.start);
	if (p.end !== undefined) out.end = character(p.end);
	if (p.order !== undefined)
		out.order = word('core_date_order_', String(p.order).replace('-', '_'));
	if (p.reason !== undefined) out.reason = word('core_date_reason_', p.reason);
	if (p.convention !== undefined) out.words = conventionWords(p.convention as GenderConvention);
	if (p.letter !== undefined && p.gender === undefined) out.meanings = meanings(String(p.letter));
	return out;
}

/** "Row 14: " / "Header (row 1): " / "" in the pro's language. */
function prefix(code: IssueCode, row: number | null): string {
	if (row === null) return '';
	return code.startsWith('header.') ? m.core_prefix_header({ row }) : m.core_prefix_row({ row });
}

/** The issue's message ("Row 4: …") in the app's language. */
export function issueText(issue: Issue): string {
	const p = issue.params;
	if (p === undefined) return issue.message;
	const key = wordingKey(issue.code, p.variant);
	const wording = ISSUE_WORDINGS[key];
	const render = message(`core_issue_${key}`);
	if (wording === undefined || render === undefined) return issue.message;
	if (wording.needs.some((name) => p[name] === undefined)) return issue.message;
	return prefix(issue.code, issue.row) + render(inputs(p));
}

/** The short title of a kind of issue ("Email not valid"), in the app's language. */
export function issueTitle(code: IssueCode): string {
	return message(`core_title_${code.replace('.', '_')}`)?.({}) ?? ISSUE_TITLES[code];
}
