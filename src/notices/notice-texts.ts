// The fixed wording of a printed notice (title, labels, the note under the password, the legend,
// the footer), editable with the template so a practice can reword or translate it. Each text
// defaults to today's wording: an old saved template without these texts still parses, and a
// text emptied in Settings comes back as its default rather than printing nothing.
import { z } from 'zod';

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

export const DEFAULT_NOTICE_TEXTS: Readonly<NoticeTexts> = Object.freeze({
	title: 'Your account: how to sign in',
	forLabel: 'For',
	signInHeading: 'Sign in with',
	emailLabel: 'Email',
	passwordLabel: 'Temporary password',
	spacesNote: 'The spaces are only for reading: type the password without them.',
	digitLegend: 'underlined = digit',
	symbolLegend: 'boxed = symbol',
	scanLabel: 'Scan to open the sign-in page',
	addressLabel: 'or type this address:',
	questionsLabel: 'Questions?',
	footer: 'Keep this notice private. You will choose your own password when you first sign in.',
});

/** What Settings calls each text (the field's label). */
export const NOTICE_TEXT_LABELS: Readonly<NoticeTexts> = Object.freeze({
	title: 'Title',
	forLabel: "Before the client's name",
	signInHeading: 'Heading of the credentials box',
	emailLabel: 'Email label',
	passwordLabel: 'Password label',
	spacesNote: 'Note under the password',
	digitLegend: 'Legend for digits',
	symbolLegend: 'Legend for symbols',
	scanLabel: 'Beside the QR code',
	addressLabel: 'Before the sign-in address',
	questionsLabel: 'Footer: before the support line',
	footer: 'Footer: closing note',
});

export const NOTICE_TEXT_MAX_LENGTH = 300;

/** Blank (or whitespace only) means "the default": a notice never prints an empty heading. */
export function textOrDefault(key: NoticeTextKey, value: string | undefined): string {
	const trimmed = value?.trim() ?? '';
	return trimmed === '' ? DEFAULT_NOTICE_TEXTS[key] : trimmed;
}

/** Every text, each blank or missing one replaced by its default. */
export function withDefaultTexts(texts: Partial<NoticeTexts> | undefined): NoticeTexts {
	const out = {} as NoticeTexts;
	for (const key of NOTICE_TEXT_KEYS) out[key] = textOrDefault(key, texts?.[key]);
	return out;
}

const TextSchema = z
	.string()
	.max(
		NOTICE_TEXT_MAX_LENGTH,
		`Keep each fixed text of the notice under ${NOTICE_TEXT_MAX_LENGTH} characters.`,
	);

export const NoticeTextsSchema = z
	.object(
		Object.fromEntries(NOTICE_TEXT_KEYS.map((key) => [key, TextSchema.optional()])) as Record<
			NoticeTextKey,
			z.ZodOptional<typeof TextSchema>
		>,
	)
	.optional()
	.transform(withDefaultTexts);
