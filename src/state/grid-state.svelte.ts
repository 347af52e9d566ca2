// What the grid shows of the open draft besides its rows: the focused cell (and the anchor of a
// range of cells stretched from it), the rows selected, the passwords revealed, a note about the
// last copy or paste, and a request to scroll to a row (and take keyboard focus) that the grid
// carries out. The grid's own maths (viewport, scaling, keys) stays in src/ui/grid/.
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

export class GridState {
	#focus = $state.raw<GridFocus>(START);
	/** Row indexes (not view positions: they survive a filter) selected for an action. */
	#selected = new SvelteSet<number>();
	#showPasswords = $state(false);
	/** Row indexes whose password cell is revealed on its own. */
	#revealed = new SvelteSet<number>();
	#request = $state.raw<RevealRequest | null>(null);
	/** Where a range of cells began (Shift+move); null: the range is the focused cell alone. */
	#anchor = $state.raw<GridFocus | null>(null);
	/** What the last copy, paste or clear could not do, shown beside the grid ('' : nothing). */
	#note = $state('');
	#onMove: () => void;

	/** `onMove`: the pro moved the focus (the session remembers the row, debounced). */
	constructor(onMove: () => void = () => undefined) {
		this.#onMove = onMove;
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
		this.#onMove();
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
	}

	isRevealed(index: number): boolean {
		return this.#showPasswords || this.#revealed.has(index);
	}

	/** Shows or hides one row's password. */
	toggleReveal(index: number): void {
		if (this.#revealed.has(index)) this.#revealed.delete(index);
		else this.#revealed.add(index);
	}

	/** The passwords are gone: nothing is left to reveal. */
	hideRevealed(): void {
		this.#revealed.clear();
	}

	/** Another draft: back to the first cell, nothing selected or revealed. */
	reset(): void {
		this.#selected.clear();
		this.#showPasswords = false;
		this.#revealed.clear();
		this.#focus = START;
		this.#anchor = null;
		this.#note = '';
	}
}
