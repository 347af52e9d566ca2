// How long the page waits for each draft-worker call, and what it says when a call runs out of
// time: which call, whether it may have been saved, and what the pro can do. Apart from the
// client so that the limits read as one table.
import type { CommandName } from './protocol.ts';
import { m } from '../i18n/messages.ts';

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
const CALL_LABELS: Partial<Record<CommandName, () => string>> = {
	import: () => m.draft_call_import(),
	inspect: () => m.draft_call_inspect(),
	open: () => m.draft_call_open(),
	close: () => m.draft_call_close(),
	view: () => m.draft_call_view(),
	rows: () => m.draft_call_rows(),
	locate: () => m.draft_call_locate(),
	columns: () => m.draft_call_columns(),
	export: () => m.draft_call_export(),
	duplicate: () => m.draft_call_duplicate(),
	notices: () => m.draft_call_notices(),
	sync: () => m.draft_call_sync(),
	cancelSync: () => m.draft_call_cancel_sync(),
	turnOnLock: () => m.draft_call_turn_on_lock(),
	turnOffLock: () => m.draft_call_turn_off_lock(),
	unlock: () => m.draft_call_unlock(),
	lock: () => m.draft_call_lock(),
	changePassphrase: () => m.draft_call_change_passphrase(),
	listDrafts: () => m.draft_call_list_drafts(),
	edit: () => m.draft_call_edit(),
	addRow: () => m.draft_call_add_row(),
	fix: () => m.draft_call_fix(),
	editCells: () => m.draft_call_edit_cells(),
	setValue: () => m.draft_call_set_value(),
	replace: () => m.draft_call_replace(),
	replaceCount: () => m.draft_call_replace_count(),
	deleteRows: () => m.draft_call_delete_rows(),
	dateOrder: () => m.draft_call_date_order(),
	undo: () => m.draft_call_undo(),
	redo: () => m.draft_call_redo(),
	passwords: () => m.draft_call_passwords(),
	removePasswords: () => m.draft_call_remove_passwords(),
	markPrinted: () => m.draft_call_mark_printed(),
	mappings: () => m.draft_call_mappings(),
	forgetMapping: () => m.draft_call_forget_mapping(),
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
		return m.draft_duration_minutes({ count: ms / MINUTE });
	}
	return m.draft_duration_seconds({ count: Math.round(ms / SECOND) });
}

/** The message of a call that ran out of time: which call, and what the pro can do. */
export function timeoutMessage(name: CommandName, ms: number): string {
	const label = CALL_LABELS[name]?.() ?? m.draft_call_unknown({ name });
	const what = WRITES.has(name) ? m.draft_timeout_write() : m.draft_timeout_read();
	return m.draft_timeout({ label, duration: duration(ms), what });
}
