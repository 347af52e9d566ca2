// The grid's columns: template order, then tags and external ID when the draft has them. Sized
// so that every column of a draft without tags or external ID fits a 1,240 px grid, and Row to
// Gender one of 890 px (1280 px with the problems panel beside it); longer values end in "…"
// and show whole in their title. Row, Status and Email are frozen: they stay when the grid
// scrolls sideways, so the pro never loses the row.
import type { GridField, GridKey } from '../../state/grid-state.svelte.ts';
import type { RowView } from '../../worker/views.ts';
import type { Issue } from '../../core/issues.ts';
import {
	isLocked,
	isRegistered,
	isUnsent,
	noticeStatus,
	passwordRemoved,
} from '../../core/credential-rules.ts';
import { shortDate } from '../format.ts';

export interface GridColumn {
	key: GridKey;
	label: string;
	width: number;
	/** Stays at the left when the grid scrolls sideways (the first columns only). */
	frozen?: true;
	/** The issue `column` that marks this cell. */
	issueColumn?: string;
	/** The on-screen keyboard a tablet shows while editing. */
	inputType?: 'email' | 'text';
	inputMode?: 'email' | 'numeric' | 'text';
	hint?: string;
}

const FIELDS: GridColumn[] = [
	{
		key: 'email_address',
		label: 'Email',
		width: 196,
		frozen: true,
		issueColumn: 'email_address',
		inputType: 'email',
		inputMode: 'email',
	},
	{ key: 'initial_password', label: 'Password', width: 128, issueColumn: 'initial_password' },
	{ key: 'first_name', label: 'First name', width: 106, issueColumn: 'first_name' },
	{ key: 'last_name', label: 'Last name', width: 106, issueColumn: 'last_name' },
	{
		key: 'birthdate',
		label: 'Birthdate',
		width: 96,
		issueColumn: 'birthdate',
		inputMode: 'numeric',
		hint: 'YYYYMMDD',
	},
	{ key: 'gender', label: 'Gender', width: 80, issueColumn: 'gender', hint: 'male or female' },
];

export function gridColumns(options: { tags: boolean; externalId: boolean }): GridColumn[] {
	const columns: GridColumn[] = [
		{ key: 'select', label: 'Row', width: 76, frozen: true },
		{ key: 'status', label: 'Status', width: 96, frozen: true },
		...FIELDS,
	];
	if (options.tags)
		columns.push({
			key: 'tags',
			label: 'Tags',
			width: 150,
			issueColumn: 'tag',
			hint: 'comma-separated',
		});
	if (options.externalId)
		columns.push({
			key: 'external_id',
			label: 'External ID',
			width: 120,
			issueColumn: 'external_id',
		});
	columns.push({ key: 'platform', label: 'Platform', width: 150 });
	columns.push({ key: 'notice', label: 'Notice', width: 110 });
	return columns;
}

/** Where each frozen column starts (px from the grid's left), and how wide they are together. */
export function frozenLayout(columns: readonly GridColumn[]): {
	left: Map<GridKey, number>;
	width: number;
} {
	const left = new Map<GridKey, number>();
	let width = 0;
	for (const column of columns) {
		if (!column.frozen) break;
		left.set(column.key, width);
		width += column.width;
	}
	return { left, width };
}

export function isField(key: GridKey): key is GridField {
	return key !== 'select' && key !== 'status' && key !== 'notice' && key !== 'platform';
}

/** The text a cell shows; passwords are masked unless revealed. */
export function cellText(row: RowView, key: GridField, revealed = false): string {
	if (key === 'tags') return row.tags.join(', ');
	if (key === 'initial_password' && !revealed) return row.initial_password === '' ? '' : '••••••••';
	return row[key];
}

/** Where a row's password came from, in a word or two ('' when there is nothing to say). */
export function passwordOrigin(row: RowView): string {
	const { origin, setAt } = row.credential;
	if (passwordRemoved(row.credential)) return `removed ${shortDate(setAt)}`;
	if (row.initial_password === '') return '';
	if (origin === 'created') return `created ${shortDate(setAt)}`;
	if (origin === 'typed') return `typed ${shortDate(setAt)}`;
	return 'from file';
}

/** The platform column: where the row is with the import API (`waiting`: nothing is sent now). */
export function platformText(row: RowView, waiting = false): string {
	const { sync, syncedAt } = row.credential;
	// Queued while nothing is sent (offline, or a retry is due): it is not on its way yet.
	if (isLocked(row.credential)) return waiting ? 'Waiting to send (locked)' : 'Sending… (locked)';
	if (sync === 'synced') return `Synced ✓ ${shortDate(syncedAt)}`;
	if (isRegistered(row.credential)) return 'Already registered';
	if (sync === 'rejected')
		return `Rejected: ${row.syncIssues.map((i) => i.message).join('; ') || 'no reason given'}`;
	// Its account exists already (AlreadySentNote.svelte says more and offers to leave it out).
	if (row.sentElsewhere) return 'Sent from another draft';
	return isUnsent(row) ? 'Not sent' : '—';
}

/** The notice column: when it was printed, or whether it is still due. */
export function noticeText(row: RowView): string {
	switch (noticeStatus(row)) {
		case 'printed':
			return `Printed ${shortDate(row.credential.printedAt)}`;
		case 'registered':
			return 'Not needed';
		case 'pending':
			// Sent from another draft: no notice (its account exists), as for the registered.
			return row.sentElsewhere ? 'Not needed' : 'Not printed';
		default:
			return '—';
	}
}

/** The text an editor starts from. */
export function editText(row: RowView, key: GridField): string {
	return key === 'tags' ? row.tags.join(', ') : row[key];
}

export function cellIssues(row: RowView, column: GridColumn): Issue[] {
	return column.issueColumn ? row.issues.filter((i) => i.column === column.issueColumn) : [];
}
