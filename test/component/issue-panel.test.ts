// The problems panel's fixes where the problem is, over the real draft worker (real-worker.ts):
// a password created or replaced for the focused row (or for every row without one), a
// duplicate email's row deleted (Undo brings it back) or its other row shown, the Edit button,
// and after each the keyboard back on the row's cell in the grid, never on the page.
import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { client } from './real-worker.ts';
import { cellAt, focused, panel, setup } from './issue-panel-helpers.ts';

describe('problems panel: passwords', () => {
	it('creates a password for the focused row only, and the focus returns to its cell', async () => {
		const { backend, stored, user } = await setup([
			client(2),
			client(3, { initial_password: '' }),
			client(4, { initial_password: '' }),
			client(5, { initial_password: '' }),
		]);
		await user.click(cellAt(3, 'Password'));
		const p = panel();
		expect(within(p).getByText('Password missing', { exact: false })).toBeInTheDocument();
		// The problem's column is named above it.
		expect(within(p).getByText('Password', { selector: '.column' })).toBeInTheDocument();
		expect(
			within(p).getByRole('button', { name: 'Create passwords for all 3 without one' }),
		).toBeInTheDocument();

		await user.click(within(p).getByRole('button', { name: 'Create a password for this row' }));
		await waitFor(() =>
			expect(within(p).getByText('Row 3: password created.')).toBeInTheDocument(),
		);
		expect(backend.changes).toEqual([
			expect.objectContaining({ type: 'passwords', scope: 'selected', indexes: [1] }),
		]);
		expect((await stored(1))?.initial_password).toMatch(/^\S{8,}$/);
		expect((await stored(2))?.initial_password).toBe('');
		expect(within(p).getByText('No problems in this row.')).toBeInTheDocument();
		await waitFor(() => expect(focused()).toEqual({ pos: '1', key: 'initial_password' }));
	});

	it('creates passwords for every row without one from one row’s problem', async () => {
		const { stored, user } = await setup([
			client(2, { initial_password: '' }),
			client(3, { initial_password: '' }),
			client(4),
		]);
		await user.click(cellAt(3, 'Email'));
		await user.click(
			within(panel()).getByRole('button', { name: 'Create passwords for all 2 without one' }),
		);
		await waitFor(() =>
			expect(within(panel()).getByText('2 passwords created.')).toBeInTheDocument(),
		);
		expect((await stored(0))?.initial_password).not.toBe('');
		expect((await stored(1))?.initial_password).not.toBe('');
		expect((await stored(2))?.initial_password).toBe('Hb4#Yq8!Nz2k');
		await waitFor(() => expect(focused()).toEqual({ pos: '1', key: 'email_address' }));
	});

	it('replaces a short password with a new strong one', async () => {
		const { stored, user } = await setup([client(2), client(3, { initial_password: 'abc' })]);
		await user.click(cellAt(3, 'Password'));
		expect(
			within(panel()).getByText('Password shorter than 8 characters', { exact: false }),
		).toBeInTheDocument();
		await user.click(
			within(panel()).getByRole('button', { name: 'Replace this password with a new strong one' }),
		);
		await waitFor(() =>
			expect(within(panel()).getByText('Row 3: password replaced.')).toBeInTheDocument(),
		);
		const password = (await stored(1))?.initial_password ?? '';
		expect(password).not.toBe('abc');
		expect(password.length).toBeGreaterThanOrEqual(8);
		expect((await stored(0))?.initial_password).toBe('Hb4#Yq8!Nz2k');
		await waitFor(() => expect(focused()).toEqual({ pos: '1', key: 'initial_password' }));
	});
});

describe('problems panel: duplicate email', () => {
	const ROWS = [
		client(2, { email_address: 'ann@example.com' }),
		client(3),
		client(4, { email_address: 'ann@example.com', first_name: 'Anna' }),
		client(5),
	];

	it('"Go to the other row" focuses the row with the same email', async () => {
		const { user } = await setup(ROWS);
		await user.click(cellAt(4, 'Email'));
		await user.click(within(panel()).getByRole('button', { name: 'Go to the other row' }));
		await waitFor(() => expect(focused()).toEqual({ pos: '0', key: 'email_address' }));
		expect(within(panel()).getByRole('heading', { name: 'Row 2' })).toBeInTheDocument();
	});

	it('"Delete this row" deletes it without asking; Undo brings it back, focus on the grid', async () => {
		const { backend, user } = await setup(ROWS);
		await user.click(cellAt(4, 'Email'));
		await user.click(within(panel()).getByRole('button', { name: 'Delete this row (row 4)' }));
		await waitFor(() =>
			expect(screen.queryByRole('checkbox', { name: 'Select row 4' })).not.toBeInTheDocument(),
		);
		expect(backend.changes).toEqual([{ type: 'deleteRows', indexes: [2] }]);
		expect(screen.getByText('Row 4 deleted. Undo brings it back.')).toBeInTheDocument();
		// The row now in its place (row 5) has the focus.
		await waitFor(() => expect(focused()).toEqual({ pos: '2', key: 'email_address' }));
		expect(within(panel()).getByRole('heading', { name: 'Row 5' })).toBeInTheDocument();

		await user.click(within(panel()).getByRole('button', { name: 'Undo' }));
		await screen.findByRole('checkbox', { name: 'Select row 4' });
		await waitFor(() => expect(focused()).toEqual({ pos: '2', key: 'email_address' }));
		expect(within(panel()).getByRole('heading', { name: 'Row 4' })).toBeInTheDocument();
		expect(cellAt(4, 'Email')).toHaveTextContent('✖');
	});
});

describe('problems panel: fixes and editing', () => {
	it('a certain fix keeps the keyboard on the row’s cell', async () => {
		const { user } = await setup([client(2), client(3, { email_address: 'Bo@Example.com' })]);
		await user.click(cellAt(3, 'Email'));
		await user.click(within(panel()).getByRole('button', { name: 'Fix: use bo@example.com' }));
		await waitFor(() => expect(cellAt(3, 'Email')).not.toHaveTextContent('✖'));
		await waitFor(() => expect(focused()).toEqual({ pos: '1', key: 'email_address' }));
		expect(document.activeElement).not.toBe(document.body);
	});

	it('Edit opens the focused cell’s editor; a column with no editor has no Edit', async () => {
		const { user } = await setup([client(2), client(3)]);
		await user.click(cellAt(3, 'First name'));
		await user.click(within(panel()).getByRole('button', { name: 'Edit first name' }));
		const editor = await screen.findByRole('textbox', { name: 'First name, row 3' });
		expect(editor).toHaveValue('Ann');
		await user.keyboard('{Escape}');
		await user.click(cellAt(3, 'Status'));
		expect(within(panel()).queryByRole('button', { name: /^Edit/ })).not.toBeInTheDocument();
	});
});
