// The mapping step over the real draft worker (real-worker.ts): choosing a file reads its start;
// a file whose columns need the pro shows one select per column, a field taken by one column
// moves when another takes it, missing required fields are filled or left for the grid, and
// Import sends the confirmed columns. A template file and a remembered header row skip the step;
// a file that cannot be imported says why on the home screen and creates no draft.
import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/ui/App.svelte';
import { appOver, client, csvText, realWorker } from './real-worker.ts';

const FIELD_VALUES = [
	'email_address',
	'initial_password',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
	'tag',
	'external_id',
	'',
];

/** A file whose email column is titled `Contact` and one column (`Notes`) matches nothing. */
const CONTACT = csvText(
	[
		['ann@example.com', 'Ann', 'Lee', '19811120', 'female', 'Hb4#Yq8!Nz2k', 'VIP'],
		['bo@example.com', 'Bo', 'Ng', '19790302', 'male', 'Kq7$Rt3!Mw9p', ''],
	],
	['Contact', 'first_name', 'last_name', 'birthdate', 'gender', 'initial_password', 'Notes'],
);

/** The template's columns but gender. */
const NO_GENDER = csvText(
	[client(2).slice(0, 5), client(3).slice(0, 5)],
	['email_address', 'initial_password', 'first_name', 'last_name', 'birthdate'],
);

async function setup() {
	const worker = realWorker('mapping-step');
	const app = appOver(worker);
	render(App, { app });
	await app.boot();
	const user = userEvent.setup();
	/** Chooses a file on the home screen as the pro would. */
	const choose = (text: string, name = 'clients.csv') =>
		user.upload(screen.getByLabelText(/^Choose a CSV file/), new File([text], name));
	return { worker, app, user, choose, backend: worker.backend };
}

const columnSelect = (name: RegExp | string) => screen.getByRole('combobox', { name });

describe('the mapping step', () => {
	it('shows one select per column, named after the column, with every field and Leave out', async () => {
		const { choose } = await setup();
		await choose(CONTACT);
		await screen.findByRole('heading', { name: /Match the columns/ });
		const selects = within(screen.getByRole('list', { name: 'Columns of the file' })).getAllByRole(
			'combobox',
		);
		expect(selects).toHaveLength(7);
		expect(selects[0]).toHaveAccessibleName('Column A · Contact');
		expect(selects[6]).toHaveAccessibleName('Column G · Notes');
		for (const select of selects)
			expect(
				within(select)
					.getAllByRole('option')
					.map((o) => (o as HTMLOptionElement).value),
			).toEqual(FIELD_VALUES);
		// Contact is suggested from its content, with the reason; Notes matches nothing.
		expect(selects[0]).toHaveValue('email_address');
		expect(selects[0]).toHaveAccessibleDescription(/email/i);
		expect(selects[6]).toHaveValue('');
		// The first rows' values are shown beside their column.
		expect(selects[0]?.closest('li')).toHaveTextContent('ann@example.com');
	});

	it('shows a field taken by another column as taken, and moves it when chosen', async () => {
		const { choose, user } = await setup();
		await choose(CONTACT);
		const notes = await screen.findByRole('combobox', { name: 'Column G · Notes' });
		const email = within(notes).getByRole('option', { name: /^Email address \(email_address\)/ });
		expect(email).toHaveTextContent('Email address (email_address) — taken by column A');
		await user.selectOptions(notes, 'email_address');
		expect(notes).toHaveValue('email_address');
		expect(columnSelect('Column A · Contact')).toHaveValue('');
		// Tag may be fed by several columns: choosing it takes it from none.
		await user.selectOptions(columnSelect('Column A · Contact'), 'tag');
		await user.selectOptions(notes, 'tag');
		expect(columnSelect('Column A · Contact')).toHaveValue('tag');
		expect(notes).toHaveValue('tag');
	});

	it('imports with the columns the pro confirmed', async () => {
		const { choose, user, backend, worker } = await setup();
		await choose(CONTACT);
		await user.click(await screen.findByRole('button', { name: 'Import' }));
		expect(await screen.findByTestId('summary')).toHaveTextContent('2 clients ready');
		expect(backend.importOptions).toEqual([
			{
				columns: {
					how: 'confirmed',
					mapping: {
						columns: [
							'email_address',
							'first_name',
							'last_name',
							'birthdate',
							'gender',
							'initial_password',
							null,
						],
						fill: {},
					},
				},
			},
		]);
		const id = backend.imported[0]?.draft.id ?? '';
		expect((await worker.stored(id)).map((r) => r.email_address)).toEqual([
			'ann@example.com',
			'bo@example.com',
		]);
	});

	it('fills a missing required field with one value, or leaves it for the grid', async () => {
		const { choose, user, backend, worker } = await setup();
		await choose(NO_GENDER);
		const gender = await screen.findByRole('group', { name: 'No column for gender' });
		// Leaving it for the grid is the default.
		expect(
			within(gender).getByRole('radio', { name: 'Leave empty and fill in the grid' }),
		).toBeChecked();
		await user.click(within(gender).getByRole('radio', { name: 'Same value for every row' }));
		await user.selectOptions(within(gender).getByRole('combobox'), 'female');
		await user.click(screen.getByRole('button', { name: 'Import' }));
		expect(await screen.findByTestId('summary')).toHaveTextContent('2 clients ready');
		expect(backend.importOptions[0]?.columns?.mapping.fill).toEqual({ gender: 'female' });
		const id = backend.imported[0]?.draft.id ?? '';
		expect((await worker.stored(id)).map((r) => r.gender)).toEqual(['female', 'female']);
	});

	it('leaves a missing field empty for the grid: each row has its own gender error', async () => {
		const { choose, user, backend } = await setup();
		await choose(NO_GENDER);
		await screen.findByRole('group', { name: 'No column for gender' });
		await user.click(screen.getByRole('button', { name: 'Import' }));
		expect(await screen.findByTestId('summary')).toHaveTextContent('0 clients ready');
		expect(screen.getByTestId('summary')).toHaveTextContent('2 need attention');
		expect(backend.importOptions[0]?.columns?.mapping.fill).toEqual({ gender: '' });
	});

	it('Cancel returns home with nothing created', async () => {
		const { choose, user, worker } = await setup();
		await choose(CONTACT);
		await user.click(await screen.findByRole('button', { name: 'Cancel' }));
		await screen.findByRole('heading', { name: 'Check a client list' });
		expect(await worker.repo.list()).toEqual([]);
	});
});

