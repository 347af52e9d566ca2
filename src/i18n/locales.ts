// The languages Roster speaks, and which one a visitor gets first. Pure: the page, the worker,
// the CLI and the tests share it.

export const LOCALES = ['en', 'fr', 'es', 'de', 'pt'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'en';

/** Each language named in itself, as a language menu should (a pro looking for "Deutsch"). */
export const LOCALE_NAMES: Record<Locale, string> = {
	en: 'English',
	fr: 'Français',
	es: 'Español',
	de: 'Deutsch',
	pt: 'Português',
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first of the browser's languages Roster speaks, by its primary subtag ("fr-CA" → fr,
 * "pt-BR" → pt); English when none is.
 */
export function pickLocale(languages: readonly string[]): Locale {
	for (const tag of languages) {
		const primary = tag.toLowerCase().split(/[-_]/)[0];
		if (isLocale(primary)) return primary;
	}
	return BASE_LOCALE;
}
