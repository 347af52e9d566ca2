// "Cancel sending" and "Sync now" as the sync panel's state tells them: what was cancelled, the
// rows the platform may already have in words, and a failed call shown rather than thrown.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	cancelledText,
	rowsText,
	SyncState,
	type SyncBackend,
} from '../../../src/state/sync.svelte.ts';
import { openDatabase } from '../../../src/storage/db.ts';
import { SettingsRepository } from '../../../src/storage/settings.ts';
import { WorkerError } from '../../../src/worker/client.ts';
import type { Result } from '../../../src/worker/protocol.ts';
import { quotaSwitch, uniqueName } from '../storage/harness.ts';

function state(backend: Partial<SyncBackend>) {
	const full: SyncBackend = {
		onSyncStatus: () => () => undefined,
		syncNow: async () => undefined,
		cancelSync: async () => ({ cancelled: 0, uncertain: { clients: 0, ranges: [] }, state: null }),
		...backend,
	};
	return new SyncState(full, new SettingsRepository(openDatabase(uniqueName('sync-cancel'))));
}

const result = (over: Partial<Result<'cancelSync'>>): Result<'cancelSync'> => ({
	cancelled: 40,
	uncertain: { clients: 25, ranges: [[2, 26]] },
	state: null,
	...over,
});

describe('Cancel sending, in words', () => {
	it('names the rows the platform may already have', () => {
		expect(cancelledText(result({}))).toBe(
			'Sending cancelled: 40 clients are not sent and can be edited again. The platform may already have 25 clients from rows 2–26 (sent, but no answer came back): check them on the platform before sending again.',
		);
		expect(cancelledText(result({ uncertain: { clients: 0, ranges: [] } }))).toBe(
			'Sending cancelled: 40 clients are not sent and can be edited again. None of them had reached the platform.',
		);
		expect(cancelledText(result({ cancelled: 0 }))).toBe('Nothing was waiting to be sent.');
	});

	it('writes runs of rows as a pro reads them', () => {
		expect(rowsText([[7, 7]])).toBe('row 7');
		expect(
			rowsText([
				[2, 26],
				[30, 30],
				[41, 44],
			]),
		).toBe('rows 2–26, 30 and 41–44');
		expect(
			rowsText([
				[1, 1],
				[3, 3],
				[5, 5],
				[7, 7],
				[9, 9],
			]),
		).toBe('rows 1, 3, 5, 7 and others');
	});
});

describe('SyncState', () => {
	it('shows what Cancel sending did, and is busy meanwhile', async () => {
		let answer = (_: Result<'cancelSync'>) => undefined as void;
		const sync = state({
			cancelSync: () => new Promise((resolve) => (answer = resolve)),
		});
		const cancelling = sync.cancel('d1');
		expect(sync.cancelling).toBe(true);
		answer(result({}));
		await cancelling;
		expect(sync.cancelling).toBe(false);
		expect(sync.cancelNote).toMatch(/may already have 25 clients from rows 2–26/);
	});

	it('forgets what the last cancel said once a new batch is being sent', async () => {
		let hear = (_: Parameters<Parameters<SyncBackend['onSyncStatus']>[0]>[0]) => undefined as void;
		const sync = state({
			onSyncStatus: (listener) => {
				hear = listener;
				return () => undefined;
			},
			cancelSync: async () => result({}),
		});
		await sync.cancel('d1');
		const status = { waiting: 4, done: 0, total: 1, message: '', nextAt: null };
		hear({ ...status, phase: 'waiting' });
		expect(sync.cancelNote).not.toBe('');
		hear({ ...status, phase: 'sending' });
		expect(sync.cancelNote).toBe('');
	});

	it('says settings that cannot be stored were not saved, and sends nothing', async () => {
		let asked = 0;
		const sync = state({
			syncNow: async () => {
				asked++;
			},
		});
		const db = openDatabase(uniqueName('sync-settings-full'));
		const quota = quotaSwitch(db);
		const full = new SyncState(
			{
				onSyncStatus: () => () => undefined,
				syncNow: async () => {
					asked++;
				},
				cancelSync: async () => result({}),
			},
			new SettingsRepository(db),
		);
		quota.failing = true;
		await expect(full.save({ baseUrl: '/api/v1', token: 'abc' })).resolves.toBeUndefined();
		expect(full.error).toMatch(
			/^The sync settings could not be saved on this device: This device has no room left/,
		);
		expect(asked).toBe(0);
		await sync.save({ baseUrl: '/api/v1', token: 'abc' });
		expect(sync.error).toBe('');
		expect(asked).toBe(1);
	});

	it('shows a failed Sync now or cancel instead of throwing it at the button', async () => {
		const sync = state({
			syncNow: async () => {
				throw new WorkerError('Loading took longer than 45 seconds.', 'timeout');
			},
			cancelSync: async () => {
				throw new WorkerError("Roster's worker stopped and was restarted.", 'crashed');
			},
		});
		await expect(sync.syncNow()).resolves.toBeUndefined();
		expect(sync.error).toBe('Sync now did not start: Loading took longer than 45 seconds.');
		await expect(sync.cancel('d1')).resolves.toBeNull();
		expect(sync.error).toBe(
			"Sending was not cancelled: Roster's worker stopped and was restarted.",
		);
		expect(sync.cancelling).toBe(false);
	});
});
