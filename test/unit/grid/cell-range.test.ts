// A range of grid cells without a browser: Shift with a move stretches it from where it began,
// a plain move or Escape drops it, Delete and Backspace clear, and the rectangle between the
// anchor and the focused cell is the same whichever corner the pro started from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GridState } from '../../../src/state/grid-state.svelte.ts';
import {
	cellRange,
	gridKeyAction,
	inRange,
	type ColumnKind,
	type KeyPress,
} from '../../../src/ui/grid/keys.ts';

function press(key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
	return { key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods };
}

const field = { column: 4, columns: 10, kind: 'field' as ColumnKind };

describe('the keys of a range', () => {
	it('stretches the range with Shift and an arrow, a page, Home or End', () => {
		const shift = { shiftKey: true };
		expect(gridKeyAction(press('ArrowDown', shift), field)).toEqual({
			type: 'move',
			move: 'down',
			extend: true,
		});
		expect(gridKeyAction(press('PageUp', shift), field)).toEqual({
			type: 'move',
			move: 'pageUp',
			extend: true,
		});
		expect(gridKeyAction(press('End', { shiftKey: true, ctrlKey: true }), field)).toEqual({
			type: 'move',
			move: 'lastRow',
			extend: true,
		});
		// Shift+Tab still moves back along the row.
		expect(gridKeyAction(press('Tab', shift), field)).toEqual({ type: 'move', move: 'left' });
	});

	it('clears with Delete or Backspace on a client cell or a range, not on Roster’s columns', () => {
		expect(gridKeyAction(press('Delete'), field)).toEqual({ type: 'clear' });
		expect(gridKeyAction(press('Backspace'), field)).toEqual({ type: 'clear' });
		const status = { ...field, kind: 'other' as ColumnKind };
		expect(gridKeyAction(press('Delete'), status)).toBeNull();
		expect(gridKeyAction(press('Delete'), { ...status, hasRange: true })).toEqual({
			type: 'clear',
		});
	});

	it('drops a range with Escape, and leaves Escape alone without one', () => {
		expect(gridKeyAction(press('Escape'), { ...field, hasRange: true })).toEqual({
			type: 'collapse',
		});
		expect(gridKeyAction(press('Escape'), field)).toBeNull();
	});
});

describe('cellRange', () => {
	it('is the same rectangle from either corner, and holds both corners', () => {
		const cell = fc.record({
			position: fc.integer({ min: 0, max: 1000 }),
			column: fc.integer({ min: 0, max: 12 }),
		});
		fc.assert(
			fc.property(cell, cell, (a, b) => {
				expect(cellRange(a, b)).toEqual(cellRange(b, a));
				expect(inRange(cellRange(a, b), a.position, a.column)).toBe(true);
				expect(inRange(cellRange(a, b), b.position, b.column)).toBe(true);
			}),
		);
		const range = cellRange({ position: 5, column: 2 }, { position: 3, column: 4 });
		expect(range).toEqual({ top: 3, bottom: 5, left: 2, right: 4 });
		expect(inRange(range, 6, 3)).toBe(false);
		expect(inRange(range, 4, 1)).toBe(false);
		expect(inRange(null, 4, 3)).toBe(false);
	});
});

describe('GridState’s range', () => {
	it('keeps the anchor where the range began while Shift moves stretch it', () => {
		const grid = new GridState();
		grid.setFocus(3, 'first_name');
		expect(grid.anchor).toBeNull();
		grid.setFocus(4, 'first_name', true);
		grid.setFocus(4, 'last_name', true);
		expect(grid.anchor).toEqual({ position: 3, field: 'first_name' });
		expect(grid.focus).toEqual({ position: 4, field: 'last_name' });
		grid.setFocus(5, 'last_name');
		expect(grid.anchor).toBeNull();
	});

	it('drops the range on Escape, on a jump to a row, and when the view shrinks past it', () => {
		const grid = new GridState();
		grid.setFocus(8, 'gender');
		grid.setFocus(9, 'gender', true);
		grid.collapseRange();
		expect(grid.anchor).toBeNull();
		grid.setFocus(9, 'gender', true);
		grid.reveal(2);
		expect(grid.anchor).toBeNull();
		grid.setFocus(8, 'gender');
		grid.setFocus(9, 'gender', true);
		grid.clamp(5);
		expect(grid.anchor).toBeNull();
		expect(grid.focus.position).toBe(4);
	});
});
