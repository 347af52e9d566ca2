// The lock screen and Settings' "Lock this device" as a pro uses them, over a fake worker: the
// locked page takes a passphrase by Enter, keeps the field focused on a wrong one and says so;
// Settings turns the lock on only with a strong passphrase typed twice, shows the strength and
// the warning, then offers the idle time, a new passphrase and turning off.
import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import LockScreen from '../../src/ui/lock/LockScreen.svelte';
import LockSettings from '../../src/ui/settings/LockSettings.svelte';
import { LockState, wrongPassphrase } from '../../src/state/lock.svelte.ts';
import type { LockBackend, LockProgress, LockStatus } from '../../src/state/lock-backend.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { SettingsRepository } from '../../src/storage/settings.ts';
import { openDatabase } from '../../src/storage/db.ts';

const GOOD = 'harbour lantern 42 cobalt';

/** A worker keeping one passphrase; `turnOn` waits for the test to finish it. */
function fakeBackend(status: Partial<LockStatus>) {
	let passphrase = GOOD;
	const state: LockStatus = { enabled: false, unlocked: false, migrating: null, ...status };
	let finishTurnOn: (() => void) | null = null;
	let report: ((p: LockProgress) => void) | undefined;
	const backend: LockBackend = {
		status: async () => ({ ...state }),
		unlock: async (p) => (p === passphrase ? (state.unlocked = true) : false),
		lock: async () => undefined,
		turnOn: (p, onProgress) => {
			report = onProgress;
			return new Promise((resolve) => {
				finishTurnOn = () => {
					passphrase = p;
					Object.assign(state, { enabled: true, unlocked: true });
					resolve();
				};
			});
		},
		turnOff: async (p) => (p === passphrase ? !(state.enabled = false) : false),
		changePassphrase: async (current, next) =>
			current === passphrase ? ((passphrase = next), true) : false,
		onLocked: () => () => undefined,
	};
	return {
		backend,
		progress: (p: LockProgress) => report?.(p),
		finishTurnOn: () => finishTurnOn?.(),
	};
}

async function lockOn(status: Partial<LockStatus>) {
	const fake = fakeBackend(status);
	const lock = new LockState(fake.backend, {
		reload: () => undefined,
		idleMinutes: () => 5,
		every: () => () => undefined,
	});
	await lock.start();
	return { lock, ...fake };
}

async function settingsOn() {
	const settings = new AppSettings(
		new SettingsRepository(openDatabase(`lock-${crypto.randomUUID()}`)),
	);
	await settings.load();
	return settings;
}

describe('LockScreen', () => {
	it('a wrong passphrase keeps it locked, says so and keeps the field focused; Enter with the right one opens', async () => {
		const { lock } = await lockOn({ enabled: true });
		const user = userEvent.setup();
		render(LockScreen, { lock });
		const field = screen.getByLabelText('Passphrase');
		expect(field).toHaveAttribute('type', 'password');
		expect(field).toHaveAttribute('autocomplete', 'current-password');
		await waitFor(() => expect(field).toHaveFocus());
		expect(screen.getByText(/sending to the platform waits until they are unlocked/)).toBeVisible();

		await user.type(field, 'harbour lantern 41 cobalt');
		await user.click(screen.getByRole('button', { name: 'Unlock' }));
		expect(await screen.findByText(wrongPassphrase())).toBeVisible();
		expect(lock.locked).toBe(true);
		expect(field).toHaveFocus();
		expect(field).toHaveAttribute('aria-invalid', 'true');

		await user.clear(field);
		await user.type(field, `${GOOD}{Enter}`);
		await waitFor(() => expect(lock.locked).toBe(false));
	});
});

describe('LockSettings', () => {
	it('turns the lock on only with a strong passphrase typed twice, with progress', async () => {
		const { lock, progress, finishTurnOn } = await lockOn({});
		const settings = await settingsOn();
		const user = userEvent.setup();
		render(LockSettings, { lock, settings });
		expect(screen.getByRole('group', { name: 'Lock this device' })).toBeVisible();
		expect(
			screen.getByText('If you forget the passphrase, the drafts on this device cannot be opened.'),
		).toBeVisible();
		expect(screen.getByText(/Export what you need first\./)).toBeVisible();

		const next = screen.getByLabelText('New passphrase');
		const repeat = screen.getByLabelText('Repeat passphrase');
		await user.type(next, 'lanternquiet');
		expect(next).toHaveAccessibleDescription(/^Fair: add capital letters/);
		await user.type(repeat, 'lanternquiet!');
		await user.click(screen.getByRole('button', { name: 'Turn on lock' }));
		expect(await screen.findByText(/The two passphrases differ/)).toBeVisible();
		expect(lock.enabled).toBe(false);

		await user.clear(next);
		await user.type(next, GOOD);
		expect(next).toHaveAccessibleDescription('Strong.');
		await user.clear(repeat);
		await user.type(repeat, `${GOOD}{Enter}`);
		progress({ phase: 'encrypting', done: 512, total: 2048 });
		const bar = await screen.findByRole('progressbar', { name: 'Encrypting drafts' });
		expect(bar).toHaveAttribute('value', '512');
		expect(screen.getByText('Encrypting drafts: 512 of 2,048 records')).toBeVisible();

		finishTurnOn();
		expect(
			await screen.findByText(/^Lock turned on: every draft on this device is encrypted\./),
		).toBeVisible();
		expect(screen.queryByRole('progressbar')).toBeNull();
		expect(screen.getByLabelText('Idle time before locking')).toHaveValue(5);
		expect(screen.getByLabelText('Current passphrase')).toBeVisible();
	});

	it('once on: keeps an idle time of 1 to 60 minutes, changes the passphrase, turns off', async () => {
		const { lock } = await lockOn({ enabled: true, unlocked: true });
		const settings = await settingsOn();
		const user = userEvent.setup();
		render(LockSettings, { lock, settings });

		const idle = screen.getByLabelText('Idle time before locking');
		await user.clear(idle);
		await user.type(idle, '90');
		await user.tab();
		expect(
			await screen.findByText('Idle time must be a whole number of minutes from 1 to 60.'),
		).toBeVisible();
		await waitFor(() => expect(idle).toHaveValue(5));
		await user.clear(idle);
		await user.type(idle, '12');
		await user.tab();
		await waitFor(() => expect(settings.lockIdleMinutes).toBe(12));

		const next = 'Quiet-river-Tuesday-88';
		await user.type(screen.getByLabelText('Current passphrase'), 'not the passphrase');
		await user.type(screen.getByLabelText('New passphrase'), next);
		await user.type(screen.getByLabelText('Repeat passphrase'), next);
		await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
		expect(
			await screen.findByText(/The current passphrase does not open the drafts/),
		).toBeVisible();
		await user.clear(screen.getByLabelText('Current passphrase'));
		await user.type(screen.getByLabelText('Current passphrase'), GOOD);
		await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
		expect(
			await screen.findByText('Passphrase changed. Use the new one from now on.'),
		).toBeVisible();

		const off = screen.getByLabelText('Passphrase');
		await user.type(off, GOOD);
		await user.click(screen.getByRole('button', { name: 'Turn off lock' }));
		expect(await screen.findByText(wrongPassphrase())).toBeVisible();
		expect(lock.enabled).toBe(true);
		await user.clear(off);
		await user.type(off, `${next}{Enter}`);
		expect(await screen.findByText(/The lock is off/)).toBeVisible();
		expect(screen.getByRole('button', { name: 'Turn on lock' })).toBeVisible();
		lock.dispose();
	});
});
