// The import screens in French: the file picker, the paste box, the progress line and the
// mapping step (over the real worker) speak French, none of their English is left, and the
// pro's own headers and values stay exactly as the file wrote them.
import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../../src/ui/App.svelte';
import FilePicker from '../../src/ui/FilePicker.svelte';
import ImportProgress from '../../src/ui/ImportProgress.svelte';
import PasteCells from '../../src/ui/PasteCells.svelte';
import type { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { formatNumber } from '../../src/i18n/format.ts';
import { loadMessages } from '../../src/i18n/messages.ts';
import { areaMessages } from '../e2e/language-text.ts';
import { appOver, csvText, realWorker } from './real-worker.ts';

const NBSP = '\u00a0';

type MessageFile = Record<string, unknown>;
const messages = (locale: string): MessageFile => areaMessages(locale, 'import');

/**
 * The area's English sentences French writes differently: plain messages of two words or more
 * (a single word such as "Import" hides inside "Importer").
 */
const ENGLISH = ((): string[] => {
	const en = messages('en');
	const fr = messages('fr');
	return Object.entries(en)
		.filter(([key, value]) => key !== '$schema' && typeof value === 'string')
		.map(([key, value]) => [value as string, fr[key]] as const)
		.filter(([value, french]) => value !== french && !value.includes('{') && value.includes(' '))
		.map(([value]) => value);
})();

/** What the pro sees or hears on the page: text and the attributes read aloud or shown. */
function shownText(): string {
	const parts = [document.body.textContent ?? ''];
	for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
		for (const name of ['aria-label', 'title', 'placeholder', 'alt'])
			parts.push(el.getAttribute(name) ?? '');
	return parts.join('\n');
}

const englishLeft = () => ENGLISH.filter((text) => shownText().includes(text));

beforeEach(async () => {
	await loadMessages('fr');
});

afterEach(async () => {
	await loadMessages('en');
});

describe('the import screens in French', () => {
	it('the file picker offers the file, the template and its notes in French', () => {
		// The check below has English to look for.
		expect(ENGLISH.length).toBeGreaterThan(30);
		render(FilePicker, { onfile: () => undefined });
		expect(screen.getByRole('heading', { name: 'Vérifier une liste de clients' })).toBeVisible();
		expect(screen.getByLabelText('Choisir un fichier CSV ou un classeur')).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Télécharger le modèle' })).toHaveAttribute(
			'download',
			'roster-template.csv',
		);
		expect(screen.getByText('Comment remplir le modèle')).toBeInTheDocument();
		// The example row's address is file content: it stays as the template writes it.
		expect(document.body.textContent).toContain(
			`La ligne 2 est un exemple (Example, example.client@example.com)${NBSP}:`,
		);
		expect(englishLeft()).toEqual([]);
	});

	it('the progress line counts in French, with French numbers', () => {
		const progress = { fileName: 'clients.csv', percent: 45, rowsRead: 12000, savedRows: 10000 };
		const session = { progress, cancel: () => undefined } as unknown as DraftSession;
		render(ImportProgress, { session });
		expect(screen.getByRole('heading', { name: 'Lecture de clients.csv…' })).toBeVisible();
		expect(document.body.textContent).toContain(
			`45${NBSP}% · ${formatNumber(12000)} lignes vérifiées · ${formatNumber(10000)} enregistrées`,
		);
		expect(formatNumber(12000)).not.toBe('12,000');
		expect(screen.getByRole('button', { name: 'Annuler' })).toBeVisible();
	});

	it('the paste box says what was pasted, in French plurals', async () => {
		// jsdom has no modal dialogs: opening one shows it, closing hides it.
		const proto = HTMLDialogElement.prototype;
		proto.showModal = function (this: HTMLDialogElement) {
			this.open = true;
		};
		proto.close = function (this: HTMLDialogElement) {
			this.open = false;
		};
		const user = userEvent.setup();
		render(PasteCells, { onpaste: () => undefined });
		await user.click(screen.getByRole('button', { name: 'Coller des cellules' }));
		const dialog = screen.getByRole('dialog', { name: 'Coller des cellules' });
		expect(within(dialog).getByTestId('paste-shape')).toHaveTextContent('Rien n’est encore collé.');
		await user.click(within(dialog).getByRole('button', { name: 'Utiliser ces cellules' }));
		expect(within(dialog).getByRole('alert')).toHaveTextContent(/^Collez d’abord les cellules/);
		await user.click(within(dialog).getByLabelText('Cellules'));
		await user.paste('Prénom\tNom\tCourriel\nAnn\tLee\tann@example.com');
		expect(within(dialog).getByTestId('paste-shape')).toHaveTextContent('2 lignes de 3 cellules');
		expect(englishLeft()).toEqual([]);
	});

	it('the mapping step speaks French and keeps the file’s own headers', async () => {
		const worker = realWorker('i18n-import');
		const app = appOver(worker);
		render(App, { app });
		await app.boot();
		const user = userEvent.setup();
		const text = csvText(
			[
				['ann@example.com', 'Ann', 'Lee', '19811120', 'female', 'Hb4#Yq8!Nz2k', 'VIP'],
				['bo@example.com', 'Bo', 'Ng', '19790302', 'male', 'Kq7$Rt3!Mw9p', ''],
			],
			['Contact', 'Prénom', 'Nom', 'Date de naissance', 'Sexe', 'Mot de passe', 'Remarques'],
		);
		await user.upload(
			screen.getByLabelText('Choisir un fichier CSV ou un classeur'),
			new File([text], 'clients.csv'),
		);
		await screen.findByRole('heading', { name: 'Associer les colonnes de clients.csv' });
		const list = screen.getByRole('list', { name: 'Colonnes du fichier' });
		const selects = within(list).getAllByRole('combobox');
		expect(selects[0]).toHaveAccessibleName('Colonne A · Contact');
		expect(selects[1]).toHaveAccessibleName('Colonne B · Prénom');
		expect(selects[6]).toHaveAccessibleName('Colonne G · Remarques');
		expect(selects[0]).toHaveAccessibleDescription(
			`Ressemble à des adresses e-mail${NBSP}: 100${NBSP}% des cellules`,
		);
		expect(selects[1]).toHaveAccessibleDescription(`Mot français pour «${NBSP}prénom${NBSP}»`);
		expect(selects[6]).toHaveValue('');
		expect(selects[6]?.closest('li')?.textContent).toContain(
			`Non importée${NBSP}; conservée dans le fichier à revoir.`,
		);
		// Another column's field says which column has it.
		expect(
			within(selects[6] as HTMLElement).getByRole('option', { name: /^Adresse e-mail/ }),
		).toHaveTextContent('Adresse e-mail (email_address) — déjà pris par la colonne A');
		expect(within(selects[6] as HTMLElement).getByRole('option', { name: 'Ne pas importer' }));

		// Gender left out: the missing required field asks in French.
		await user.selectOptions(selects[4] as HTMLElement, '');
		const missing = screen.getByRole('group', { name: 'Aucune colonne pour gender' });
		await user.click(within(missing).getByLabelText('Même valeur pour toutes les lignes'));
		const value = within(missing).getByLabelText('Sexe pour toutes les lignes');
		expect(within(value).getByRole('option', { name: 'femme (female)' })).toHaveValue('female');
		expect(screen.getByRole('heading', { name: 'Colonnes obligatoires absentes du fichier' }));

		expect(screen.getByRole('button', { name: 'Importer' })).toBeEnabled();
		expect(screen.getByRole('button', { name: 'Annuler' })).toBeVisible();
		expect(englishLeft()).toEqual([]);
	});
});
