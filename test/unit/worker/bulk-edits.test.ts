// Edits over many rows in the real worker service (over fake-indexeddb): a pasted block, "Set
// value" on chosen rows, find-and-replace with its preview count. Each is one undo step that
// re-checks the rows it touched; rows a sync batch holds are left alone and named.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HEADER, line } from '../helpers.ts';
import { FakeImportApi } from '../storage/fake-import-api.ts';
import {
	clientsCsv,
	emailOf,
	harness,
	storedRows,
	uniqueName,
	waitFor,
	type Harness,
} from './harness.ts';
import type { ReplaceQuery } from '../../../src/worker/protocol.ts';

/** Five clients: 1 has an invalid email (an error, so never queued by a sync). */
const FIVE = clientsCsv(5, (i) => (i === 1 ? { email_address: 'not-an-email' } : {}));

async function imported(prefix: string, text: string, h = harness(uniqueName(prefix))) {
	const opened = await h.importText(text);
	return { h, id: opened.draft.id };
}

/** A worker whose sync never sends: `sync` queues (locks) every row without errors. */
function lockingHarness(prefix: string): Harness {
	const api = new FakeImportApi();
	return harness(uniqueName(prefix), {
		engine: { config: async () => null, fetch: api.fetch, random: () => 0.5 },
	});
}

const codesOf = async (h: Harness, index: number) =>
	(await h.rows(index, 1))[0]!.issues.map((i) => i.code);

const query = (over: Partial<ReplaceQuery> & Pick<ReplaceQuery, 'find'>): ReplaceQuery => ({
	replace: '',
	field: null,
	wholeCell: false,
	caseSensitive: false,
	...over,
});

