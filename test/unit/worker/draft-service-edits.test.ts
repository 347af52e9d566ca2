import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RowFilter } from '../../../src/worker/views.ts';
import {
	clientsCsv,
	emailOf,
	harness,
	storedRows,
	uniqueName,
	waitFor,
	type Harness,
} from './harness.ts';

/**
 * Ten clients: 1 and 6 have an invalid email, 4 a capitalised one (errors); 3 and 6 a weak
 * password (warnings); 8 is Marguerite.
 */
const TEN = clientsCsv(10, (i) => ({
	...(i === 1 ? { email_address: 'not-an-email' } : {}),
	...(i === 6 ? { email_address: 'bad' } : {}),
	...(i === 4 ? { email_address: 'Zed@Example.com' } : {}),
	...(i === 3 || i === 6 ? { initial_password: 'abcdefgh' } : {}),
	...(i === 8 ? { first_name: 'Marguerite' } : {}),
}));

async function imported(prefix: string, text: string) {
	const h = harness(uniqueName(prefix));
	const opened = await h.importText(text);
	return { h, id: opened.draft.id, opened };
}

async function view(h: Harness, filter: RowFilter, search = '') {
	const state = await h.call('view', { filter, search });
	const indexes = (await h.allRows()).map((r) => r.index);
	expect(indexes).toHaveLength(state.total);
	return indexes;
}

async function locate(h: Harness, index: number): Promise<number> {
	return (await h.call('locate', { index })).position;
}

describe('DraftService: filters and search', () => {
	it('shows the rows each filter and search keeps', async () => {
		const { h } = await imported('service-filters', TEN);
		expect(await view(h, 'errors')).toEqual([1, 4, 6]);
		expect(await view(h, 'warnings')).toEqual([3, 6]);
		expect(await view(h, 'email.invalid')).toEqual([1, 6]);
		expect(await view(h, 'email.uppercase')).toEqual([4]);
		expect(await view(h, 'password.weak')).toEqual([3, 6]);
		expect(await view(h, 'birthdate.ambiguous')).toEqual([]);
		expect(await view(h, 'all', 'MARGUERITE')).toEqual([8]);
		expect(await view(h, 'all', 'example.com')).toEqual([0, 2, 3, 4, 5, 7, 8, 9]);
		expect(await view(h, 'errors', 'zed')).toEqual([4]);
		// Passwords are not searched.
		expect(await view(h, 'all', 'abcdefgh')).toEqual([]);
		expect(await view(h, 'all')).toHaveLength(10);
	});

	it('locates a row in the current view', async () => {
		const { h } = await imported('service-locate', TEN);
		expect(await locate(h, 7)).toBe(7);
		await view(h, 'errors');
		expect(await locate(h, 4)).toBe(1);
		expect(await locate(h, 6)).toBe(2);
		// A row the view hides: the next row shown.
		expect(await locate(h, 5)).toBe(2);
		expect(await locate(h, 0)).toBe(0);
	});

	it('updates a filtered view after a fix', async () => {
		const { h, id } = await imported('service-filter-fix', TEN);
		await view(h, 'errors');
		const fixed = await h.change({ type: 'fix', index: 4 });
		expect(fixed.state.total).toBe(2);
		expect((await h.allRows()).map((r) => r.index)).toEqual([1, 6]);
		expect((await storedRows(h.repo, id)).at(4)?.email_address).toBe('zed@example.com');
		// The drafts list's counts follow (they may be written a moment later).
		await waitFor(async () => (await h.repo.get(id))?.counts.errorRows === 2);
	});
});

