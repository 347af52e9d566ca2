// Values the pro typed into the grid, shown at once: the cell paints the new value in the frame
// of Enter and is marked "saving" (without the old value's problems) until the worker's answer
// says it is on disk. The worker's rows
// stay the truth: a failed edit drops the value (the old one shows again, with the worker's
// message), and a saved one is shown only over rows read before it, until fresh rows arrive.
import type { RowView } from '../worker/views.ts';
import type { GridField } from './grid-state.svelte.ts';

interface Typed {
	value: RowView[GridField];
	/** Which edit of the cell this is: an older answer does not clear a newer value. */
	edit: number;
	saved: boolean;
}

export class TypedCells {
	/** Bumps when a value is typed or answered: the grid reads the rows again. */
	#version = $state(0);
	// Not reactive on purpose (see #version): shown() runs for every cell on screen.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#cells = new Map<number, Map<GridField, Typed>>();
	#edits = 0;
	/** The copy handed out for a row object, so the grid sees one object per row and version. */
	#copies = new WeakMap<RowView, { version: number; copy: RowView }>();

	/** The pro typed `value` into row `index`'s `field`; returns the edit to settle. */
	type(index: number, field: GridField, value: RowView[GridField]): number {
		const edit = ++this.#edits;
		let row = this.#cells.get(index);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read through #version
		if (!row) this.#cells.set(index, (row = new Map()));
		row.set(field, { value, edit, saved: false });
		this.#version++;
		return edit;
	}

	/** The worker answered edit `edit`: saved (shown until fresh rows come) or failed (dropped). */
	settle(index: number, field: GridField, edit: number, saved: boolean): void {
		const row = this.#cells.get(index);
		const typed = row?.get(field);
		if (!row || typed?.edit !== edit) return;
		if (saved) typed.saved = true;
		else row.delete(field);
		if (row.size === 0) this.#cells.delete(index);
		this.#version++;
	}

	/** Another draft, or the worker started again: nothing typed is pending. */
	clear(): void {
		this.#cells.clear();
		this.#version++;
	}

	/** Whether row `index`'s `field` holds a value not yet on disk. */
	isSaving(index: number, field: string): boolean {
		void this.#version;
		return this.#cells.get(index)?.get(field as GridField)?.saved === false;
	}

	/**
	 * The row as the screen shows it. `fresh`: read from the worker after the last change, so
	 * saved values are in it already (and no longer kept here).
	 */
	shown(row: RowView, fresh: boolean): RowView {
		void this.#version;
		const typed = this.#cells.get(row.index);
		if (!typed) return row;
		if (fresh) for (const [field, t] of typed) if (t.saved) typed.delete(field);
		if (typed.size === 0) {
			this.#cells.delete(row.index);
			return row;
		}
		const known = this.#copies.get(row);
		if (known?.version === this.#version) return known.copy;
		const copy = { ...row };
		for (const [field, t] of typed) (copy as Record<string, unknown>)[field] = t.value;
		// The row's problems are of the old value: a typed cell shows none until it is checked.
		if (row.issues.some((i) => typed.has(i.column as GridField)))
			copy.issues = row.issues.filter((i) => !typed.has(i.column as GridField));
		this.#copies.set(row, { version: this.#version, copy });
		return copy;
	}
}
