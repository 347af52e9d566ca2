// A row just added with "Add row" starts quiet: it is empty, so every required field is missing,
// and six red cells before anything is typed tell the pro nothing. The worker checks it as any
// other row (the counts include it); the screen hides its problems until the pro leaves the row,
// then shows them as usual. Only the row added last is quiet, and once left it stays checked.
import type { RowView } from '../worker/views.ts';

export class QuietRows {
	/** The quiet row's index (null: none). */
	#index = $state<number | null>(null);
	/** Whether the focus has reached the quiet row yet: it is left only after it was on it. */
	#reached = false;
	/** The quiet copy handed out for a row object, so the grid sees one object per row. */
	#copies = new WeakMap<RowView, RowView>();

	/**
	 * `focused`: the index of the row the grid's focus is on (undefined while that row is not
	 * loaded). Watched from an effect root: the session lives as long as the page.
	 */
	constructor(focused: () => number | undefined) {
		$effect.root(() => {
			$effect(() => {
				const index = this.#index;
				const at = focused();
				if (index === null || at === undefined) return;
				if (at === index) this.#reached = true;
				else if (this.#reached) this.#index = null;
			});
		});
	}

	/** Row `index` was just added: its problems wait until the pro leaves it. */
	hold(index: number): void {
		this.#reached = false;
		this.#index = index;
	}

	/** Another draft, or the row is gone: nothing is quiet. */
	clear(): void {
		this.#index = null;
	}

	/** True while row `index` is new and the pro has not left it. */
	isQuiet(index: number): boolean {
		return this.#index === index;
	}

	/** The row as the screen shows it: a quiet row without its problems. */
	shown(row: RowView): RowView {
		if (!this.isQuiet(row.index)) return row;
		let copy = this.#copies.get(row);
		if (!copy) {
			copy = { ...row, issues: [], hasError: false, quiet: true };
			this.#copies.set(row, copy);
		}
		return copy;
	}
}
