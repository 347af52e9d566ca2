// The grid's columns: template order, then tags and external ID when the draft has them.
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
		width: 250,
		issueColumn: 'email_address',
		inputType: 'email',
		inputMode: 'email',
	},
	{ key: 'initial_password', label: 'Password', width: 190, issueColumn: 'initial_password' },
	{ key: 'first_name', label: 'First name', width: 140, issueColumn: 'first_name' },
	{ key: 'last_name', label: 'Last name', width: 140, issueColumn: 'last_name' },
	{
		key: 'birthdate',
		label: 'Birthdate',
		width: 130,
		issueColumn: 'birthdate',
		inputMode: 'numeric',
		hint: 'YYYYMMDD',
	},
	{ key: 'gender', label: 'Gender', width: 110, issueColumn: 'gender', hint: 'male or female' },
];

export function gridColumns(options: { tags: boolean; externalId: boolean }): GridColumn[] {
	const columns: GridColumn[] = [
		{ key: 'select', label: 'Row', width: 96 },
		{ key: 'status', label: 'Status', width: 130 },
		...FIELDS,
	];
	if (options.tags)
		columns.push({
			key: 'tags',
			label: 'Tags',
			width: 170,
			issueColumn: 'tag',
			hint: 'comma-separated',
		});
	if (options.externalId)
		columns.push({
			key: 'external_id',
			label: 'External ID',
			width: 140,
			issueColumn: 'external_id',
		});
	columns.push({ key: 'platform', label: 'Platform', width: 170 });
	columns.push({ key: 'notice', label: 'Notice', width: 130 });
	return columns;
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

/** The platform column: where the row is with the import API. */
export function platformText(row: RowView): string {
	const { sync, syncedAt } = row.credential;
	if (isLocked(row.credential)) return 'Sending… (locked)';
	if (sync === 'synced') return `Synced ✓ ${shortDate(syncedAt)}`;
	if (isRegistered(row.credential)) return 'Already registered';
	if (sync === 'rejected')
		return `Rejected: ${row.syncIssues.map((i) => i.message).join('; ') || 'no reason given'}`;
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
			return 'Not printed';
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
