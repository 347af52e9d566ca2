// The print screen's guards: no printing without a practice name and a sign-in address (the
// screen says what is missing and takes the pro to the field), "Print after sending" chosen by
// default when some clients are not on the platform yet, "Print anyway" marking them on screen.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import NoticesScreen from '../../src/ui/notices/NoticesScreen.svelte';
import NoticeSettings from '../../src/ui/settings/NoticeSettings.svelte';
import { NoticePrint } from '../../src/state/notice-print.svelte.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import type { AppState } from '../../src/state/app.svelte.ts';
import type { PrintNotice } from '../../src/notices/print-run.ts';
import type { SyncState } from '../../src/core/credentials.ts';
import { memoryStore } from './memory-settings.ts';

function notice(index: number, sync: SyncState): PrintNotice {
	return {
		index,
		row: index + 2,
		first_name: 'Ann',
		last_name: `Lee${index}`,
		email_address: `ann.${index}@example.com`,
		initial_password: 'Kx7#pQ2rTm9!',
		sync,
	};
}

async function printScreen(notices: PrintNotice[], filled = true) {
	const settings = new AppSettings(memoryStore());
	if (filled) {
		await settings.setNotice({ practiceName: 'Harbour Physio' });
		await settings.setNotice({ signInUrl: 'https://app.example.com/sign-in' });
	}
	const markPrinted = vi.fn(async (indexes: number[]) => indexes.length > 0);
	const draft = {
		notices: async () => ({ notices, withErrors: 0, removed: 0, registered: 0 }),
		markPrinted,
	};
	const print = vi.fn();
	const run = new NoticePrint(draft, { print, later: (work) => work() });
	// Only what the print screen reads of the app.
	const app = {
		settings,
		session: { grid: { selectedCount: 0 }, messages: { error: '' } },
		openSettings: vi.fn(() => render(NoticeSettings, { settings })),
		backToDraft: vi.fn(),
	};
	render(NoticesScreen, { app: app as unknown as AppState, run });
	await run.load('pending');
	return { app, run, print, markPrinted, settings };
}

describe('print guard', () => {
	it('says what is missing, takes the pro to the field, and keeps Print unavailable', async () => {
		const { app, print } = await printScreen([notice(0, 'synced')], false);
		const guard = await screen.findByTestId('print-guard');
		expect(guard).toHaveTextContent('Notices cannot be printed yet.');
		expect(guard).toHaveTextContent('The practice name is missing');
		expect(guard).toHaveTextContent('The sign-in address is missing');
		const button = screen.getByRole('button', { name: 'Print 1 notice' });
		expect(button).toBeDisabled();
		expect(button).toHaveAccessibleDescription('Add the practice name and sign-in address first.');
		expect(print).not.toHaveBeenCalled();

		await userEvent
			.setup()
			.click(within(guard).getByRole('button', { name: 'Add them in the notice settings' }));
		expect(app.openSettings).toHaveBeenCalledTimes(1);
		await waitFor(() => expect(screen.getByLabelText('Practice name')).toHaveFocus());
	});

	it('lets printing go ahead once both are set, and the message goes away', async () => {
		const { settings, print } = await printScreen([notice(0, 'synced')], false);
		await settings.setNotice({ practiceName: 'Harbour Physio' });
		await waitFor(() =>
			expect(screen.getByTestId('print-guard')).not.toHaveTextContent('practice name'),
		);
		await settings.setNotice({ signInUrl: 'https://app.example.com' });
		await waitFor(() => expect(screen.queryByTestId('print-guard')).toBeNull());
		const button = screen.getByRole('button', { name: 'Print 1 notice' });
		expect(button).toBeEnabled();
		await userEvent.setup().click(button);
		expect(print).toHaveBeenCalledTimes(1);
	});
});

describe('clients not on the platform yet', () => {
	const asked = [
		notice(0, 'synced'),
		notice(1, 'none'),
		notice(2, 'synced'),
		notice(3, 'queued'),
		notice(4, 'rejected'),
	];

	it('prints after sending by default: only created clients, the others counted', async () => {
		const { print, markPrinted } = await printScreen(asked);
		const choice = await screen.findByTestId('sending-choice');
		expect(choice).toHaveTextContent('3 clients are not on the platform yet');
		expect(within(choice).getByRole('radio', { name: /^Print after sending/ })).toBeChecked();
		expect(within(choice).getByRole('radio', { name: /^Print anyway/ })).not.toBeChecked();
		expect(screen.getByTestId('notice-status')).toHaveTextContent(
			'3 clients not on the platform yet: held back until they are sent.',
		);
		expect(screen.getAllByTestId('notice').map((n) => n.dataset.row)).toEqual(['2', '4']);
		expect(screen.queryAllByTestId('unsent-mark')).toHaveLength(0);

		await userEvent.setup().click(screen.getByRole('button', { name: 'Print 2 notices' }));
		expect(print).toHaveBeenCalledTimes(1);
		await userEvent.setup().click(screen.getByRole('button', { name: 'Yes, mark as printed' }));
		expect(markPrinted).toHaveBeenCalledWith([0, 2]);
	});

	it('prints everyone when told to print anyway, saying the risk and marking the unsent', async () => {
		const { markPrinted } = await printScreen(asked);
		const user = userEvent.setup();
		const anyway = await screen.findByRole('radio', { name: /^Print anyway/ });
		expect(anyway).toHaveAccessibleName(
			expect.stringContaining(
				'these passwords work only once the platform has created the accounts',
			) as string,
		);
		await user.click(anyway);
		await user.click(await screen.findByRole('button', { name: 'Print 5 notices' }));
		const marks = screen.getAllByTestId('unsent-mark');
		expect(marks).toHaveLength(3);
		// Each mark sits on the notice of a client not created: rows 3, 5 and 6.
		expect(marks.map((m) => m.parentElement?.querySelector('[data-testid="notice"]'))).toEqual(
			screen.getAllByTestId('notice').filter((n) => ['3', '5', '6'].includes(n.dataset.row!)),
		);
		await user.click(screen.getByRole('button', { name: 'Yes, mark as printed' }));
		expect(markPrinted).toHaveBeenCalledWith([0, 1, 2, 3, 4]);
	});

	it('says to sync first when nothing was sent, with Print unavailable', async () => {
		await printScreen([notice(0, 'none'), notice(1, 'none')]);
		const button = await screen.findByRole('button', { name: 'Print 0 notices' });
		expect(button).toBeDisabled();
		expect(button).toHaveAccessibleDescription(
			'Nothing sent yet: sync first, or choose "Print anyway".',
		);
		expect(screen.getByTestId('sending-choice')).toHaveTextContent(
			'Nothing to print yet: send the clients to the platform (Sync), then print.',
		);
	});

	it('offers no choice when every client is on the platform', async () => {
		await printScreen([notice(0, 'synced'), notice(1, 'synced')]);
		expect(await screen.findByRole('button', { name: 'Print 2 notices' })).toBeEnabled();
		expect(screen.queryByTestId('sending-choice')).toBeNull();
	});
});
