// The session over the real draft worker: the adapter in src/state/worker-backend.ts carries each
// of the session's asks through the real client and the real service (in one process, over
// fake-indexeddb), so what the page does is what the worker does.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DraftSession } from '../../../src/state/draft-session.svelte.ts';
import { draftBackend, draftsBackend, mappingsBackend } from '../../../src/state/worker-backend.ts';
import { csv, line } from '../helpers.ts';
import { harness, uniqueName } from '../worker/harness.ts';

const NOW = new Date(2026, 10, 25);

async function imported() {
	const h = harness(uniqueName('worker-backend'));
	const session = new DraftSession(draftBackend(h.client), { clock: () => NOW });
	const text = csv(
		line({ email_address: 'ann@example.org' }),
		line({ email_address: 'Bo@Example.org' }),
		line({ email_address: 'cy@example.org' }),
	);
	await session.importFile(new File([text], 'clients.csv'));
	return { h, session };
}

describe('the session over the real worker', () => {
	it('imports a file and reads its rows and counts', async () => {
		const { session } = await imported();
		expect(session.phase).toBe('open');
		expect(session.messages.error).toBe('');
		expect(session.draft.info?.name).toMatch(/^clients\.csv/);
		expect(session.draft.state?.counts.errorRows).toBe(1);
		expect(session.progress.fileName).toBe('clients.csv');

		session.rows.ensure(0, 3);
		await expect
			.poll(() => [0, 1, 2].map((p) => session.rows.at(p)?.email_address))
			.toEqual(['ann@example.org', 'Bo@Example.org', 'cy@example.org']);
	});

	it('filters to the rows with errors, keeping the focused row in sight', async () => {
		const { session } = await imported();
		session.rows.ensure(0, 3);
		await expect.poll(() => session.rows.at(1)?.index).toBe(1);
		session.grid.setFocus(1, 'email_address');

		await session.draft.setView('errors', '');

		expect(session.draft.total).toBe(1);
		expect(session.grid.focus.position).toBe(0);
		expect(session.grid.takeReveal()).toEqual({ position: 0, focus: false });
	});

	it('edits, fixes, undoes and redoes, saying what it did', async () => {
		const { session } = await imported();
		await session.draft.edit(0, 'first_name', 'Anna');
		expect(session.draft.save).toBe('saved');
		await session.draft.fix();
		expect(session.messages.announcement).toBe('1 row fixed.');
		expect(session.draft.state?.counts.errorRows).toBe(0);

		await session.draft.undo();
		expect(session.draft.state?.counts.errorRows).toBe(1);
		expect(session.grid.takeReveal()?.position).toBe(1);
		await session.draft.redo();
		expect(session.draft.state?.counts.errorRows).toBe(0);
		expect(session.draft.state?.history.undoLabel).toMatch(/safe fix/);
	});

	it('after an edit shows fresh rows for the edited row and those it made or unmade duplicates', async () => {
		const { session } = await imported();
		session.rows.ensure(0, 3);
		await expect.poll(() => session.rows.at(2)?.index).toBe(2);
		const duplicated = (p: number) =>
			session.rows.at(p)?.issues.some((i) => i.code === 'email.duplicate') ?? null;

		// Row 2 takes row 0's address: row 2 is now its duplicate.
		await session.draft.edit(2, 'email_address', 'ann@example.org');
		await expect.poll(() => [0, 1, 2].map(duplicated)).toEqual([false, false, true]);
		await session.draft.edit(0, 'email_address', 'anna@example.org');
		await expect.poll(() => [0, 1, 2].map(duplicated)).toEqual([false, false, false]);
		expect(session.rows.at(0)?.email_address).toBe('anna@example.org');

		// In the rows with errors, a fixed row leaves the view at once.
		await session.draft.setView('errors', '');
		session.rows.ensure(0, 3);
		await expect.poll(() => session.rows.at(0)?.index).toBe(1);
		await session.draft.edit(1, 'email_address', 'bo@example.org');
		expect(session.draft.total).toBe(0);
	});

	it('in the rows with errors, an edit that takes one out and puts another in shows the new ones', async () => {
		const h = harness(uniqueName('worker-backend-moves'));
		const session = new DraftSession(draftBackend(h.client), { clock: () => NOW });
		// Row 1 repeats row 0's address, row 5's is not one: the rows with errors are 1 and 5.
		const text = csv(
			...Array.from({ length: 8 }, (_, i) =>
				line({
					email_address:
						i === 1 ? 'c0@example.org' : i === 5 ? 'not-an-email' : `c${i}@example.org`,
				}),
			),
		);
		await session.importFile(new File([text], 'clients.csv'));
		await session.draft.setView('errors', '');
		session.rows.ensure(0, 2);
		await expect.poll(() => [0, 1].map((p) => session.rows.at(p)?.index)).toEqual([1, 5]);

		// Row 0 takes row 7's address: row 1 repeats nothing now, row 7 repeats row 0.
		await session.draft.edit(0, 'email_address', 'c7@example.org');
		expect(session.draft.total).toBe(2);
		session.rows.ensure(0, 2);
		await expect.poll(() => [0, 1].map((p) => session.rows.at(p)?.index)).toEqual([5, 7]);
	});

	it('exports the clean file and duplicates the draft', async () => {
		const { h, session } = await imported();
		const file = await session.draft.exportFile('clean');
		expect(file?.rows).toBe(2);
		expect(await file?.blob.text()).toContain('ann@example.org');

		const id = session.draft.info?.id as string;
		const copy = await draftsBackend(h.client).duplicate(id, 'Copy');
		expect(copy).not.toBe(id);
		expect((await h.repo.list()).map((d) => d.name)).toContain('Copy');
	});

	it('says why a draft cannot be opened', async () => {
		const { session } = await imported();
		await session.open('no-such-draft');
		expect(session.phase).toBe('failed');
		expect(session.messages.error).not.toBe('');
		expect(session.progress.fileName).toBe('');
	});

	it('opens the draft again in a new worker after a crash, and says so', async () => {
		const { h, session } = await imported();
		await session.draft.edit(0, 'first_name', 'Anna');
		h.crash('Out of memory');
		await expect.poll(() => session.messages.errorReason).toBe('crashed');
		// The edit was answered before the crash: the pro is told it was saved.
		expect(session.messages.error).toBe(
			"Roster's worker stopped and was restarted. Your last change was saved.",
		);
		expect(session.phase).toBe('open');
		// The new worker has the draft open: rows read and edits save as before.
		session.rows.ensure(0, 3);
		await expect.poll(() => session.rows.at(0)?.first_name).toBe('Anna');
		await session.draft.edit(1, 'first_name', 'Bob');
		expect(session.draft.save).toBe('saved');
		expect(session.draft.state?.counts.rows).toBe(3);
	});
});

describe('the mapping step over the real worker', () => {
	it('inspects a file, imports it with the confirmed columns, and lists and forgets them', async () => {
		const h = harness(uniqueName('worker-backend-mapping'));
		const backend = draftBackend(h.client);
		const file = new File(['Mail,Given,Family\nann@example.org,Ann,Lee\n'], 'contacts.csv');
		const preview = await backend.inspect(file);
		expect(preview.header).toEqual(['Mail', 'Given', 'Family']);
		expect(preview.needsStep).toBe(true);

		const mapping = {
			columns: ['email_address' as const, 'first_name' as const, 'last_name' as const],
			fill: { initial_password: '', birthdate: '', gender: '' },
		};
		const opened = await backend.import(file, '20251125', undefined, undefined, {
			columns: { mapping, how: 'confirmed' },
		});
		expect(opened.draft.columnsInfo.how).toBe('confirmed');
		expect((await backend.columns()).mapping).toEqual(mapping);

		const mappings = mappingsBackend(h.client);
		const [saved] = await mappings.list();
		expect(saved).toMatchObject({ key: preview.key, header: preview.header, mapping });
		await mappings.forget(preview.key);
		expect(await mappings.list()).toEqual([]);
	});
});
