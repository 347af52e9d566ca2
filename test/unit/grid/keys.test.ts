// The grid's key map without a browser: what each key does on a cell and in its editor, and
// that no sequence of moves ever leaves the grid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	editorKeyAction,
	gridKeyAction,
	moveCell,
	type ColumnKind,
	type KeyPress,
	type Move,
} from '../../../src/ui/grid/keys.ts';

function press(key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
	return { key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods };
}

/** A field column in the middle of a ten-column grid. */
const middle = { column: 4, columns: 10, kind: 'field' as ColumnKind };
const size = { rows: 100, columns: 10, pageRows: 11 };

describe('gridKeyAction', () => {
	it('moves by arrows, pages, Home/End and Ctrl or Cmd+Home/End', () => {
		const moves: [KeyPress, Move][] = [
			[press('ArrowDown'), 'down'],
			[press('ArrowUp'), 'up'],
			[press('ArrowRight'), 'right'],
			[press('ArrowLeft'), 'left'],
			[press('PageDown'), 'pageDown'],
			[press('PageUp'), 'pageUp'],
			[press('Home'), 'rowStart'],
			[press('End'), 'rowEnd'],
			[press('Home', { ctrlKey: true }), 'firstRow'],
			[press('End', { metaKey: true }), 'lastRow'],
			[press('Tab'), 'right'],
			[press('Tab', { shiftKey: true }), 'left'],
		];
		for (const [key, move] of moves)
			expect(gridKeyAction(key, middle), key.key).toEqual({ type: 'move', move });
	});

	it('lets Tab leave the grid at the ends of a row: no keyboard trap', () => {
		expect(gridKeyAction(press('Tab'), { ...middle, column: 9 })).toBeNull();
		expect(gridKeyAction(press('Tab', { shiftKey: true }), { ...middle, column: 0 })).toBeNull();
		expect(gridKeyAction(press('Tab'), { ...middle, column: 0 })).toEqual({
			type: 'move',
			move: 'right',
		});
	});

	it('edits with Enter or F2 keeping the value, or with a typed character replacing it', () => {
		expect(gridKeyAction(press('Enter'), middle)).toEqual({ type: 'edit' });
		expect(gridKeyAction(press('F2'), middle)).toEqual({ type: 'edit' });
		expect(gridKeyAction(press('K'), middle)).toEqual({ type: 'edit', typed: 'K' });
		expect(gridKeyAction(press('é'), middle)).toEqual({ type: 'edit', typed: 'é' });
		expect(gridKeyAction(press(' '), middle)).toEqual({ type: 'edit', typed: ' ' });
	});

	it('selects the row with Space, Enter or F2 on the checkbox, and Shift+Space anywhere', () => {
		const select = { ...middle, column: 0, kind: 'select' as ColumnKind };
		for (const key of [' ', 'Enter', 'F2'])
			expect(gridKeyAction(press(key), select)).toEqual({ type: 'toggleSelect' });
		expect(gridKeyAction(press(' ', { shiftKey: true }), middle)).toEqual({
			type: 'toggleSelect',
		});
		// Typing on the checkbox or the status column does not edit.
		expect(gridKeyAction(press('a'), select)).toBeNull();
		expect(gridKeyAction(press('a'), { ...middle, kind: 'other' })).toBeNull();
	});

	it('leaves shortcuts and keys it does not use to the browser', () => {
		expect(gridKeyAction(press('z', { ctrlKey: true }), middle)).toBeNull();
		expect(gridKeyAction(press('c', { metaKey: true }), middle)).toBeNull();
		expect(gridKeyAction(press('a', { altKey: true }), middle)).toBeNull();
		expect(gridKeyAction(press('Escape'), middle)).toBeNull();
		expect(gridKeyAction(press('Shift', { shiftKey: true }), middle)).toBeNull();
	});
});

