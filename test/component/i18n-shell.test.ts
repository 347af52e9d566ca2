// The app shell in French: the header, the home screen with a draft's card, Settings, the lock
// screen and the lock's settings read in French, with no English of the shell left on screen
// (client data — draft names — stays as the pro typed it).
import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../../src/ui/App.svelte';
import LockSettings from '../../src/ui/settings/LockSettings.svelte';
import { AppState } from '../../src/state/app.svelte.ts';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { DraftsList, type StorageManagerLike } from '../../src/state/drafts-list.svelte.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { LockState } from '../../src/state/lock.svelte.ts';
import type { LockBackend, LockStatus } from '../../src/state/lock-backend.ts';
import { SettingsRepository } from '../../src/storage/settings.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { SyncState, type SyncBackend } from '../../src/state/sync.svelte.ts';
import SyncSettings from '../../src/ui/settings/SyncSettings.svelte';
import { explainFailure } from '../../src/sync/connection-messages.ts';
import { addressProblem } from '../../src/sync/settings-checks.ts';
import { loadMessages } from '../../src/i18n/messages.ts';
import { draftRecord } from '../unit/storage/harness.ts';
import { appOver, NOW, realWorker } from './real-worker.ts';
import { areaMessages } from '../e2e/language-text.ts';

type Message = string | { match: Record<string, string> }[];
const read = (locale: string) => areaMessages(locale, 'shell') as Record<string, Message>;

/**
 * The English words of every shell message French says otherwise: each message's text between
 * its placeholders, long enough not to be a shared word ("Roster", "MB").
 */
function englishPieces(): string[] {
	const en = read('en');
	const fr = read('fr');
	const texts = (message: Message | undefined): string[] =>
		typeof message === 'string'
			? [message]
			: (message ?? []).flatMap((variant) => Object.values(variant.match));
	const pieces = new Set<string>();
	for (const key of Object.keys(en)) {
		if (key === '$schema') continue;
		const french = new Set(texts(fr[key]));
		for (const text of texts(en[key])) {
			if (french.has(text)) continue;
			for (const piece of text.split(/\{[^}]*\}/)) {
				if (piece.trim().length >= 4) pieces.add(piece.trim());
			}
		}
	}
	return [...pieces];
}

/** What the pro sees and hears of `elements`: their text and their labels. */
function shown(elements: Element[]): string {
	return elements
		.flatMap((el) => [
			el.textContent ?? '',
			...[el, ...el.querySelectorAll('*')].flatMap((e) =>
				['aria-label', 'title', 'placeholder'].map((name) => e.getAttribute(name) ?? ''),
			),
		])
		.join('\n');
}

function expectNoEnglish(text: string) {
	// Whole words only: "sent" is no English in "présente".
	const escape = (piece: string) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const left = englishPieces().filter((piece) =>
		new RegExp(`(?<!\\p{L})${escape(piece)}(?!\\p{L})`, 'u').test(text),
	);
	expect(left).toEqual([]);
}

beforeEach(async () => {
	await loadMessages('fr');
});

afterEach(async () => {
	await loadMessages('en');
});

const storage: StorageManagerLike = {
	persisted: async () => false,
	estimate: async () => ({ usage: 1_500_000, quota: 2_000_000_000 }),
};

async function home() {
	const worker = realWorker('i18n-shell');
	await worker.repo.create(
		draftRecord('sent', {
			name: 'Liste du printemps',
			counts: {
				rows: 1300,
				errorRows: 7,
				warningRows: 0,
				credentials: {
					unsent: 0,
					queued: 0,
					synced: 1290,
					exists: 3,
					rejected: 1,
					printed: 120,
					noticeReady: 1290,
				},
			},
		}),
	);
	const app = appOver(worker, { storage });
	render(App, { app });
	await app.boot();
	await screen.findByRole('heading', { name: 'Liste du printemps' }, { timeout: 5000 });
	return { app, user: userEvent.setup() };
}

