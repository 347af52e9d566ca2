// The fixed wording of a printed notice (title, labels, the note under the password, the legend,
// the footer), editable per language with the template so a practice can reword it. Each text
// defaults to the wording written for the notice's language: a text the pro never edited (or
// emptied in Settings) prints that default rather than nothing.
import { z } from 'zod';
import { m, type Messages } from '../i18n/messages.ts';

export const NOTICE_TEXT_KEYS = [
	'title',
	'forLabel',
	'signInHeading',
	'emailLabel',
	'passwordLabel',
	'spacesNote',
	'digitLegend',
	'symbolLegend',
	'scanLabel',
	'addressLabel',
	'questionsLabel',
	'footer',
] as const;
export type NoticeTextKey = (typeof NOTICE_TEXT_KEYS)[number];
export type NoticeTexts = Record<NoticeTextKey, string>;

/** Each text's default in the language of `t` (the notice's, not necessarily the app's). */
export function defaultNoticeTexts(t: Messages = m): NoticeTexts {
	return {
		title: t.notices_default_title(),
		forLabel: t.notices_default_for_label(),
		signInHeading: t.notices_default_sign_in_heading(),
		emailLabel: t.notices_default_email_label(),
		passwordLabel: t.notices_default_password_label(),
		spacesNote: t.notices_default_spaces_note(),
		digitLegend: t.notices_default_digit_legend(),
		symbolLegend: t.notices_default_symbol_legend(),
		scanLabel: t.notices_default_scan_label(),
		addressLabel: t.notices_default_address_label(),
		questionsLabel: t.notices_default_questions_label(),
		footer: t.notices_default_footer(),
	};
}

/** What Settings calls each text (the field's label), in the app's language. */
export function noticeTextLabels(): NoticeTexts {
	return {
		title: m.notices_text_label_title(),
		forLabel: m.notices_text_label_for_label(),
		signInHeading: m.notices_text_label_sign_in_heading(),
		emailLabel: m.notices_text_label_email_label(),
		passwordLabel: m.notices_text_label_password_label(),
		spacesNote: m.notices_text_label_spaces_note(),
		digitLegend: m.notices_text_label_digit_legend(),
		symbolLegend: m.notices_text_label_symbol_legend(),
		scanLabel: m.notices_text_label_scan_label(),
		addressLabel: m.notices_text_label_address_label(),
		questionsLabel: m.notices_text_label_questions_label(),
		footer: m.notices_text_label_footer(),
	};
}

export const NOTICE_TEXT_MAX_LENGTH = 300;

/** Every text, each blank (or whitespace only) or missing one replaced by its default. */
export function withDefaultTexts(
	texts: Partial<NoticeTexts> | undefined,
	defaults: NoticeTexts = defaultNoticeTexts(),
): NoticeTexts {
	const out = {} as NoticeTexts;
	for (const key of NOTICE_TEXT_KEYS) {
		const trimmed = texts?.[key]?.trim() ?? '';
		out[key] = trimmed === '' ? defaults[key] : trimmed;
	}
	return out;
}

/** Only the texts that differ from the defaults: what is stored for a language. */
export function editedTexts(
	texts: Partial<NoticeTexts>,
	defaults: NoticeTexts,
): Partial<NoticeTexts> {
	const out: Partial<NoticeTexts> = {};
	for (const key of NOTICE_TEXT_KEYS) {
		const value = texts[key]?.trim() ?? '';
		if (value !== '' && value !== defaults[key]) out[key] = value;
	}
	return out;
}

// A function, not a string: the message is read when a text is refused, in the app's language then.
const TextSchema = z.string().max(NOTICE_TEXT_MAX_LENGTH, {
	error: () => m.notices_text_too_long({ max: String(NOTICE_TEXT_MAX_LENGTH) }),
});

/** The texts a pro edited for one language; blank ones are dropped (they mean "the default"). */
export const EditedTextsSchema = z
	.object(
		Object.fromEntries(NOTICE_TEXT_KEYS.map((key) => [key, TextSchema.optional()])) as Record<
			NoticeTextKey,
			z.ZodOptional<typeof TextSchema>
		>,
	)
	.transform((texts) => {
		const out: Partial<NoticeTexts> = {};
		for (const key of NOTICE_TEXT_KEYS) {
			const value = texts[key]?.trim() ?? '';
			if (value !== '') out[key] = value;
		}
		return out;
	});
