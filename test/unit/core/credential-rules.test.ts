// The credential rules, one table per rule: each row of a table is a credential state the pro
// can reach and what the app must then do (lock the row, send it, print its notice, ...).
import { describe, expect, it } from 'vitest';
import {
	editMakesUnsent,
	getsNotice,
	isLocked,
	isRegistered,
	isUnsent,
	mayMarkPrinted,
	mayReplacePassword,
	noticeStatus,
	passwordFixedOnPlatform,
	passwordRemoved,
	printRunPlace,
	undoRefusal,
	editRefusal,
	undoableCredential,
	type NoticeChoice,
	type NoticeStatus,
	type PrintRunPlace,
	type RowStanding,
} from '../../../src/core/credential-rules.ts';
import { SYNC_STATES, type Credential, type SyncState } from '../../../src/core/credentials.ts';

const PRINTED_AT = Date.UTC(2026, 0, 5);

function row(
	sync: SyncState,
	over: { printed?: boolean; hasError?: boolean; deleted?: boolean } = {},
): RowStanding {
	return {
		credential: { sync, printedAt: over.printed ? PRINTED_AT : 0, origin: 'created' },
		hasError: over.hasError ?? false,
		...(over.deleted === undefined ? {} : { deleted: over.deleted }),
	};
}

describe('rules of one sync state', () => {
	// sync state → locked, password fixed on the platform, may get a new password, registered,
	// an edit makes it unsent again
	const table: [SyncState, boolean, boolean, boolean, boolean, boolean][] = [
		['none', false, false, true, false, false],
		['queued', true, false, false, false, false],
		['synced', false, true, false, false, false],
		['exists', false, true, false, true, false],
		['rejected', false, false, true, false, true],
	];

	it('covers every sync state', () => {
		expect(table.map(([s]) => s).sort()).toEqual([...SYNC_STATES].sort());
	});

	it.each(table)(
		'%s: locked %s, password on the platform %s, new password allowed %s, registered %s, edit resends %s',
		(sync, locked, fixed, replace, registered, resend) => {
			const c = { sync };
			expect(isLocked(c)).toBe(locked);
			expect(passwordFixedOnPlatform(c)).toBe(fixed);
			expect(mayReplacePassword(c)).toBe(replace);
			expect(isRegistered(c)).toBe(registered);
			expect(editMakesUnsent(c)).toBe(resend);
		},
	);
});

describe('not sent yet (what a sync batch takes)', () => {
	const table: [string, boolean, RowStanding][] = [
		['never sent, no errors', true, row('none')],
		['never sent, printed', true, row('none', { printed: true })],
		['never sent, with errors', false, row('none', { hasError: true })],
		['never sent, deleted', false, row('none', { deleted: true })],
		['queued', false, row('queued')],
		['synced', false, row('synced')],
		['already registered', false, row('exists')],
		// A rejected row waits for an edit (which sets it back to none) before it is resent.
		['rejected', false, row('rejected')],
	];
	it.each(table)('%s → %s', (_name, expected, standing) => {
		expect(isUnsent(standing)).toBe(expected);
	});
});

describe('notices', () => {
	// standing → gets a notice, notice status (the Notice column), may be marked printed
	const table: [string, boolean, NoticeStatus, boolean, RowStanding][] = [
		['not printed, no errors', true, 'pending', true, row('none')],
		['printed, no errors', true, 'printed', true, row('none', { printed: true })],
		['not printed, with errors', false, 'blocked-errors', false, row('none', { hasError: true })],
		// Printed before an error appeared: the column still says when it was printed.
		[
			'printed, with errors',
			false,
			'printed',
			false,
			row('none', { hasError: true, printed: true }),
		],
		['synced', true, 'pending', true, row('synced')],
		['queued', true, 'pending', true, row('queued')],
		['rejected', true, 'pending', true, row('rejected')],
		// The client signs in with their own password: no notice is needed.
		['already registered', false, 'registered', true, row('exists')],
		['registered, printed', false, 'printed', true, row('exists', { printed: true })],
		['registered, with errors', false, 'registered', false, row('exists', { hasError: true })],
		['deleted', false, 'deleted', false, row('none', { deleted: true })],
	];
	it.each(table)(
		'%s: gets a notice %s, status %s, may be marked printed %s',
		(_name, gets, status, mark, standing) => {
			expect(getsNotice(standing)).toBe(gets);
			expect(noticeStatus(standing)).toBe(status);
			expect(mayMarkPrinted(standing)).toBe(mark);
		},
	);

	it('counts a notice pending exactly when it is due and not printed', () => {
		for (const [, , , , standing] of table)
			expect(noticeStatus(standing) === 'pending').toBe(
				getsNotice(standing) && standing.credential.printedAt === 0,
			);
	});
});

