// Temporary passwords and notices in the worker: created for the rows that need them as one
// undo step, remembered as created or typed, notices only for rows without errors, printed
// marks, and the wipe that leaves no password in IndexedDB (history included).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_OPTIONS, passwordClasses } from '../../../src/core/password.ts';
import type { Args } from '../../../src/worker/protocol.ts';
import type { RowView } from '../../../src/worker/views.ts';
import { clientsCsv, harness, storedRows, uniqueName, type Harness } from './harness.ts';

/** Six clients: 1 and 4 have no password, 2 a weak one, 3 a short one, 5 a bad email. */
const SIX = clientsCsv(6, (i) => ({
	...(i === 1 || i === 4 ? { initial_password: '' } : {}),
	...(i === 2 ? { initial_password: 'abcdefgh' } : {}),
	...(i === 3 ? { initial_password: 'Ab1!' } : {}),
	...(i === 5 ? { email_address: 'not-an-email' } : {}),
}));

const options = DEFAULT_PASSWORD_OPTIONS;

async function imported(prefix: string) {
	const h = harness(uniqueName(prefix));
	const opened = await h.importText(SIX);
	return { h, id: opened.draft.id };
}

async function notices(h: Harness, body: Args<'notices'>) {
	return await h.call('notices', body);
}

function passwords(rows: RowView[]): string[] {
	return rows.map((r) => r.initial_password);
}

/** Every string in every history record of the draft, joined. */
async function historyText(h: Harness, id: string): Promise<string> {
	const changes = await h.db.historyChanges.where('[draftId+seq]').between([id, 0], [id, Infinity]);
	return JSON.stringify(await changes.toArray());
}

describe('DraftService: passwords', () => {
	it('creates strong passwords for the rows without one, as one undoable step', async () => {
		const { h, id } = await imported('pw-missing');
		const before = await h.allRows();
		const changed = await h.change({ type: 'passwords', scope: 'missing', options });
		expect(changed.changedRows).toBe(2);
		expect(changed.state.history.undoLabel).toBe('Create 2 passwords');
		expect(changed.state.credentials.created).toBe(2);
		const after = await h.allRows();
		for (const i of [1, 4]) {
			const pw = after[i]!.initial_password;
			expect(pw).toHaveLength(14);
			for (const cls of passwordClasses(options))
				expect([...pw].some((c) => cls.includes(c))).toBe(true);
			expect(after[i]!.credential.origin).toBe('created');
			expect(after[i]!.credential.setAt).toBeGreaterThan(0);
			expect(after[i]!.issues.filter((x) => x.column === 'initial_password')).toEqual([]);
		}
		expect(after[1]!.initial_password).not.toBe(after[4]!.initial_password);
		// The other rows keep theirs, and say they came from the file.
		for (const i of [0, 2, 3, 5]) {
			expect(after[i]!.initial_password).toBe(before[i]!.initial_password);
			expect(after[i]!.credential.origin).toBe('file');
		}
		// Stored, with the origin, so a reload shows the same.
		const stored = await storedRows(h.repo, id);
		expect(stored.at(1)?.initial_password).toBe(after[1]!.initial_password);
		expect(stored.credential(1).origin).toBe('created');

		const undone = await h.change({ type: 'undo' });
		expect(undone.state.credentials.created).toBe(0);
		expect(passwords(await h.allRows())).toEqual(passwords(before));
		expect((await storedRows(h.repo, id)).credential(1).origin).toBe('file');
		await h.change({ type: 'redo' });
		expect(passwords(await h.allRows())).toEqual(passwords(after));
	});

	it('replaces weak and short passwords, and makes new ones for selected rows', async () => {
		const { h } = await imported('pw-weak');
		const weak = await h.change({ type: 'passwords', scope: 'weak', options });
		expect(weak.changedRows).toBe(2);
		expect(weak.state.history.undoLabel).toBe('Replace 2 weak passwords');
		let rows = await h.allRows();
		expect(rows[2]!.issues).toEqual([]);
		expect(rows[3]!.issues).toEqual([]);
		const old0 = rows[0]!.initial_password;
		const selected = await h.change({
			type: 'passwords',
			scope: 'selected',
			indexes: [0],
			options: { ...options, length: 20, symbols: false },
		});
		expect(selected.state.history.undoLabel).toBe('New password on row 2');
		rows = await h.allRows();
		expect(rows[0]!.initial_password).not.toBe(old0);
		expect(rows[0]!.initial_password).toMatch(/^[A-Za-z0-9]{20}$/);
	});

	it('remembers a typed password as typed, and a new password makes its notice due again', async () => {
		const { h } = await imported('pw-typed');
		await h.change({ type: 'markPrinted', indexes: [0] });
		expect((await h.rows(0, 1))[0]!.credential.printedAt).toBeGreaterThan(0);
		await h.change({ type: 'edit', index: 0, set: { initial_password: 'Typed#Pass99' } });
		const row = (await h.rows(0, 1))[0]!;
		expect(row.credential.origin).toBe('typed');
		expect(row.credential.printedAt).toBe(0);
		await h.change({ type: 'undo' });
		const back = (await h.rows(0, 1))[0]!;
		expect(back.credential.origin).toBe('file');
		expect(back.credential.printedAt).toBeGreaterThan(0);
	});
});

