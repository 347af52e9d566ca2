// The draft grid's key map, with no DOM: what a key does on a focused cell or in a cell's
// editor, and which cell a move lands on. It follows the ARIA grid pattern (docs/decisions.md,
// "Grid"): arrows, Page Up/Down, Home/End and Ctrl+Home/End move; Tab moves along the row and
// leaves the grid at its ends (no keyboard trap); Enter, F2 or a typed character edit; Space
// selects on the checkbox column (Shift+Space anywhere). Shift with a move stretches a range of
// cells from where it began (the anchor), as in a spreadsheet; Escape drops the range; Delete or
// Backspace clears the cell (or the range). DraftGrid.svelte acts on the answers.

/** A cell by view position (row) and column index. */
export interface Cell {
	position: number;
	column: number;
}

export interface GridSize {
	rows: number;
	columns: number;
	/** Rows that Page Up and Page Down move (see `pageRows` in viewport.ts). */
	pageRows: number;
}

export type Move =
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'pageUp'
	| 'pageDown'
	| 'rowStart'
	| 'rowEnd'
	| 'firstRow'
	| 'lastRow'
	| 'stay';

/** The parts of a KeyboardEvent the map reads. */
export interface KeyPress {
	key: string;
	shiftKey: boolean;
	ctrlKey: boolean;
	metaKey: boolean;
	altKey: boolean;
}

/** The focused column: the row's checkbox, a client field (editable), or another column. */
export type ColumnKind = 'select' | 'field' | 'other';

/**
 * What a key does on a focused cell; null leaves the key to the browser (Tab at the grid's
 * edges, shortcuts, keys the grid does not use). `edit` on a column that is not a field does
 * nothing, but the key is still the grid's.
 */
export type GridKeyAction =
	| { type: 'move'; move: Move; extend?: true }
	| { type: 'edit'; typed?: string }
	| { type: 'toggleSelect' }
	| { type: 'clear' }
	| { type: 'collapse' }
	| null;

/** What a key does in a cell's editor; null leaves it to the input. */
export type EditorKeyAction =
	{ type: 'commit'; move: 'down' | 'right' | 'left' } | { type: 'cancel' } | null;

const ARROWS: Record<string, Move> = {
	ArrowDown: 'down',
	ArrowUp: 'up',
	ArrowRight: 'right',
	ArrowLeft: 'left',
	PageDown: 'pageDown',
	PageUp: 'pageUp',
};

export function gridKeyAction(
	press: KeyPress,
	at: { column: number; columns: number; kind: ColumnKind; hasRange?: boolean },
): GridKeyAction {
	const mod = press.ctrlKey || press.metaKey;
	// Shift+Tab moves back (below); Shift with any other move stretches the range.
	const move = (to: Move): GridKeyAction =>
		press.shiftKey ? { type: 'move', move: to, extend: true } : { type: 'move', move: to };
	const arrow = ARROWS[press.key];
	if (arrow) return move(arrow);
	switch (press.key) {
		case 'Home':
			return move(mod ? 'firstRow' : 'rowStart');
		case 'End':
			return move(mod ? 'lastRow' : 'rowEnd');
		case 'Escape':
			return at.hasRange ? { type: 'collapse' } : null;
		case 'Delete':
		case 'Backspace':
			return at.kind === 'field' || at.hasRange ? { type: 'clear' } : null;
		case 'Tab':
			if (press.shiftKey ? at.column === 0 : at.column === at.columns - 1) return null;
			return { type: 'move', move: press.shiftKey ? 'left' : 'right' };
		case 'Enter':
		case 'F2':
			return at.kind === 'select' ? { type: 'toggleSelect' } : { type: 'edit' };
		case ' ':
			if (at.kind === 'select' || press.shiftKey) return { type: 'toggleSelect' };
			return { type: 'edit', typed: ' ' };
	}
	// A printable character replaces the cell's value, as in a spreadsheet.
	if (press.key.length === 1 && !mod && !press.altKey && at.kind === 'field')
		return { type: 'edit', typed: press.key };
	return null;
}

export function editorKeyAction(press: KeyPress): EditorKeyAction {
	if (press.key === 'Enter') return { type: 'commit', move: 'down' };
	if (press.key === 'Escape') return { type: 'cancel' };
	if (press.key === 'Tab') return { type: 'commit', move: press.shiftKey ? 'left' : 'right' };
	return null;
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** The cell a move lands on, never outside the grid (row 0 when the view is empty). */
export function moveCell(from: Cell, move: Move, size: GridSize): Cell {
	const lastRow = Math.max(0, size.rows - 1);
	const lastColumn = Math.max(0, size.columns - 1);
	let { position, column } = from;
	if (move === 'up') position -= 1;
	else if (move === 'down') position += 1;
	else if (move === 'pageUp') position -= size.pageRows;
	else if (move === 'pageDown') position += size.pageRows;
	else if (move === 'left') column -= 1;
	else if (move === 'right') column += 1;
	else if (move === 'rowStart') column = 0;
	else if (move === 'rowEnd') column = lastColumn;
	else if (move === 'firstRow') position = 0;
	else if (move === 'lastRow') position = lastRow;
	return { position: clamp(position, 0, lastRow), column: clamp(column, 0, lastColumn) };
}

/** A rectangle of cells, inclusive at both ends. */
export interface CellRange {
	top: number;
	bottom: number;
	left: number;
	right: number;
}

/** The rectangle between the anchor a range began at and the focused cell. */
export function cellRange(anchor: Cell, focus: Cell): CellRange {
	return {
		top: Math.min(anchor.position, focus.position),
		bottom: Math.max(anchor.position, focus.position),
		left: Math.min(anchor.column, focus.column),
		right: Math.max(anchor.column, focus.column),
	};
}

export function inRange(range: CellRange | null, position: number, column: number): boolean {
	return (
		range !== null &&
		position >= range.top &&
		position <= range.bottom &&
		column >= range.left &&
		column <= range.right
	);
}