describe('editCells (a pasted block)', () => {
	it('sets every cell as one undo step and re-checks the rows, duplicates included', async () => {
		const { h, id } = await imported('bulk-paste', FIVE);
		const before = await h.allRows();
		const pasted = await h.change({
			type: 'editCells',
			edits: [
				{ index: 1, set: { email_address: 'same@example.com', first_name: 'Zoé' } },
				{ index: 2, set: { email_address: 'same@example.com', first_name: 'Yann' } },
			],
		});
		expect(pasted.changedRows).toBe(2);
		expect(pasted.refused).toEqual([]);
		expect(pasted.state.history).toMatchObject({ undo: 1, undoLabel: 'Paste 4 cells' });
		// Row 1's invalid email is gone; the two rows now share an email, and (as for an edit)
		// the later one is the duplicate of the first.
		expect(await codesOf(h, 1)).toEqual([]);
		expect((await h.rows(2, 1))[0]!.issues).toEqual([
			expect.objectContaining({ code: 'email.duplicate', message: expect.stringMatching(/row 3/) }),
		]);
		const stored = await storedRows(h.repo, id);
		expect([stored.field(1, 'first_name'), stored.field(2, 'first_name')]).toEqual(['Zoé', 'Yann']);

		const undone = await h.change({ type: 'undo' });
		expect(undone.state.history.undo).toBe(0);
		expect(await h.allRows()).toEqual(before);
		await h.change({ type: 'redo' });
		const redone = await h.allRows();
		expect(redone.map((r) => r.first_name)).toEqual(['Ann', 'Zoé', 'Yann', 'Ann', 'Ann']);
		expect(redone[2]!.issues.map((i) => i.code)).toEqual(['email.duplicate']);
		expect(redone[1]!.issues).toEqual([]);
	});

	it('adds no rows past the last one and skips deleted rows', async () => {
		const { h } = await imported('bulk-paste-edges', FIVE);
		await h.change({ type: 'deleteRows', indexes: [3] });
		const pasted = await h.change({
			type: 'editCells',
			edits: [3, 4, 5, 6].map((index) => ({ index, set: { last_name: 'Pasted' } })),
		});
		expect(pasted.changedRows).toBe(1);
		expect(pasted.state.counts.rows).toBe(4);
		expect(pasted.state.history.undoLabel).toBe('Paste 1 cell');
		await h.call('view', { filter: 'all', search: '' });
		expect((await h.allRows()).map((r) => r.last_name)).toEqual(['Lee', 'Lee', 'Lee', 'Pasted']);
	});

	it('makes a pasted password the pro’s own, as an edit does', async () => {
		const { h } = await imported('bulk-paste-password', FIVE);
		await h.change({
			type: 'editCells',
			edits: [{ index: 0, set: { initial_password: 'Typed-Pass-42!' } }],
		});
		expect((await h.rows(0, 1))[0]!.credential.origin).toBe('typed');
		await h.change({ type: 'undo' });
		expect((await h.rows(0, 1))[0]).toMatchObject({
			initial_password: 'Abcdef1!',
			credential: { origin: 'file' },
		});
	});

	it('leaves the rows a sync batch holds and names their cells; the others change', async () => {
		const h = lockingHarness('bulk-paste-locked');
		await imported('', FIVE, h);
		expect((await h.call('sync', {})).queued).toBe(4);
		const pasted = await h.change({
			type: 'editCells',
			edits: [0, 1, 2].map((index) => ({ index, set: { first_name: 'Zed', last_name: 'Lee' } })),
		});
		// Rows 2 and 4 (indexes 0 and 2) are locked; last_name was Lee already, so not refused.
		expect(pasted.refused).toEqual([
			{ row: 2, field: 'first_name' },
			{ row: 4, field: 'first_name' },
		]);
		expect(pasted.changedRows).toBe(1);
		expect((await h.rows(0, 3)).map((r) => r.first_name)).toEqual(['Ann', 'Zed', 'Ann']);
	});
	it('keeps the password the platform has, and pastes the row’s other cells', async () => {
		const api = new FakeImportApi();
		const h = harness(uniqueName('bulk-paste-synced'), {
			engine: {
				config: async () => ({ baseUrl: 'http://api.test/api/v1', token: 'secret' }),
				fetch: api.fetch,
				policy: { baseMs: 5, capMs: 50 },
				random: () => 0.5,
			},
		});
		await imported('', FIVE, h);
		await h.call('sync', {});
		await waitFor(
			async () => (await h.db.outbox.count()) === 0 && h.events.syncStatus.at(-1)?.phase === 'idle',
			5000,
		);
		expect((await h.rows(0, 1))[0]!.credential.sync).toBe('synced');
		const pasted = await h.change({
			type: 'editCells',
			edits: [{ index: 0, set: { initial_password: 'Other-Pass-99!', first_name: 'Zed' } }],
		});
		expect(pasted.refused).toEqual([{ row: 2, field: 'initial_password' }]);
		expect((await h.rows(0, 1))[0]).toMatchObject({
			first_name: 'Zed',
			initial_password: 'Abcdef1!',
		});
		expect(pasted.state.history.undoLabel).toBe('Paste 1 cell');
		await h.change({ type: 'undo' });
		expect((await h.rows(0, 1))[0]!.first_name).toBe('Ann');
	});
});

