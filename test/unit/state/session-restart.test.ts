// After the draft worker dies, the session over the real worker opens the draft again and tells
// the pro whether the last change was saved, naming the one to check when it may not be.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DraftSession } from '../../../src/state/draft-session.svelte.ts';
import { SessionMessages } from '../../../src/state/session-messages.svelte.ts';
import { draftBackend } from '../../../src/state/worker-backend.ts';
import { csv, line } from '../helpers.ts';
import { harness, uniqueName } from '../worker/harness.ts';

const NOW = new Date(2026, 10, 25);

async function opened() {
	const h = harness(uniqueName('session-restart'));
	const session = new DraftSession(draftBackend(h.client), { clock: () => NOW });
	const text = csv(
		line({ email_address: 'ann@example.org' }),
		line({ email_address: 'bo@example.org' }),
	);
	await session.importFile(new File([text], 'clients.csv'));
	session.rows.ensure(0, 2);
	await expect.poll(() => session.rows.at(1)?.row).toBe(3);
	return { h, session };
}

describe('a worker restart, as the session tells it', () => {
	it('names a change the dead worker never answered, and reopens the draft', async () => {
		const { h, session } = await opened();
		const id = session.draft.info?.id;
		// The edit is sent; the worker dies before it answers.
		const edit = session.draft.edit(0, 'first_name', 'Ann-Marie');
		h.crash('Out of memory');
		await edit;
		await expect
			.poll(() => session.messages.error)
			.toBe(
				"Roster's worker stopped and was restarted. Your last change (Edit first name on row 2) may not have been saved: check it.",
			);
		expect(session.messages.errorReason).toBe('crashed');
		expect(session.phase).toBe('open');
		expect(session.draft.info?.id).toBe(id);
		// The new worker has the draft open: the next edit is saved.
		await session.draft.edit(1, 'first_name', 'Bo');
		session.rows.ensure(0, 2);
		await expect.poll(() => session.rows.at(1)?.first_name).toBe('Bo');
	});

	it('says the last change was saved when the worker had answered it', async () => {
		const { h, session } = await opened();
		await session.draft.edit(0, 'first_name', 'Ann-Marie');
		expect(session.draft.save).toBe('saved');
		h.crash('Out of memory');
		await expect
			.poll(() => session.messages.error)
			.toBe("Roster's worker stopped and was restarted. Your last change was saved.");
		session.rows.ensure(0, 2);
		await expect.poll(() => session.rows.at(0)?.first_name).toBe('Ann-Marie');
	});
});

describe('SessionMessages.restarted', () => {
	it('says the saved work is safe when no change was made, and counts changes lost before the last', () => {
		const messages = new SessionMessages();
		expect(messages.restarted(0)).toEqual({
			said: "Roster's worker stopped and was restarted. Your saved work is safe.",
			reopen: true,
		});
		messages.changeSent('Add row');
		messages.changeSent('Delete rows');
		expect(messages.restarted(60_000).said).toBe(
			"Roster's worker stopped and was restarted. Your last change (Delete rows) and 1 before it may not have been saved: check it.",
		);
	});

	it('stops reopening the draft when the worker dies three times in a few minutes', () => {
		const messages = new SessionMessages();
		expect(messages.restarted(0).reopen).toBe(true);
		expect(messages.restarted(60_000).reopen).toBe(true);
		expect(messages.restarted(120_000)).toEqual({
			said: "Roster's worker stopped 3 times in a few minutes, so the draft was not opened again. Your saved work is safe. Close other tabs to free memory, then reload the page.",
			reopen: false,
		});
		// Far apart, crashes are not a pattern.
		expect(messages.restarted(20 * 60_000).reopen).toBe(true);
	});
});

describe('a worker that keeps dying', () => {
	it('is not given the draft again; the screen says why and what to do', async () => {
		const { h, session } = await opened();
		for (let n = 1; n <= 2; n++) {
			h.crash('Out of memory');
			await expect.poll(() => session.messages.error).toMatch(/stopped and was restarted/);
			await expect.poll(() => session.phase).toBe('open');
			// Reopened by the new worker: the next crash has a draft open to lose.
			session.rows.ensure(0, 2);
			await expect.poll(() => session.rows.at(1)?.row).toBe(3);
			session.messages.clearError();
		}
		h.crash('Out of memory');
		await expect.poll(() => session.phase).toBe('failed');
		expect(session.messages.error).toMatch(/^Roster's worker stopped 3 times in a few minutes/);
	});
});
