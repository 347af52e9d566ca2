// The app's messages in the chosen language: `m.some_key(params)`, typed from the English
// messages. Paraglide compiles one module per language (src/paraglide/messages/<locale>.js);
// only the chosen one is imported at start, the others when the pro switches (the service
// worker has them all for offline use). `m` is filled before the UI mounts and refilled in place
// on a switch, so modules may hold on to it.
import type * as English from '../paraglide/messages/en.js';
import { BASE_LOCALE, type Locale } from './locales.ts';
import { pseudoMessage } from './pseudo.ts';

/** A message without placeholders is called with no argument (the compiled types ask for `{}`). */
type Call<F> = F extends (inputs: infer I) => infer R
	? Record<string, never> extends I
		? (inputs?: I) => R
		: (inputs: I) => R
	: F;
export type Messages = { [K in keyof typeof English]: Call<(typeof English)[K]> };

const LOADERS: Record<Locale, () => Promise<typeof English>> = {
	en: () => import('../paraglide/messages/en.js'),
	fr: () => import('../paraglide/messages/fr.js'),
	es: () => import('../paraglide/messages/es.js'),
	de: () => import('../paraglide/messages/de.js'),
	pt: () => import('../paraglide/messages/pt.js'),
};

export const m = {} as Messages;
let current: Locale = BASE_LOCALE;
let pseudo = false;

/** The language `m` speaks now. */
export function currentLocale(): Locale {
	return current;
}

/** Whether `m` speaks the test pseudo-locale (English, accented and 40 % longer). */
export function isPseudo(): boolean {
	return pseudo;
}

/**
 * Starts fetching a language's module without touching `m` (the start-up path: loadMessages
 * later finds it in the module map instead of waiting for the network).
 */
export function prefetchMessages(locale: Locale, asPseudo = false): void {
	LOADERS[asPseudo ? BASE_LOCALE : locale]().catch(() => undefined);
}

/**
 * Loads a language's messages into `m`. With `asPseudo`, English pseudo-localised, for the
 * browser tests that look for hard-coded text and layouts that break with longer words.
 */
export async function loadMessages(locale: Locale, asPseudo = false): Promise<void> {
	const mod = await LOADERS[asPseudo ? BASE_LOCALE : locale]();
	const next: Record<string, unknown> = {};
	for (const [key, fn] of Object.entries(mod)) {
		if (typeof fn !== 'function') continue;
		next[key] = asPseudo ? pseudoMessage(fn as Parameters<typeof pseudoMessage>[0]) : fn;
	}
	Object.assign(m, next);
	current = locale;
	pseudo = asPseudo;
}
