// What the problems panel's buttons do to the focused row, each ending with the keyboard back on
// the row's cell in the grid: the button that was pressed often disappears with the problem it
// fixed, and the focus must not fall to the page. Each answers what it did, in words, for the
// panel's "done" line beside its Undo.
import type { IssueCode } from '../../core/issues.ts';
import type { PasswordOptions } from '../../core/password.ts';
import type { DraftSession } from '../../state/draft-session.svelte.ts';
import { m } from '../../i18n/messages.ts';

/** The row a button acts on: its index in the draft and its spreadsheet row number. */
export interface RowRef {
	index: number;
	row: number;
}

/** The certain fix of `code` on this row ("Fix: use …"). */
export async function fixHere(session: DraftSession, at: RowRef, code: IssueCode): Promise<string> {
	await session.draft.fix(at.index, code);
	await session.draft.goToIndex(at.index, true);
	return m.grid_done_fixed({ row: at.row });
}

/** A new strong password for this row: a missing one created, a weak or short one replaced. */
export async function newPasswordHere(
	session: DraftSession,
	at: RowRef,
	options: PasswordOptions,
	replacing: boolean,
): Promise<string> {
	await session.draft.createPasswords('selected', options, [at.index]);
	await session.draft.goToIndex(at.index, true);
	return replacing
		? m.grid_done_password_replaced({ row: at.row })
		: m.grid_done_password_created({ row: at.row });
}

/** Passwords for every row without one (as "Create passwords" in the Passwords menu does). */
export async function createMissing(
	session: DraftSession,
	at: RowRef,
	options: PasswordOptions,
): Promise<string> {
	const before = session.draft.passwordsMissing;
	await session.draft.createPasswords('missing', options);
	await session.draft.goToIndex(at.index, true);
	return m.grid_done_passwords_created({ count: before - session.draft.passwordsMissing });
}

/**
 * Deletes this row with no question asked (Undo brings it back, and the announcement says so);
 * the focus goes to the row now in its place. Answers '' when nothing was deleted.
 */
export async function deleteHere(session: DraftSession, at: RowRef): Promise<string> {
	const done = await session.draft.deleteRows([at.index]);
	if (done) session.messages.announce(m.grid_done_deleted_announce({ row: at.row }));
	await session.draft.goToIndex(at.index, true);
	return done ? m.grid_done_deleted({ row: at.row }) : '';
}

/** Focuses the row with the same value first (a duplicate's other row). */
export async function goToOther(session: DraftSession, other: number): Promise<void> {
	await session.draft.goToIndex(other, true);
}

/** Undoes the last step; the focus goes to the row it changed. */
export async function undoHere(session: DraftSession): Promise<void> {
	await session.draft.undo(true);
}
