// The pro's language: the one chosen in Settings, else the browser's first that Roster speaks.
// Kept in localStorage, not IndexedDB: the lock screen must speak it before any passphrase, and
// a language is not client data. A switch loads the new messages, tells the worker, sets
// <html lang>, and then changes `current`, which the app shell keys its screens on: they are
// drawn again in the new language while the draft, its rows and the grid's place stay as they
// were (they live in the state classes and the worker, not in the components).
import { isLocale, pickLocale, type Locale } from '../i18n/locales.ts';
import { loadMessages } from '../i18n/messages.ts';
import type { WorkerLocale } from '../i18n/worker-locale.ts';

export const LOCALE_KEY = 'roster.locale';
/** The browser tests' switch to the pseudo-locale (never set by the app itself). */
export const PSEUDO_KEY = 'roster.pseudo';

export interface LocaleDeps {
	storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	languages: readonly string[];
	/** Where `lang` is set (absent in Node). */
	root?: { lang: string } | undefined;
	/** Tells the draft worker (absent where there is none). */
	tellWorker?: (l: WorkerLocale) => void;
}

function read(storage: LocaleDeps['storage'], key: string): string | null {
	try {
		return storage?.getItem(key) ?? null;
	} catch {
		// Storage refused (a private window's quota, a policy): the browser's languages decide.
		return null;
	}
}

/** The language to start in, and whether the pseudo-locale is on, before anything is drawn. */
export function initialLocale(deps: Pick<LocaleDeps, 'storage' | 'languages'>): WorkerLocale {
	const chosen = read(deps.storage, LOCALE_KEY);
	return {
		locale: isLocale(chosen) ? chosen : pickLocale(deps.languages),
		pseudo: read(deps.storage, PSEUDO_KEY) === '1',
	};
}

export class LocaleState {
	current = $state<Locale>('en');
	/** True from the choice until the new messages are in. */
	switching = $state(false);
	readonly pseudo: boolean;
	#deps: LocaleDeps;

	constructor(deps: LocaleDeps, start: WorkerLocale) {
		this.#deps = deps;
		this.current = start.locale;
		this.pseudo = start.pseudo;
	}

	/** Loads the starting language's messages; call once before the UI mounts. */
	async start(): Promise<void> {
		await loadMessages(this.current, this.pseudo);
		this.#setLang(this.current);
	}

	/** Switches to `locale`, remembered on this device. */
	async choose(locale: Locale): Promise<void> {
		if (locale === this.current) return;
		this.switching = true;
		try {
			await loadMessages(locale, this.pseudo);
			try {
				this.#deps.storage?.setItem(LOCALE_KEY, locale);
			} catch {
				// Not remembered (storage refused): the switch still holds until the page reloads.
			}
			this.#deps.tellWorker?.({ locale, pseudo: this.pseudo });
			this.#setLang(locale);
			this.current = locale;
		} finally {
			this.switching = false;
		}
	}

	#setLang(locale: Locale) {
		if (this.#deps.root) this.#deps.root.lang = this.pseudo ? 'en-XA' : locale;
	}
}
