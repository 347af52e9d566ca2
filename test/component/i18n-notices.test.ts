// The notices area in French: the print screen, its guard and sending choice, the notice
// settings and the notice itself speak French, with no English text of theirs left (client
// data aside); and a print run in French from an English app prints French notices under an
// English screen.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import NoticesScreen from '../../src/ui/notices/NoticesScreen.svelte';
import NoticeSettings from '../../src/ui/settings/NoticeSettings.svelte';
import { NoticePrint } from '../../src/state/notice-print.svelte.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { loadMessages } from '../../src/i18n/messages.ts';
import { areaMessages } from '../e2e/language-text.ts';
import type { AppState } from '../../src/state/app.svelte.ts';
import type { PrintNotice } from '../../src/notices/print-run.ts';
import type { SyncState } from '../../src/core/credentials.ts';
import { memoryStore } from './memory-settings.ts';

type Catalog = Record<string, unknown>;
const read = (locale: string): Catalog => areaMessages(locale, 'notices');
const en = read('en');
const fr = read('fr');

/**
 * English texts of this area that French words differently, long enough not to be a word both
 * languages share ("Message", "Logo"). Texts with placeholders are cut at the first one.
 */
const ENGLISH = Object.keys(en)
	.filter((key) => typeof en[key] === 'string' && en[key] !== fr[key])
	.map((key) => (en[key] as string).split('{')[0]?.trim() ?? '')
	.filter((text) => text.length >= 8);

function englishLeft(text: string): string[] {
	return ENGLISH.filter((english) => text.includes(english));
}

function notice(index: number, sync: SyncState): PrintNotice {
	return {
		index,
		row: index + 2,
		first_name: 'Ann',
		last_name: `Lee${index}`,
		email_address: `ann.${index}@example.com`,
		initial_password: 'Kx7#pQ2rTm9!uZ',
		sync,
	};
}

async function printScreen(notices: PrintNotice[], filled = true) {
	const settings = new AppSettings(memoryStore());
	if (filled) {
		await settings.setNotice({ practiceName: 'Harbour Physio' });
		await settings.setNotice({ signInUrl: 'https://app.example.com/sign-in' });
	}
	const draft = {
		notices: async () => ({ notices, withErrors: 2, removed: 1, registered: 1 }),
		markPrinted: vi.fn(async (indexes: number[]) => indexes.length > 0),
	};
	const run = new NoticePrint(draft, { print: vi.fn(), later: (work) => work() });
	const app = {
		settings,
		session: { grid: { selectedCount: 0 }, messages: { error: '' } },
		openSettings: vi.fn(),
		backToDraft: vi.fn(),
	};
	const view = render(NoticesScreen, { app: app as unknown as AppState, run });
	await run.load('pending');
	return { run, view };
}

describe('the notices area in French', () => {
	beforeEach(async () => {
		await loadMessages('fr');
	});
	afterEach(async () => {
		await loadMessages('en');
	});

	it('shows the print screen, its sending choice and French notices, with no English left', async () => {
		const { run, view } = await printScreen([notice(0, 'synced'), notice(1, 'none')]);
		expect(run.language.locale).toBe('fr');
		expect(screen.getByRole('heading', { name: 'Imprimer les fiches' })).toBeVisible();
		expect(screen.getByRole('button', { name: 'Imprimer 1 fiche' })).toBeEnabled();
		expect(screen.getByTestId('notice-status')).toHaveTextContent(
			// Matchers of text content read the no-break space before ":" as a space.
			'1 client pas encore sur la plateforme : mis en attente jusqu’à son envoi.',
		);
		const choice = screen.getByTestId('sending-choice');
		expect(within(choice).getByRole('radio', { name: /^Imprimer quand même/ })).not.toBeChecked();
		expect(screen.getByLabelText('Langue des fiches')).toHaveValue('fr');

		const sheet = screen.getByLabelText('Aperçu avant impression');
		expect(
			within(sheet).getByRole('heading', { name: 'Votre compte\u00a0: comment vous connecter' }),
		).toBeVisible();
		expect(sheet).toHaveTextContent('Mot de passe temporaire');
		expect(sheet).toHaveTextContent('souligné = chiffre · encadré = symbole');
		expect(sheet).toHaveTextContent('u min.');
		expect(
			within(sheet).getByRole('img', { name: /^K majuscule, x minuscule, chiffre 7, dièse/ }),
		).toBeVisible();
		expect(englishLeft(view.container.textContent ?? '')).toEqual([]);
	});

	it('says what keeps notices from printing, in French', async () => {
		const { view } = await printScreen([notice(0, 'synced')], false);
		const guard = screen.getByTestId('print-guard');
		expect(guard).toHaveTextContent('Les fiches ne peuvent pas encore être imprimées.');
		expect(guard).toHaveTextContent('Le nom du cabinet manque');
		expect(
			screen.getByRole('button', { name: 'Les ajouter dans les réglages de la fiche' }),
		).toBeVisible();
		expect(englishLeft(view.container.textContent ?? '')).toEqual([]);
	});

	it('shows the notice settings in French, with the French defaults', async () => {
		const settings = new AppSettings(memoryStore());
		const { container } = render(NoticeSettings, { settings });
		expect(screen.getByLabelText('Nom du cabinet')).toBeVisible();
		expect(screen.getByLabelText('Langue de la fiche')).toHaveValue('fr');
		expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toMatch(
			/^Bonjour \{first_name\}, \{practice_name\} vous a créé un compte/,
		);
		expect(screen.getByLabelText('Titre')).toHaveValue(
			'Votre compte\u00a0: comment vous connecter',
		);
		expect(screen.getByText('Textes fixes de la fiche')).toBeInTheDocument();
		const preview = screen.getByLabelText('Aperçu d’une fiche');
		expect(preview).toHaveTextContent('Bonjour Maria, votre cabinet vous a créé un compte.');
		const placeholders = [...container.querySelectorAll('input')].map((i) => i.placeholder);
		expect(englishLeft(`${container.textContent ?? ''} ${placeholders.join(' ')}`)).toEqual([]);
	});
});

describe('a print run in another language than the app', () => {
	it('keeps the screen in English and prints the notices in French', async () => {
		const { run } = await printScreen([notice(0, 'synced')]);
		expect(run.language.locale).toBe('en');
		await run.setLocale('fr');
		const sheet = screen.getByLabelText('Print preview');
		await waitFor(() =>
			expect(
				within(sheet).getByRole('heading', { name: 'Votre compte\u00a0: comment vous connecter' }),
			).toBeVisible(),
		);
		expect(sheet).not.toHaveTextContent('Temporary password');
		expect(sheet).not.toHaveTextContent('capital');
		expect(screen.getByRole('heading', { name: 'Print notices' })).toBeVisible();
		expect(screen.getByRole('button', { name: 'Print 1 notice' })).toBeEnabled();
	});
});
