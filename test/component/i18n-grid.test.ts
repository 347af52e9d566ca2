// The draft grid and the problems panel in French, over the real draft worker: column titles,
// cell words, the row's problems and fixes, the draft's problems, Next problem and the grid's
// notes speak French, and none of the grid area's English is left in them. Issue texts and titles
// come from the core area (issueText / issueTitle): they are set aside here.
import 'fake-indexeddb/auto';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { loadMessages } from '../../src/i18n/messages.ts';
import { englishFragments, shown } from './english-left.ts';
import { issueText, issueTitle } from '../../src/i18n/issue-text.ts';
import type { IssueCode } from '../../src/core/issues.ts';
import { areaMessages } from '../e2e/language-text.ts';
import { appOver, NOW, client, csvText, realWorker } from './real-worker.ts';

const en = areaMessages('en', 'grid');
const fr = areaMessages('fr', 'grid');

const NB = '\u00a0';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Row 3's email has capitals (a certain fix), row 5 has no birthdate; rows 2 and 4 are ready. */
const CLIENTS = [
	client(2, { first_name: 'Ana' }),
	client(3, { email_address: 'Bo@Example.com', first_name: 'Bo' }),
	client(4, { first_name: 'Cy' }),
	client(5, { first_name: 'Di', birthdate: '' }),
];

async function setup() {
	const worker = realWorker('i18n-grid');
	const id = await worker.seed(csvText(CLIENTS));
	const session = new DraftSession(worker.backend, { clock: () => NOW });
	const app = appOver(worker, { session });
	render(DraftScreen, { app });
	await app.openDraft(id);
	await screen.findByRole('checkbox', { name: 'Sélectionner la ligne 5' }, { timeout: 5000 });
	return { session, user: userEvent.setup() };
}

const panel = (): HTMLElement => screen.getByRole('complementary', { name: 'Problèmes' });

/** The grid cell of spreadsheet row `row` (view position row − 2) in column `key`. */
function cellAt(row: number, key: string): HTMLElement {
	const cell = document.querySelector<HTMLElement>(`[data-pos="${row - 2}"][data-key="${key}"]`);
	if (!cell) throw new Error(`No ${key} cell on row ${row}`);
	return cell;
}

/** A copy (Ctrl+C) where the keyboard is, with a clipboard that keeps what is put on it. */
function copyFrom(el: Element | null): Map<string, string> {
	const data = new Map<string, string>();
	const clipboardData = {
		setData: (type: string, value: string) => void data.set(type, value),
		getData: (type: string) => data.get(type) ?? '',
	};
	if (el) fireEvent.copy(el, { clipboardData });
	return data;
}

describe('the draft grid and the problems panel in French', () => {
	beforeEach(async () => {
		await loadMessages('fr');
	});
	afterEach(async () => {
		await loadMessages('en');
	});

	it('shows French column titles, cell words, problems and fixes, and no English of its own', async () => {
		const { session, user } = await setup();
		const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.trim());
		expect(headers).toEqual([
			'Ligne',
			'État',
			'E-mail',
			'Mot de passe',
			'Prénom',
			'Nom',
			'Naissance',
			'Sexe',
			'Plateforme',
			'Fiche',
		]);
		expect(screen.getByRole('grid', { name: 'Clients de ce brouillon' })).toBeVisible();
		expect(cellAt(5, 'status')).toHaveTextContent('1 erreur');
		expect(cellAt(2, 'status')).toHaveTextContent('OK');
		expect(cellAt(2, 'platform')).toHaveTextContent('Non envoyée');
		expect(cellAt(2, 'notice')).toHaveTextContent('Non imprimée');
		expect(cellAt(2, 'initial_password')).toHaveTextContent('du fichier');
		const reveal = within(cellAt(2, 'initial_password')).getByRole('button', {
			name: 'Voir le mot de passe, ligne 2',
		});
		expect(reveal).toHaveTextContent('Voir');

		const all = within(panel());
		expect(all.getByRole('heading', { name: 'Tous les problèmes' })).toBeVisible();
		expect(await all.findByRole('button', { name: 'Tout corriger (1)' })).toBeVisible();

		// Row 3: its problem under its column's name, its certain fix, and Edit.
		await user.click(cellAt(3, 'email_address'));
		const row = within(panel());
		expect(await row.findByRole('heading', { name: 'Ligne 3' })).toBeVisible();
		expect(row.getByRole('button', { name: `Modifier${NB}: adresse e-mail` })).toBeVisible();
		expect(row.getByRole('button', { name: 'Corriger en bo@example.com' })).toBeVisible();

		await user.click(row.getByRole('button', { name: `Modifier${NB}: adresse e-mail` }));
		const editor = await screen.findByRole('textbox', { name: 'E-mail, ligne 3' });
		await user.keyboard('{Escape}');
		await waitFor(() => expect(editor).not.toBeInTheDocument());

		await user.click(row.getByRole('button', { name: 'Corriger en bo@example.com' }));
		expect(await row.findByText('Ligne 3 corrigée.')).toBeVisible();
		expect(row.getByRole('button', { name: 'Annuler' })).toBeVisible();

		// Next problem: row 5's birthdate, the only one left.
		const nav = screen.getByRole('group', { name: 'Aller à un problème' });
		await user.click(within(nav).getByRole('button', { name: 'Problème suivant' }));
		await waitFor(() => expect(document.activeElement).toBe(cellAt(5, 'birthdate')));
		await user.click(within(nav).getByRole('button', { name: 'Problème suivant' }));
		await waitFor(() =>
			expect(within(nav).getByRole('status')).toHaveTextContent('C’est le seul problème restant.'),
		);
		await user.keyboard('{Enter}');
		expect(await screen.findByRole('textbox', { name: 'Naissance, ligne 5' })).toHaveAttribute(
			'placeholder',
			'AAAAMMJJ',
		);
		await user.keyboard('{Escape}');

		// The issue texts and titles are the core area's: set aside before looking for English.
		const issueWords = new Set<string>();
		for (let p = 0; p < session.draft.total; p++)
			for (const issue of session.rows.at(p)?.issues ?? []) issueWords.add(issueText(issue));
		for (const c of session.draft.state?.counts.codes ?? [])
			issueWords.add(issueTitle(c.code as IssueCode));
		let text = shown([document.querySelector('.draft-grid') as Element, panel(), nav as Element]);
		for (const words of issueWords) text = text.split(words).join('');
		const left = englishFragments(en, fr, (part) => part.trim().replace(/^[;:,.]\s*/, '')).filter(
			(words) => new RegExp(`(^|[^\\p{L}])${escape(words)}([^\\p{L}]|$)`, 'u').test(text),
		);
		expect(left).toEqual([]);
	});

	it('says what a copy did and refused in French', async () => {
		const { session, user } = await setup();
		await user.click(cellAt(2, 'initial_password'));
		await waitFor(() => expect(document.activeElement).toBe(cellAt(2, 'initial_password')));
		copyFrom(document.activeElement);
		expect(session.grid.note).toBe(
			`Rien de copié${NB}: le mot de passe de la ligne 2 est masqué. Affichez-le (ou «${NB}Afficher les mots de passe${NB}») pour le copier, ou laissez la colonne Mot de passe de côté.`,
		);
		await user.click(cellAt(2, 'first_name'));
		await waitFor(() => expect(document.activeElement).toBe(cellAt(2, 'first_name')));
		expect(copyFrom(document.activeElement).get('text/plain')).toBe('Ana');
		await waitFor(() => expect(session.messages.announcement).toBe('1 cellule copiée.'));
	});
});