describe('what a print run does with a row', () => {
	const table: [string, NoticeChoice, PrintRunPlace, RowStanding][] = [
		['due, all', 'all', 'notice', row('none')],
		['due, pending only', 'pending', 'notice', row('none')],
		['printed, all', 'all', 'notice', row('none', { printed: true })],
		['printed, selected', 'selected', 'notice', row('none', { printed: true })],
		['printed, pending only', 'pending', 'skipped', row('none', { printed: true })],
		['with errors', 'all', 'errors', row('none', { hasError: true })],
		// Errors are named first: the row is left out "for errors" even if registered.
		['registered with errors', 'all', 'errors', row('exists', { hasError: true })],
		['registered', 'selected', 'registered', row('exists')],
		['registered, printed, pending only', 'pending', 'skipped', row('exists', { printed: true })],
		['synced', 'all', 'notice', row('synced')],
		['deleted', 'all', 'skipped', row('none', { deleted: true })],
	];
	it.each(table)('%s (%s) → %s', (_name, choice, place, standing) => {
		expect(printRunPlace(standing, choice)).toBe(place);
	});
});

describe('edits', () => {
	const onPlatform =
		'Row 7 is on the platform with its current password: the client signs in with it, so it cannot change here.';
	it.each([
		['none', true, null],
		['rejected', true, null],
		['synced', false, null],
		['exists', false, null],
		['queued', false, 'Row 7 is being sent to the platform: change it once the sync has finished.'],
		['synced', true, onPlatform],
		['exists', true, onPlatform],
	] as [SyncState, boolean, string | null][])(
		'%s, sets the password %s → %s',
		(sync, setsPassword, refusal) => {
			expect(editRefusal({ sync }, setsPassword, 7)).toBe(refusal);
		},
	);
});

describe('undo and redo', () => {
	it.each([
		['none', false, null],
		['none', true, null],
		['rejected', true, null],
		['synced', false, null],
		['exists', false, null],
		['queued', false, 'Row 7 is being sent to the platform: undo once the sync has finished.'],
		[
			'synced',
			true,
			'Row 7 is on the platform with its current password: that change can no longer be undone.',
		],
		[
			'exists',
			true,
			'Row 7 is on the platform with its current password: that change can no longer be undone.',
		],
	] as [SyncState, boolean, string | null][])(
		'%s, sets the password %s → %s',
		(sync, setsPassword, refusal) => {
			expect(undoRefusal({ sync }, setsPassword, 7)).toBe(refusal);
		},
	);

	it('keeps the password origin and print date in an undo step, never the sync state', () => {
		const credential: Credential = {
			origin: 'typed',
			setAt: 11,
			printedAt: 22,
			sync: 'synced',
			syncedAt: 33,
		};
		expect(undoableCredential(credential)).toEqual({ origin: 'typed', setAt: 11, printedAt: 22 });
	});
});

it('knows a password removed from the device by its origin', () => {
	expect(passwordRemoved({ origin: 'removed' })).toBe(true);
	for (const origin of ['file', 'created', 'typed'] as const)
		expect(passwordRemoved({ origin })).toBe(false);
});
