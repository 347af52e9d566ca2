// The draft screen over the real draft worker for the problems panel's tests, and where things
// are in its grid: a row, a cell under a column, the cell the keyboard is on.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { appOver, NOW, csvText, realWorker } from './real-worker.ts';

/** The draft screen on a draft imported from `rows`, as the worker has it. */
export async function setup(rows: readonly (readonly string[])[]) {
	const worker = realWorker('issue-panel');
	const id = await worker.seed(csvText(rows));
	const { backend } = worker;
	const session = new DraftSession(backend, { clock: () => NOW });
	const app = appOver(worker, { session });
	render(DraftScreen, { app });
	await app.openDraft(id);
	await screen.findByRole('checkbox', { name: `Select row ${rows.length + 1}` }, { timeout: 5000 });
	/** Row `index` as stored on disk now. */
	const stored = async (index: number) => (await worker.stored(id))[index];
	return { app, backend, session, stored, user: userEvent.setup() };
}

/** The problems panel (beside the grid: jsdom's screen counts as wide). */
export const panel = (): HTMLElement => screen.getByRole('complementary', { name: 'Problems' });

export const summary = (): HTMLElement => screen.getByTestId('summary');

/** The grid row showing spreadsheet row `row`. */
export function gridRow(row: number): HTMLElement {
	const box = screen.getByRole('checkbox', { name: `Select row ${row}` });
	const found = box.closest<HTMLElement>('[role="row"]');
	if (!found) throw new Error(`Row ${row} is not in a grid row`);
	return found;
}

/** The cell of spreadsheet row `row` under the column headed `column`. */
export function cellAt(row: number, column: string): HTMLElement {
	const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.trim());
	const col = headers.indexOf(column) + 1;
	if (col === 0) throw new Error(`No column ${column}: ${headers.join(', ')}`);
	const cell = within(gridRow(row))
		.getAllByRole('gridcell')
		.find((c) => c.getAttribute('aria-colindex') === String(col));
	if (!cell) throw new Error(`No ${column} cell on row ${row}`);
	return cell;
}

/** Where the keyboard focus is in the grid: view position and column key. */
export function focused(): { pos: string | null; key: string | null } {
	const el = document.activeElement?.closest('[data-key]');
	return { pos: el?.getAttribute('data-pos') ?? null, key: el?.getAttribute('data-key') ?? null };
}
