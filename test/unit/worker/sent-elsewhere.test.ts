// Emails already sent from another draft of this device, through the real worker service and an
// in-memory import API: the same file imported again after a sync says how many of its emails
// were sent and from which draft, marks those rows, offers them no notice, filters them, and
// forgets a row once it is deleted or its email changes; the draft that sent them is not warned
// about its own rows.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SyncConfig } from '../../../src/sync/api-client.ts';
import { FakeImportApi } from '../storage/fake-import-api.ts';
import { clientsCsv, harness, uniqueName, waitFor, type Harness } from './harness.ts';

const FAST = { baseMs: 5, capMs: 50 };
const configured = async (): Promise<SyncConfig> => ({
	baseUrl: 'http://api.test/api/v1',
	token: 'secret',
});

/** Five clients; row 2's email is invalid, so it is never sent. */
const FIVE = clientsCsv(5, (i) => (i === 2 ? { email_address: 'not-an-email' } : {}));

async function sendAll(h: Harness): Promise<void> {
	const queued = await h.call('sync', {});
	expect(queued.queued).toBe(4);
	await waitFor(
		async () => (await h.db.outbox.count()) === 0 && h.events.syncStatus.at(-1)?.phase === 'idle',
		5000,
	);
}

/** The warning the worker sends once it has checked the open draft. */
async function warning(h: Harness) {
	await waitFor(async () => h.events.changed.some((e) => e.state.sentElsewhere), 5000);
	return h.events.changed.findLast((e) => e.state.sentElsewhere)?.state.sentElsewhere;
}

describe('DraftService: emails sent from another draft', () => {
	it('warns when the same file is imported again after a sync, and marks those rows', async () => {
		const api = new FakeImportApi();
		const h = harness(uniqueName('sent-elsewhere'), {
			engine: { config: configured, fetch: api.fetch, policy: FAST, random: () => 0.5 },
		});
		const first = await h.importText(FIVE);
		await sendAll(h);
		expect(first.state.sentElsewhere).toBeUndefined();

		const second = await h.importText(FIVE);
		expect(second.draft.id).not.toBe(first.draft.id);
		const found = await warning(h);
		expect(found).toEqual({
			count: 4,
			fromDrafts: [
				{ id: first.draft.id, name: first.draft.name, sentAt: expect.any(Number), count: 4 },
			],
		});
		const rows = await h.allRows();
		expect(rows.map((r) => r.sentElsewhere === true)).toEqual([true, true, false, true, true]);
		// Their accounts exist: none of them is offered a notice.
		const notices = await h.call('notices', { choice: 'all' });
		expect(notices).toMatchObject({ notices: [], registered: 4, withErrors: 1 });
		// …and none is counted as due ("Print notices (N not printed)").
		const shown = h.events.changed.findLast((e) => e.state.sentElsewhere)?.state;
		expect(shown?.credentials).toMatchObject({ noticeReady: 0, noticePending: 0 });

		// The filter shows only them; deleting one (or changing its email) takes it out.
		const filtered = await h.call('view', { filter: 'sync.elsewhere', search: '' });
		expect(filtered.total).toBe(4);
		const afterDelete = await h.change({ type: 'deleteRows', indexes: [0] });
		expect(afterDelete.state.sentElsewhere?.count).toBe(3);
		expect(afterDelete.state.total).toBe(3);
		const afterEdit = await h.change({
			type: 'edit',
			index: 1,
			set: { email_address: 'someone.new@example.com' },
		});
		expect(afterEdit.state.sentElsewhere?.count).toBe(2);
		expect((await h.allRows()).map((r) => r.index)).toEqual([3, 4]);
		// Undo brings the deleted row back, marked again.
		await h.change({ type: 'undo' });
		const undone = await h.change({ type: 'undo' });
		expect(undone.state.sentElsewhere?.count).toBe(4);
	});

	it('warns when such a draft is opened later, but not in the draft that sent them', async () => {
		const api = new FakeImportApi();
		const name = uniqueName('sent-elsewhere-open');
		const h = harness(name, {
			engine: { config: configured, fetch: api.fetch, policy: FAST, random: () => 0.5 },
		});
		const first = await h.importText(FIVE);
		const second = await h.importText(FIVE);
		await h.open(first.draft.id);
		await sendAll(h);

		// A new worker (the app started again) opens the second draft.
		const later = harness(name, { db: h.db });
		await later.open(second.draft.id);
		expect((await warning(later))?.count).toBe(4);
		expect((await later.allRows()).filter((r) => r.sentElsewhere)).toHaveLength(4);

		const changedBefore = later.events.changed.length;
		await later.open(first.draft.id);
		expect((await later.allRows()).some((r) => r.sentElsewhere)).toBe(false);
		// Its own sent rows raise nothing: opening the second draft after it, the only warning
		// heard since is the second draft's (the first's check ran before it, in the same order).
		await later.open(second.draft.id);
		await waitFor(
			async () =>
				later.events.changed.slice(changedBefore).filter((e) => e.state.sentElsewhere).length > 0,
			5000,
		);
		const warnings = later.events.changed.slice(changedBefore).filter((e) => e.state.sentElsewhere);
		expect(warnings).toHaveLength(1);
	});
});
