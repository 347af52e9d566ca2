// The home screen over real draft storage (fake-indexeddb) and the real draft worker
// (real-worker.ts): the drafts list with its counts, opening a draft, rename, delete with Undo,
// and what the browser promises about keeping the drafts.
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import HomeScreen from '../../src/ui/HomeScreen.svelte';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { DraftsList, type StorageManagerLike } from '../../src/state/drafts-list.svelte.ts';
import { draftRecord } from '../unit/storage/harness.ts';
import { appOver, NOW, realWorker } from './real-worker.ts';

const HOUR = 3_600_000;

async function setup(storage: StorageManagerLike | undefined) {
	const worker = realWorker('home-screen');
	// The page's connection: the list reads it, rename and delete write it.
	const { repo } = worker;
	const now = Date.now();
	await repo.create(
		draftRecord('spring', {
			name: 'Spring clients',
			counts: { rows: 1200, errorRows: 3, warningRows: 1 },
			updatedAt: now - HOUR,
		}),
	);
	await repo.create(
		draftRecord('autumn', {
			name: 'Autumn import',
			counts: { rows: 1024, errorRows: 0, warningRows: 0 },
			status: 'importing',
			fileRows: 1024,
			updatedAt: now - 2 * HOUR,
		}),
	);
	await repo.create(
		draftRecord('old', {
			name: 'Old list',
			counts: { rows: 5, errorRows: 0, warningRows: 0 },
			updatedAt: now - 3 * HOUR,
		}),
	);
	let lists = 0;
	const counted = {
		...worker.drafts,
		list: () => {
			lists++;
			return worker.drafts.list();
		},
	};
	const drafts = new DraftsList(repo, counted, storage);
	const session = new DraftSession(worker.backend, { clock: () => NOW });
	const app = appOver(worker, { session, drafts });
	render(HomeScreen, { app });
	await app.boot();
	// The first read opens the database: slow on a busy machine, so waited for longer.
	await screen.findByRole('heading', { name: 'Spring clients' }, { timeout: 5000 });
	return {
		app,
		backend: worker.backend,
		repo,
		drafts,
		user: userEvent.setup(),
		listed: () => lists,
	};
}

const persistent: StorageManagerLike = {
	persisted: async () => true,
	estimate: async () => ({ usage: 1_500_000, quota: 2_000_000_000 }),
};

/** The list entry of the draft named `name`. */
function entry(name: string): HTMLElement {
	const li = screen.getByRole('heading', { name }).closest<HTMLElement>('li');
	if (!li) throw new Error(`${name} is not in the list`);
	return li;
}

const names = () =>
	within(screen.getByRole('region', { name: 'Drafts on this device' }))
		.getAllByRole('heading', { level: 3 })
		.map((h) => h.textContent?.trim());

describe('home screen: drafts list', () => {
	it('lists the drafts, last edited first, with their counts and state', async () => {
		await setup(persistent);
		expect(names()).toEqual(['Spring clients', 'Autumn import', 'Old list']);
		const spring = entry('Spring clients');
		expect(spring).toHaveTextContent('1,200 rows · 3 need attention');
		expect(spring).toHaveTextContent('ready to fix');
		const autumn = entry('Autumn import');
		expect(autumn).toHaveTextContent('1,024 rows · import not finished (rows saved so far)');
		// Errors are counted only once every row is in: an unfinished import shows none yet.
		expect(autumn).not.toHaveTextContent('need attention');
		expect(autumn).toHaveTextContent('import not finished');
		expect(autumn).not.toHaveTextContent('ready to fix');
		expect(entry('Old list')).toHaveTextContent('5 rows · 0 need attention');
	});

	it('opens a draft', async () => {
		const { app, backend, user } = await setup(persistent);
		await user.click(screen.getByRole('button', { name: 'Open Spring clients' }));
		await waitFor(() => expect(app.session.phase).toBe('open'));
		expect(backend.opened).toEqual(['spring']);
		expect(app.session.draft.info?.name).toBe('Spring clients');
		expect(app.screen).toBe('draft');
	});

	it('renames a draft', async () => {
		const { repo, user } = await setup(persistent);
		await user.click(screen.getByRole('button', { name: 'Rename Old list' }));
		const input = screen.getByRole('textbox', { name: 'New name for Old list' });
		expect(input).toHaveValue('Old list');
		expect(input).toHaveFocus();
		await user.clear(input);
		await user.type(input, 'Gym members');
		await user.click(screen.getByRole('button', { name: 'Save name' }));

		await screen.findByRole('heading', { name: 'Gym members' });
		expect(screen.queryByRole('heading', { name: 'Old list' })).not.toBeInTheDocument();
		expect(screen.queryByRole('textbox', { name: /New name/ })).not.toBeInTheDocument();
		expect((await repo.get('old'))?.name).toBe('Gym members');
		// Renaming is an edit: the draft moves to the top.
		expect(names()).toEqual(['Gym members', 'Spring clients', 'Autumn import']);
	});

	it('Cancel keeps the old name', async () => {
		const { repo, user } = await setup(persistent);
		await user.click(screen.getByRole('button', { name: 'Rename Old list' }));
		await user.type(screen.getByRole('textbox', { name: 'New name for Old list' }), ' 2');
		await user.click(screen.getByRole('button', { name: 'Cancel' }));
		expect(screen.getByRole('heading', { name: 'Old list' })).toBeInTheDocument();
		expect((await repo.get('old'))?.name).toBe('Old list');
	});

	it('deletes a draft with an Undo that brings it back', async () => {
		const { repo, user } = await setup(persistent);
		await user.click(screen.getByRole('button', { name: 'Delete Old list' }));
		await waitFor(() =>
			expect(screen.queryByRole('heading', { name: 'Old list' })).not.toBeInTheDocument(),
		);
		// The list follows storage on its own; the notice comes once the delete has committed.
		const notice = await screen.findByText('Deleted “Old list”.', { exact: false });
		expect(notice).toHaveTextContent('Deleted “Old list”.');
		expect((await repo.get('old'))?.deletedAt).not.toBeNull();
		expect(names()).toEqual(['Spring clients', 'Autumn import']);

		await user.click(within(notice).getByRole('button', { name: 'Undo' }));
		await screen.findByRole('heading', { name: 'Old list' });
		expect(screen.queryByText(/Deleted “/)).not.toBeInTheDocument();
		expect((await repo.get('old'))?.deletedAt).toBeNull();
		expect(names()).toEqual(['Spring clients', 'Autumn import', 'Old list']);
	});

	it('reads the list only while home shows, and at once on coming back', async () => {
		const { app, repo, listed } = await setup(persistent);
		app.screen = 'settings';
		const away = listed();
		// As a sync does with a draft open: its record is written chunk after chunk.
		await repo.create(draftRecord('new', { name: 'New clients', updatedAt: Date.now() }));
		await new Promise((r) => setTimeout(r, 300));
		expect(listed()).toBe(away);
		expect(screen.queryByRole('heading', { name: 'New clients' })).not.toBeInTheDocument();

		app.screen = 'home';
		await screen.findByRole('heading', { name: 'New clients' });
		expect(names()).toEqual(['New clients', 'Spring clients', 'Autumn import', 'Old list']);
	});
});

