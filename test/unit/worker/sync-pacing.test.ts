// The pacer between a sync and the page: the page hears a sync's progress at most ten times a
// second, nothing is lost (the last change and status always arrive), and what ends the
// sending arrives at once.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import type { SyncStatus } from '../../../src/sync/engine.ts';
import { DraftContext } from '../../../src/worker/context.ts';
import type { OpenDraft } from '../../../src/worker/open-draft.ts';
import { SyncEventPacer } from '../../../src/worker/sync-pacing.ts';
import { uniqueName } from './harness.ts';

type Heard =
	['changed', string, number, [number, number]] | ['status', SyncStatus['phase'], number];

/** A pacer on a clock that moves only when told, with its timers run by `advance`. */
function paced() {
	let clock = 1000;
	const heard: Heard[] = [];
	const timers: { at: number; run: () => void; id: number }[] = [];
	let ids = 0;
	const pacer = new SyncEventPacer({
		changed: (draftId, rows, within) => heard.push(['changed', draftId, rows, within]),
		status: (s) => heard.push(['status', s.phase, s.done]),
		now: () => clock,
		setTimer: (run, ms) => {
			const id = ++ids;
			timers.push({ at: clock + ms, run, id });
			return id;
		},
		clearTimer: (id) => {
			const i = timers.findIndex((t) => t.id === id);
			if (i >= 0) timers.splice(i, 1);
		},
	});
	const advance = (ms: number) => {
		clock += ms;
		for (const t of timers.filter((t) => t.at <= clock)) {
			timers.splice(timers.indexOf(t), 1);
			t.run();
		}
	};
	return { pacer, heard, advance, timers };
}

function status(phase: SyncStatus['phase'], done: number): SyncStatus {
	return { phase, waiting: 100 - done, done, total: 100, message: '', nextAt: null };
}

describe('SyncEventPacer', () => {
	it('says the first change at once and gathers the next ones of the same 0.1 s into one', () => {
		const { pacer, heard, advance } = paced();
		pacer.rowsChanged('d', 1000, 0, 999);
		expect(heard).toEqual([['changed', 'd', 1000, [0, 999]]]);
		advance(30);
		pacer.rowsChanged('d', 1000, 2000, 2999);
		advance(30);
		pacer.rowsChanged('d', 1000, 1000, 1999);
		expect(heard).toHaveLength(1);
		advance(40);
		// One message for both, over the rows of both.
		expect(heard.at(-1)).toEqual(['changed', 'd', 2000, [1000, 2999]]);
		expect(heard).toHaveLength(2);
		advance(500);
		expect(heard).toHaveLength(2);
	});

	it('holds progress while sending, and says the end at once after the rows it held', () => {
		const { pacer, heard, advance, timers } = paced();
		pacer.status(status('sending', 0));
		pacer.rowsChanged('d', 1000, 0, 999);
		advance(10);
		pacer.status(status('sending', 1));
		pacer.rowsChanged('d', 1000, 1000, 1999);
		pacer.status(status('sending', 2));
		expect(heard).toEqual([['status', 'sending', 0]]);
		// The last answer: the engine goes idle at once, and nothing it held is lost or late.
		pacer.status(status('idle', 2));
		expect(heard.slice(1)).toEqual([
			['changed', 'd', 2000, [0, 1999]],
			['status', 'idle', 2],
		]);
		expect(timers).toHaveLength(0);
	});

	it('says the latest progress within 0.1 s while the sending goes on', () => {
		const { pacer, heard, advance } = paced();
		pacer.status(status('sending', 0));
		for (let done = 1; done <= 5; done++) {
			advance(15);
			pacer.status(status('sending', done));
		}
		expect(heard).toEqual([['status', 'sending', 0]]);
		advance(25);
		expect(heard).toEqual([
			['status', 'sending', 0],
			['status', 'sending', 5],
		]);
	});

	it('says a change of phase at once (offline, paused, sending again)', () => {
		const { pacer, heard } = paced();
		pacer.status(status('sending', 0));
		pacer.status(status('offline', 0));
		pacer.status(status('sending', 0));
		pacer.status(status('paused', 0));
		expect(heard.map((h) => h[1])).toEqual(['sending', 'offline', 'sending', 'paused']);
	});

	it('never merges two drafts: the first is said before the second is gathered', () => {
		const { pacer, heard, advance } = paced();
		pacer.rowsChanged('a', 10, 0, 9);
		advance(10);
		pacer.rowsChanged('a', 10, 10, 19);
		pacer.rowsChanged('b', 5, 0, 4);
		expect(heard).toEqual([
			['changed', 'a', 10, [0, 9]],
			['changed', 'a', 10, [10, 19]],
		]);
		advance(100);
		expect(heard.at(-1)).toEqual(['changed', 'b', 5, [0, 4]]);
	});

	it('says nothing of a draft being read again or no longer open: its open or reload will', () => {
		const said: string[] = [];
		const ctx = new DraftContext({
			repo: new DraftRepository(openDatabase(uniqueName('pacing-open')), null),
			emit: (name) => said.push(name),
		});
		// The draft's record is known, its rows not read yet (a reload, a reopen on a new day).
		ctx.open = { meta: { id: 'd' } } as OpenDraft;
		ctx.syncEvents.rowsChanged('d', 10, 0, 9);
		ctx.syncEvents.flush();
		ctx.open = null;
		ctx.syncEvents.rowsChanged('d', 10, 10, 19);
		ctx.syncEvents.flush();
		expect(said).toEqual([]);
	});
});
