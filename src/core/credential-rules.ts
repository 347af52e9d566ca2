// What a row's credential state means: when a row is locked, not sent yet, gets a notice, or
// keeps the password the platform has; which rows a sync batch and a print run take. The draft
// model (its counts and filters), the change plan, the worker and the grid all ask these, so
// each rule is written once.
import type { Credential, CredentialPatch, PasswordOrigin, SyncState } from './credentials.ts';
import type { IssueCode } from './issues.ts';

/** What the rules look at in one row. A grid row view (`RowView`) has these as they are. */
export interface RowStanding {
	readonly credential: Readonly<{ sync: SyncState; printedAt: number; origin: PasswordOrigin }>;
	/** An error (or a file-wide one) keeps a row out of sync batches and notices. */
	readonly hasError: boolean;
	/** Absent: not deleted. A deleted row is in no batch, count or print run. */
	readonly deleted?: boolean;
}

type SyncOf = Readonly<Pick<Credential, 'sync'>>;

/** Locked while queued: a sync batch holds the row until the server answers. */
export function isLocked(credential: SyncOf): boolean {
	return credential.sync === 'queued';
}

/**
 * The platform has this row's password: it created the account with it (`synced`), or the
 * client was already registered with their own (`exists`). It can no longer change here.
 */
export function passwordFixedOnPlatform(credential: SyncOf): boolean {
	return credential.sync === 'synced' || credential.sync === 'exists';
}

/**
 * Whether Roster may give the row a new password (create, replace weak, new for selected):
 * a row in flight or on the platform keeps the password it was sent with.
 */
export function mayReplacePassword(credential: SyncOf): boolean {
	return !isLocked(credential) && !passwordFixedOnPlatform(credential);
}

/** Already registered: the client signs in with their own password, so gets no notice. */
export function isRegistered(credential: SyncOf): boolean {
	return credential.sync === 'exists';
}

/**
 * An edit makes a rejected row unsent again, so it goes in the next batch. Only an edit: undo
 * and redo never change what the platform said.
 */
export function editMakesUnsent(credential: SyncOf): boolean {
	return credential.sync === 'rejected';
}

/** What an undo step keeps of a credential: not the sync state, the platform's fact. */
export function undoableCredential(credential: Credential): CredentialPatch {
	return {
		origin: credential.origin,
		setAt: credential.setAt,
		printedAt: credential.printedAt,
	};
}

/** The issues of a password "Replace weak passwords" replaces: weak, or too short. */
export const WEAK_PASSWORD_CODES: readonly IssueCode[] = ['password.weak', 'password.too_short'];

/** The password was wiped from this device (after the notices were handed out). */
export function passwordRemoved(credential: Readonly<Pick<Credential, 'origin'>>): boolean {
	return credential.origin === 'removed';
}

/**
 * Not sent yet: a row without errors never sent (or edited since it was rejected). This is what
 * the next sync batch takes (the worker also holds back rows with tags the organisation lacks).
 */
export function isUnsent(row: RowStanding): boolean {
	return !row.deleted && !row.hasError && row.credential.sync === 'none';
}

/** Gets a notice: a row without errors whose client is not already registered. */
export function getsNotice(row: RowStanding): boolean {
	return !row.deleted && !row.hasError && !isRegistered(row.credential);
}

/**
 * Where a row's notice stands, as the Notice column shows it: printed (whatever else holds),
 * not needed (registered), not possible (errors), or due.
 */
export type NoticeStatus = 'printed' | 'registered' | 'blocked-errors' | 'pending' | 'deleted';

export function noticeStatus(row: RowStanding): NoticeStatus {
	if (row.deleted) return 'deleted';
	if (row.credential.printedAt > 0) return 'printed';
	if (isRegistered(row.credential)) return 'registered';
	if (row.hasError) return 'blocked-errors';
	return 'pending';
}

/** Which notices to print: every row without errors, the selected ones, or those not printed. */
export const NOTICE_CHOICES = ['all', 'selected', 'pending'] as const;
export type NoticeChoice = (typeof NOTICE_CHOICES)[number];

/**
 * What a print run does with a row it was given: prints its notice, skips it (deleted, or
 * printed before when only pending notices are asked for), or leaves it out and says why.
 * Errors are told before registration: the screen counts "left out: errors" first.
 */
export type PrintRunPlace = 'notice' | 'skipped' | 'errors' | 'registered';

export function printRunPlace(row: RowStanding, choice: NoticeChoice): PrintRunPlace {
	if (row.deleted) return 'skipped';
	if (choice === 'pending' && row.credential.printedAt > 0) return 'skipped';
	if (row.hasError) return 'errors';
	if (isRegistered(row.credential)) return 'registered';
	return 'notice';
}

/**
 * Whether a "the notices came out" answer may mark the row printed: a row that was on paper,
 * so not deleted and without errors. Not `getsNotice`: a row printed while its batch was queued
 * may have come back `exists` before the pro answered, and its notice was still printed.
 */
export function mayMarkPrinted(row: RowStanding): boolean {
	return !row.deleted && !row.hasError;
}

/**
 * Why a row may not change, as a stable code: core stays free of the app's language, so the
 * worker words it in the pro's (`refusalText` in src/worker/change-plan.ts) and Node in English.
 * `locked`: a batch holds the row; `password`: the platform already has the row's password.
 */
export interface RowRefusal {
	code: 'locked' | 'password';
	/** What was refused: a change, or undo/redo. */
	action: 'change' | 'undo';
	/** The spreadsheet row number the pro sees. */
	row: number;
}

/** Why a change may not touch a row a batch holds (`action`: what to do later). */
export function lockedMessage(row: number, action: 'change it' | 'undo'): string {
	return `Row ${row} is being sent to the platform: ${action} once the sync has finished.`;
}

/** A refusal in English, for Node and the tests of the rules themselves. */
export function refusalEnglish({ code, action, row }: RowRefusal): string {
	if (code === 'locked') return lockedMessage(row, action === 'change' ? 'change it' : 'undo');
	return action === 'change'
		? `Row ${row} is on the platform with its current password: the client signs in with it, so it cannot change here.`
		: `Row ${row} is on the platform with its current password: that change can no longer be undone.`;
}

/**
 * Why an edit, fix, delete, undo or redo may not change a row, or null when it may: not while a
 * batch holds it, and not the password the platform already has (it is on the client's notice
 * and account, so a new one here would be printed on a notice the platform does not know).
 */
export function refusalOf(
	credential: SyncOf,
	setsPassword: boolean,
	row: number,
	action: RowRefusal['action'],
): RowRefusal | null {
	if (isLocked(credential)) return { code: 'locked', action, row };
	if (setsPassword && passwordFixedOnPlatform(credential)) return { code: 'password', action, row };
	return null;
}

/** Why an edit, fix or delete may not change a row (English), or null when it may. */
export function editRefusal(credential: SyncOf, setsPassword: boolean, row: number): string | null {
	const refusal = refusalOf(credential, setsPassword, row, 'change');
	return refusal && refusalEnglish(refusal);
}

/** Why undo or redo may not apply to a row (English), or null when they may. */
export function undoRefusal(credential: SyncOf, setsPassword: boolean, row: number): string | null {
	const refusal = refusalOf(credential, setsPassword, row, 'undo');
	return refusal && refusalEnglish(refusal);
}
