// Settings as the pro meets it: one tap away from every screen, connection checks that say in
// plain words what is wrong and what to do (the technical detail apart, in smaller text), and a
// value that cannot be used refused at its field with the reason, never silently ignored.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/ui/App.svelte';
import PasswordSettings from '../../src/ui/settings/PasswordSettings.svelte';
import SyncSettings from '../../src/ui/settings/SyncSettings.svelte';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { SyncState, type SyncBackend } from '../../src/state/sync.svelte.ts';
import { SettingsRepository } from '../../src/storage/settings.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { APP_CSP } from '../../server/csp.ts';
import { appOver, client, csvText, realWorker } from './real-worker.ts';

const repoOf = () => new SettingsRepository(openDatabase(`settings-msg-${crypto.randomUUID()}`));

/** The describedby text of a field: what a screen reader reads after its name. */
function description(field: HTMLElement): string {
	const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
	return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ');
}

describe('Settings from every screen', () => {
	it('is in the header on home, on a draft and on the notices', async () => {
		const worker = realWorker('settings-everywhere');
		const app = appOver(worker);
		render(App, { app });
		await app.boot();
		const user = userEvent.setup();
		const openSettings = async () => {
			const header = within(screen.getByRole('navigation', { name: 'App' }));
			await user.click(header.getByRole('button', { name: 'Settings' }));
			expect(await screen.findByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
			// On Settings itself there is none: the way out is Back.
			expect(header.queryByRole('button', { name: 'Settings' })).toBeNull();
		};

		await openSettings();
		app.backToDraft();
		await app.importFile(new File([csvText([client(2)])], 'Autumn.csv'));
		expect(await screen.findByTestId('summary')).toBeVisible();
		expect(app.screen).toBe('draft');
		await openSettings();
		app.backToDraft();
		await waitFor(() => expect(app.screen).toBe('draft'));
		await app.openNotices('all');
		expect(app.screen).toBe('notices');
		await openSettings();
	});
});

describe('Temporary password length', () => {
	it('refuses 4 at the field, saying why, and keeps making 14-character passwords', async () => {
		const settings = new AppSettings(repoOf());
		await settings.load();
		const user = userEvent.setup();
		render(PasswordSettings, { settings });
		const length = screen.getByLabelText('Length');
		await user.clear(length);
		await user.type(length, '4');
		await user.tab();
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent(
			'At least 8 characters: the platform refuses shorter passwords. Passwords are still made with 14 characters.',
		);
		expect(length).toHaveAttribute('aria-invalid', 'true');
		expect(description(length)).toMatch(/^At least 8 characters/);
		// What was typed stays in view beside the reason; the setting kept is the old one.
		expect(length).toHaveValue(4);
		expect(settings.password.length).toBe(14);
		expect(screen.getByText(/For example:/).querySelector('code')?.textContent).toHaveLength(14);

		await user.clear(length);
		await user.type(length, '12');
		await user.tab();
		await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
		expect(length).not.toHaveAttribute('aria-invalid');
		expect(settings.password.length).toBe(12);
	});
});

const backend: SyncBackend = {
	onSyncStatus: () => () => undefined,
	syncNow: async () => undefined,
	cancelSync: async () => ({ cancelled: 0, uncertain: { clients: 0, ranges: [] }, state: null }),
};

function syncWith(fetch: typeof globalThis.fetch, policy: string | null = null) {
	const sync = new SyncState(backend, repoOf(), { fetch, policy: () => policy });
	render(SyncSettings, { sync });
	return { sync, user: userEvent.setup() };
}

const json = (body: unknown, status = 200) =>
	new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('Sync settings', () => {
	it('refuses an address without https:// and an empty token at their fields', async () => {
		const { sync, user } = syncWith(async () => json({}));
		const address = screen.getByLabelText('Import API address');
		await user.type(address, 'http://platform.example/api/v1');
		await user.tab();
		expect(await screen.findByRole('alert')).toHaveTextContent(
			'Use https://: over http:// the token and your clients’ details would travel unencrypted',
		);
		expect(address).toHaveAttribute('aria-invalid', 'true');
		expect(description(address)).toMatch(/^Use https:\/\//);
		expect(sync.settings.baseUrl).toBe('');
		// Saving the other field leaves the refused address in view, beside its reason.
		const token = screen.getByLabelText('Access token');
		await user.type(token, 'abc');
		await user.tab();
		await waitFor(() => expect(sync.settings.token).toBe('abc'));
		expect(address).toHaveValue('http://platform.example/api/v1');
		expect(address).toHaveAttribute('aria-invalid', 'true');

		await user.clear(address);
		await user.type(address, 'https://platform.example/api/v1');
		await user.tab();
		await waitFor(() => expect(sync.settings.baseUrl).toBe('https://platform.example/api/v1'));
		expect(address).not.toHaveAttribute('aria-invalid');

		await user.clear(token);
		await user.tab();
		expect(await screen.findByRole('alert')).toHaveTextContent(
			'Enter the access token the platform gave you with the address.',
		);
		expect(token).toHaveAttribute('aria-invalid', 'true');
		expect(description(token)).toMatch(/^Enter the access token/);
		expect(sync.settings.token).toBe('abc');
	});

	it('warns at the field when Roster’s security policy will not let it reach another site', async () => {
		const { sync, user } = syncWith(async () => json({}), APP_CSP);
		await user.type(screen.getByLabelText('Import API address'), 'https://platform.example/api/v1');
		await user.tab();
		expect(await screen.findByRole('status')).toHaveTextContent(
			/^Roster may only connect to the address it was opened from \(http:\/\/localhost:\d+\)\./,
		);
		// Kept: a deployment may allow that site.
		expect(sync.settings.baseUrl).toBe('https://platform.example/api/v1');
	});

	it('says the token was refused, with the status as detail in smaller text', async () => {
		const { sync, user } = syncWith(async (input) =>
			String(input).endsWith('/health')
				? json({ ok: true, version: '1.0.0' })
				: json({ error: { code: 'unauthorized', message: 'Invalid token' } }, 401),
		);
		sync.settings = { baseUrl: '/api/v1', token: 'wrong' };
		await user.click(screen.getByRole('button', { name: 'Test connection' }));
		const result = await screen.findByTestId('connection-result');
		expect(within(result).getByText(/^The server refused the token/)).toHaveTextContent(
			'The server refused the token — check it in Settings.',
		);
		expect(within(result).getByText(/^Details:/)).toHaveTextContent(
			/^Details: HTTP 401 from http:\/\/localhost:\d+\/api\/v1\/tags: Invalid token$/,
		);
	});

	it('says no server answers when nothing comes back', async () => {
		const { sync, user } = syncWith(async () => {
			throw new TypeError('Failed to fetch');
		});
		sync.settings = { baseUrl: '/api/v1', token: 't' };
		await user.click(screen.getByRole('button', { name: 'Test connection' }));
		const result = await screen.findByTestId('connection-result');
		expect(result).toHaveTextContent(
			'No server answers at this address. Check the address, and that this device is online.',
		);
		expect(within(result).getByText(/^No server answers/)).not.toHaveTextContent('Failed to fetch');
	});
});
