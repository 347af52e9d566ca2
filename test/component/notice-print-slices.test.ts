// The print preview builds a long run a slice per task, and Print waits for it: whenever the
// Print button can be clicked, every notice of the run is on the page, once, in order. The same
// holds when the notices are built again for another language or layout, and on a device so
// slow that each task builds one notice.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import NoticesScreen from '../../src/ui/notices/NoticesScreen.svelte';
import { NoticePrint } from '../../src/state/notice-print.svelte.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import type { AppState } from '../../src/state/app.svelte.ts';
import type { PrintNotice } from '../../src/notices/print-run.ts';
import { memoryStore } from './memory-settings.ts';

function notices(count: number): PrintNotice[] {
	return Array.from({ length: count }, (_, index) => ({
		index,
		row: index + 2,
		first_name: `Client${index}`,
		last_name: 'Lee',
		email_address: `client${index}@example.com`,
		initial_password: 'Kx7#pQ2rTm9!',
		sync: 'synced' as const,
	}));
}

/** The print screen of `count` notices, its later tasks queued instead of run. */
async function slicedScreen(count: number, msPerClockRead = 5) {
	const settings = new AppSettings(memoryStore());
	await settings.setNotice({ practiceName: 'Harbour Physio' });
	await settings.setNotice({ signInUrl: 'https://app.example.com/sign-in' });
	const tasks: (() => void)[] = [];
	let clock = 0;
	const draft = {
		notices: async () => ({ notices: notices(count), withErrors: 0, removed: 0, registered: 0 }),
		markPrinted: vi.fn(async (indexes: number[]) => indexes.length > 0),
	};
	const run = new NoticePrint(draft, {
		print: vi.fn(),
		later: (work) => tasks.push(work),
		now: () => (clock += msPerClockRead),
	});
	const app = {
		settings,
		session: { grid: { selectedCount: 0 }, messages: { error: '' } },
		openSettings: vi.fn(),
		backToDraft: vi.fn(),
	};
	render(NoticesScreen, { app: app as unknown as AppState, run });
	await run.load('pending');
	const print = await screen.findByRole('button', { name: `Print ${count} notices` });
	const rows = () => screen.queryAllByTestId('notice').map((n) => Number(n.dataset.row));

	/** Runs the queued tasks one by one, checking after each that Print waits for them all. */
	function finish(): number {
		let steps = 0;
		while (tasks.length > 0) {
			tasks.shift()!();
			steps++;
			if (!print.hasAttribute('disabled')) expect(rows()).toHaveLength(count);
			// A run that never ends would hang here: it must move on every task.
			expect(steps).toBeLessThanOrEqual(count);
		}
		return steps;
	}
	return { run, print, rows, finish };
}

const everyRow = (count: number) => Array.from({ length: count }, (_, i) => i + 2);

describe('a long print run', () => {
	it('shows the first notices at once, says how far it is, and enables Print only with all', async () => {
		const { print, rows, finish } = await slicedScreen(60);
		expect(rows().length).toBeGreaterThan(0);
		expect(rows().length).toBeLessThan(60);
		expect(print).toBeDisabled();
		expect(print).toHaveAccessibleDescription('Preparing the notices…');
		expect(screen.getByTestId('notice-status')).toHaveTextContent(
			`60 notices to print (preparing ${rows().length} of 60…).`,
		);

		expect(finish()).toBeGreaterThan(1);
		expect(print).toBeEnabled();
		expect(rows()).toEqual(everyRow(60));
		expect(screen.getByTestId('notice-status')).toHaveTextContent('60 notices to print.');
		expect(screen.getAllByRole('region', { name: /^Page \d+$/ })).toHaveLength(60);
	});

	it('still finishes on a device so slow that each task builds one notice', async () => {
		const { print, rows, finish } = await slicedScreen(30, 400);
		expect(finish()).toBeGreaterThanOrEqual(30 - rows().length);
		expect(print).toBeEnabled();
		expect(rows()).toEqual(everyRow(30));
	});

	it('builds every notice again in the language chosen, Print waiting for the last', async () => {
		const { run, print, rows, finish } = await slicedScreen(40);
		finish();
		expect(print).toBeEnabled();
		await run.setLocale('fr');
		expect(print).toBeDisabled();
		expect(finish()).toBeGreaterThan(1);
		expect(print).toBeEnabled();
		expect(rows()).toEqual(everyRow(40));
		const preview = screen.getByLabelText('Print preview');
		expect(
			within(preview)
				.getAllByRole('article')
				.every((a) => a.lang === 'fr'),
		).toBe(true);
		expect(preview).not.toHaveTextContent('Temporary password');
	});

	it('builds them again for four to a page, Print waiting for the last', async () => {
		const { print, rows, finish } = await slicedScreen(42);
		finish();
		await userEvent.setup().selectOptions(screen.getByLabelText('Layout'), '4');
		expect(print).toBeDisabled();
		expect(finish()).toBeGreaterThan(1);
		expect(print).toBeEnabled();
		expect(rows()).toEqual(everyRow(42));
		// 42 notices four to a page: ten full sheets and two notices on the eleventh.
		const sheets = screen.getAllByRole('region', { name: /^Page \d+$/ });
		expect(sheets).toHaveLength(11);
		expect(within(sheets[10]!).getAllByTestId('notice')).toHaveLength(2);
	});
});
