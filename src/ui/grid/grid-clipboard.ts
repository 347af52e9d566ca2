// The grid's copy, paste and clear without a DOM: the tab-separated text of a block of cells (as
// Excel, Google Sheets and Numbers paste it back), the cell edits a pasted block makes from the
// focused cell down and right (clipped to the grid's client columns and the rows in view), the
// edits that clear a range, and the sentences that say what was left out or refused.
// Only client cells are copied or pasted: the checkbox, status, platform and notice columns are
// Roster's own, so a block copied here and pasted back lands on the same cells.
import type { CellEdit } from '../../core/fields.ts';
import { isLocked } from '../../core/credential-rules.ts';
import { m } from '../../i18n/messages.ts';
import type { GridField, GridKey } from '../../state/grid-state.svelte.ts';
import type { RowView } from '../../worker/views.ts';
import { cellText, gridColumns, isField } from './columns.ts';
import type { CellRange } from './keys.ts';

/** editCells takes at most this many rows' edits in one undo step (protocol.ts). */
export const MAX_BLOCK_ROWS = 100_000;

/** The cell edits of one row, by its position in the current view. */
export interface BlockEdit {
	position: number;
	set: CellEdit;
}

/** A field's column title as the grid shows it ("Email", "First name"), in today's language. */
export function fieldLabel(field: string): string {
	return gridColumns({ tags: true, externalId: true }).find((c) => c.key === field)?.label ?? field;
}

/** A spreadsheet reads a cell with a tab, a line break or a quote only when it is quoted. */
function tsvCell(value: string): string {
	return /[\t\n\r"]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows of cells as tab-separated text, one line per row. */
export function toTsv(rows: readonly (readonly string[])[]): string {
	return rows.map((cells) => cells.map(tsvCell).join('\t')).join('\n');
}

export type CopyResult = { ok: true; text: string; cells: number } | { ok: false; message: string };

/**
 * The text a copy puts on the clipboard: the client cells of `rows` under `keys`, as the grid
 * shows them (tags joined with ", "). A masked password is never copied: the copy is refused.
 */
export function copyText(
	rows: readonly (RowView | undefined)[],
	keys: readonly GridKey[],
	revealed: (index: number) => boolean,
): CopyResult {
	const fields = keys.filter(isField);
	if (fields.length === 0) return { ok: false, message: m.grid_copy_no_fields() };
	if (rows.some((row) => row === undefined)) return { ok: false, message: m.grid_copy_loading() };
	const loaded = rows as readonly RowView[];
	const masked = loaded.find(
		(row) =>
			fields.includes('initial_password') && row.initial_password !== '' && !revealed(row.index),
	);
	if (masked) return { ok: false, message: m.grid_copy_masked({ row: masked.row }) };
	const cells = loaded.map((row) => fields.map((field) => cellText(row, field, true)));
	return { ok: true, text: toTsv(cells), cells: cells.length * fields.length };
}

/** The edit that gives one cell a typed or pasted value (tags: separated by commas). */
export function cellEdit(field: GridField, value: string): CellEdit {
	if (field !== 'tags') return { [field]: value };
	return {
		tags: value
			.split(',')
			.map((t) => t.trim())
			.filter((t) => t !== ''),
	};
}

export interface PastePlan {
	edits: BlockEdit[];
	/** The fields the block's columns land on, left to right. */
	fields: GridField[];
	/** How many cells the edits set. */
	cells: number;
	/** Columns of the block past the grid's last client column. */
	columnsLeftOut: number;
	/** Rows of the block past the last row in view. */
	rowsLeftOut: number;
}

/**
 * Where a pasted block goes: from the focused cell (`column` indexes `keys`, the grid's columns)
 * down and right, over client columns only (Roster's own columns are stepped over). A row shorter
 * than the block leaves the cells past its end as they are.
 */
export function pastePlan(
	block: readonly (readonly string[])[],
	at: { position: number; column: number },
	keys: readonly GridKey[],
	total: number,
): PastePlan {
	const fields = keys.slice(Math.max(0, at.column)).filter(isField);
	const width = block.reduce((n, cells) => Math.max(n, cells.length), 0);
	const used = fields.slice(0, width);
	const fit = Math.max(0, Math.min(block.length, total - at.position, MAX_BLOCK_ROWS));
	const edits: BlockEdit[] = [];
	let cells = 0;
	for (let k = 0; k < fit; k++) {
		const row = block[k] ?? [];
		let set: CellEdit = {};
		used.forEach((field, j) => {
			const value = row[j];
			if (value === undefined) return;
			set = { ...set, ...cellEdit(field, value) };
			cells++;
		});
		if (Object.keys(set).length > 0) edits.push({ position: at.position + k, set });
	}
	return {
		edits,
		fields: used,
		cells,
		columnsLeftOut: Math.max(0, width - fields.length),
		rowsLeftOut: block.length - fit,
	};
}

/** The edits that empty the client cells of a range (`keys`: the grid's columns). */
export function clearPlan(range: CellRange, keys: readonly GridKey[]): BlockEdit[] {
	const fields = keys.slice(range.left, range.right + 1).filter(isField);
	if (fields.length === 0) return [];
	const set = fields.reduce<CellEdit>((edit, field) => ({ ...edit, ...cellEdit(field, '') }), {});
	const edits: BlockEdit[] = [];
	for (let p = range.top; p <= range.bottom && edits.length < MAX_BLOCK_ROWS; p++)
		edits.push({ position: p, set });
	return edits;
}

/** "3 columns did not fit and were left out." (and the rows), or '' when all of it fitted. */
export function leftOutNote(plan: Pick<PastePlan, 'columnsLeftOut' | 'rowsLeftOut'>): string {
	const parts: string[] = [];
	if (plan.columnsLeftOut > 0) parts.push(m.grid_left_out_columns({ count: plan.columnsLeftOut }));
	if (plan.rowsLeftOut > 0) parts.push(m.grid_left_out_rows({ count: plan.rowsLeftOut }));
	return parts.join(' ');
}

/** Rows named at most in a refusal; the rest are counted. */
const NAMED_ROWS = 5;

/**
 * "Not pasted: row 4 is being sent (Email, First name)." for the cells the worker refused.
 * `rows`: the rows the change was over (to say why each was locked); `label`: a field's title.
 */
export function refusedNote(
	verb: 'pasted' | 'cleared',
	refused: readonly { row: number; field: string }[],
	rows: readonly RowView[],
	label: (field: string) => string,
): string {
	if (refused.length === 0) return '';
	const byRow = new Map<number, string[]>();
	for (const { row, field } of refused) byRow.set(row, [...(byRow.get(row) ?? []), label(field)]);
	const why = (row: number, fields: string): string => {
		const view = rows.find((r) => r.row === row);
		if (view && isLocked(view.credential)) return m.grid_refused_sending({ row, fields });
		if (view?.credential.sync === 'synced') return m.grid_refused_synced({ row, fields });
		if (view?.credential.sync === 'exists') return m.grid_refused_registered({ row, fields });
		return m.grid_refused_locked({ row, fields });
	};
	const named = [...byRow].slice(0, NAMED_ROWS).map(([row, fields]) => why(row, fields.join(', ')));
	const more = byRow.size - named.length;
	const params = {
		rows: named.join(m.grid_refused_separator()),
		more: more > 0 ? m.grid_refused_more({ count: more }) : '',
	};
	return verb === 'pasted' ? m.grid_refused_pasted(params) : m.grid_refused_cleared(params);
}
