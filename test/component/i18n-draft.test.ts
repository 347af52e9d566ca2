// The draft screen's chrome in French, over the real draft worker: the bar (counts, save state,
// how the file was read, the File menu), the row of actions (toolbar, passwords, platform), the
// Find and replace dialog and the sync texts speak French, and none of the draft area's English
// is left in them. Issue texts and titles come from the core area (issueText / issueTitle) and
// the grid's column names from the grid area: they are set aside here.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import { AppState } from '../../src/state/app.svelte.ts';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { DraftsList } from '../../src/state/drafts-list.svelte.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { cancelledText, SyncState, type SyncBackend } from '../../src/state/sync.svelte.ts';
import { mappingsBackend } from '../../src/state/worker-backend.ts';
import { SettingsRepository } from '../../src/storage/settings.ts';
import { loadMessages } from '../../src/i18n/messages.ts';
import { englishFragments, shown } from './english-left.ts';
import { issueTitle } from '../../src/i18n/issue-text.ts';
import { timeoutMessage } from '../../src/worker/call-limits.ts';
import { BULK_FIELDS } from '../../src/worker/protocol.ts';
import { fieldLabel } from '../../src/ui/grid/grid-clipboard.ts';
import type { IssueCode } from '../../src/core/issues.ts';
import { areaMessages } from '../e2e/language-text.ts';
import { NOW, client, csvText, realWorker } from './real-worker.ts';
import { withDialogs } from './dialogs.ts';

const en = areaMessages('en', 'draft');
const fr = areaMessages('fr', 'draft');

const NB = '\u00a0';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Row 3's email has capitals (a certain fix), row 5 has no birthdate; rows 2 and 4 are ready. */
const CLIENTS = [
	client(2, { first_name: 'Ana' }),
	client(3, { email_address: 'Bo@Example.com', first_name: 'Bo' }),
	client(4, { first_name: 'Cy' }),
	client(5, { first_name: 'Di', birthdate: '' }),
];

const idle: SyncBackend = {
	onSyncStatus: () => () => undefined,
	syncNow: async () => undefined,
	cancelSync: async () => ({ cancelled: 0, uncertain: { clients: 0, ranges: [] }, state: null }),
};

/** The draft screen as src/main.ts wires it, with sync not set up yet. */
async function setup() {
	const worker = realWorker('i18n-draft');
	const id = await worker.seed(csvText(CLIENTS));
	const session = new DraftSession(worker.backend, { clock: () => NOW });
	const settings = new SettingsRepository(worker.pageDb);
	const app = new AppState({
		session,
		drafts: new DraftsList(worker.repo, worker.drafts, undefined),
		repo: worker.repo,
		settings,
		appSettings: new AppSettings(settings, mappingsBackend(worker.worker.client)),
		sync: new SyncState(idle, settings),
	});
	render(DraftScreen, { app });
	await app.openDraft(id);
	await screen.findByTestId('summary', {}, { timeout: 5000 });
	return { session, user: userEvent.setup() };
}

