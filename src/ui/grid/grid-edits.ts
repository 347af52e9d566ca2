// What the grid does on copy, paste and Delete: it reads the range (or the focused cell), asks
// grid-clipboard.ts what to copy or which cells to set, sends the one change to the session, and
// says beside the grid what was left out or refused. Kept out of DraftGrid.svelte, which owns
// focus, scrolling and the cell editor.
import { m } from '../../i18n/messages.ts';
import { formatNumber } from '../../i18n/format.ts';
import { pastedRows } from '../../core/pasted-cells.ts';
import type { DraftSession } from '../../state/draft-session.svelte.ts';
import type { GridKey } from '../../state/grid-state.svelte.ts';
import type { RowView } from '../../worker/views.ts';
import {
	clearPlan,
	copyText,
	leftOutNote,
	MAX_BLOCK_ROWS,
	pastePlan,
	refusedNote,
	type BlockEdit,
	type CopyResult,
} from './grid-clipboard.ts';
import { editText, isField } from './columns.ts';
import { cellRange, type CellRange } from './keys.ts';

/** The grid as these actions see it: the session and the keys of its columns, in order. */
export interface GridContext {
	session: DraftSession;
	keys: readonly GridKey[];
	/** A field's column title ("Email"), for the sentences. */
	label: (field: string) => string;
}

function columnOf(keys: readonly GridKey[], key: GridKey): number {
	return Math.max(0, keys.indexOf(key));
}

/** The range stretched from the anchor to the focused cell (the focused cell alone without one). */
export function currentRange({ session, keys }: GridContext): CellRange {
	const { focus, anchor } = session.grid;
	const at = { position: focus.position, column: columnOf(keys, focus.field) };
	const from = anchor ? { position: anchor.position, column: columnOf(keys, anchor.field) } : at;
	return cellRange(from, at);
}

/** Puts the range's cells on the clipboard as tab-separated text, or says why it did not. */
export function copyCells(event: ClipboardEvent, ctx: GridContext): void {
	const { session } = ctx;
	const range = currentRange(ctx);
	const keys = ctx.keys.slice(range.left, range.right + 1);
	event.preventDefault();
	if (range.bottom - range.top >= MAX_BLOCK_ROWS) {
		session.grid.setNote(m.grid_copy_too_many({ max: formatNumber(MAX_BLOCK_ROWS) }));
		return;
	}
	const rows: (RowView | undefined)[] = [];
	for (let p = range.top; p <= range.bottom; p++) rows.push(session.rows.at(p));
	if (rows.includes(undefined) && navigator.clipboard) {
		// Rows of a long range the grid has not loaded: read them, then write the clipboard
		// (the copy event's own data must be set at once).
		void copyLater(ctx, range.top, range.bottom + 1, keys);
		return;
	}
	const result = copyText(rows, keys, (index) => session.grid.isRevealed(index));
	if (result.ok) event.clipboardData?.setData('text/plain', result.text);
	copied(ctx, result);
}

async function copyLater(
	ctx: GridContext,
	from: number,
	to: number,
	keys: readonly GridKey[],
): Promise<void> {
	const { session } = ctx;
	session.grid.setNote(m.grid_copy_copying());
	try {
		const rows = await session.draft.rowsAt(from, to);
		const result = copyText(rows, keys, (index) => session.grid.isRevealed(index));
		if (result.ok) await navigator.clipboard.writeText(result.text);
		copied(ctx, result);
	} catch (error) {
		session.grid.setNote(
			m.grid_copy_failed({ error: error instanceof Error ? error.message : String(error) }),
		);
	}
}

/** Says what a copy did. */
function copied({ session }: GridContext, result: CopyResult): void {
	if (!result.ok) {
		session.grid.setNote(result.message);
		return;
	}
	session.grid.setNote('');
	session.messages.announce(m.grid_copy_done({ count: result.cells }));
}

/** Sends a block of edits as one change and says what was refused (locked rows). */
async function send(
	ctx: GridContext,
	edits: BlockEdit[],
	verb: 'pasted' | 'cleared',
	leftOut: string,
): Promise<void> {
	const { session } = ctx;
	const done = await session.draft.pasteBlock(edits);
	if (!done) {
		session.grid.setNote(leftOut);
		return;
	}
	const refused = refusedNote(verb, done.changed.refused ?? [], done.rows, ctx.label);
	session.grid.setNote([refused, leftOut].filter((s) => s !== '').join(' '));
	// The note is a live region of its own: the announcement only counts.
	const rows = done.changed.changedRows;
	session.messages.announce(
		verb === 'pasted' ? m.grid_pasted_rows({ count: rows }) : m.grid_cleared_rows({ count: rows }),
	);
}

/** Pastes the clipboard's block (an HTML table or tab-separated text) from the focused cell. */
export async function pasteCells(event: ClipboardEvent, ctx: GridContext): Promise<void> {
	const data = event.clipboardData;
	if (!data) return;
	event.preventDefault();
	const { session } = ctx;
	const block = pastedRows({ html: data.getData('text/html'), text: data.getData('text/plain') });
	if (block.length === 0) {
		session.grid.setNote(m.grid_paste_empty());
		return;
	}
	const { focus } = session.grid;
	const at = { position: focus.position, column: columnOf(ctx.keys, focus.field) };
	const plan = pastePlan(block, at, ctx.keys, session.draft.total);
	const leftOut = leftOutNote(plan);
	if (plan.edits.length === 0) {
		session.grid.setNote(m.grid_paste_no_column({ leftOut }));
		return;
	}
	await send(ctx, plan.edits, 'pasted', leftOut);
}

/** Empties the range's client cells (Delete or Backspace), as one undo step. */
export async function clearCells(ctx: GridContext): Promise<void> {
	const { session } = ctx;
	const { focus, anchor } = session.grid;
	if (!anchor) {
		// One cell: a plain edit, whose undo step names the cell ("Edit email on row 4").
		const row = session.rows.at(focus.position);
		if (row && isField(focus.field) && editText(row, focus.field) !== '')
			await session.draft.edit(row.index, focus.field, '');
		return;
	}
	const range = currentRange(ctx);
	if (range.bottom - range.top >= MAX_BLOCK_ROWS) {
		session.grid.setNote(m.grid_clear_too_many({ max: formatNumber(MAX_BLOCK_ROWS) }));
		return;
	}
	const edits = clearPlan(range, ctx.keys);
	if (edits.length === 0) return;
	await send(ctx, edits, 'cleared', '');
}
