// Which language a pro gets: the browser's first that Roster speaks, unless one was chosen (and
// remembered); a choice loads the messages, sets <html lang>, tells the worker and is kept, even
// when storage refuses to keep it.
import { afterEach, describe, expect, it } from 'vitest';
import { LOCALES, pickLocale } from '../../../src/i18n/locales.ts';
import { currentLocale, loadMessages, m } from '../../../src/i18n/messages.ts';
import {
	initialLocale,
	LocaleState,
	LOCALE_KEY,
	PSEUDO_KEY,
} from '../../../src/state/locale.svelte.ts';
import type { WorkerLocale } from '../../../src/i18n/worker-locale.ts';

afterEach(async () => {
	await loadMessages('en');
});

function memoryStorage(entries: Record<string, string> = {}) {
	const map = new Map(Object.entries(entries));
	return {
		map,
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, v: string) => void map.set(k, v),
	};
}

const refusing = {
	getItem: (): string | null => {
		throw new DOMException('denied', 'SecurityError');
	},
	setItem: (): void => {
		throw new DOMException('quota', 'QuotaExceededError');
	},
};

describe('pickLocale', () => {
	it('takes the primary subtag of the first language Roster speaks', () => {
		expect(pickLocale(['fr-CA'])).toBe('fr');
		expect(pickLocale(['pt-BR', 'en-US'])).toBe('pt');
		expect(pickLocale(['es-419'])).toBe('es');
		expect(pickLocale(['de_AT'])).toBe('de');
		expect(pickLocale(['zh-CN', 'de-DE', 'fr'])).toBe('de');
		expect(pickLocale(['EN-gb'])).toBe('en');
	});

	it('falls back to English', () => {
		expect(pickLocale(['zh'])).toBe('en');
		expect(pickLocale(['ja-JP', 'ko'])).toBe('en');
		expect(pickLocale([])).toBe('en');
	});

	it('speaks the five languages', () => {
		expect([...LOCALES].sort()).toEqual(['de', 'en', 'es', 'fr', 'pt']);
	});
});

describe('initialLocale', () => {
	it('follows the browser when nothing was chosen', () => {
		expect(initialLocale({ storage: memoryStorage(), languages: ['fr-FR', 'en'] })).toEqual({
			locale: 'fr',
			pseudo: false,
		});
	});

	it('a remembered choice wins over the browser', () => {
		const storage = memoryStorage({ [LOCALE_KEY]: 'de' });
		expect(initialLocale({ storage, languages: ['fr-FR'] }).locale).toBe('de');
	});

	it('ignores a stored value that is no language of Roster', () => {
		const storage = memoryStorage({ [LOCALE_KEY]: 'klingon' });
		expect(initialLocale({ storage, languages: ['es-MX'] }).locale).toBe('es');
	});

	it('turns the pseudo-locale on only for "1"', () => {
		expect(
			initialLocale({ storage: memoryStorage({ [PSEUDO_KEY]: '1' }), languages: [] }).pseudo,
		).toBe(true);
		expect(
			initialLocale({ storage: memoryStorage({ [PSEUDO_KEY]: 'yes' }), languages: [] }).pseudo,
		).toBe(false);
	});

	it('storage that throws, or none: the browser decides', () => {
		expect(initialLocale({ storage: refusing, languages: ['pt-BR'] })).toEqual({
			locale: 'pt',
			pseudo: false,
		});
		expect(initialLocale({ storage: null, languages: ['de'] }).locale).toBe('de');
	});
});

describe('LocaleState', () => {
	it('start() loads the language and sets lang', async () => {
		const root = { lang: '' };
		const state = new LocaleState(
			{ storage: memoryStorage(), languages: [], root },
			{ locale: 'fr', pseudo: false },
		);
		await state.start();
		expect(root.lang).toBe('fr');
		expect(currentLocale()).toBe('fr');
		expect(m.settings_language_legend()).toBe('Langue');
	});

	it('choose() switches the messages, lang and the worker, and remembers', async () => {
		const storage = memoryStorage();
		const root = { lang: 'en' };
		const told: WorkerLocale[] = [];
		const state = new LocaleState(
			{ storage, languages: ['en'], root, tellWorker: (l) => told.push(l) },
			{ locale: 'en', pseudo: false },
		);
		await state.start();
		const switching = state.choose('de');
		expect(state.switching).toBe(true);
		await switching;
		expect(state.switching).toBe(false);
		expect(state.current).toBe('de');
		expect(root.lang).toBe('de');
		expect(m.settings_language_legend()).toBe(
			(await import('../../../src/paraglide/messages/de.js')).settings_language_legend({}),
		);
		expect(m.settings_language_legend()).not.toBe('Language');
		expect(told).toEqual([{ locale: 'de', pseudo: false }]);
		expect(storage.map.get(LOCALE_KEY)).toBe('de');
		// A reload starts in the language chosen, whatever the browser says.
		expect(initialLocale({ storage, languages: ['en'] }).locale).toBe('de');
	});

	it('choosing the language already shown does nothing', async () => {
		const told: WorkerLocale[] = [];
		const storage = memoryStorage();
		const state = new LocaleState(
			{ storage, languages: [], tellWorker: (l) => told.push(l) },
			{ locale: 'en', pseudo: false },
		);
		await state.choose('en');
		expect(told).toEqual([]);
		expect(storage.map.size).toBe(0);
	});

	it('storage that refuses the choice: the switch still happens', async () => {
		const root = { lang: 'en' };
		const state = new LocaleState(
			{ storage: refusing, languages: [], root },
			{ locale: 'en', pseudo: false },
		);
		await state.choose('es');
		expect(state.current).toBe('es');
		expect(root.lang).toBe('es');
		expect(state.switching).toBe(false);
	});

	it('in the pseudo-locale, lang says en-XA and the worker hears pseudo', async () => {
		const root = { lang: '' };
		const told: WorkerLocale[] = [];
		const state = new LocaleState(
			{ storage: memoryStorage(), languages: [], root, tellWorker: (l) => told.push(l) },
			{ locale: 'en', pseudo: true },
		);
		await state.start();
		expect(root.lang).toBe('en-XA');
		expect(m.settings_language_legend()).toMatch(/^⟦Ľáñĝúáĝé~+⟧$/);
		await state.choose('fr');
		expect(told).toEqual([{ locale: 'fr', pseudo: true }]);
		expect(root.lang).toBe('en-XA');
	});
});