describe('home screen: where each draft stands with the platform and its notices', () => {
	it('shows what was sent, what needs attention and how many notices were printed', async () => {
		const worker = realWorker('home-state');
		const credentials = {
			unsent: 0,
			queued: 0,
			synced: 290,
			exists: 3,
			rejected: 0,
			printed: 120,
			noticeReady: 290,
		};
		await worker.repo.create(
			draftRecord('sent', {
				name: 'Sent list',
				counts: { rows: 300, errorRows: 7, warningRows: 0, credentials },
			}),
		);
		await worker.repo.create(
			draftRecord('waiting', {
				name: 'Waiting list',
				counts: {
					rows: 10,
					errorRows: 0,
					warningRows: 0,
					credentials: { ...credentials, synced: 5, exists: 0, queued: 3, unsent: 2, printed: 0 },
				},
			}),
		);
		await worker.repo.create(
			draftRecord('fresh', {
				name: 'Fresh list',
				counts: {
					rows: 4,
					errorRows: 1,
					warningRows: 0,
					credentials: { ...credentials, synced: 0, exists: 0, unsent: 3, printed: 0 },
				},
			}),
		);
		const app = appOver(worker);
		render(HomeScreen, { app });
		await app.boot();
		await screen.findByRole('heading', { name: 'Sent list' }, { timeout: 5000 });
		const state = (name: string) => within(entry(name)).getByTestId('draft-state');
		expect(state('Sent list')).toHaveTextContent(
			/^293 sent · 7 need attention · 120 notices printed$/,
		);
		expect(entry('Sent list')).toHaveTextContent('300 rows · 293 sent');
		expect(entry('Sent list')).not.toHaveTextContent('ready to fix');
		expect(state('Waiting list')).toHaveTextContent(
			/^5 sent · 3 waiting to send · 2 not sent yet · 0 need attention · no notice printed yet$/,
		);
		expect(state('Fresh list')).toHaveTextContent(/^not sent yet · 1 need attention$/);
	});
});

describe('home screen: storage', () => {
	it('says when drafts are stored persistently, and how much space they use', async () => {
		await setup(persistent);
		const line = screen.getByTestId('storage');
		await waitFor(() => expect(line).toHaveTextContent('Drafts are stored persistently'));
		expect(line).toHaveTextContent('Using 1.5 MB of 2 GB available.');
		expect(line).not.toHaveTextContent('may clear');
	});

	it('warns when the browser may clear the drafts', async () => {
		await setup({
			persisted: async () => false,
			estimate: async () => ({ usage: 20_000, quota: 500_000_000 }),
		});
		const line = screen.getByTestId('storage');
		await waitFor(() =>
			expect(line).toHaveTextContent(
				'The browser may clear drafts when the device runs low on space. Export what you want to keep.',
			),
		);
		expect(line).toHaveTextContent('Using 0.1 MB of 500 MB available.');
		expect(line).not.toHaveTextContent('persistently');
	});

	it('says only where drafts are when the browser does not tell', async () => {
		await setup(undefined);
		const line = screen.getByTestId('storage');
		expect(line).toHaveTextContent('Drafts are stored in this browser.');
		expect(line).not.toHaveTextContent('Using');
	});
});
