// The messages of the language a notice prints in, which need not be the app's: an English
// app prints a French client's notice. The app's own language is already loaded (`m`); another
// one is loaded once, on demand, from its compiled module, as src/i18n/messages.ts does.
import { currentLocale, m, type Messages } from '../i18n/messages.ts';
import type { Locale } from '../i18n/locales.ts';

/** A language a notice is printed in, and its messages. */
export interface NoticeLanguage {
	locale: Locale;
	m: Messages;
}

const LOADERS: Record<Locale, () => Promise<unknown>> = {
	en: () => import('../paraglide/messages/en.js'),
	fr: () => import('../paraglide/messages/fr.js'),
	es: () => import('../paraglide/messages/es.js'),
	de: () => import('../paraglide/messages/de.js'),
	pt: () => import('../paraglide/messages/pt.js'),
};

const loaded = new Map<Locale, Messages>();

/**
 * The app's language, as it speaks now. A copy: `m` is refilled in place on a language switch,
 * and a notice must not change language under a print run that chose this one.
 */
export function appNoticeLanguage(): NoticeLanguage {
	return { locale: currentLocale(), m: { ...m } };
}

/** A language's messages for notices, loaded the first time it is asked for. */
export async function loadNoticeLanguage(locale: Locale): Promise<NoticeLanguage> {
	// The app's language may be the pseudo-locale in tests: its messages are the ones to show.
	if (locale === currentLocale()) return appNoticeLanguage();
	let messages = loaded.get(locale);
	if (!messages) {
		// The compiled module's functions take the same inputs `m` types (see Messages).
		messages = (await LOADERS[locale]()) as Messages;
		loaded.set(locale, messages);
	}
	return { locale, m: messages };
}