describe('DraftService: notices', () => {
	it('gives notices only for rows without errors, and says how many were left out', async () => {
		const { h } = await imported('notices-all');
		let list = await notices(h, { choice: 'all' });
		expect(list.notices.map((n) => n.row)).toEqual([2, 4]);
		expect(list.withErrors).toBe(4);
		await h.change({ type: 'passwords', scope: 'missing', options });
		list = await notices(h, { choice: 'all' });
		expect(list.notices.map((n) => n.row)).toEqual([2, 3, 4, 6]);
		expect(list.notices[1]).toMatchObject({
			index: 1,
			email_address: 'client1@example.com',
			first_name: 'Ann',
		});
		expect(list.notices[1]!.initial_password).toHaveLength(14);
		const selected = await notices(h, { choice: 'selected', indexes: [5, 0, 3] });
		expect(selected.notices.map((n) => n.index)).toEqual([0]);
		expect(selected.withErrors).toBe(2);
	});

	it('records printed notices, filters on them, and prints only the rest when asked', async () => {
		const { h } = await imported('notices-printed');
		await h.change({ type: 'passwords', scope: 'missing', options });
		// Row 5 has an error: it was never printed, so it is not marked.
		const marked = await h.change({ type: 'markPrinted', indexes: [0, 1, 5] });
		expect(marked.changedRows).toBe(2);
		expect(marked.state.credentials).toMatchObject({
			printed: 2,
			noticeReady: 4,
			noticePending: 2,
		});
		// Not an undo step: printing happened.
		expect(marked.state.history.undoLabel).toBe('Create 2 passwords');
		const pending = await notices(h, { choice: 'pending' });
		expect(pending.notices.map((n) => n.index)).toEqual([2, 4]);
		await h.call('view', { filter: 'notice.printed', search: '' });
		expect((await h.allRows()).map((r) => r.index)).toEqual([0, 1]);
		await h.call('view', { filter: 'notice.pending', search: '' });
		expect((await h.allRows()).map((r) => r.index)).toEqual([2, 4]);
	});
});

