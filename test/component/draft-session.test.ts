// The open draft's session and the parts it is made of, over the real draft worker (in one
// process, over fake-indexeddb: real-worker.ts): answers that arrive out of order (a file that
// replaced another stays on screen when the first one's "cancelled" comes in after it), rows of
// an old view that arrive late, the focus kept inside a shrinking view, the row remembered after
// the focus rests, and what the draft screen says when a saved draft cannot be opened.
import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import type { DraftState } from '../../src/worker/views.ts';
import { appOver, NOW, client, csvText, realWorker } from './real-worker.ts';

/** Five valid clients (indexes 0–4), the second and fourth without a birthdate (errors). */
const FIVE = csvText([
	client(2),
	client(3, { birthdate: '' }),
	client(4),
	client(5, { birthdate: '' }),
	client(6),
]);

/** A session over the real worker (on the day the worker imports for: NOW). */
function sessionOver(prefix: string, hooks: ConstructorParameters<typeof DraftSession>[1] = {}) {
	const worker = realWorker(prefix);
	const session = new DraftSession(worker.backend, { clock: () => NOW, ...hooks });
	return { worker, backend: worker.backend, session };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('DraftSession after a sync answer', () => {
	it('reads again only the rows on screen that the answer changed', async () => {
		const { backend, session } = sessionOver('draft-session-sync');
		const rows = Array.from({ length: 200 }, (_, i) => client(i + 2));
		await session.importFile(new File([csvText(rows)], 'two-hundred.csv'));
		session.rows.ensure(0, 64);
		await vi.waitFor(() => expect(session.rows.at(63)?.index).toBe(63));
		const asked = backend.rowRequests.length;
		const state = session.draft.state as DraftState;
		const answer = (within: [number, number], over: Partial<DraftState> = {}) =>
			backend.emit({
				type: 'changed',
				state: { ...state, ...over },
				changedRows: within[1] - within[0] + 1,
				bySync: true,
				within,
			});

		// A chunk of rows below the screen: nothing on it is read again.
		answer([150, 199]);
		session.rows.ensure(0, 64);
		expect(backend.rowRequests).toHaveLength(asked);
		expect(session.rows.at(10)?.index).toBe(10);

		// A chunk that holds rows on screen: their page is read again.
		answer([10, 20]);
		session.rows.ensure(0, 64);
		expect(backend.rowRequests).toHaveLength(asked + 1);
		await vi.waitFor(() => expect(backend.rowPages).toHaveLength(asked + 1));

		// The view lost or gained rows meanwhile (another tab deleted one): everything is read again.
		answer([150, 199], { total: 199 });
		session.rows.ensure(0, 64);
		expect(backend.rowRequests).toHaveLength(asked + 2);
	});
});

describe('DraftSession with answers out of order', () => {
	it('keeps the second file open when the first one is reported cancelled afterwards', async () => {
		const { worker, backend, session } = sessionOver('draft-session');
		// The first file's answer reaches the page only when the test lets it.
		const release = backend.hold('import', { next: true, answer: true });
		const big = session.importFile(new File([FIVE], 'big.csv'));
		// The second file replaces the first: the worker aborts the first import for it.
		await session.importFile(new File([csvText([client(2), client(3)])], 'small.csv'));
		expect(session.phase).toBe('open');
		release();
		await big;
		expect(session.phase).toBe('open');
		expect(session.progress.fileName).toBe('small.csv');
		expect(session.draft.info?.name).toMatch(/^small\.csv/);
		// The first file's answer was "cancelled": only the second file became a draft.
		expect(backend.imported.map((o) => o.draft.name)).toEqual([expect.stringMatching(/^small/)]);
		expect((await worker.repo.list()).map((d) => d.name)).toEqual([
			expect.stringMatching(/^small/),
		]);
	});

	it('ignores a superseded import that finishes late', async () => {
		const { backend, session } = sessionOver('draft-session');
		// The first file goes to the worker only once the second one is open: it finishes last.
		const release = backend.hold('import', { next: true });
		const a = session.importFile(new File([FIVE], 'a.csv'));
		await session.importFile(new File([csvText([client(2)])], 'b.csv'));
		release();
		await a;
		expect(backend.imported.map((o) => o.draft.name)).toEqual([
			expect.stringMatching(/^b\.csv/),
			expect.stringMatching(/^a\.csv/),
		]);
		expect(session.draft.info?.name).toMatch(/^b\.csv/);
	});

	it('drops a page of rows asked for before the view changed', async () => {
		const { backend, session } = sessionOver('draft-session');
		await session.importFile(new File([FIVE], 'five.csv'));
		// The next page of rows is answered, but the page hears it only when the test lets it.
		const release = backend.hold('rows', { next: true, answer: true });

		session.rows.ensure(0, 5);
		await session.draft.setView('errors', '');
		// The page of every row arrives after the view became "rows with errors".
		release();
		await vi.waitFor(() => expect(backend.rowPages).toEqual([[0, 1, 2, 3, 4]]));
		// A task later, every step of that answer in the page (promise callbacks) has run.
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(session.rows.at(0)).toBeUndefined();

		session.rows.ensure(0, 2);
		expect(backend.rowRequests).toHaveLength(2);
		await vi.waitFor(() => expect(session.rows.at(0)?.index).toBe(1));
		expect(session.rows.at(1)?.index).toBe(3);
	});

	it('keeps the worker’s snapshots as they came, not copied into deep proxies', async () => {
		const { backend, session } = sessionOver('draft-session');
		await session.importFile(new File([FIVE], 'five.csv'));
		const opened = backend.imported[0];
		expect(session.draft.state).toBe(opened?.state);
		expect(session.draft.info).toBe(opened?.draft);
	});
});

describe('DraftSession: grid focus and the remembered row', () => {
	it('moves the focus onto the last row left when rows under it are deleted', async () => {
		const { session } = sessionOver('draft-session');
		await session.importFile(new File([FIVE], 'five.csv'));
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
		const { session } = sessionOver('draft-session', {
			savePosition: (id, index) => saved.push([id, index]),
		});
		await session.importFile(new File([FIVE], 'five.csv'));
		const id = session.draft.info?.id as string;
		session.rows.ensure(0, 5);
		await vi.waitFor(() => expect(session.rows.at(4)).toBeDefined());
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

		session.grid.setFocus(2, 'email_address');
		vi.advanceTimersByTime(300);
		session.grid.setFocus(3, 'email_address');
		vi.advanceTimersByTime(499);
		expect(saved).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(saved).toEqual([[id, 3]]);

		session.grid.setFocus(4, 'email_address');
		// The worker's messages travel in timers: real ones again before the session calls it.
		vi.useRealTimers();
		const closing = session.close();
		// At once: neither after the delay nor after the worker's answer.
		expect(saved).toEqual([
			[id, 3],
			[id, 4],
		]);
		await closing;
		expect(session.phase).toBe('idle');
	});
});

describe('DraftSession: the passwords the actions offer to create or replace', () => {
	it('counts clients without a password, and the weak and too short ones together', async () => {
		const { session } = sessionOver('draft-session');
		const four = csvText([
			client(2, { initial_password: '' }),
			client(3, { initial_password: 'Ab1!' }),
			client(4, { initial_password: 'alllowercase' }),
			client(5),
		]);
		await session.importFile(new File([four], 'four.csv'));
		expect(session.draft.passwordsMissing).toBe(1);
		expect(session.draft.passwordsWeak).toBe(2);
	});
});

describe('DraftSession: when removing the passwords is offered', () => {
	async function openWith(
		credentials: Partial<DraftState['credentials']>,
		exportedAt: number | null,
	) {
		const { backend, session } = sessionOver('draft-session');
		await session.importFile(new File([FIVE], 'five.csv'));
		const state = session.draft.state as DraftState;
		// No command here prints notices or sends clients: the state comes as the worker's event.
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
		const { worker, session } = sessionOver('draft-session');
		const app = appOver(worker, { session });
		render(DraftScreen, { app });
		await app.importFile(new File([FIVE], 'clients.csv'));
		expect(session.phase).toBe('open');
		await app.home();

		await app.openDraft('gone');

		expect(await screen.findByRole('alert')).toHaveTextContent('This draft no longer exists.');
		expect(screen.getByRole('alert')).not.toHaveTextContent('clients.csv');
	});
});
