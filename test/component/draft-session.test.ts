// The open draft's session and the parts it is made of: answers that arrive out of order (a file
// that replaced another stays on screen when the first one's "cancelled" comes in after it), rows
// of an old view that arrive late, the focus kept inside a shrinking view, the row remembered
// after the focus rests, and what the draft screen says when a saved draft cannot be opened.
import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { DraftsList } from '../../src/state/drafts-list.svelte.ts';
import { AppState } from '../../src/state/app.svelte.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { DraftRepository } from '../../src/storage/drafts.ts';
import { SettingsRepository } from '../../src/storage/settings.ts';
import { ImportCancelled, type Opened } from '../../src/worker/client.ts';
import type { DraftState, RowView } from '../../src/worker/views.ts';
import { FakeDraftBackend, client } from './fake-draft-backend.ts';

function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((a, b) => {
		resolve = a;
		reject = b;
	});
	return { promise, resolve, reject };
}

/** Five valid clients (indexes 0–4), the second and fourth without a birthdate (errors). */
const FIVE = [
	client(2),
	client(3, { birthdate: '' }),
	client(4),
	client(5, { birthdate: '' }),
	client(6),
];

afterEach(() => {
	vi.useRealTimers();
});

describe('DraftSession with answers out of order', () => {
	it('keeps the second file open when the first one is reported cancelled afterwards', async () => {
		const backend = new FakeDraftBackend({ records: [client(2), client(3)], name: 'small' });
		const opened = await backend.open(backend.id);
		const first = deferred<Opened>();
		backend.import = (file: File) =>
			file.name === 'big.csv' ? first.promise : Promise.resolve(opened);
		const session = new DraftSession(backend);

		const big = session.importFile(new File(['x'], 'big.csv'));
		await session.importFile(new File(['y'], 'small.csv'));
		expect(session.phase).toBe('open');
		// The worker aborted the big file for the small one; its answer comes last.
		first.reject(new ImportCancelled());
		await big;
		expect(session.phase).toBe('open');
		expect(session.progress.fileName).toBe('small.csv');
		expect(session.draft.info?.name).toBe('small');
	});

	it('ignores a superseded import that finishes late', async () => {
		const backend = new FakeDraftBackend({ records: [client(2)], name: 'second' });
		const opened = await backend.open(backend.id);
		const first = deferred<Opened>();
		backend.import = (file: File) =>
			file.name === 'a.csv' ? first.promise : Promise.resolve(opened);
		const session = new DraftSession(backend);
		const a = session.importFile(new File(['x'], 'a.csv'));
		await session.importFile(new File(['y'], 'b.csv'));
		first.resolve({ ...opened, draft: { ...opened.draft, name: 'first' } });
		await a;
		expect(session.draft.info?.name).toBe('second');
	});

	it('drops a page of rows asked for before the view changed', async () => {
		const backend = new FakeDraftBackend({ records: FIVE });
		const session = new DraftSession(backend);
		await session.importFile(new File(['x'], 'five.csv'));
		const asked: ReturnType<typeof deferred<{ total: number; rows: RowView[] }>>[] = [];
		const allRows = await backend.rows(0, 5);
		backend.rows = () => {
			const answer = deferred<{ total: number; rows: RowView[] }>();
			asked.push(answer);
			return answer.promise;
		};

		session.rows.ensure(0, 5);
		await session.draft.setView('errors', '');
		// The page of every row arrives after the view became "rows with errors".
		asked[0]?.resolve(allRows);
		await Promise.resolve();
		expect(session.rows.at(0)).toBeUndefined();

		session.rows.ensure(0, 2);
		expect(asked).toHaveLength(2);
		asked[1]?.resolve({ total: 2, rows: allRows.rows.filter((r) => r.index % 2 === 1) });
		await vi.waitFor(() => expect(session.rows.at(0)?.index).toBe(1));
		expect(session.rows.at(1)?.index).toBe(3);
	});

	it('keeps the worker’s snapshots as they came, not copied into deep proxies', async () => {
		const backend = new FakeDraftBackend({ records: FIVE });
		const opened = await backend.open(backend.id);
		backend.import = () => Promise.resolve(opened);
		const session = new DraftSession(backend);
		await session.importFile(new File(['x'], 'five.csv'));
		expect(session.draft.state).toBe(opened.state);
		expect(session.draft.info).toBe(opened.draft);
	});
});

