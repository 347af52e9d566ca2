// The draft header's line on how the file was read follows the date order the pro chooses, and
// its undo (it showed the order the draft was opened with until the draft was opened again); the
// columns matched under other names, and the Columns button that imports the file again.
import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import { appOver, client, csvText, realWorker } from './real-worker.ts';

it('says how ambiguous dates are read once the pro chooses, and no more after Undo', async () => {
	const worker = realWorker('draft-header');
	const id = await worker.seed(csvText([client(2, { birthdate: '03/04/1990' }), client(3)]));
	const app = appOver(worker);
	render(DraftScreen, { app });
	await app.openDraft(id);
	const how = await screen.findByText(/read as UTF-8, comma-separated/);
	expect(how.textContent).not.toMatch(/ambiguous dates/);
	const user = userEvent.setup();

	await user.click(await screen.findByRole('button', { name: /Day first/ }));
	await expect.poll(() => how.textContent).toMatch(/; ambiguous dates read day-first\.$/);
	expect((await worker.stored(id))[0]?.birthdate).toBe('19900403');

	await user.click(screen.getByRole('button', { name: /^Undo/ }));
	await expect.poll(() => how.textContent).not.toMatch(/ambiguous dates/);
	expect((await worker.stored(id))[0]?.birthdate).toBe('03/04/1990');
});

/** A French clinic's export: every column matched by its French name, so no step. */
const FRENCH = csvText(
	[client(2), client(3, { gender: 'male' })],
	['Courriel', 'Mot de passe', 'Prénom', 'Nom', 'Date de naissance', 'Sexe'],
);

describe('the columns of an open draft', () => {
	it('lists the columns matched under other names, folded to one line until shown', async () => {
		const worker = realWorker('draft-header');
		const app = appOver(worker);
		render(DraftScreen, { app });
		await app.chooseFile(new File([FRENCH], 'clinique.csv'));
		const note = await screen.findByTestId('columns-note');
		expect(note).toHaveTextContent(
			'Columns matched: Courriel → email_address, Mot de passe → initial_password, Prénom → first_name, Nom → last_name, Date de naissance → birthdate, Sexe → gender',
		);
		const user = userEvent.setup();
		// The columns are told under the File menu.
		await user.click(screen.getByRole('button', { name: 'File' }));
		const show = within(note).getByRole('button', { name: /^Show/ });
		expect(show).toHaveAttribute('aria-expanded', 'false');
		await user.click(show);
		expect(within(note).getByRole('button', { name: /^Hide/ })).toHaveAttribute(
			'aria-expanded',
			'true',
		);
	});

	it('opens the step on the draft’s columns and imports the file again in its place', async () => {
		const worker = realWorker('draft-header');
		const app = appOver(worker);
		render(DraftScreen, { app });
		await app.chooseFile(new File([FRENCH], 'clinique.csv'));
		const user = userEvent.setup();
		await user.click(await screen.findByRole('button', { name: 'File' }));
		await user.click(screen.getByRole('button', { name: 'Columns' }));
		const sexe = await screen.findByRole('combobox', { name: 'Column F · Sexe' });
		expect(sexe).toHaveValue('gender');
		await user.selectOptions(sexe, '');
		await user.click(screen.getByRole('button', { name: 'Import' }));
		expect(await screen.findByTestId('summary')).toHaveTextContent('0 clients ready');
		const [first, second] = worker.backend.imported.map((o) => o.draft.id);
		expect(worker.backend.importOptions[1]).toMatchObject({
			replace: first,
			columns: { how: 'confirmed', mapping: { fill: { gender: '' } } },
		});
		// The new draft replaced the first: one draft on the device.
		expect((await worker.repo.list()).map((d) => d.id)).toEqual([second]);
	});

	it('asks for the file again when the page no longer has it (after a reload)', async () => {
		const worker = realWorker('draft-header');
		const id = await worker.seed(FRENCH, 'clinique.csv');
		const app = appOver(worker);
		render(DraftScreen, { app });
		await app.openDraft(id);
		const user = userEvent.setup();
		await user.click(await screen.findByRole('button', { name: 'File' }));
		await user.click(screen.getByRole('button', { name: 'Columns' }));
		await screen.findByRole('combobox', { name: 'Column A · Courriel' });
		expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
		await user.upload(
			screen.getByLabelText(/Choose the file again to import it with these columns/),
			new File([FRENCH], 'clinique.csv'),
		);
		await user.click(screen.getByRole('button', { name: 'Import' }));
		expect(await screen.findByTestId('summary')).toHaveTextContent('2 clients ready');
		expect(worker.backend.importOptions[0]?.replace).toBe(id);
		expect((await worker.repo.list()).map((d) => d.id)).not.toContain(id);
	});
});