describe('DraftService: removing passwords from the device', () => {
	it('empties every stored password and the undo history that holds them', async () => {
		const { h, id } = await imported('wipe');
		await h.change({ type: 'passwords', scope: 'missing', options });
		const created = (await h.allRows())[1]!.initial_password;
		await h.change({ type: 'deleteRows', indexes: [2] });
		expect(await historyText(h, id)).toContain(created);

		const wiped = await h.change({ type: 'removePasswords' });
		expect(wiped.state.history).toEqual({ undo: 0, redo: 0, undoLabel: null, redoLabel: null });
		expect(wiped.state.credentials.removed).toBe(5);
		expect(wiped.state.credentials.noticeReady).toBe(0);

		const stored = await storedRows(h.repo, id);
		for (let i = 0; i < stored.length; i++) {
			// The deleted row too: its password was on the device as well.
			expect(stored.at(i)?.initial_password).toBe('');
			expect(stored.credential(i).origin).toBe('removed');
		}
		expect(await h.db.historyChanges.count()).toBe(0);
		expect(await h.db.history.count()).toBe(0);
		const rows = await h.allRows();
		expect(rows[0]!.issues.map((x) => x.code)).toContain('password.missing');
		const list = await notices(h, { choice: 'all' });
		expect(list.notices).toEqual([]);
		expect(list.withErrors).toBe(5);
		expect(list.removed).toBe(5);
	});

	it('removes the passwords of the copies too, either way, the bin and a cut-off copy included', async () => {
		const h = harness(uniqueName('pw-wipe-family'));
		const original = (await h.importText(SIX)).draft.id;
		await h.change({ type: 'passwords', scope: 'missing', options });
		const { draftId: copy } = await h.call('duplicate', { draftId: original, name: 'Copy' });
		const { draftId: copyOfCopy } = await h.call('duplicate', { draftId: copy, name: 'Copy 2' });
		const { draftId: binned } = await h.call('duplicate', { draftId: original, name: 'Binned' });
		await h.repo.softDelete(binned, 1);
		// What a duplicate cut off before its record was written leaves behind.
		const block = await h.db.blocks.get([original, 0]);
		await h.db.blocks.put({ ...(block as object), draftId: 'cut-off-copy' } as never);
		const unrelated = (await h.importText(SIX)).draft.id;

		// The file's passwords are in the mapping step's sample of each draft too.
		const before = await storedRows(h.repo, original);
		const fromFile = [...Array(before.length).keys()]
			.map((i) => before.at(i)?.initial_password ?? '')
			.filter((p) => p !== '');
		const samples = async () =>
			JSON.stringify(await Promise.all([original, copy, binned].map((id) => h.repo.get(id))));
		const sampled = await samples();
		expect(fromFile.some((p) => sampled.includes(p))).toBe(true);

		// Wiped from the copy: the original and every other copy lose their passwords as well.
		await h.open(copy);
		const wiped = await h.change({ type: 'removePasswords' });
		expect(wiped.wiped?.drafts).toBe(4);
		for (const id of [original, copy, copyOfCopy, binned]) {
			const stored = await storedRows(h.repo, id);
			for (let i = 0; i < stored.length; i++) expect(stored.at(i)?.initial_password, id).toBe('');
		}
		expect(
			await h.db.blocks
				.where('[draftId+index]')
				.between(['cut-off-copy', 0], ['cut-off-copy', Infinity])
				.count(),
		).toBe(0);
		expect((await storedRows(h.repo, unrelated)).at(0)?.initial_password).not.toBe('');
		const after = await samples();
		for (const p of fromFile) expect(after).not.toContain(p);
	});

	it('saves the counts the home screen lists when the pro leaves the draft at once', async () => {
		const h = harness(uniqueName('pw-counts-close'));
		const id = (await h.importText(SIX)).draft.id;
		const before = (await h.repo.get(id))?.counts.errorRows ?? 0;
		const changed = await h.change({ type: 'passwords', scope: 'missing', options });
		expect(changed.state.counts.errorRows).toBeLessThan(before);
		await h.call('close', {});
		expect((await h.repo.get(id))?.counts.errorRows).toBe(changed.state.counts.errorRows);
	});

	it('keeps credentials across a reopen in a new worker', async () => {
		const name = uniqueName('pw-reopen');
		const h = harness(name);
		const opened = await h.importText(SIX);
		await h.change({ type: 'passwords', scope: 'missing', options });
		await h.change({ type: 'markPrinted', indexes: [1] });
		const again = harness(name);
		await again.open(opened.draft.id);
		const rows = await again.rows(0, 6);
		expect(rows[1]!.credential.origin).toBe('created');
		expect(rows[1]!.credential.printedAt).toBeGreaterThan(0);
		expect(rows[0]!.credential.origin).toBe('file');
	});
});
