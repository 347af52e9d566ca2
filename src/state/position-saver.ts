// Remembers the row the pro is on, once the focus rests there: saving on every arrow key would
// write to storage for rows merely passed through.

/** How long the focus rests on a row before it is remembered. */
const POSITION_DELAY = 500;

export class PositionSaver {
	#timer: ReturnType<typeof setTimeout> | null = null;
	#current: () => { draftId: string; index: number } | null;
	#save: (draftId: string, index: number) => void;

	/** `current`: the draft and row index under the focus now (null: no draft or no row). */
	constructor(
		current: () => { draftId: string; index: number } | null,
		save: (draftId: string, index: number) => void,
	) {
		this.#current = current;
		this.#save = save;
	}

	/** The focus moved: remember where it is once it rests. */
	schedule(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.flush(), POSITION_DELAY);
	}

	/** Remembers the row now (leaving the page does not wait for the delay). */
	flush(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const at = this.#current();
		if (at) this.#save(at.draftId, at.index);
	}
}
