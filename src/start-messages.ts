// Imported first by main.ts, so that the pro's message module is fetched while the rest of the
// bundle is still being evaluated (a few hundred ms on a tablet) rather than after it: the first
// screen waits for those messages.
import { prefetchMessages } from './i18n/messages.ts';
import { initialLocale } from './state/locale.svelte.ts';

const { locale, pseudo } = initialLocale({
	storage: globalThis.localStorage ?? null,
	languages: navigator.languages ?? [navigator.language],
});
prefetchMessages(locale, pseudo);