function englishIn(text: string): string[] {
	return englishFragments(en, fr, (part) =>
		part
			.trim()
			.replace(/^[;:,.·—()←]+\s*/, '')
			.replace(/[\s(]+$/, ''),
	).filter((words) => new RegExp(`(^|[^\\p{L}])${escape(words)}([^\\p{L}]|$)`, 'u').test(text));
}

describe('the draft screen in French', () => {
	let restore = (): void => undefined;
	beforeEach(async () => {
		await loadMessages('fr');
		restore = withDialogs();
	});
	afterEach(async () => {
		restore();
		await loadMessages('en');
	});

	it('shows the bar, the actions, the menus and Find and replace in French, with no English of its own', async () => {
		const { session, user } = await setup();
		const bar = screen.getByRole('region', { name: session.draft.info?.name ?? '' });
		expect(screen.getByTestId('summary')).toHaveTextContent(
			'2 clients prêts · 2 à revoir · 0 ligne avec avertissements seulement',
		);
		expect(screen.getByTestId('file-reading')).toHaveTextContent(
			'clients.csv, lu en UTF-8, séparé par des virgules.',
		);
		expect(within(bar).getByRole('button', { name: '← Tous les brouillons' })).toBeVisible();

		// The File menu: its downloads, counted in French.
		await user.click(within(bar).getByRole('button', { name: /^Fichier/ }));
		expect(
			within(bar).getByRole('button', { name: 'Télécharger le CSV propre (2 clients)' }),
		).toBeVisible();
		expect(
			within(bar).getByRole('button', { name: 'Télécharger les lignes à revoir (2)' }),
		).toBeVisible();

		// The toolbar: its filter, search and buttons.
		const toolbar = screen.getByRole('toolbar', { name: 'Actions du brouillon' });
		const show = within(toolbar).getByRole('combobox', { name: 'Afficher' });
		expect(within(show).getByRole('option', { name: 'Toutes les lignes (4)' })).toBeInTheDocument();
		expect(
			within(show).getByRole('option', { name: 'Lignes avec erreurs (2)' }),
		).toBeInTheDocument();
		expect(within(toolbar).getByRole('searchbox', { name: 'Rechercher' })).toHaveAttribute(
			'placeholder',
			'Nom, e-mail…',
		);
		expect(within(toolbar).getByRole('button', { name: 'Ajouter une ligne' })).toBeVisible();
		expect(within(toolbar).getByRole('button', { name: 'Annuler' })).toBeDisabled();

		// The passwords and the platform: their menus open in French.
		const passwords = screen.getByRole('region', { name: 'Mots de passe et fiches' });
		await user.click(within(passwords).getByRole('button', { name: /^Mots de passe/ }));
		expect(
			within(passwords).getByRole('button', { name: 'Retirer les mots de passe de cet appareil…' }),
		).toBeVisible();
		expect(within(passwords).getByTestId('credential-summary')).toHaveTextContent(
			/0 mot de passe créé par Roster · 0 fiche imprimée sur 2/,
		);
		const platform = screen.getByRole('region', { name: 'Plateforme' });
		expect(within(platform).getByRole('button', { name: 'Configurer l’envoi' })).toBeVisible();
		await user.click(within(platform).getByRole('button', { name: /^Plateforme/ }));
		expect(within(platform).getByTestId('sync-status')).toHaveTextContent(
			'Rien n’a encore été envoyé.',
		);

		// Find and replace: its count before replacing, then what it did.
		await user.click(within(toolbar).getByRole('button', { name: 'Rechercher et remplacer' }));
		const dialog = await screen.findByRole('dialog', { name: 'Rechercher et remplacer' });
		expect(within(dialog).getByRole('status')).toHaveTextContent(
			'Saisissez le texte à rechercher.',
		);
		await user.type(within(dialog).getByRole('textbox', { name: 'Rechercher' }), 'Example');
		await user.type(within(dialog).getByRole('textbox', { name: 'Remplacer par' }), 'example');
		await waitFor(() =>
			expect(within(dialog).getByRole('status')).toHaveTextContent(
				'1 cellule sur 1 ligne va changer.',
			),
		);
		await user.click(within(dialog).getByRole('button', { name: 'Tout remplacer' }));
		await waitFor(() =>
			expect(session.messages.announcement).toBe(
				'1 cellule remplacée sur 1 ligne. Annuler la rétablit.',
			),
		);
		await waitFor(() =>
			expect(
				within(toolbar).getByRole('button', {
					name: `Annuler${NB}: Remplacer 'Example' par 'example' dans 1 cellule`,
				}),
			).toBeEnabled(),
		);
		expect(screen.getByTestId('save-status')).toHaveTextContent('Enregistré');

		// No English of the draft area left: issue titles (core) and field names (grid) set aside.
		let text = shown([bar, toolbar, passwords, platform, dialog]);
		const theirs = [
			...(session.draft.state?.counts.codes ?? []).map((c) => issueTitle(c.code as IssueCode)),
			...BULK_FIELDS.map((f) => fieldLabel(f)),
		];
		for (const words of theirs) text = text.split(words).join('');
		expect(englishIn(text)).toEqual([]);
	});

	it('says what sending, cancelling and a time-out did in French', () => {
		expect(
			cancelledText({
				cancelled: 40,
				uncertain: { clients: 25, ranges: [[2, 26]] },
				state: null,
			}),
		).toBe(
			`Envoi annulé${NB}: 40 clients ne sont pas envoyés et peuvent de nouveau être modifiés. La plateforme a peut-être déjà 25 clients (lignes 2–26) (envoyés, mais sans réponse)${NB}: vérifiez sur la plateforme avant de renvoyer.`,
		);
		expect(timeoutMessage('edit', 120_000)).toBe(
			`L’enregistrement de votre modification a pris plus de 2 minutes${NB}: Roster a cessé d’attendre. L’opération a peut-être été enregistrée, ou non${NB}: vérifiez le brouillon, puis réessayez. Si Roster reste bloqué, rechargez la page${NB}: votre travail enregistré est conservé.`,
		);
	});
});
