// The warning about emails already sent from another draft of this device, over the real worker:
// it names how many and the draft they were sent from, shows only those rows on request, and
// leaves them out as one deletion that Undo brings back (the warning with them).
import 'fake-indexeddb/auto';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import AlreadySentNote from '../../src/ui/AlreadySentNote.svelte';
import { SentEmails } from '../../src/storage/sent-emails.ts';
import { alreadySentText } from '../../src/ui/already-sent-text.ts';
import { appOver, client, csvText, realWorker } from './real-worker.ts';

/** 3 December of the tests' year (real-worker.ts NOW is in 2026). */
const DEC_3 = new Date(2026, 11, 3, 10).getTime();

it('says how many emails another draft sent and when, shows them, and leaves them out', async () => {
	const worker = realWorker('already-sent');
	const rows = [client(2), client(3), client(4), client(5)];
	const first = await worker.seed(csvText(rows), 'spring.csv');
	await worker.repo.rename(first, 'Spring clients', 1);
	// The platform accepted two of them from the first draft.
	await new SentEmails(worker.db, null).record(
		first,
		['client3@example.com', 'CLIENT5@example.com'],
		DEC_3,
	);
	const second = await worker.seed(csvText(rows), 'spring-again.csv');
	const app = appOver(worker);
	render(AlreadySentNote, { session: app.session });
	await app.openDraft(second);

	const note = await screen.findByTestId('already-sent');
	expect(note).toHaveTextContent(
		'2 of these emails were already sent to the platform from “Spring clients” on 3 Dec. Their accounts exist: a new notice’s password would not work',
	);
	const user = userEvent.setup();
	await user.click(within(note).getByRole('button', { name: 'Show these rows' }));
	await expect.poll(() => app.session.draft.total).toBe(2);
	await user.click(within(note).getByRole('button', { name: 'Show all rows' }));
	await expect.poll(() => app.session.draft.total).toBe(4);

	await user.click(within(note).getByRole('button', { name: 'Leave 2 rows out' }));
	await expect.poll(() => screen.queryByTestId('already-sent')).toBeNull();
	// Back to every row, the two left out gone.
	await expect.poll(() => app.session.draft.filter).toBe('all');
	await expect.poll(() => app.session.draft.total).toBe(2);
	expect(app.session.draft.state?.counts.rows).toBe(2);

	await app.session.draft.undo();
	expect(await screen.findByTestId('already-sent')).toHaveTextContent('2 of these emails');
	expect(app.session.draft.state?.counts.rows).toBe(4);
});

it('names each draft when the emails came from several, and one that was deleted', () => {
	const now = new Date(2026, 11, 10);
	expect(
		alreadySentText(
			{
				count: 28,
				fromDrafts: [
					{ id: 'a', name: 'Spring', sentAt: DEC_3, count: 27 },
					{ id: 'b', name: null, sentAt: DEC_3, count: 1 },
				],
			},
			now,
		),
	).toBe(
		'28 of these emails were already sent to the platform from other drafts: 27 from “Spring” on 3 Dec, 1 from a draft deleted since on 3 Dec.',
	);
	expect(
		alreadySentText(
			{ count: 1, fromDrafts: [{ id: 'a', name: 'X', sentAt: DEC_3, count: 1 }] },
			now,
		),
	).toBe('1 of these emails was already sent to the platform from “X” on 3 Dec.');
});