describe('choosing a file', () => {
	it('imports a file in template form at once, without the step', async () => {
		const { choose, backend } = await setup();
		await choose(csvText([client(2), client(3)]));
		expect(await screen.findByTestId('summary')).toHaveTextContent('2 clients ready');
		expect(backend.inspected).toEqual(['clients.csv']);
		expect(backend.importOptions).toEqual([{}]);
		expect(screen.queryByRole('heading', { name: /Match the columns/ })).toBeNull();
	});

	it('maps the same header row as last time without the step, and says so', async () => {
		const { choose, user, app, backend } = await setup();
		await choose(CONTACT, 'first.csv');
		await user.click(await screen.findByRole('button', { name: 'Import' }));
		await screen.findByTestId('summary');
		await app.home();
		await choose(CONTACT, 'second.csv');
		expect(await screen.findByTestId('columns-note')).toHaveTextContent(
			'Columns matched as last time',
		);
		expect(screen.queryByRole('heading', { name: /Match the columns/ })).toBeNull();
		expect(backend.importOptions[1]?.columns?.how).toBe('remembered');
		// "Change" (under the File menu) opens the step again, on the draft's own columns.
		await user.click(screen.getByRole('button', { name: 'File' }));
		await user.click(screen.getByRole('button', { name: /^Change/ }));
		expect(await screen.findByRole('combobox', { name: 'Column A · Contact' })).toHaveValue(
			'email_address',
		);
	});

	it('says why a file cannot be imported, on the home screen, and creates no draft', async () => {
		const { choose, worker } = await setup();
		await choose('email_address,first_name\r\n', 'header-only.csv');
		expect(await screen.findByTestId('file-problem')).toHaveTextContent(
			/^header-only\.csv cannot be imported: /,
		);
		expect(screen.getByRole('heading', { name: 'Check a client list' })).toBeInTheDocument();
		expect(await worker.repo.list()).toEqual([]);
	});
});

describe('an ambiguous gender letter', () => {
	it('asks what M means, and the answer settles every row at once', async () => {
		const { choose, user, worker, backend } = await setup();
		// Only M: male in M/F, M/V or m/w, female in Spanish H/M. Roster does not guess.
		await choose(csvText([client(2, { gender: 'M' }), client(3, { gender: 'M' })]));
		expect(await screen.findByTestId('summary')).toHaveTextContent('0 clients ready');
		const panel = screen.getByRole('complementary', { name: 'Problems' });
		await user.click(await within(panel).findByRole('button', { name: 'M means female' }));
		await expect.poll(() => screen.getByTestId('summary').textContent).toMatch(/2 clients ready/);
		expect(backend.changes).toEqual([{ type: 'fix', code: 'gender.ambiguous', value: 'female' }]);
		const id = backend.imported[0]?.draft.id ?? '';
		expect((await worker.stored(id)).map((r) => r.gender)).toEqual(['female', 'female']);
	});
});