describe('DraftService: adding, deleting and undoing rows', () => {
	it('deletes rows, and undo brings them back', async () => {
		const { h, id } = await imported('service-delete', clientsCsv(5));
		const deleted = await h.change({ type: 'deleteRows', indexes: [1, 3] });
		expect(deleted.state).toMatchObject({ total: 3, counts: { rows: 3 } });
		expect(deleted.state.history.undoLabel).toBe('Delete 2 rows');
		expect((await h.allRows()).map((r) => r.email_address)).toEqual([0, 2, 4].map(emailOf));
		await waitFor(async () => (await h.repo.list())[0]?.counts.rows === 3);
		const undone = await h.change({ type: 'undo' });
		expect(undone.state).toMatchObject({ total: 5, counts: { rows: 5 } });
		expect((await h.allRows()).map((r) => r.email_address)).toEqual([0, 1, 2, 3, 4].map(emailOf));
		const stored = await storedRows(h.repo, id);
		expect(stored.deletedCount).toBe(0);
		const redone = await h.change({ type: 'redo' });
		expect(redone.state.total).toBe(3);
	});

	it('adds a row at the end, and undo removes it', async () => {
		const { h, id } = await imported('service-add', clientsCsv(5));
		const added = await h.change({ type: 'addRow' });
		expect(added.index).toBe(5);
		expect(added.state).toMatchObject({ total: 6, counts: { rows: 6, errorRows: 1 } });
		const [row] = await h.rows(5, 1);
		expect(row).toMatchObject({ index: 5, row: 7, email_address: '', hasError: true });
		await h.change({ type: 'edit', index: 5, set: { email_address: 'new@example.com' } });
		await h.change({ type: 'undo' });
		const undone = await h.change({ type: 'undo' });
		expect(undone.state).toMatchObject({ total: 5, counts: { rows: 5, errorRows: 0 } });
		expect(await h.allRows()).toHaveLength(5);
		const stored = await storedRows(h.repo, id);
		expect(stored.isDeleted(5)).toBe(true);
	});

	it('exports the edited rows and leaves deleted ones out', async () => {
		const { h } = await imported('service-export', TEN);
		await h.change({ type: 'edit', index: 0, set: { first_name: 'Edited' } });
		await h.change({ type: 'deleteRows', indexes: [2] });
		await h.change({ type: 'fix', index: 4 });
		const exported = await h.call('export', { kind: 'clean' });
		expect(exported.fileName).toBe('clients-ready.csv');
		const text = await exported.blob.text();
		expect(text).toContain(`${emailOf(0)},Abcdef1!,Edited,Lee`);
		expect(text).not.toContain(emailOf(2));
		expect(text).toContain('zed@example.com');
		expect(text).not.toContain('not-an-email');
		// Header, then 10 rows less 1 deleted and 2 with errors.
		expect(exported.rows).toBe(7);
		expect(text.trimEnd().split('\r\n')).toHaveLength(8);
		const attention = await h.call('export', { kind: 'attention' });
		const lines = (await attention.blob.text()).trimEnd().split('\r\n');
		expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['not-an-email', 'bad']);
	});
});

describe('DraftService: exporting a draft from the list', () => {
	it('exports another draft by id and leaves the open draft the one edited', async () => {
		const h = harness(uniqueName('service-export-other'));
		const first = await h.importText(clientsCsv(3));
		const second = await h.importText(clientsCsv(2, () => ({ first_name: 'Other' })));
		await h.open(first.draft.id);
		const exported = await h.call('export', { kind: 'clean', draftId: second.draft.id });
		expect(exported.rows).toBe(2);
		expect(await exported.blob.text()).toContain('Other');
		// The page still shows the first draft: an edit there must land in it.
		await h.change({ type: 'edit', index: 0, set: { first_name: 'Edited' } });
		const names = await Promise.all(
			[first, second].map(async (d) => (await storedRows(h.repo, d.draft.id)).at(0)?.first_name),
		);
		expect(names).toEqual(['Edited', 'Other']);
	});
});

