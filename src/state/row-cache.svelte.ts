// The rows of the current view around the grid's viewport, read from the worker a page at a
// time, the pages nearest the screen kept. A new view invalidates them, and so does a change,
// except one of a few cells, after which only the rows it names are read again (readAgain);
// after a change the old rows stay on screen until fresh ones arrive, so the grid never
// flashes "…".
import type { RowView } from '../worker/views.ts';
import type { DraftBackend } from './draft-session.svelte.ts';

const PAGE = 64;
/**
 * Pages kept around the screen (1,024 rows), so scrolling back reads nothing again; farther ones
 * go. Without a bound, a draft scrolled end to end would keep every row it passed.
 */
const KEPT_PAGES = 16;

export class RowCache {
	/**
	 * Bumps whenever cached rows change, so the grid re-reads them. The maps below are not
	 * reactive on purpose: one bump re-reads a whole page of rows, where a reactive map would
	 * track (and proxy) each row of a million.
	 */
	#version = $state(0);
	/**
	 * Bumps when the cache is emptied: `ensure` reads it, so the grid's effect asks for its rows
	 * again even when nothing else it reads changed (a row read again came back empty).
	 */
	#resets = $state(0);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#cache = new Map<number, RowView>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#loading = new Set<number>();
	/** Pages read whole and cached (some of their rows may be on their way again). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pages = new Set<number>();
	/** The page the grid last asked for rows around. */
	#near = 0;
	/** Positions read again on their own after a change (readAgain), on their way. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#readingAgain = new Set<number>();
	/** Rows from before the last change, shown until fresh ones arrive. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#stale = new Map<number, RowView>();
	/** Answers for an older generation of the view are dropped. */
	#generation = 0;
	#backend: Pick<DraftBackend, 'rows'>;
	#total: () => number;
	#onError: (error: unknown) => void;
	#shown: (row: RowView, fresh: boolean) => RowView;
	#focused: () => number;

	/**
	 * `shown`: the row as the screen shows it (a new row keeps quiet: quiet-rows.svelte.ts; a
	 * typed value shows before it is saved: typed-cells.svelte.ts). `fresh`: read since the last
	 * change (not a row kept on screen from before it). `focused`: the view position of the
	 * focused cell (-1: none), whose page is kept however far the screen goes (the problems panel
	 * shows its row; a new view looks for it).
	 */
	constructor(
		backend: Pick<DraftBackend, 'rows'>,
		total: () => number,
		onError: (error: unknown) => void,
		shown: (row: RowView, fresh: boolean) => RowView = (row) => row,
		focused: () => number = () => -1,
	) {
		this.#backend = backend;
		this.#total = total;
		this.#onError = onError;
		this.#shown = shown;
		this.#focused = focused;
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
		void this.#resets;
		const first = Math.floor(Math.max(0, from) / PAGE);
		const last = Math.floor(Math.max(0, Math.min(to, this.#total()) - 1) / PAGE);
		this.#near = first;
		for (let page = first; page <= last; page++) {
			if (this.#loading.has(page) || this.#pages.has(page)) continue;
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
					this.#pages.add(page);
					this.#keepNear();
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
		if (this.#inFlight()) return this.invalidate(true);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local tally, not state
		const pages = new Set<number>();
		for (const [position, row] of this.#cache)
			if (row.index >= from && row.index <= to) pages.add(Math.floor(position / PAGE));
		if (pages.size === 0) return;
		for (const page of pages) {
			this.#pages.delete(page);
			for (let position = page * PAGE; position < (page + 1) * PAGE; position++) {
				const row = this.#cache.get(position);
				if (row === undefined) continue;
				this.#stale.set(position, row);
				this.#cache.delete(position);
			}
		}
		this.#version++;
	}

	/**
	 * Reads again only the cached rows whose index is in `indexes`, a run of neighbours in one
	 * call: the rows a change of cells may have changed, in a view it cannot have reordered
	 * (Draft.update). They stay on screen until fresh ones arrive. A read on its way may be older
	 * than the change: then everything is read again.
	 */
	readAgain(indexes: readonly number[]): void {
		if (this.#inFlight()) return this.invalidate(true);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
		const wanted = new Set(indexes);
		const positions: number[] = [];
		this.#cache.forEach((row, position) => {
			if (wanted.has(row.index)) positions.push(position);
		});
		if (positions.length === 0) return;
		for (const position of positions) {
			this.#stale.set(position, this.#cache.get(position) as RowView);
			this.#cache.delete(position);
			this.#readingAgain.add(position);
		}
		this.#version++;
		positions.sort((a, b) => a - b);
		for (let k = 0; k < positions.length;) {
			const from = positions[k] as number;
			let n = 1;
			while (positions[k + n] === from + n) n++;
			this.#readRun(from, n);
			k += n;
		}
	}

	#readRun(from: number, n: number): void {
		const generation = this.#generation;
		this.#backend
			.rows(from, n)
			.then(({ rows }) => {
				if (generation !== this.#generation) return;
				for (let k = 0; k < n; k++) {
					const position = from + k;
					this.#readingAgain.delete(position);
					// Its page went while it was on its way: a page is read whole, or not at all.
					if (!this.#pages.has(Math.floor(position / PAGE))) continue;
					const row = rows[k];
					// Another row there, or none: the view changed after all; read it all again.
					if (row === undefined || row.index !== this.#stale.get(position)?.index)
						return this.invalidate(true);
					this.#cache.set(position, row);
					this.#stale.delete(position);
				}
				this.#version++;
			})
			.catch((error: unknown) => {
				if (generation !== this.#generation) return;
				this.#onError(error);
				// Its page must be read again (a page is read when its first row is missing).
				this.invalidate(true);
			});
	}

	/** `keep`: the rows on screen stay until fresh ones replace them (a change, not a new view). */
	invalidate(keep = false): void {
		this.#generation++;
		// A row typed into while it is stale still edits the right client: rows carry their index.
		if (keep) for (const [position, row] of this.#cache) this.#stale.set(position, row);
		else this.#stale.clear();
		this.#cache.clear();
		this.#pages.clear();
		this.#loading.clear();
		this.#readingAgain.clear();
		this.#version++;
		this.#resets++;
	}

	/**
	 * Drops the pages farthest from the screen past KEPT_PAGES (never the focused row's), and rows
	 * kept from before them.
	 */
	#keepNear(): void {
		const focused = Math.floor(this.#focused() / PAGE);
		while (this.#pages.size > KEPT_PAGES) {
			let far = -1;
			for (const page of this.#pages)
				if (
					page !== focused &&
					(far === -1 || Math.abs(page - this.#near) > Math.abs(far - this.#near))
				)
					far = page;
			this.#pages.delete(far);
			for (let position = far * PAGE; position < (far + 1) * PAGE; position++) {
				this.#cache.delete(position);
				this.#stale.delete(position);
				// Its answer is dropped (readAgain), and the page is read whole when asked for.
				this.#readingAgain.delete(position);
			}
		}
		if (this.#stale.size > KEPT_PAGES * PAGE)
			for (const position of [...this.#stale.keys()])
				if (Math.abs(Math.floor(position / PAGE) - this.#near) > KEPT_PAGES)
					this.#stale.delete(position);
	}

	#inFlight(): boolean {
		return this.#loading.size > 0 || this.#readingAgain.size > 0;
	}
}
