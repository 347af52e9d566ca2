// The credential notice a pro hands each client on paper: the template of one language (the
// practice's details, the message and the fixed texts), the placeholders its message may use, and
// how the message becomes plain-text paragraphs. What is stored, per language, is in
// notice-settings.ts.
import { z } from 'zod';
import type { NoticeClient } from '../core/fields.ts';
import { m, type Messages } from '../i18n/messages.ts';
import { defaultNoticeTexts, type NoticeTexts } from './notice-texts.ts';

/** The notice of one language, every text filled in (its defaults where the pro wrote none). */
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

// Error messages are functions: read when a value is refused, in the app's language then.
export const PracticeNameSchema = z
	.string()
	.max(200, { error: () => m.notices_error_practice_name_long({ max: '200' }) });
export const LogoSchema = z
	.string()
	.max(LOGO_MAX_LENGTH, { error: () => m.notices_error_logo_large() })
	.refine(isLogoDataUrl, { error: () => m.notices_error_logo_type() })
	.nullable();
// 2048 keeps the QR code scannable off paper; longer addresses are rarely typed right anyway.
export const SignInUrlSchema = z
	.string()
	.max(2048, { error: () => m.notices_error_address_long() })
	.refine(isWebUrl, { error: () => m.notices_error_address_scheme() });
export const SupportSchema = z
	.string()
	.max(300, { error: () => m.notices_error_support_long({ max: '300' }) });
export const MessageSchema = z.string().max(MESSAGE_MAX_LENGTH, {
	error: () => m.notices_error_message_long({ max: String(MESSAGE_MAX_LENGTH) }),
});

/**
 * The default message in the language of `t`. Its placeholders are passed through as written:
 * the pro's message (which may be this one, edited) is filled in per client by renderMessage.
 */
export function defaultNoticeMessage(t: Messages = m): string {
	return t.notices_default_message({
		first_name: '{first_name}',
		practice_name: '{practice_name}',
		email_address: '{email_address}',
		sign_in_url: '{sign_in_url}',
		support: '{support}',
	});
}

/** A template with nothing filled in, in the language of `t`. */
export function defaultNoticeTemplate(t: Messages = m): NoticeTemplate {
	return {
		practiceName: '',
		logo: null,
		signInUrl: '',
		support: '',
		message: defaultNoticeMessage(t),
		texts: defaultNoticeTexts(t),
	};
}

export type { NoticeClient };

/**
 * What each placeholder stands for on one client's notice. Practice-wide settings left empty get
 * wording that still reads as a sentence, so a half-filled template never prints "go to  or".
 */
export function placeholderValues(
	client: NoticeClient,
	template: NoticeTemplate,
	t: Messages = m,
): Record<Placeholder, string> {
	return {
		first_name: client.first_name,
		last_name: client.last_name,
		email_address: client.email_address,
		sign_in_url: template.signInUrl.trim() || t.notices_fallback_sign_in_page(),
		// Lowercase: the default message has it mid-sentence, after "Hello {first_name},".
		practice_name: template.practiceName.trim() || t.notices_fallback_practice(),
		// Without a contact, the practice itself (by name once printing requires one).
		support:
			template.support.trim() || template.practiceName.trim() || t.notices_fallback_practice(),
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

// A paragraph that sends the client to the address or the code: one with the address's
// placeholder, or with one of the language's words for it ("scan", "QR"…). Read in the template,
// before substitution, so a client's own data can never remove a paragraph.
function pointsToSignIn(t: Messages): RegExp {
	const words = t
		.notices_sign_in_words()
		.split(',')
		.map((w) => w.trim())
		.filter((w) => w !== '')
		.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[ -]'));
	// Letters on either side make another word ("scanned"), in any script.
	const any =
		words.length > 0 ? `|(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])` : '';
	return new RegExp(`\\{\\s*sign_in_url\\s*\\}${any}`, 'iu');
}

/**
 * The message of one client's notice, in the language of `t`. Without a sign-in address,
 * paragraphs that point to it or to the code are left out: a notice never says "scan the code"
 * or "go to the sign-in page" when it prints neither (printing also refuses then; this is the
 * second line of defence).
 */
export function noticeParagraphs(
	client: NoticeClient,
	template: NoticeTemplate,
	t: Messages = m,
): string[] {
	const hasAddress = template.signInUrl.trim() !== '';
	const points = hasAddress ? null : pointsToSignIn(t);
	const message = points
		? template.message
				.replace(/\r\n?/g, '\n')
				.split(/\n[ \t]*\n/)
				.filter((paragraph) => !points.test(paragraph))
				.join('\n\n')
		: template.message;
	return renderMessage(message, placeholderValues(client, template, t));
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
