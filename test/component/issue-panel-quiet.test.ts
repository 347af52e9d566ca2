// A row added with "Add row" starts quiet: no red cells and no problems in the panel while the
// pro is on it (the summary still counts it); once the pro leaves the row it is checked and
// shown as any other. Over the real draft worker (real-worker.ts).
import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { client } from './real-worker.ts';
import { cellAt, focused, panel, setup, summary } from './issue-panel-helpers.ts';

describe('problems panel: a new row', () => {
	it('stays quiet until the pro leaves it, then shows its problems', async () => {
		const { backend, user } = await setup([client(2), client(3)]);
		await user.click(screen.getByRole('button', { name: 'Add row' }));
		await screen.findByRole('checkbox', { name: 'Select row 4' });
		await waitFor(() => expect(focused()).toEqual({ pos: '2', key: 'email_address' }));
		const p = panel();
		expect(within(p).getByRole('heading', { name: 'Row 4' })).toBeInTheDocument();
		expect(
			within(p).getByText('New row: its problems show once you move to another row.'),
		).toBeInTheDocument();
		expect(within(p).queryByText(/Row 4: email_address is empty/)).not.toBeInTheDocument();
		for (const column of ['Email', 'Password', 'First name', 'Last name', 'Birthdate', 'Gender'])
			expect(cellAt(4, column)).not.toHaveTextContent('✖');
		expect(cellAt(4, 'Status')).toHaveTextContent('New row: checked once you leave it');
		// The counts still count it: the draft does have a row that needs attention.
		expect(summary()).toHaveTextContent('2 clients ready · 1 need attention');

		// Typing into the new row keeps it quiet.
		await user.keyboard('{Enter}new@example.com{Tab}');
		await waitFor(() => expect(focused()).toEqual({ pos: '2', key: 'initial_password' }));
		await waitFor(() => expect(cellAt(4, 'Email')).toHaveTextContent('new@example.com'));
		expect(backend.changes).toEqual([
			{ type: 'addRow' },
			{ type: 'edit', index: 2, set: { email_address: 'new@example.com' } },
		]);
		expect(cellAt(4, 'First name')).not.toHaveTextContent('✖');

		// Leaving the row: it is checked and shown as usual.
		await user.click(cellAt(2, 'Email'));
		await waitFor(() => expect(cellAt(4, 'First name')).toHaveTextContent('✖'));
		expect(cellAt(4, 'Status')).toHaveTextContent('5 errors');
		expect(cellAt(4, 'Email')).not.toHaveTextContent('✖');
		await user.click(cellAt(4, 'First name'));
		expect(
			within(panel()).getByText(/Row 4: first_name is empty/, { exact: false }),
		).toBeInTheDocument();
	});
});
