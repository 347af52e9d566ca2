// The passphrase lock in the whole app over the real draft worker (fake-indexeddb) and a fake
// lock: while locked the page is one passphrase form and nothing else; unlocked, the header has
// Settings on every screen and Lock now; the first draft brings the offer, which opens Settings
// at the lock section or is put away for good.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/ui/App.svelte';
import { AppState } from '../../src/state/app.svelte.ts';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { DraftsList } from '../../src/state/drafts-list.svelte.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { LockState } from '../../src/state/lock.svelte.ts';
import type { LockBackend, LockStatus } from '../../src/state/lock-backend.ts';
import { SettingsRepository } from '../../src/storage/settings.ts';
import { client, csvText, NOW, realWorker } from './real-worker.ts';

const GOOD = 'harbour lantern 42 cobalt';

async function setup(status: Partial<LockStatus>, seed = false) {
	const worker = realWorker('lock-app');
	if (seed) await worker.seed(csvText([client(2), client(3)]), 'Spring clients.csv');
	const state: LockStatus = { enabled: false, unlocked: false, migrating: null, ...status };
	const calls: string[] = [];
	const backend: LockBackend = {
		status: async () => ({ ...state }),
		unlock: async (p) => p === GOOD && (state.unlocked = true),
		lock: async () => {
			calls.push('lock');
			state.unlocked = false;
		},
		turnOn: async () => undefined,
		turnOff: async () => true,
		changePassphrase: async () => true,
		onLocked: () => () => undefined,
	};
	const reloads: string[] = [];
	const settings = new SettingsRepository(worker.pageDb);
	const appSettings = new AppSettings(settings);
	const lock = new LockState(backend, {
		reload: () => reloads.push('reload'),
		idleMinutes: () => appSettings.lockIdleMinutes,
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
	const booted = app.boot();
	return { app, lock, calls, reloads, booted, worker, user: userEvent.setup() };
}

describe('the app with the lock on', () => {
	it('while locked shows only the passphrase form; unlocked, the drafts, Settings and Lock now', async () => {
		const { reloads, calls, booted, user } = await setup({ enabled: true }, true);
		const field = await screen.findByLabelText('Passphrase');
		// One field, one button: nothing of the drafts, no other control.
		expect(screen.getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Unlock']);
		expect(document.querySelectorAll('input')).toHaveLength(1);
		expect(document.body.textContent).not.toMatch(/Spring clients/);
		expect(screen.queryByTestId('sync-line')).toBeNull();

		await user.type(field, `${GOOD}{Enter}`);
		await booted;
		expect(await screen.findByRole('heading', { name: /Spring clients/ })).toBeVisible();
		const header = within(screen.getByRole('navigation', { name: 'App' }));
		expect(header.getByRole('button', { name: 'Settings' })).toBeVisible();
		await user.click(header.getByRole('button', { name: 'Lock now' }));
		await waitFor(() => expect(reloads).toEqual(['reload']));
		expect(calls).toEqual(['lock']);
	});
});

describe('the header', () => {
	it('opens Settings from home and from a draft; no Lock now while the lock is off', async () => {
		const { app, booted, user } = await setup({});
		await booted;
		const header = () => within(screen.getByRole('navigation', { name: 'App' }));
		expect(header().queryByRole('button', { name: 'Lock now' })).toBeNull();
		await user.click(header().getByRole('button', { name: 'Settings' }));
		expect(await screen.findByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
		expect(screen.getByRole('group', { name: 'Lock this device' })).toBeVisible();
		await user.click(screen.getByRole('button', { name: /Back to all drafts/ }));

		await app.importFile(new File([csvText([client(2)])], 'Autumn.csv'));
		expect(await screen.findByTestId('summary')).toHaveTextContent('1 client ready');
		await user.click(header().getByRole('button', { name: 'Settings' }));
		expect(await screen.findByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
		expect(screen.getByRole('button', { name: /Back to the draft/ })).toBeVisible();
	});
});

describe('the offer', () => {
	it('comes with the first draft and opens Settings at the lock section', async () => {
		const { app, booted, user } = await setup({});
		await booted;
		expect(screen.queryByText('Shared tablet? Lock these drafts with a passphrase.')).toBeNull();
		await app.importFile(new File([csvText([client(2)])], 'First.csv'));
		expect(
			await screen.findByText('Shared tablet? Lock these drafts with a passphrase.'),
		).toBeVisible();
		await user.click(screen.getByRole('button', { name: 'Set up a lock' }));
		await waitFor(() => expect(screen.getByLabelText('New passphrase')).toHaveFocus());
	});

	it('once put away, is not offered again on this device', async () => {
		const { app, booted, user, worker } = await setup({}, true);
		await booted;
		const offer = 'Shared tablet? Lock these drafts with a passphrase.';
		expect(await screen.findByText(offer)).toBeVisible();
		await user.click(screen.getByRole('button', { name: 'No thanks' }));
		await waitFor(() => expect(screen.queryByText(offer)).toBeNull());
		await waitFor(() => expect(app.settings.lockOfferDismissed).toBe(true));
		const again = new AppSettings(new SettingsRepository(worker.pageDb));
		await again.load();
		expect(again.lockOfferDismissed).toBe(true);
	});
});
