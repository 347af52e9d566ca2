// The credential notice a pro hands each client on paper: its settings (the practice's template),
// the placeholders its message may use, and how the message becomes plain-text paragraphs.
import { z } from 'zod';
import type { NoticeClient } from '../core/fields.ts';
import { DEFAULT_NOTICE_TEXTS, NoticeTextsSchema, type NoticeTexts } from './notice-texts.ts';

export interface NoticeTemplate {
	practiceName: string;
	/** A `data:image/...;base64,` URL (raster formats only), or null for no logo. */
	logo: string | null;
	signInUrl: string;
	support: string;
	message: string;
	/** The notice's fixed wording (title, labels, legend, footer). */
	texts: NoticeTexts;
}

export const PLACEHOLDERS = [
	'first_name',
	'last_name',
	'email_address',
	'sign_in_url',
	'practice_name',
	'support',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const LOGO_MAX_LENGTH = 1_500_000;
export const MESSAGE_MAX_LENGTH = 4000;

// SVG is left out on purpose: an SVG file can carry script, and a logo is pasted in by users.
const LOGO_PREFIXES = [
	'data:image/png;base64,',
	'data:image/jpeg;base64,',
	'data:image/webp;base64,',
	'data:image/gif;base64,',
] as const;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A cheap check for rendering: the prefix only. The schema also checks the base64 body, which is
 * too costly to repeat for every notice on a 500-client print run.
 */
export function isAllowedLogo(logo: string | null): logo is string {
	return logo !== null && LOGO_PREFIXES.some((prefix) => logo.startsWith(prefix));
}

function isLogoDataUrl(logo: string): boolean {
	const prefix = LOGO_PREFIXES.find((p) => logo.startsWith(p));
	return prefix !== undefined && BASE64_BODY.test(logo.slice(prefix.length));
}

function isWebUrl(text: string): boolean {
	if (text === '') return true;
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}

export const NoticeTemplateSchema = z.object({
	practiceName: z.string().max(200, 'Keep the practice name under 200 characters.'),
	logo: z
		.string()
		.max(LOGO_MAX_LENGTH, 'The logo image is too large: use one under about 1 MB.')
		.refine(isLogoDataUrl, 'The logo must be a PNG, JPEG, WebP or GIF image.')
		.nullable(),
	// 2048 keeps the QR code scannable off paper; longer addresses are rarely typed right anyway.
	signInUrl: z
		.string()
		.max(2048, 'The sign-in address is too long.')
		.refine(isWebUrl, 'The sign-in address must start with https:// (or http://).'),
	support: z.string().max(300, 'Keep the support contact under 300 characters.'),
	message: z
		.string()
		.max(MESSAGE_MAX_LENGTH, `Keep the message under ${MESSAGE_MAX_LENGTH} characters.`),
	// Optional: templates saved before the texts were editable still parse, with today's wording.
	texts: NoticeTextsSchema,
}) satisfies z.ZodType<NoticeTemplate>;

export const DEFAULT_NOTICE_TEMPLATE: NoticeTemplate = {
	practiceName: '',
	logo: null,
	signInUrl: '',
	support: '',
	message: [
		'Hello {first_name}, {practice_name} has set up an account for you. When you sign up or sign in, use exactly this email address: {email_address}, with the temporary password printed below.',
		'The first time you sign in, you will be asked to change the temporary password to one of your own.',
		'To start, go to {sign_in_url} or scan the code on this notice.',
		'Questions? Contact {support}.',
	].join('\n\n'),
	texts: { ...DEFAULT_NOTICE_TEXTS },
};

export type { NoticeClient };

/**
 * What each placeholder stands for on one client's notice. Practice-wide settings left empty get
 * wording that still reads as a sentence, so a half-filled template never prints "go to  or".
 */
export function placeholderValues(
	client: NoticeClient,
	template: NoticeTemplate,
): Record<Placeholder, string> {
	return {
		first_name: client.first_name,
		last_name: client.last_name,
		email_address: client.email_address,
		sign_in_url: template.signInUrl.trim() || 'the sign-in page',
		// Lowercase: the default message has it mid-sentence, after "Hello {first_name},".
		practice_name: template.practiceName.trim() || 'your practice',
		// Without a contact, the practice itself (by name once printing requires one).
		support: template.support.trim() || template.practiceName.trim() || 'your practice',
	};
}

const PLACEHOLDER_PATTERN = /\{\s*([A-Za-z0-9_]+)\s*\}/g;
const KNOWN = new Set<string>(PLACEHOLDERS);

function isPlaceholder(name: string): name is Placeholder {
	return KNOWN.has(name);
}

/**
 * The message as plain-text paragraphs. Values are substituted in one pass, so a value that
 * itself looks like `{email_address}` stays as typed, and nothing in a value is ever markup.
 */
export function renderMessage(message: string, values: Record<Placeholder, string>): string[] {
	// Split before substituting: a client's data must not be able to add paragraphs.
	return message
		.replace(/\r\n?/g, '\n')
		.split(/\n[ \t]*\n/)
		.map((paragraph) =>
			paragraph
				.replace(PLACEHOLDER_PATTERN, (written, name: string) =>
					isPlaceholder(name) ? values[name] : written,
				)
				.replace(/[ \t]+\n/g, '\n')
				.trim(),
		)
		.filter((paragraph) => paragraph !== '');
}

// A paragraph that sends the client to the address or the code. Read in the template, before
// substitution, so a client's own data can never remove a paragraph.
const POINTS_TO_SIGN_IN = /\{\s*sign_in_url\s*\}|\bscan\b|\bQR\b|\bsign-in (page|address)\b/i;

/**
 * The message of one client's notice. Without a sign-in address, paragraphs that point to it or
 * to the code are left out: a notice never says "scan the code" or "go to the sign-in page"
 * when it prints neither (printing also refuses then; this is the second line of defence).
 */
export function noticeParagraphs(client: NoticeClient, template: NoticeTemplate): string[] {
	const hasAddress = template.signInUrl.trim() !== '';
	const message = hasAddress
		? template.message
		: template.message
				.replace(/\r\n?/g, '\n')
				.split(/\n[ \t]*\n/)
				.filter((paragraph) => !POINTS_TO_SIGN_IN.test(paragraph))
				.join('\n\n');
	return renderMessage(message, placeholderValues(client, template));
}

/** Names written in braces that are not placeholders, each once, in the order they appear. */
export function unknownPlaceholders(message: string): string[] {
	const unknown = new Set<string>();
	for (const match of message.matchAll(PLACEHOLDER_PATTERN)) {
		const name = match[1];
		if (name !== undefined && !isPlaceholder(name)) unknown.add(name);
	}
	return [...unknown];
}
