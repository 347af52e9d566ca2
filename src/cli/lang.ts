// The --lang option: which language the report and the issue messages are printed in. Taken
// out of the arguments before a command parses them, since every command takes it, and loaded
// before anything is printed (the usage text and the JSON fields stay English).
import { BASE_LOCALE, isLocale, LOCALES, type Locale } from '../i18n/locales.ts';
import { loadMessages } from '../i18n/messages.ts';
import { UsageError } from './errors.ts';

const CHOICES = `${LOCALES.slice(0, -1).join(', ')} or ${LOCALES[LOCALES.length - 1] ?? ''}`;

/** The language asked for (English when none) and the other arguments. */
export function takeLang(argv: readonly string[]): { lang: Locale; rest: string[] } {
	const rest: string[] = [];
	let asked: string | null = null;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (arg === '--') {
			rest.push(...argv.slice(i));
			break;
		}
		if (arg === '--lang') {
			const value = argv[i + 1];
			if (value === undefined || value.startsWith('-'))
				throw new UsageError(`--lang needs a language: ${CHOICES}.`);
			asked = value;
			i++;
		} else if (arg.startsWith('--lang=')) asked = arg.slice('--lang='.length);
		else rest.push(arg);
	}
	if (asked === null) return { lang: BASE_LOCALE, rest };
	if (!isLocale(asked))
		throw new UsageError(`Unknown language '${asked}' for --lang: choose ${CHOICES}.`);
	return { lang: asked, rest };
}

/** Loads the messages of `lang`; the report's words come from them. */
export async function useLang(lang: Locale): Promise<void> {
	await loadMessages(lang);
}
