// The notice template as stored on this device: the practice's details (one for every language)
// and, per language, only what the pro wrote — the message and the fixed texts they edited. An
// absent or empty text means "the default written for that language", so a French notice never
// prints an English default and a new default reaches every text the pro left alone.
import { z } from 'zod';
import { currentLocale } from '../i18n/messages.ts';
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { EditedTextsSchema, withDefaultTexts, defaultNoticeTexts } from './notice-texts.ts';
import type { NoticeTexts } from './notice-texts.ts';
import { appNoticeLanguage, type NoticeLanguage } from './notice-language.ts';
import {
	defaultNoticeMessage,
	LogoSchema,
	MessageSchema,
	PracticeNameSchema,
	SignInUrlSchema,
	SupportSchema,
	type NoticeTemplate,
} from './template.ts';

/** What the pro wrote for one language. */
export interface NoticeWording {
	message?: string;
	texts?: Partial<NoticeTexts>;
}

export interface NoticeSettings {
	practiceName: string;
	/** A `data:image/...;base64,` URL (raster formats only), or null for no logo. */
	logo: string | null;
	signInUrl: string;
	support: string;
	wording: Partial<Record<Locale, NoticeWording>>;
}

export const DEFAULT_NOTICE_SETTINGS: Readonly<NoticeSettings> = Object.freeze({
	practiceName: '',
	logo: null,
	signInUrl: '',
	support: '',
	wording: {},
});

const WordingSchema = z.object({
	message: MessageSchema.optional().transform((v) => (v?.trim() ? v : undefined)),
	texts: EditedTextsSchema.optional(),
});

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A template saved before notices had a language held one message and one set of texts, in
 * English (the only language then): they become the English wording.
 */
function fromOneLanguage(value: unknown): unknown {
	if (!isRecord(value) || 'wording' in value) return value;
	const { message, texts, ...rest } = value;
	return { ...rest, wording: { en: { message, texts } } };
}

export const NoticeSettingsSchema = z.preprocess(
	fromOneLanguage,
	z.object({
		practiceName: PracticeNameSchema,
		logo: LogoSchema,
		signInUrl: SignInUrlSchema,
		support: SupportSchema,
		wording: z.partialRecord(z.enum(LOCALES), WordingSchema),
	}),
);

/** A change from Settings: practice details, or the message or texts of one language. */
export type NoticeChange = Partial<Omit<NoticeSettings, 'wording'>> & {
	/** The language the message or texts are for (the app's when not said). */
	locale?: Locale;
	/** The message; empty means the language's default. */
	message?: string;
	/** The texts that differ from the language's defaults; they replace the ones kept before. */
	texts?: Partial<NoticeTexts>;
};

/** The settings with the change applied (not yet checked: parse with NoticeSettingsSchema). */
export function applyNoticeChange(settings: NoticeSettings, change: NoticeChange): NoticeSettings {
	const { locale = currentLocale(), message, texts, ...details } = change;
	const next: NoticeSettings = { ...settings, ...details, wording: { ...settings.wording } };
	if (message !== undefined || texts !== undefined) {
		const wording: NoticeWording = { ...next.wording[locale] };
		if (message !== undefined) wording.message = message.trim() === '' ? undefined : message;
		if (texts !== undefined) wording.texts = texts;
		next.wording[locale] = wording;
	}
	return next;
}

/** The notice of one language: the practice's details, and its wording or else its defaults. */
export function noticeTemplate(
	settings: NoticeSettings,
	language: NoticeLanguage = appNoticeLanguage(),
): NoticeTemplate {
	const wording = settings.wording[language.locale];
	return {
		practiceName: settings.practiceName,
		logo: settings.logo,
		signInUrl: settings.signInUrl,
		support: settings.support,
		message: wording?.message?.trim() ? wording.message : defaultNoticeMessage(language.m),
		texts: withDefaultTexts(wording?.texts, defaultNoticeTexts(language.m)),
	};
}
