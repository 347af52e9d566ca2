// How the page tells the draft worker its language: in the worker's name when it starts (so a
// worker restarted after a crash speaks it from its first message), and by a message on a switch.
import { z } from 'zod';
import { BASE_LOCALE, LOCALES, isLocale, type Locale } from './locales.ts';

export interface WorkerLocale {
	locale: Locale;
	pseudo: boolean;
}

const PREFIX = 'roster-drafts';

export function workerName(l: WorkerLocale): string {
	return `${PREFIX}:${l.locale}${l.pseudo ? ':pseudo' : ''}`;
}

export function localeOfWorkerName(name: string): WorkerLocale {
	const [, locale, pseudo] = name.split(':');
	return { locale: isLocale(locale) ? locale : BASE_LOCALE, pseudo: pseudo === 'pseudo' };
}

export const LocaleMessageSchema = z.object({
	kind: z.literal('locale'),
	locale: z.enum(LOCALES),
	pseudo: z.boolean(),
});
export type LocaleMessage = z.infer<typeof LocaleMessageSchema>;