describe('setValue', () => {
	it('sets one column on the chosen rows, re-checks them, and undoes as one step', async () => {
		const { h } = await imported('bulk-set', FIVE);
		const set = await h.change({
			type: 'setValue',
			indexes: [0, 2, 4],
			field: 'gender',
			value: 'other ',
		});
		expect(set.changedRows).toBe(3);
		expect(set.state.history.undoLabel).toBe('Set gender on 3 rows');
		// As given: the rules flag what an edit would flag.
		const rows = await h.allRows();
		expect(rows.map((r) => r.gender)).toEqual(['other ', 'female', 'other ', 'female', 'other ']);
		expect(rows[0]!.issues.length).toBeGreaterThan(0);
		await h.change({ type: 'undo' });
		expect((await h.allRows()).map((r) => r.gender)).toEqual(Array(5).fill('female'));
		expect(await codesOf(h, 0)).toEqual([]);
		await h.change({ type: 'redo' });
		expect((await h.rows(4, 1))[0]!.gender).toBe('other ');
	});

	it('reads tags as the grid’s tag cell does: commas or semicolons', async () => {
		const { h } = await imported('bulk-set-tags', FIVE);
		const set = await h.change({
			type: 'setValue',
			indexes: [3],
			field: 'tags',
			value: 'vip; gold , ',
		});
		expect(set.state.history.undoLabel).toBe('Set tags on row 5');
		expect((await h.rows(3, 1))[0]!.tags).toEqual(['vip', 'gold']);
		await h.change({ type: 'setValue', indexes: [3], field: 'tags', value: '' });
		expect((await h.rows(3, 1))[0]!.tags).toEqual([]);
	});

	it('answers unchanged, naming the locked rows, when no row may change', async () => {
		const h = lockingHarness('bulk-set-locked');
		await imported('', FIVE, h);
		await h.call('sync', {});
		const set = await h.change({
			type: 'setValue',
			indexes: [0, 3],
			field: 'last_name',
			value: 'Moreau',
		});
		expect(set.changedRows).toBe(0);
		expect(set.refused).toEqual([
			{ row: 2, field: 'last_name' },
			{ row: 5, field: 'last_name' },
		]);
		expect(set.state.history.undo).toBe(0);
	});
});

/** Clients with tags and mixed case: a file with two tag columns. */
const TAGGED = [
	`${HEADER},tag,tag`,
	`${line({ email_address: 'ann@gmial.com' })},vip,VIP Gold`,
	`${line({ email_address: 'bob@GMIAL.com', first_name: 'Gmial' })},new,`,
	`${line({ email_address: 'cy@gmail.com' })},,`,
	`${line({ email_address: 'dee@gmial.com.gmial' })},vip,`,
].join('\r\n');

