// What the grid shows of the open draft besides its rows: the focused cell (and the anchor of a
// range of cells stretched from it), the rows selected, the passwords revealed, a note about the
// last copy or paste, and a request to scroll to a row (and take keyboard focus) that the grid
// carries out. A revealed password masks itself again after a minute: a tablet left on a desk
// does not keep showing it. The grid's own maths (viewport, scaling, keys) stays in src/ui/grid/.
import { SvelteSet } from 'svelte/reactivity';
import type { CellField } from '../core/fields.ts';

/** A client's cell the grid shows and edits: one of the template's fields. */
export type GridField = CellField;

/** A grid column the focus can be on: the row's checkbox, its status, a field, its notice. */
export type GridKey = 'select' | 'status' | 'platform' | 'notice' | GridField;

/** A position in the current view (filtered and searched) and a column. */
export interface GridFocus {
	position: number;
	field: GridKey;
}

/** Scroll to view position `position`; with `focus`, the grid also takes keyboard focus. */
export interface RevealRequest {
	position: number;
	focus: boolean;
}

const START: GridFocus = { position: 0, field: 'email_address' };

/** How long a revealed password (one row's, or every row's) stays shown. */
export const REMASK_AFTER_MS = 60_000;

/** Runs `done` after `ms` unless the returned function is called first (setTimeout). */
export type After = (ms: number, done: () => void) => () => void;

const after: After = (ms, done) => {
	const id = setTimeout(done, ms);
	return () => clearTimeout(id);
};

export class GridState {
	#focus = $state.raw<GridFocus>(START);
	/** Row indexes (not view positions: they survive a filter) selected for an action. */
	#selected = new SvelteSet<number>();
	#showPasswords = $state(false);
	/** Row indexes whose password cell is revealed on its own. */
	#revealed = new SvelteSet<number>();
	#request = $state.raw<RevealRequest | null>(null);
	#editRequest = $state.raw<GridFocus | null>(null);
	/** Where a range of cells began (Shift+move); null: the range is the focused cell alone. */
	#anchor = $state.raw<GridFocus | null>(null);
	/** What the last copy, paste or clear could not do, shown beside the grid ('' : nothing). */
	#note = $state('');
	/** The pro moved the focus since the draft opened (the start cell is not their choice). */
	#moved = false;
	#onMove: () => void;
	#after: After;
	/** The re-mask timers running: one per row revealed, 'all' for "Show passwords". */
	// Timers to stop, never shown: a plain Map (nothing needs to react to it).
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#remask = new Map<number | 'all', () => void>();

	/**
	 * `onMove`: the pro moved the focus (the session remembers the row, debounced). `timer`:
	 * when revealed passwords mask again (tests pass their own clock).
	 */
	constructor(onMove: () => void = () => undefined, timer: After = after) {
		this.#onMove = onMove;
		this.#after = timer;
	}

	get focus(): GridFocus {
		return this.#focus;
	}

	/** The pro moved to a cell; `extend` stretches the range from where it began instead. */
	setFocus(position: number, field: GridKey, extend = false): void {
		if (extend) this.#anchor ??= this.#focus;
		else {
			this.#anchor = null;
			// The note was about the last copy or paste; moving on puts it away.
			this.#note = '';
		}
		this.#focus = { position, field };
		this.#moved = true;
		this.#onMove();
	}

	/**
	 * Where "Next problem" searches from: the focused cell, or before the row on screen while
	 * the pro has not moved (the start cell's own problem is then the first one).
	 */
	problemFrom(): GridFocus {
		return this.#moved ? this.#focus : { position: this.#focus.position, field: 'select' };
	}

	/** Where the range of cells began; null when no range is stretched. */
	get anchor(): GridFocus | null {
		return this.#anchor;
	}

	/** Back to the focused cell alone. */
	collapseRange(): void {
		this.#anchor = null;
	}

	get note(): string {
		return this.#note;
	}

	/** Says beside the grid what a copy, paste or clear left undone ('' clears it). */
	setNote(text: string): void {
		this.#note = text;
	}

	focusField(field: GridKey): void {
		this.#focus = { ...this.#focus, field };
	}

	/** Keeps the focus inside a view that shrank to `total` rows. */
	clamp(total: number): void {
		if (this.#focus.position >= total && total > 0)
			this.#focus = { ...this.#focus, position: total - 1 };
		if (this.#anchor && this.#anchor.position >= total) this.#anchor = null;
	}

	/** Focuses view position `position` and asks the grid to scroll to it. */
	reveal(position: number, takeFocus = false): void {
		this.#focus = { ...this.#focus, position };
		this.#anchor = null;
		this.#request = { position, focus: takeFocus };
	}

	/**
	 * Asks the grid to edit the focused cell, as a second tap or the problems panel's Edit button
	 * does (a first tap on a tablet only selects). The grid takes it in an effect.
	 */
	requestEdit(): void {
		this.#editRequest = { ...this.#focus };
	}

	/** The pending edit request, cleared as it is taken. */
	takeEdit(): GridFocus | null {
		const request = this.#editRequest;
		if (request !== null) this.#editRequest = null;
		return request;
	}

	/** The pending scroll request, cleared as it is taken (the grid calls this in an effect). */
	takeReveal(): RevealRequest | null {
		const request = this.#request;
		if (request !== null) this.#request = null;
		return request;
	}

	get selectedCount(): number {
		return this.#selected.size;
	}

	isSelected(index: number): boolean {
		return this.#selected.has(index);
	}

	toggleSelected(index: number): void {
		if (this.#selected.has(index)) this.#selected.delete(index);
		else this.#selected.add(index);
	}

	selectedIndexes(): number[] {
		return [...this.#selected];
	}

	clearSelection(): void {
		this.#selected.clear();
	}

	/** Every password of the draft shown in the grid (masked by default). */
	get showPasswords(): boolean {
		return this.#showPasswords;
	}

	toggleShowPasswords(): void {
		this.#showPasswords = !this.#showPasswords;
		if (this.#showPasswords) this.#remaskLater('all');
		else this.#stopRemask('all');
	}

	isRevealed(index: number): boolean {
		return this.#showPasswords || this.#revealed.has(index);
	}

	/** Shows or hides one row's password. */
	toggleReveal(index: number): void {
		if (this.#revealed.has(index)) {
			this.#revealed.delete(index);
			this.#stopRemask(index);
		} else {
			this.#revealed.add(index);
			this.#remaskLater(index);
		}
	}

	/** The passwords are gone: nothing is left to reveal. */
	hideRevealed(): void {
		this.#revealed.clear();
		for (const key of [...this.#remask.keys()]) if (key !== 'all') this.#stopRemask(key);
	}

	#remaskLater(key: number | 'all'): void {
		this.#stopRemask(key);
		this.#remask.set(
			key,
			this.#after(REMASK_AFTER_MS, () => {
				this.#remask.delete(key);
				if (key === 'all') this.#showPasswords = false;
				else this.#revealed.delete(key);
			}),
		);
	}

	#stopRemask(key: number | 'all'): void {
		this.#remask.get(key)?.();
		this.#remask.delete(key);
	}

	/** Another draft: back to the first cell, nothing selected or revealed. */
	reset(): void {
		this.#selected.clear();
		this.#showPasswords = false;
		this.#revealed.clear();
		for (const stop of this.#remask.values()) stop();
		this.#remask.clear();
		this.#focus = START;
		this.#moved = false;
		this.#anchor = null;
		this.#note = '';
	}
}
