// The rows of the current view around the grid's viewport, read from the worker a page at a
// time. A change or a new view invalidates them; after a change the old rows stay on screen until
// fresh ones arrive, so the grid never flashes "…".
import type { RowView } from '../worker/views.ts';
import type { DraftBackend } from './draft-session.svelte.ts';

const PAGE = 64;

export class RowCache {
	/**
	 * Bumps whenever cached rows change, so the grid re-reads them. The maps below are not
	 * reactive on purpose: one bump re-reads a whole page of rows, where a reactive map would
	 * track (and proxy) each row of a million.
	 */
	#version = $state(0);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#cache = new Map<number, RowView>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#loading = new Set<number>();
	/** Rows from before the last change, shown until fresh ones arrive. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#stale = new Map<number, RowView>();
	/** Answers for an older generation of the view are dropped. */
	#generation = 0;
	#backend: Pick<DraftBackend, 'rows'>;
	#total: () => number;
	#onError: (error: unknown) => void;
	#shown: (row: RowView, fresh: boolean) => RowView;

	/**
	 * `shown`: the row as the screen shows it (a new row keeps quiet: quiet-rows.svelte.ts; a
	 * typed value shows before it is saved: typed-cells.svelte.ts). `fresh`: read since the last
	 * change (not a row kept on screen from before it).
	 */
	constructor(
		backend: Pick<DraftBackend, 'rows'>,
		total: () => number,
		onError: (error: unknown) => void,
		shown: (row: RowView, fresh: boolean) => RowView = (row) => row,
	) {
		this.#backend = backend;
		this.#total = total;
		this.#onError = onError;
		this.#shown = shown;
	}

	/** The row at view position `position`, if loaded (reactive: re-read when rows arrive). */
	at(position: number): RowView | undefined {
		void this.#version;
		const fresh = this.#cache.get(position);
		const row = fresh ?? this.#stale.get(position);
		return row && this.#shown(row, fresh !== undefined);
	}

	/** Loads the rows of view positions [from, to) that are not cached yet. */
	ensure(from: number, to: number): void {
		const first = Math.floor(Math.max(0, from) / PAGE);
		const last = Math.floor(Math.max(0, Math.min(to, this.#total()) - 1) / PAGE);
		for (let page = first; page <= last; page++) {
			if (this.#loading.has(page) || this.#cache.has(page * PAGE)) continue;
			this.#loading.add(page);
			const generation = this.#generation;
			this.#backend
				.rows(page * PAGE, PAGE)
				.then(({ rows }) => {
					if (generation !== this.#generation) return;
					rows.forEach((row, k) => {
						this.#cache.set(page * PAGE + k, row);
						this.#stale.delete(page * PAGE + k);
					});
					this.#loading.delete(page);
					this.#version++;
				})
				.catch((error: unknown) => {
					// A failure of an older view (before a close or a reopen) is not this screen's.
					if (generation !== this.#generation) return;
					this.#loading.delete(page);
					this.#onError(error);
				});
		}
	}

	/**
	 * Reads again only the pages holding a cached row whose index is in [from, to]; their rows
	 * stay on screen until fresh ones arrive. Nothing in the range cached: nothing happens. While
	 * a page is on its way it may be older than the change, so everything is read again then.
	 */
	invalidateWithin(from: number, to: number): void {
		if (this.#loading.size > 0) return this.invalidate(true);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local tally, not state
		const pages = new Set<number>();
		for (const [position, row] of this.#cache)
			if (row.index >= from && row.index <= to) pages.add(Math.floor(position / PAGE));
		if (pages.size === 0) return;
		for (const page of pages)
			for (let position = page * PAGE; position < (page + 1) * PAGE; position++) {
				const row = this.#cache.get(position);
				if (row === undefined) continue;
				this.#stale.set(position, row);
				this.#cache.delete(position);
			}
		this.#version++;
	}

	/** `keep`: the rows on screen stay until fresh ones replace them (a change, not a new view). */
	invalidate(keep = false): void {
		this.#generation++;
		// A row typed into while it is stale still edits the right client: rows carry their index.
		if (keep) for (const [position, row] of this.#cache) this.#stale.set(position, row);
		else this.#stale.clear();
		this.#cache.clear();
		this.#loading.clear();
		this.#version++;
	}
}
