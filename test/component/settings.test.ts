// Password and notice settings over real device storage (fake-indexeddb): the strength shown as
// the settings change, limits kept, a bad sign-in address refused, and everything kept on reload;
// the column mappings the real worker remembers, listed and forgotten.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import PasswordSettings from '../../src/ui/settings/PasswordSettings.svelte';
import NoticeSettings from '../../src/ui/settings/NoticeSettings.svelte';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { SettingsRepository } from '../../src/storage/settings.ts';
import { openDatabase } from '../../src/storage/db.ts';
import RememberedMappings from '../../src/ui/settings/RememberedMappings.svelte';
import { mappingsBackend } from '../../src/state/worker-backend.ts';
import { fileOf } from '../unit/storage/harness.ts';
import { csvText, realWorker, TODAY } from './real-worker.ts';

let dbCount = 0;

async function settingsOn(name = `settings-${++dbCount}-${crypto.randomUUID()}`) {
	const settings = new AppSettings(new SettingsRepository(openDatabase(name)));
	await settings.load();
	return { settings, name };
}

describe('PasswordSettings', () => {
	it('shows the estimated strength live and keeps the settings for next time', async () => {
		const { settings, name } = await settingsOn();
		const user = userEvent.setup();
		render(PasswordSettings, { settings });
		expect(screen.getByTestId('strength')).toHaveTextContent('85 bits (strong)');
		expect(screen.getByText(/For example:/).querySelector('code')?.textContent).toHaveLength(14);

		const length = screen.getByLabelText('Length');
		await user.clear(length);
		await user.type(length, '10');
		await user.tab();
		await waitFor(() => expect(screen.getByTestId('strength')).toHaveTextContent('61 bits (good)'));
		await user.click(screen.getByLabelText(/^Symbols/));
		await waitFor(() => expect(screen.getByTestId('strength')).toHaveTextContent('58 bits (fair)'));

		const again = await settingsOn(name);
		expect(again.settings.password).toMatchObject({ length: 10, symbols: false });
	});

	it('never goes below 8 characters or down to no kind of character', async () => {
		const { settings } = await settingsOn();
		const user = userEvent.setup();
		render(PasswordSettings, { settings });
		const length = screen.getByLabelText('Length');
		await user.clear(length);
		await user.type(length, '4');
		await user.tab();
		// Refused with the reason at the field (settings-messages.test.ts), the length kept.
		expect(await screen.findByRole('alert')).toHaveTextContent(/^At least 8 characters/);
		expect(settings.password.length).toBe(14);
		for (const label of [/^Capital/, /^Small/, /^Digits/])
			await user.click(screen.getByLabelText(label));
		// Symbols are the last kind left: that box cannot be unticked.
		expect(screen.getByLabelText(/^Symbols/)).toBeDisabled();
		expect(settings.password.symbols).toBe(true);
	});
});

describe('NoticeSettings', () => {
	it('previews the notice, refuses a sign-in address that is not a web address', async () => {
		const { settings, name } = await settingsOn();
		const user = userEvent.setup();
		render(NoticeSettings, { settings });
		await user.type(screen.getByLabelText('Practice name'), 'Harbour Physio');
		await user.tab();
		await waitFor(() =>
			expect(screen.getByLabelText('Preview of a notice')).toHaveTextContent('Harbour Physio'),
		);
		await user.type(screen.getByLabelText(/^Sign-in address/), 'javascript:alert(1)');
		await user.tab();
		expect(await screen.findByRole('alert')).toHaveTextContent(
			'Start the address with https://, e.g. https://app.example.com',
		);
		expect(settings.notice.signInUrl).toBe('');

		const message = screen.getByLabelText('Message');
		await user.clear(message);
		await user.click(message);
		await user.paste('Hi {first_name}, see {clinic_hours}');
		await user.tab();
		expect(await screen.findByText(/Not a placeholder/)).toHaveTextContent('{clinic_hours}');
		expect((await settingsOn(name)).settings.notice.practiceName).toBe('Harbour Physio');
	});
});

describe('RememberedMappings', () => {
	it('lists the remembered columns with their header row, and forgets one', async () => {
		const worker = realWorker('settings');
		const header = ['Contact', 'Prénom', 'Nom'];
		await worker.worker.client.call('import', {
			file: fileOf(csvText([['ann@example.com', 'Ann', 'Lee']], header)),
			name: 'contacts.csv',
			lastModified: 0,
			today: TODAY,
			columns: {
				how: 'confirmed',
				mapping: { columns: ['email_address', 'first_name', 'last_name'], fill: {} },
			},
		});
		const settings = new AppSettings(
			new SettingsRepository(worker.pageDb),
			mappingsBackend(worker.worker.client),
		);
		const user = userEvent.setup();
		render(RememberedMappings, { settings });
		const group = await screen.findByRole('group', { name: 'Remembered columns' });
		expect(await within(group).findByText('Contact, Prénom, Nom')).toBeInTheDocument();
		expect(group).toHaveTextContent(/Saved /);

		await user.click(within(group).getByRole('button', { name: /Forget .*Contact, Prénom, Nom/ }));
		expect(await within(group).findByText('No remembered columns yet.')).toBeInTheDocument();
		expect(await worker.worker.client.call('mappings', {})).toEqual([]);
	});
});