describe('DraftService: reading ambiguous dates', () => {
	const DATES = clientsCsv(4, (i) =>
		i === 0 ? { birthdate: '03/04/1990' } : i === 1 ? { birthdate: '05/06/1991' } : {},
	);

	it('reads them day-first when asked, and undo puts them back', async () => {
		const { h, id, opened } = await imported('service-dates', DATES);
		expect(opened.state).toMatchObject({ ambiguousDates: 2, dateOrder: null });
		expect(opened.state.counts.errorRows).toBe(2);

		const chosen = await h.change({ type: 'dateOrder', order: 'day-first' });
		expect(chosen.state).toMatchObject({ ambiguousDates: 0, dateOrder: 'day-first' });
		expect(chosen.state.counts.errorRows).toBe(0);
		expect(chosen.state.history.undoLabel).toBe('Read dates day-first');
		expect((await h.rows(0, 2)).map((r) => r.birthdate)).toEqual(['19900403', '19910605']);
		expect((await h.repo.get(id))?.dateOrder).toBe('day-first');
		expect((await storedRows(h.repo, id)).at(1)?.birthdate).toBe('19910605');

		const undone = await h.change({ type: 'undo' });
		expect(undone.state).toMatchObject({ ambiguousDates: 2, dateOrder: null });
		const rows = await h.rows(0, 2);
		expect(rows.map((r) => r.birthdate)).toEqual(['03/04/1990', '05/06/1991']);
		expect(rows.map((r) => r.issues.map((i) => i.code))).toEqual([
			['birthdate.ambiguous'],
			['birthdate.ambiguous'],
		]);
		expect((await h.repo.get(id))?.dateOrder).toBeNull();

		const redone = await h.change({ type: 'redo' });
		expect(redone.state).toMatchObject({ ambiguousDates: 0, dateOrder: 'day-first' });
		expect((await h.rows(0, 1))[0]?.birthdate).toBe('19900403');
	});

	it('month-first reads the same cells the other way, and a reopened draft keeps it', async () => {
		const name = uniqueName('service-dates-month');
		const h = harness(name);
		const { draft } = await h.importText(DATES);
		await h.change({ type: 'dateOrder', order: 'month-first' });
		const again = harness(name);
		const reopened = await again.open(draft.id);
		expect(reopened.draft.dateOrder).toBe('month-first');
		expect((await again.rows(0, 2)).map((r) => r.birthdate)).toEqual(['19900304', '19910506']);
		const state = await again.call('view', { filter: 'all', search: '' });
		expect(state).toMatchObject({ ambiguousDates: 0, counts: { errorRows: 0 } });
	});
});

describe('DraftService: the rows a change says to read again', () => {
	it('names the edited row and every row sharing its old or new email, and nothing for rows that come or go', async () => {
		const { h } = await imported(
			'service-read-again',
			clientsCsv(6, (i) => (i === 1 || i === 4 ? { email_address: 'twin@example.com' } : {})),
		);
		// Row 4 duplicates row 1; row 4 takes row 2's email: 1 loses its twin, 2 gains one.
		const edited = await h.call('edit', { index: 4, set: { email_address: emailOf(2) } });
		expect([...(edited.rows ?? [])].sort((a, b) => a - b)).toEqual([1, 2, 4]);
		const rows = await h.rows(0, 6);
		expect(rows.map((r) => r.issues.some((i) => i.code === 'email.duplicate'))).toEqual([
			false,
			false,
			false,
			false,
			true,
			false,
		]);

		// A name touches its row alone.
		const named = await h.call('edit', { index: 0, set: { first_name: 'Zoé' } });
		expect(named.rows).toEqual([0]);

		// Rows that come or go, or a date order over every row: the page reads all again.
		expect((await h.change({ type: 'addRow' })).rows).toBeUndefined();
		expect((await h.change({ type: 'deleteRows', indexes: [5] })).rows).toBeUndefined();
		expect((await h.change({ type: 'undo' })).rows).toBeUndefined();
		expect((await h.change({ type: 'dateOrder', order: 'day-first' })).rows).toBeUndefined();
	});
});