describe('find and replace', () => {
	it('counts what it will change, then changes exactly that as one undo step', async () => {
		const { h } = await imported('bulk-replace', TAGGED);
		const q = query({ find: 'gmial', replace: 'gmail', field: 'email_address' });
		expect(await h.call('replaceCount', q)).toEqual({ cells: 3, rows: 3, refused: 0 });
		const replaced = await h.change({ type: 'replace', ...q });
		expect(replaced.changedRows).toBe(3);
		expect(replaced.state.history.undoLabel).toBe("Replace 'gmial' with 'gmail' in 3 cells");
		const rows = await h.allRows();
		expect(rows.map((r) => r.email_address)).toEqual([
			'ann@gmail.com',
			'bob@gmail.com',
			'cy@gmail.com',
			'dee@gmail.com.gmail',
		]);
		// The capitalised email was an error; the replaced text is lower-case, so it is gone.
		expect(rows[1]!.issues.map((i) => i.code)).not.toContain('email.uppercase');
		expect(rows[1]!.first_name).toBe('Gmial');
		expect(await h.call('replaceCount', q)).toEqual({ cells: 0, rows: 0, refused: 0 });

		await h.change({ type: 'undo' });
		expect((await h.allRows()).map((r) => r.email_address)).toEqual([
			'ann@gmial.com',
			'bob@GMIAL.com',
			'cy@gmail.com',
			'dee@gmial.com.gmial',
		]);
		expect(await codesOf(h, 1)).toContain('email.uppercase');
		await h.change({ type: 'redo' });
		expect((await h.rows(3, 1))[0]!.email_address).toBe('dee@gmail.com.gmail');
	});

	it('honours case, whole cell and the column chosen', async () => {
		const { h } = await imported('bulk-replace-options', TAGGED);
		const count = (over: Partial<ReplaceQuery>) =>
			h.call('replaceCount', query({ find: 'gmial', replace: 'gmail', ...over }));
		expect(await count({ caseSensitive: true })).toMatchObject({ cells: 2, rows: 2 });
		// Every column: bob's first name is a match too.
		expect(await count({})).toMatchObject({ cells: 4, rows: 3 });
		expect(await count({ find: 'GMIAL', wholeCell: true })).toMatchObject({ cells: 1, rows: 1 });
		const replaced = await h.change({
			type: 'replace',
			...query({ find: 'GMIAL', replace: 'Gmail', wholeCell: true }),
		});
		expect(replaced.changedRows).toBe(1);
		expect((await h.rows(1, 1))[0]).toMatchObject({
			first_name: 'Gmail',
			email_address: 'bob@GMIAL.com',
		});
	});

	it('applies to each tag, removing a tag replaced by nothing', async () => {
		const { h } = await imported('bulk-replace-tags', TAGGED);
		const q = query({ find: 'vip', field: 'tags', wholeCell: true });
		expect(await h.call('replaceCount', q)).toEqual({ cells: 2, rows: 2, refused: 0 });
		const replaced = await h.change({ type: 'replace', ...q });
		expect(replaced.state.history.undoLabel).toBe("Remove 'vip' from 2 cells");
		expect((await h.allRows()).map((r) => r.tags)).toEqual([['VIP Gold'], ['new'], [], []]);
		await h.change({ type: 'undo' });
		expect((await h.allRows()).map((r) => r.tags)).toEqual([
			['vip', 'VIP Gold'],
			['new'],
			[],
			['vip'],
		]);
	});

	it('never touches passwords, and counts and names the cells of locked rows', async () => {
		const h = lockingHarness('bulk-replace-locked');
		await imported('', FIVE, h);
		expect(await h.call('replaceCount', query({ find: 'Abcdef' }))).toEqual({
			cells: 0,
			rows: 0,
			refused: 0,
		});
		await h.call('sync', {});
		const q = query({ find: 'ann', replace: 'Anne', field: 'first_name', caseSensitive: true });
		expect(await h.call('replaceCount', q)).toEqual({ cells: 0, rows: 0, refused: 0 });
		const q2 = { ...q, find: 'Ann' };
		expect(await h.call('replaceCount', q2)).toEqual({ cells: 1, rows: 1, refused: 4 });
		const replaced = await h.change({ type: 'replace', ...q2 });
		expect(replaced.changedRows).toBe(1);
		expect(replaced.refused?.map((r) => r.row)).toEqual([2, 4, 5, 6]);
		expect((await h.allRows()).map((r) => r.first_name)).toEqual([
			'Ann',
			'Anne',
			'Ann',
			'Ann',
			'Ann',
		]);
	});

	it('keeps its undo step after a reload', async () => {
		const name = uniqueName('bulk-replace-reload');
		const { h, id } = await imported('', TAGGED, harness(name));
		await h.change({ type: 'replace', ...query({ find: 'gmial', replace: 'gmail' }) });
		const later = harness(name, { db: h.db });
		const reopened = await later.open(id);
		expect(reopened.state.history).toMatchObject({
			undo: 1,
			undoLabel: "Replace 'gmial' with 'gmail' in 4 cells",
		});
		await later.change({ type: 'undo' });
		expect((await later.allRows()).map((r) => r.first_name)).toEqual([
			'Ann',
			'Gmial',
			'Ann',
			'Ann',
		]);
		await later.change({ type: 'redo' });
		expect((await later.rows(0, 1))[0]!.email_address).toBe('ann@gmail.com');
	});

	it('replaces over 100,000 rows', async () => {
		const { h, id } = await imported(
			'bulk-replace-100k',
			clientsCsv(100_000, (i) => (i % 2 === 0 ? { last_name: 'Lée' } : {})),
		);
		const q = query({ find: 'LÉE', replace: 'Lee', field: 'last_name' });
		expect(await h.call('replaceCount', q)).toEqual({ cells: 50_000, rows: 50_000, refused: 0 });
		const replaced = await h.change({ type: 'replace', ...q });
		expect(replaced.changedRows).toBe(50_000);
		const stored = await storedRows(h.repo, id);
		expect(stored.field(99_998, 'last_name')).toBe('Lee');
		expect(stored.field(0, 'email_address')).toBe(emailOf(0));
		expect(await h.call('replaceCount', q)).toMatchObject({ cells: 0 });
	}, 120_000);
});
