// What the grid state asks of the grid for issue 14: where "Next problem" searches from (the
// first press lands on the start row's own problem), and an edit asked for by a second tap or
// the problems panel's Edit button, taken once.
import { describe, expect, it } from 'vitest';
import { GridState } from '../../../src/state/grid-state.svelte.ts';

describe('GridState: where Next problem starts', () => {
	it('starts before the row on screen until the pro moves, then at the focused cell', () => {
		const grid = new GridState();
		expect(grid.problemFrom()).toEqual({ position: 0, field: 'select' });
		// Going back to a remembered row scrolls there; the pro has not chosen a cell yet.
		grid.reveal(40);
		expect(grid.problemFrom()).toEqual({ position: 40, field: 'select' });
		grid.setFocus(41, 'birthdate');
		expect(grid.problemFrom()).toEqual({ position: 41, field: 'birthdate' });
		grid.reset();
		expect(grid.problemFrom()).toEqual({ position: 0, field: 'select' });
	});
});

describe('GridState: an edit request', () => {
	it('is the focused cell when asked, and is taken only once', () => {
		const grid = new GridState();
		expect(grid.takeEdit()).toBeNull();
		grid.setFocus(3, 'first_name');
		grid.requestEdit();
		expect(grid.takeEdit()).toEqual({ position: 3, field: 'first_name' });
		expect(grid.takeEdit()).toBeNull();
	});
});