describe('DraftSession: grid focus and the remembered row', () => {
	it('moves the focus onto the last row left when rows under it are deleted', async () => {
		const backend = new FakeDraftBackend({ records: FIVE });
		const session = new DraftSession(backend);
		await session.importFile(new File(['x'], 'five.csv'));
		session.grid.setFocus(4, 'first_name');
		session.grid.toggleSelected(3);
		session.grid.toggleSelected(4);

		await session.draft.deleteSelected();

		expect(session.draft.total).toBe(3);
		expect(session.grid.focus).toEqual({ position: 2, field: 'first_name' });
		expect(session.grid.selectedCount).toBe(0);
		expect(session.messages.announcement).toBe('2 rows deleted. Undo brings them back.');
	});

	it('remembers the row once the focus has rested on it, and at once on close', async () => {
		const saved: [string, number][] = [];
		const backend = new FakeDraftBackend({ records: FIVE });
		const session = new DraftSession(backend, {
			savePosition: (id, index) => saved.push([id, index]),
		});
		await session.importFile(new File(['x'], 'five.csv'));
		session.rows.ensure(0, 5);
		await vi.waitFor(() => expect(session.rows.at(4)).toBeDefined());
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

		session.grid.setFocus(2, 'email_address');
		vi.advanceTimersByTime(300);
		session.grid.setFocus(3, 'email_address');
		vi.advanceTimersByTime(499);
		expect(saved).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(saved).toEqual([[backend.id, 3]]);

		session.grid.setFocus(4, 'email_address');
		await session.close();
		expect(saved).toEqual([
			[backend.id, 3],
			[backend.id, 4],
		]);
	});
});

describe('DraftSession: the passwords the actions offer to create or replace', () => {
	it('counts clients without a password, and the weak and too short ones together', async () => {
		const backend = new FakeDraftBackend({
			records: [
				client(2, { initial_password: '' }),
				client(3, { initial_password: 'Ab1!' }),
				client(4, { initial_password: 'alllowercase' }),
				client(5),
			],
		});
		const session = new DraftSession(backend);
		await session.importFile(new File(['x'], 'four.csv'));
		expect(session.draft.passwordsMissing).toBe(1);
		expect(session.draft.passwordsWeak).toBe(2);
	});
});

describe('DraftSession: when removing the passwords is offered', () => {
	async function openWith(
		credentials: Partial<DraftState['credentials']>,
		exportedAt: number | null,
	) {
		const backend = new FakeDraftBackend({ records: FIVE });
		const session = new DraftSession(backend);
		await session.importFile(new File(['x'], 'five.csv'));
		const state = session.draft.state as DraftState;
		backend.emit({
			type: 'changed',
			changedRows: 0,
			state: { ...state, exportedAt, credentials: { ...state.credentials, ...credentials } },
		});
		return session;
	}

	it('offers it once every notice is printed and the clean file is out', async () => {
		const session = await openWith({ noticeReady: 5, noticePending: 0, unsent: 5 }, 1);
		expect(session.draft.passwordsHandedOut).toBe(true);
	});

	it('offers it once every notice is printed and every client is sent, with no file out', async () => {
		const session = await openWith(
			{ noticeReady: 5, noticePending: 0, unsent: 0, queued: 0 },
			null,
		);
		expect(session.draft.passwordsHandedOut).toBe(true);
	});

	it('does not offer it while a notice is unprinted, or clients wait to be sent', async () => {
		const unprinted = await openWith({ noticeReady: 5, noticePending: 1, unsent: 0 }, 1);
		expect(unprinted.draft.passwordsHandedOut).toBe(false);
		const waiting = await openWith({ noticeReady: 5, noticePending: 0, queued: 2 }, null);
		expect(waiting.draft.passwordsHandedOut).toBe(false);
		const unsent = await openWith({ noticeReady: 5, noticePending: 0, unsent: 3, queued: 0 }, null);
		expect(unsent.draft.passwordsHandedOut).toBe(false);
		const nothingToHand = await openWith({ noticeReady: 0, noticePending: 0 }, 1);
		expect(nothingToHand.draft.passwordsHandedOut).toBe(false);
	});
});

describe('the draft screen when a saved draft cannot be opened', () => {
	it('says the draft could not be opened, not that the last imported file could not be', async () => {
		const backend = new FakeDraftBackend({ records: FIVE });
		const db = openDatabase(`draft-session-${crypto.randomUUID()}`);
		const repo = new DraftRepository(db);
		const settings = new SettingsRepository(db);
		const session = new DraftSession(backend);
		const app = new AppState({
			session,
			drafts: new DraftsList(
				repo,
				{ duplicate: async () => 'copy', export: (kind) => backend.export(kind) },
				undefined,
			),
			repo,
			settings,
			appSettings: new AppSettings(settings),
		});
		render(DraftScreen, { app });
		await app.importFile(new File(['x'], 'clients.csv'));
		await app.home();

		await app.openDraft('gone');

		expect(await screen.findByRole('alert')).toHaveTextContent('This draft no longer exists.');
		expect(screen.getByRole('alert')).not.toHaveTextContent('clients.csv');
	});
});
