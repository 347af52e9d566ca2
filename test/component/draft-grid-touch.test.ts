// The draft grid of issue 14 over the real draft worker (real-worker.ts): on a tablet a first tap
// selects a cell and a second tap (or the panel's Edit request) edits it; a row being sent opens
// no editor and says why where the pro looks; F8 / Shift+F8 and the Next / Previous problem
// buttons go from problem to problem. Beside draft-grid.test.ts, which is long enough.
import 'fake-indexeddb/auto';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import DraftGrid from '../../src/ui/grid/DraftGrid.svelte';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { appOver, NOW, client, csvText, realWorker } from './real-worker.ts';

/** Rows 2–5: row 3's email has capitals, row 5 has no birthdate (errors); 2 and 4 are ready. */
const CLIENTS = [
	client(2, { first_name: 'Ana' }),
	client(3, { email_address: 'Bo@Example.com', first_name: 'Bo' }),
	client(4, { first_name: 'Cy' }),
	client(5, { first_name: 'Di', birthdate: '' }),
];

async function setup(rows: readonly (readonly string[])[] = CLIENTS) {
	const worker = realWorker('grid-touch');
	const id = await worker.seed(csvText(rows));
	const session = new DraftSession(worker.backend, { clock: () => NOW });
	const app = appOver(worker, { session });
	render(DraftScreen, { app });
	await app.openDraft(id);
	await screen.findByRole('checkbox', { name: `Select row ${rows.length + 1}` }, { timeout: 5000 });
	return { worker, session, user: userEvent.setup() };
}

/** The cell of spreadsheet row `row` (view position row − 2 here) in column `key`. */
function cellAt(row: number, key: string): HTMLElement {
	const cell = document.querySelector<HTMLElement>(`[data-pos="${row - 2}"][data-key="${key}"]`);
	if (!cell) throw new Error(`No ${key} cell on row ${row}`);
	return cell;
}

/** Where the keyboard focus is in the grid: view position and column key. */
function focused(): { pos: string | null; key: string | null } {
	const el = document.activeElement?.closest('[data-key]');
	return { pos: el?.getAttribute('data-pos') ?? null, key: el?.getAttribute('data-key') ?? null };
}

/** A finger's tap: pointer down and up, as a touch screen sends them. */
function tap(el: HTMLElement): void {
	fireEvent.pointerDown(el, { pointerType: 'touch' });
	fireEvent.pointerUp(el, { pointerType: 'touch' });
}

const editors = () => screen.queryAllByRole('textbox', { name: /, row \d+$/ });