describe('the shell in French', () => {
	it('home: the header, the draft card, storage and the footer', async () => {
		await home();
		const header = document.querySelector('header') as HTMLElement;
		expect(header).toHaveTextContent(
			'Vérifiez une liste de clients avant de l’importer et corrigez-la ligne par ligne',
		);
		expect(within(header).getByRole('button', { name: 'Paramètres' })).toBeVisible();
		const card = screen.getByRole('heading', { name: 'Liste du printemps' }).closest('li');
		if (!card) throw new Error('no card');
		// Numbers as French writes them (a no-break space between thousands), plurals chosen.
		expect(card).toHaveTextContent(/1\s300 lignes/);
		expect(card).toHaveTextContent(/1\s293 envoyés/);
		expect(card).toHaveTextContent('1 refusé par la plateforme');
		expect(card).toHaveTextContent('7 à revoir');
		expect(card).toHaveTextContent('120 fiches imprimées');
		expect(
			within(card).getByRole('button', { name: 'Supprimer Liste du printemps' }),
		).toBeVisible();
		expect(await screen.findByTestId('storage')).toHaveTextContent(
			/1,5 Mo utilisés sur 2 Go disponibles/,
		);
		expect(document.querySelector('footer')).toHaveTextContent(
			'Les données de vos clients restent sur cet appareil',
		);
		expectNoEnglish(
			shown([
				header,
				document.querySelector('footer') as Element,
				screen.getByRole('region', { name: 'Brouillons sur cet appareil' }),
				screen.getByTestId('storage'),
			]),
		);
	});

	it('Settings: passwords, sync and remembered columns', async () => {
		const { user } = await home();
		await user.click(screen.getByRole('button', { name: 'Paramètres' }));
		expect(await screen.findByRole('heading', { name: 'Paramètres', level: 2 })).toBeVisible();
		expect(screen.getByRole('button', { name: '← Retour à tous les brouillons' })).toBeVisible();
		expect(screen.getByRole('group', { name: 'Mots de passe temporaires' })).toHaveTextContent(
			/Robustesse estimée : \d+ bits \((robuste|bonne|moyenne)\)/,
		);
		const mine = [screen.getByRole('group', { name: 'Mots de passe temporaires' })];
		const remembered = await screen.findByRole('group', { name: 'Colonnes mémorisées' });
		expect(
			await within(remembered).findByText('Aucune colonne mémorisée pour l’instant.'),
		).toBeVisible();
		expectNoEnglish(
			shown([...mine, remembered, screen.getByRole('heading', { name: 'Paramètres', level: 2 })]),
		);
	});

	it('Sync settings: the fields, a refused address and a refused token', async () => {
		const backend: SyncBackend = {
			onSyncStatus: () => () => undefined,
			syncNow: async () => undefined,
			cancelSync: async () => ({
				cancelled: 0,
				uncertain: { clients: 0, ranges: [] },
				state: null,
			}),
		};
		const sync = new SyncState(
			backend,
			new SettingsRepository(openDatabase(`i18n-shell-sync-${crypto.randomUUID()}`)),
			{
				fetch: async () => new Response('{}', { status: 401 }),
				policy: () => null,
			},
		);
		render(SyncSettings, { sync });
		const user = userEvent.setup();
		const group = screen.getByRole('group', { name: 'Synchronisation avec la plateforme' });
		const address = within(group).getByRole('textbox', { name: 'Adresse de l’API d’import' });
		expect(address).toHaveAttribute('placeholder', '/api/v1 ou https://…');
		await user.type(address, 'http://platform.example/api/v1');
		await user.tab();
		expect(await within(group).findByRole('alert')).toHaveTextContent(
			'Utilisez https:// : avec http://, le jeton et les données de vos clients circuleraient en clair',
		);
		expect(within(group).getByRole('button', { name: 'Tester la connexion' })).toBeVisible();
		expectNoEnglish(shown([group]));
	});

	it('the lock screen, and a wrong passphrase said in French', async () => {
		const worker = realWorker('i18n-shell-lock');
		const state: LockStatus = { enabled: true, unlocked: false, migrating: null };
		const backend = fakeLock(state);
		const settings = new SettingsRepository(worker.pageDb);
		const appSettings = new AppSettings(settings);
		const lock = new LockState(backend, {
			reload: () => undefined,
			idleMinutes: () => 5,
			every: () => () => undefined,
		});
		const app = new AppState({
			session: new DraftSession(worker.backend, { clock: () => NOW }),
			drafts: new DraftsList(worker.repo, worker.drafts, undefined),
			repo: worker.repo,
			settings,
			appSettings,
			lock,
		});
		render(App, { app });
		void app.boot();
		const user = userEvent.setup();
		const field = await screen.findByLabelText('Phrase secrète');
		expect(screen.getByRole('heading', { name: 'Brouillons verrouillés' })).toBeVisible();
		await user.type(field, 'pas la bonne{Enter}');
		expect(
			await screen.findByText('Cette phrase secrète n’ouvre pas les brouillons de cet appareil.'),
		).toBeVisible();
		expect(screen.getByRole('button', { name: 'Déverrouiller' })).toBeVisible();
		expectNoEnglish(shown([document.querySelector('main') as Element]));
	});

	it('the lock settings: strength hints and refusals in French', async () => {
		const state: LockStatus = { enabled: false, unlocked: true, migrating: null };
		const lock = new LockState(fakeLock(state), {
			reload: () => undefined,
			idleMinutes: () => 5,
			every: () => () => undefined,
		});
		await lock.start();
		const settings = new AppSettings(
			new SettingsRepository(realWorker('i18n-shell-lockset').pageDb),
		);
		render(LockSettings, { lock, settings });
		const user = userEvent.setup();
		const group = screen.getByRole('group', { name: 'Verrouiller cet appareil' });
		await user.type(screen.getByLabelText('Nouvelle phrase secrète'), 'abc');
		expect(group).toHaveTextContent(
			'Trop court : ajoutez encore 9 caractères (au moins 12 ; quelques mots suffisent).',
		);
		// French typography: a no-break space before the colon, never a line break there.
		expect(group.textContent).toContain('Trop court\u00a0: ajoutez');
		await user.clear(screen.getByLabelText('Nouvelle phrase secrète'));
		await user.type(screen.getByLabelText('Nouvelle phrase secrète'), 'aaaaaaaaaaaa');
		expect(group).toHaveTextContent(
			'Faible : répétez moins les mêmes caractères ; ajoutez des majuscules, des chiffres ou des symboles, ou bien un autre mot.',
		);
		await user.click(screen.getByRole('button', { name: 'Activer le verrou' }));
		expect(group).toHaveTextContent(
			'La nouvelle phrase secrète est trop facile à deviner : répétez moins',
		);
		expectNoEnglish(shown([group]));
	});

	it('connection checks say what is wrong in French', () => {
		expect(
			explainFailure({ kind: 'status', url: 'https://x.test/health', status: 401 }, ''),
		).toEqual({
			message: 'Le serveur a refusé le jeton — vérifiez-le dans les Paramètres.',
			detail: 'HTTP 401 de https://x.test/health',
		});
		expect(
			explainFailure({ kind: 'timeout', url: 'https://x.test/health', ms: 15_000 }, '').message,
		).toBe(
			'Le serveur n’a pas répondu en 15 secondes. Vérifiez l’adresse et que le serveur fonctionne.',
		);
		expect(addressProblem('ftp://x.test')).toBe(
			'L’adresse doit commencer par https:// (et non ftp://).',
		);
	});
});

function fakeLock(state: LockStatus): LockBackend {
	return {
		status: async () => ({ ...state }),
		unlock: async () => false,
		lock: async () => undefined,
		turnOn: async () => undefined,
		turnOff: async () => true,
		changePassphrase: async () => true,
		onLocked: () => () => undefined,
	};
}
