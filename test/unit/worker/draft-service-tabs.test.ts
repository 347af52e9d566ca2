import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { TabChannel } from '../../../src/worker/tab-channel.ts';
import {
	clientsCsv,
	emailOf,
	harness,
	quotaSwitch,
	storedRows,
	uniqueName,
	waitFor,
	type Harness,
} from './harness.ts';

const channels: TabChannel[] = [];

afterEach(() => {
	for (const c of channels.splice(0)) c.close();
});

/** Two tabs on one database, told of each other's changes through a channel of their own. */
async function twoTabs(prefix: string, text: string) {
	const name = uniqueName(prefix);
	const channel = uniqueName('channel');
	const syncA = new TabChannel(channel);
	const syncB = new TabChannel(channel);
	channels.push(syncA, syncB);
	const a = harness(name, { tabs: syncA });
	const b = harness(name, { tabs: syncB });
	const { draft } = await a.importText(text);
	await b.open(draft.id);
	return { a, b, id: draft.id };
}

/** The `changed` events a tab heard: another tab's change reached it. */
const external = (h: Harness) => h.events.changed;

describe('DraftService: two tabs on one draft', () => {
	it('keeps both edits when two tabs change different cells of a row at once', async () => {
		const { a, b, id } = await twoTabs('tabs-same-row', clientsCsv(5));
		const seenA = external(a).length;
		const seenB = external(b).length;
		const editA = a.call('edit', { index: 0, set: { email_address: 'new@example.com' } });
		const editB = b.call('edit', { index: 0, set: { first_name: 'Bea' } });
		const answers = await Promise.all([editA, editB]);
		expect(answers.map((r) => r.changedRows)).toEqual([1, 1]);
		await waitFor(() => external(a).length > seenA && external(b).length > seenB);

		const both = { email_address: 'new@example.com', first_name: 'Bea', last_name: 'Lee' };
		expect((await a.rows(0, 1))[0]).toMatchObject(both);
		expect((await b.rows(0, 1))[0]).toMatchObject(both);
		expect((await storedRows(a.repo, id)).at(0)).toMatchObject(both);
		// The history is the draft's: undoing both steps from one tab restores the row in both.
		await b.change({ type: 'undo' });
		const undone = await b.change({ type: 'undo' });
		expect(undone.state.history).toMatchObject({ undo: 0, redo: 2 });
		const original = { email_address: emailOf(0), first_name: 'Ann' };
		expect((await storedRows(a.repo, id)).at(0)).toMatchObject(original);
		// Tab A hears of both undos: its rows and its Undo/Redo buttons follow.
		await waitFor(async () => {
			const history = external(a).at(-1)?.state.history;
			const [row] = await a.rows(0, 1);
			return (
				history?.undo === 0 &&
				history.redo === 2 &&
				row?.email_address === emailOf(0) &&
				row.first_name === 'Ann'
			);
		});
	});

	it('reloads a tab whose added row collided with another tab’s', async () => {
		const { a, b, id } = await twoTabs('tabs-add-conflict', clientsCsv(3));
		const answers = await Promise.allSettled([a.call('addRow', {}), b.call('addRow', {})]);
		expect(answers.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const loser = answers[0]?.status === 'rejected' ? a : b;
		expect(answers.find((r) => r.status === 'rejected')).toMatchObject({
			reason: { reason: 'conflict' },
		});
		expect(await loser.allRows()).toHaveLength(4);
		// Trying again works, and both tabs end with the same five rows.
		const again = await loser.change({ type: 'addRow' });
		expect(again).toMatchObject({ index: 4, state: { total: 5 } });
		expect((await storedRows(a.repo, id)).length).toBe(5);
		const other = loser === a ? b : a;
		await waitFor(async () => (await other.allRows()).length === 5);
		expect((await other.allRows()).map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
	});

	it('shows the date order another tab chose', async () => {
		const text = clientsCsv(3, (i) => (i === 0 ? { birthdate: '03/04/1990' } : {}));
		const { a, b } = await twoTabs('tabs-dates', text);
		const seen = external(b).length;
		await a.change({ type: 'dateOrder', order: 'day-first' });
		await waitFor(() => external(b).length > seen);
		expect(external(b).at(-1)?.state).toMatchObject({ dateOrder: 'day-first', ambiguousDates: 0 });
		const [row] = await b.rows(0, 1);
		expect(row).toMatchObject({ birthdate: '19900403', issues: [] });
	});

	it('shows an edit made in one tab in the other, with its counts', async () => {
		const { a, b } = await twoTabs('tabs-other-row', clientsCsv(5));
		const seen = external(b).length;
		await a.change({ type: 'edit', index: 3, set: { email_address: emailOf(1) } });
		await waitFor(() => external(b).length > seen);
		const told = external(b).at(-1);
		expect(told?.changedRows).toBe(1);
		expect(told?.state.counts).toMatchObject({ rows: 5, errorRows: 1 });
		const [row] = await b.rows(3, 1);
		expect(row).toMatchObject({ email_address: emailOf(1), hasError: true });
		expect(row?.issues.map((i) => i.code)).toEqual(['email.duplicate']);
	});

	it('shows a row another tab added and deleted', async () => {
		const { a, b } = await twoTabs('tabs-add', clientsCsv(3));
		let seen = external(b).length;
		await a.change({ type: 'addRow' });
		await waitFor(() => external(b).length > seen);
		expect(external(b).at(-1)?.state).toMatchObject({ total: 4, counts: { rows: 4 } });
		seen = external(b).length;
		await a.change({ type: 'deleteRows', indexes: [0] });
		await waitFor(() => external(b).length > seen);
		expect(external(b).at(-1)?.state.total).toBe(3);
		expect((await b.allRows()).map((r) => r.row)).toEqual([3, 4, 5]);
	});
});

describe('DraftService: a full disk', () => {
	async function fullDisk(prefix: string, text: string) {
		const name = uniqueName(prefix);
		// The middleware must be in place before the database opens.
		const db = openDatabase(name);
		const quota = quotaSwitch(db);
		const h = harness(name, { db });
		const { draft } = await h.importText(text);
		return { h, quota, id: draft.id };
	}

	it('says the disk is full, keeps the old value, and saves once there is room', async () => {
		const { h, quota, id } = await fullDisk('service-quota', clientsCsv(3));
		quota.failing = true;
		const failed = await h.failure('edit', { index: 1, set: { first_name: 'Zoe' } });
		expect(failed.reason).toBe('storage-full');
		expect(failed.message).toMatch(/Delete drafts you no longer need/);
		expect((await h.rows(1, 1))[0]?.first_name).toBe('Ann');
		expect((await storedRows(h.repo, id)).at(1)?.first_name).toBe('Ann');
		const state = await h.call('view', { filter: 'all', search: '' });
		expect(state.history.undo).toBe(0);

		quota.failing = false;
		const saved = await h.change({ type: 'edit', index: 1, set: { first_name: 'Zoe' } });
		expect(saved.state.history).toMatchObject({ undo: 1, undoLabel: 'Edit first name on row 3' });
		expect((await h.rows(1, 1))[0]?.first_name).toBe('Zoe');
		expect((await storedRows(h.repo, id)).at(1)?.first_name).toBe('Zoe');
	});

	it('leaves the date order as it was when choosing it cannot be saved', async () => {
		const text = clientsCsv(3, (i) => (i === 0 ? { birthdate: '03/04/1990' } : {}));
		const { h, quota } = await fullDisk('service-quota-dates', text);
		quota.failing = true;
		quota.table = 'history';
		const failed = await h.failure('dateOrder', { order: 'day-first' });
		expect(failed).toMatchObject({ reason: 'storage-full' });
		const state = await h.call('view', { filter: 'all', search: '' });
		expect(state).toMatchObject({ dateOrder: null, ambiguousDates: 1 });
		const [row] = await h.rows(0, 1);
		expect(row?.birthdate).toBe('03/04/1990');
		expect(row?.issues.map((i) => i.code)).toEqual(['birthdate.ambiguous']);
	});

	it('keeps the row count when adding a row cannot be saved', async () => {
		const { h, quota, id } = await fullDisk('service-quota-add', clientsCsv(3));
		quota.failing = true;
		expect(await h.failure('addRow', {})).toMatchObject({ reason: 'storage-full' });
		quota.failing = false;
		const added = await h.change({ type: 'addRow' });
		expect(added).toMatchObject({ index: 3, state: { total: 4 } });
		expect((await storedRows(h.repo, id)).length).toBe(4);
	});
});