describe('draft grid on a tablet: two taps', () => {
	it('a first tap selects the cell and shows its problem; a second tap edits it', async () => {
		await setup();
		tap(cellAt(3, 'email_address'));
		await waitFor(() => expect(focused()).toEqual({ pos: '1', key: 'email_address' }));
		expect(editors()).toEqual([]);
		// The problems panel shows the row tapped, with its fix.
		expect(await screen.findByText(/Bo@Example\.com' has capital letters/)).toBeVisible();

		tap(cellAt(3, 'email_address'));
		const editor = await screen.findByRole('textbox', { name: 'Email, row 3' });
		expect(editor).toHaveFocus();
		expect(editor).toHaveValue('Bo@Example.com');
	});

	it('chooses the cell pressed, even when the grid scrolled another row under the release', async () => {
		await setup();
		// The press's focus scrolled the grid: the release comes on row 2's cell.
		fireEvent.pointerDown(cellAt(4, 'email_address'), { pointerType: 'mouse' });
		fireEvent.pointerUp(cellAt(2, 'email_address'), { pointerType: 'mouse' });
		await waitFor(() => expect(focused()).toEqual({ pos: '2', key: 'email_address' }));
	});

	it('a tap on another cell moves there without editing either', async () => {
		await setup();
		tap(cellAt(2, 'first_name'));
		await waitFor(() => expect(focused()).toEqual({ pos: '0', key: 'first_name' }));
		tap(cellAt(4, 'first_name'));
		await waitFor(() => expect(focused()).toEqual({ pos: '2', key: 'first_name' }));
		expect(editors()).toEqual([]);
	});

	it('an Edit request (the problems panel’s Edit button) edits the focused cell', async () => {
		const { session } = await setup();
		tap(cellAt(4, 'first_name'));
		await waitFor(() => expect(focused()).toEqual({ pos: '2', key: 'first_name' }));
		session.grid.requestEdit();
		const editor = await screen.findByRole('textbox', { name: 'First name, row 4' });
		expect(editor).toHaveFocus();
		expect(editor).toHaveValue('Cy');
	});
});

describe('draft grid: a row being sent', () => {
	const realOnLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
	afterEach(() => {
		if (realOnLine) Object.defineProperty(Navigator.prototype, 'onLine', realOnLine);
	});

	/** Rows 2 and 4 (the ready ones) queued to send: locked until the platform answers. */
	async function queued() {
		const ctx = await setup();
		await ctx.worker.backend.sync();
		await waitFor(() => expect(cellAt(2, 'platform')).toHaveTextContent('Sending… (locked)'));
		return ctx;
	}

	it('opens no editor on Enter, typing, double click or a second tap, and says why', async () => {
		const { user } = await queued();
		await user.click(cellAt(2, 'first_name'));
		await user.keyboard('{Enter}');
		expect(editors()).toEqual([]);
		// In the note line right above the rows, a live region.
		const note = await screen.findByText(
			'Row 2: Being sent to the platform — editable again when the answer arrives.',
		);
		expect(note).toHaveAttribute('role', 'status');
		await user.keyboard('Z');
		await user.dblClick(cellAt(2, 'last_name'));
		tap(cellAt(2, 'last_name'));
		tap(cellAt(2, 'last_name'));
		expect(editors()).toEqual([]);
		expect(note).toHaveTextContent('Row 2: Being sent');
		expect(cellAt(2, 'first_name')).toHaveTextContent('Ana');
		// A row not being sent still edits.
		await user.click(cellAt(3, 'first_name'));
		await user.keyboard('{Enter}');
		expect(await screen.findByRole('textbox', { name: 'First name, row 3' })).toHaveFocus();
	});

	it('reads "Waiting to send" while offline, "Sending…" again online', async () => {
		await queued();
		Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false });
		window.dispatchEvent(new Event('offline'));
		await waitFor(() =>
			expect(cellAt(2, 'platform')).toHaveTextContent('Waiting to send (locked)'),
		);
		expect(cellAt(4, 'platform')).toHaveTextContent('Waiting to send (locked)');
		// A row not queued reads as before.
		expect(cellAt(3, 'platform')).not.toHaveTextContent(/send/i);
		window.dispatchEvent(new Event('online'));
		await waitFor(() => expect(cellAt(2, 'platform')).toHaveTextContent('Sending… (locked)'));
	});

	it('reads "Waiting to send" online too while sync waits (a retry due), "Sending…" once it sends', async () => {
		const { session } = await queued();
		// The grid as the draft screen gives it the sync phase.
		const other = render(DraftGrid, { session, sendPhase: 'waiting' });
		const platform = () =>
			other.container.querySelector<HTMLElement>('[data-pos="0"][data-key="platform"]');
		await waitFor(() => expect(platform()).toHaveTextContent('Waiting to send (locked)'));
		await other.rerender({ session, sendPhase: 'sending' });
		await waitFor(() => expect(platform()).toHaveTextContent('Sending… (locked)'));
	});
});

describe('draft grid: next and previous problem', () => {
	it('F8 goes to the next cell with an error, wraps and says so; Shift+F8 goes back', async () => {
		const { user } = await setup();
		const next = screen.getByRole('button', { name: 'Next problem' });
		expect(next).toHaveAttribute('aria-keyshortcuts', 'F8');
		await user.keyboard('{F8}');
		await waitFor(() => expect(focused()).toEqual({ pos: '1', key: 'email_address' }));
		await user.keyboard('{F8}');
		await waitFor(() => expect(focused()).toEqual({ pos: '3', key: 'birthdate' }));
		await user.keyboard('{F8}');
		await waitFor(() => expect(focused()).toEqual({ pos: '1', key: 'email_address' }));
		const nav = screen.getByRole('group', { name: 'Go to a problem' });
		expect(within(nav).getByRole('status')).toHaveTextContent(
			'Past the last problem: back to the first.',
		);
		await user.keyboard('{Shift>}{F8}{/Shift}');
		await waitFor(() => expect(focused()).toEqual({ pos: '3', key: 'birthdate' }));
		await user.click(screen.getByRole('button', { name: 'Previous problem' }));
		await waitFor(() => expect(focused()).toEqual({ pos: '1', key: 'email_address' }));
	});

	it('leaves F8 to a text field', async () => {
		const { user } = await setup();
		await user.click(screen.getByRole('searchbox'));
		await user.keyboard('{F8}');
		expect(focused()).toEqual({ pos: null, key: null });
		expect(screen.getByRole('searchbox')).toHaveFocus();
	});

	it('says "No problems left" when the draft has none', async () => {
		const { user } = await setup([client(2), client(3)]);
		await user.click(screen.getByRole('button', { name: 'Next problem' }));
		const nav = screen.getByRole('group', { name: 'Go to a problem' });
		await waitFor(() =>
			expect(within(nav).getByRole('status')).toHaveTextContent('No problems left.'),
		);
	});
});