describe('editorKeyAction', () => {
	it('commits with Enter (down) or Tab (right, Shift: left), cancels with Escape', () => {
		expect(editorKeyAction(press('Enter'))).toEqual({ type: 'commit', move: 'down' });
		expect(editorKeyAction(press('Tab'))).toEqual({ type: 'commit', move: 'right' });
		expect(editorKeyAction(press('Tab', { shiftKey: true }))).toEqual({
			type: 'commit',
			move: 'left',
		});
		expect(editorKeyAction(press('Escape'))).toEqual({ type: 'cancel' });
		// Everything else is typing, arrows included (they move the caret).
		expect(editorKeyAction(press('ArrowDown'))).toBeNull();
		expect(editorKeyAction(press('x'))).toBeNull();
	});
});

describe('moveCell', () => {
	const at = { position: 50, column: 4 };

	it('moves one cell, a page, or to the ends of the row or the column', () => {
		expect(moveCell(at, 'down', size)).toEqual({ position: 51, column: 4 });
		expect(moveCell(at, 'up', size)).toEqual({ position: 49, column: 4 });
		expect(moveCell(at, 'right', size)).toEqual({ position: 50, column: 5 });
		expect(moveCell(at, 'left', size)).toEqual({ position: 50, column: 3 });
		expect(moveCell(at, 'pageDown', size)).toEqual({ position: 61, column: 4 });
		expect(moveCell(at, 'pageUp', size)).toEqual({ position: 39, column: 4 });
		expect(moveCell(at, 'rowStart', size)).toEqual({ position: 50, column: 0 });
		expect(moveCell(at, 'rowEnd', size)).toEqual({ position: 50, column: 9 });
		expect(moveCell(at, 'firstRow', size)).toEqual({ position: 0, column: 4 });
		expect(moveCell(at, 'lastRow', size)).toEqual({ position: 99, column: 4 });
		expect(moveCell(at, 'stay', size)).toEqual(at);
	});

	it('stops at the edges', () => {
		expect(moveCell({ position: 99, column: 9 }, 'down', size)).toEqual({
			position: 99,
			column: 9,
		});
		expect(moveCell({ position: 99, column: 9 }, 'right', size)).toEqual({
			position: 99,
			column: 9,
		});
		expect(moveCell({ position: 5, column: 0 }, 'pageUp', size)).toEqual({
			position: 0,
			column: 0,
		});
		expect(moveCell({ position: 0, column: 0 }, 'left', size)).toEqual({
			position: 0,
			column: 0,
		});
		// An empty view keeps the focus on its first place.
		expect(moveCell({ position: 3, column: 2 }, 'lastRow', { ...size, rows: 0 })).toEqual({
			position: 0,
			column: 2,
		});
	});

	const MOVES: Move[] = [
		'up',
		'down',
		'left',
		'right',
		'pageUp',
		'pageDown',
		'rowStart',
		'rowEnd',
		'firstRow',
		'lastRow',
		'stay',
	];

	it('never leaves the grid, whatever the keys pressed', () => {
		const walk = fc.record({
			rows: fc.integer({ min: 1, max: 10_000_000 }),
			columns: fc.integer({ min: 1, max: 12 }),
			pageRows: fc.integer({ min: 1, max: 60 }),
			moves: fc.array(fc.constantFrom(...MOVES), { maxLength: 60 }),
		});
		fc.assert(
			fc.property(walk, ({ moves, ...grid }) => {
				let cell = { position: 0, column: 0 };
				for (const move of moves) {
					cell = moveCell(cell, move, grid);
					expect(cell.position).toBeGreaterThanOrEqual(0);
					expect(cell.position).toBeLessThan(grid.rows);
					expect(cell.column).toBeGreaterThanOrEqual(0);
					expect(cell.column).toBeLessThan(grid.columns);
					expect(Number.isInteger(cell.position) && Number.isInteger(cell.column)).toBe(true);
				}
			}),
		);
	});

	it('undoes a move by its opposite, away from the edges', () => {
		const opposite: [Move, Move][] = [
			['up', 'down'],
			['left', 'right'],
			['pageUp', 'pageDown'],
		];
		fc.assert(
			fc.property(
				fc.constantFrom(...opposite),
				fc.integer({ min: 60, max: 1000 }),
				fc.integer({ min: 1, max: 8 }),
				([there, back], position, column) => {
					const from = { position, column };
					const grid = { rows: 2000, columns: 10, pageRows: 11 };
					expect(moveCell(moveCell(from, there, grid), back, grid)).toEqual(from);
				},
			),
		);
	});
});
