// How long the page waits for each draft-worker call, and what it says when a call runs out of
// time: which call, whether it may have been saved, and what the pro can do. Apart from the
// client so that the limits read as one table.
import type { CommandName } from './protocol.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * How long the page waits for a call. Reads of a screenful are quick; a change can wait behind
 * a big draft still loading; whole-draft work (import, export, a batch, notices, every-row fixes)
 * gets minutes, and an import's limit starts again with each progress event it sends.
 */
export const CALL_TIMEOUTS: Partial<Record<CommandName, number>> = {
	import: 5 * MINUTE,
	inspect: 2 * MINUTE,
	open: 5 * MINUTE,
	view: 5 * MINUTE,
	columns: 2 * MINUTE,
	export: 10 * MINUTE,
	duplicate: 10 * MINUTE,
	notices: 10 * MINUTE,
	sync: 10 * MINUTE,
	// Waits for a chunk in flight, whose own limit is 5 minutes.
	cancelSync: 10 * MINUTE,
	fix: 10 * MINUTE,
	editCells: 10 * MINUTE,
	setValue: 10 * MINUTE,
	replace: 10 * MINUTE,
	replaceCount: 5 * MINUTE,
	deleteRows: 10 * MINUTE,
	dateOrder: 10 * MINUTE,
	passwords: 10 * MINUTE,
	removePasswords: 10 * MINUTE,
	markPrinted: 5 * MINUTE,
	undo: 10 * MINUTE,
	redo: 10 * MINUTE,
	edit: 2 * MINUTE,
	addRow: 2 * MINUTE,
	// Past the first screenful, these wait for a big draft to finish loading.
	rows: 2 * MINUTE,
	locate: 2 * MINUTE,
	// Encrypting or decrypting every draft (unlock finishes one a closed tab left half-way).
	turnOnLock: 60 * MINUTE,
	turnOffLock: 60 * MINUTE,
	unlock: 60 * MINUTE,
	lock: 5 * MINUTE,
	changePassphrase: 2 * MINUTE,
	listDrafts: 2 * MINUTE,
};
/** Any other call: a read or a setting. */
export const DEFAULT_TIMEOUT = 45 * SECOND;

/** What each call is, in the words of a message ("Saving your edit took longer than …"). */
const CALL_LABELS: Partial<Record<CommandName, string>> = {
	import: 'Importing the file',
	inspect: 'Reading the file',
	open: 'Opening the draft',
	close: 'Closing the draft',
	view: 'Filtering the rows',
	rows: 'Loading rows',
	locate: 'Finding the row',
	columns: 'Reading the columns',
	export: 'Preparing the file',
	duplicate: 'Duplicating the draft',
	notices: 'Preparing the notices',
	sync: 'Queuing the clients to send',
	cancelSync: 'Cancelling sending',
	turnOnLock: 'Encrypting the drafts',
	turnOffLock: 'Decrypting the drafts',
	unlock: 'Unlocking',
	lock: 'Locking',
	changePassphrase: 'Changing the passphrase',
	listDrafts: 'Listing the drafts',
	edit: 'Saving your edit',
	addRow: 'Adding a row',
	fix: 'Fixing rows',
	editCells: 'Saving the pasted cells',
	setValue: 'Setting the value',
	replace: 'Replacing',
	replaceCount: 'Counting matches',
	deleteRows: 'Deleting rows',
	dateOrder: 'Changing the date order',
	undo: 'Undo',
	redo: 'Redo',
	passwords: 'Creating passwords',
	removePasswords: 'Removing passwords',
	markPrinted: 'Recording the printed notices',
	mappings: 'Reading the remembered columns',
	forgetMapping: 'Forgetting the columns',
};

/** Calls that write the draft: a time-out leaves it unknown whether the change was saved. */
const WRITES = new Set<CommandName>([
	'import',
	'duplicate',
	'sync',
	'cancelSync',
	'edit',
	'addRow',
	'fix',
	'editCells',
	'setValue',
	'replace',
	'deleteRows',
	'dateOrder',
	'undo',
	'redo',
	'passwords',
	'removePasswords',
	'markPrinted',
	'forgetMapping',
]);

export function duration(ms: number): string {
	if (ms >= MINUTE && ms % MINUTE === 0) {
		const m = ms / MINUTE;
		return m === 1 ? '1 minute' : `${m} minutes`;
	}
	const s = Math.round(ms / SECOND);
	return s === 1 ? '1 second' : `${s} seconds`;
}

/** The message of a call that ran out of time: which call, and what the pro can do. */
export function timeoutMessage(name: CommandName, ms: number): string {
	const label = CALL_LABELS[name] ?? `The “${name}” request`;
	const what = WRITES.has(name)
		? 'It may or may not have been saved: check the draft, then try again.'
		: 'Try again.';
	return `${label} took longer than ${duration(ms)}, so Roster stopped waiting for it. ${what} If Roster stays stuck, reload the page: your saved work is kept.`;
}
