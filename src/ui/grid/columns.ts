// The grid's columns: template order, then tags and external ID when the draft has them. Sized
// so that every column of a draft without tags or external ID fits a 1,240 px grid, and Row to
// Gender one of 890 px (1280 px with the problems panel beside it), up to a worksheet's last
// row: Row widens for a longer last row number and Email gives it the room. Longer values end
// in "…" and show whole in their title. Row, Status and Email are frozen: they stay when the
// grid scrolls sideways, so the pro never loses the row.
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
import { formatShortDate } from '../../i18n/format.ts';
import { m } from '../../i18n/messages.ts';

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

/** A digit at 16 px, rounded up over the system fonts (DejaVu Sans draws them 10.2 px wide). */
const DIGIT_WIDTH = 10.4;
/** A cell's padding and border around its value. */
const CELL_EDGES = 17;
/** Birthdate holds its eight digits whole (96 px cut "19811120" in DejaVu Sans). */
const BIRTHDATE_WIDTH = Math.ceil(CELL_EDGES + 8 * DIGIT_WIDTH);
/** Email's width: what is left of Row to Gender's 890 px with Row at its narrowest. */
const EMAIL_WIDTH = 179;

// Built on each call: the titles and hints are in the language of the moment.
function fieldColumns(emailWidth: number): GridColumn[] {
	return [
		{
			key: 'email_address',
			label: m.grid_col_email(),
			width: emailWidth,
			frozen: true,
			issueColumn: 'email_address',
			inputType: 'email',
			inputMode: 'email',
		},
		{
			key: 'initial_password',
			label: m.grid_col_password(),
			width: 128,
			issueColumn: 'initial_password',
		},
		{ key: 'first_name', label: m.grid_col_first_name(), width: 106, issueColumn: 'first_name' },
		{ key: 'last_name', label: m.grid_col_last_name(), width: 106, issueColumn: 'last_name' },
		{
			key: 'birthdate',
			label: m.grid_col_birthdate(),
			width: BIRTHDATE_WIDTH,
			issueColumn: 'birthdate',
			inputMode: 'numeric',
			hint: m.grid_hint_birthdate(),
		},
		{
			key: 'gender',
			label: m.grid_col_gender(),
			width: 84,
			issueColumn: 'gender',
			hint: m.grid_hint_gender(),
		},
	];
}

/** Row's width for three digits: the check box, the gap and "999" (a draft's first rows). */
const ROW_WIDTH = 76;
/** Before the number: the cell's padding, the 24 px check box and the gap; after it, a margin. */
const ROW_NUMBER_AT = 39;
const ROW_NUMBER_MARGIN = 4;
/** Email gives up to this much of its width to a wider Row, so Row to Gender still fits. */
const EMAIL_MIN_WIDTH = 144;

/**
 * Row is as wide as the draft's last row number needs (a million-row draft's "1000001" must
 * read whole: the problems panel names rows by it), and Email narrower by as much, down to
 * EMAIL_MIN_WIDTH.
 */
function rowWidths(lastRow: number): { row: number; email: number } {
	const digits = String(Math.max(1, Math.floor(lastRow))).length;
	const row = Math.max(
		ROW_WIDTH,
		Math.ceil(ROW_NUMBER_AT + digits * DIGIT_WIDTH + ROW_NUMBER_MARGIN),
	);
	return { row, email: Math.max(EMAIL_MIN_WIDTH, EMAIL_WIDTH - (row - ROW_WIDTH)) };
}

/** `lastRow`: the draft's largest row number (DraftState's), which Row must fit. */
export function gridColumns(options: {
	tags: boolean;
	externalId: boolean;
	lastRow?: number;
}): GridColumn[] {
	const widths = rowWidths(options.lastRow ?? 0);
	const columns: GridColumn[] = [
		{ key: 'select', label: m.grid_col_row(), width: widths.row, frozen: true },
		{ key: 'status', label: m.grid_col_status(), width: 104, frozen: true },
		...fieldColumns(widths.email),
	];
	if (options.tags)
		columns.push({
			key: 'tags',
			label: m.grid_col_tags(),
			width: 150,
			issueColumn: 'tag',
			hint: m.grid_hint_tags(),
		});
	if (options.externalId)
		columns.push({
			key: 'external_id',
			label: m.grid_col_external_id(),
			width: 120,
			issueColumn: 'external_id',
		});
	columns.push({ key: 'platform', label: m.grid_col_platform(), width: 150 });
	columns.push({ key: 'notice', label: m.grid_col_notice(), width: 110 });
	return columns;
}

/**
 * Where the column `key` starts and how wide it is (px from the grid's left): the rows' grid
 * template is the columns' widths, so this is what layout gives, without asking it.
 */
export function columnSpan(
	columns: readonly GridColumn[],
	key: GridKey,
): { left: number; width: number } {
	let left = 0;
	for (const column of columns) {
		if (column.key === key) return { left, width: column.width };
		left += column.width;
	}
	return { left: 0, width: 0 };
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
	if (passwordRemoved(row.credential))
		return m.grid_password_removed({ date: formatShortDate(setAt) });
	if (row.initial_password === '') return '';
	if (origin === 'created') return m.grid_password_created({ date: formatShortDate(setAt) });
	if (origin === 'typed') return m.grid_password_typed({ date: formatShortDate(setAt) });
	return m.grid_password_from_file();
}

/** The platform column: where the row is with the import API (`waiting`: nothing is sent now). */
export function platformText(row: RowView, waiting = false): string {
	const { sync, syncedAt } = row.credential;
	// Queued while nothing is sent (offline, or a retry is due): it is not on its way yet.
	if (isLocked(row.credential))
		return waiting ? m.grid_platform_waiting_locked() : m.grid_platform_sending_locked();
	if (sync === 'synced') return m.grid_platform_synced({ date: formatShortDate(syncedAt) });
	if (isRegistered(row.credential)) return m.grid_platform_registered();
	// The reasons are the platform's own words: shown as it gave them.
	if (sync === 'rejected')
		return m.grid_platform_rejected({
			reasons: row.syncIssues.map((i) => i.message).join('; ') || m.grid_platform_no_reason(),
		});
	// Its account exists already (AlreadySentNote.svelte says more and offers to leave it out).
	if (row.sentElsewhere) return m.grid_platform_sent_elsewhere();
	return isUnsent(row) ? m.grid_platform_not_sent() : '—';
}

/** The notice column: when it was printed, or whether it is still due. */
export function noticeText(row: RowView): string {
	switch (noticeStatus(row)) {
		case 'printed':
			return m.grid_notice_printed({ date: formatShortDate(row.credential.printedAt) });
		case 'registered':
			return m.grid_notice_not_needed();
		case 'pending':
			// Sent from another draft: no notice (its account exists), as for the registered.
			return row.sentElsewhere ? m.grid_notice_not_needed() : m.grid_notice_not_printed();
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
