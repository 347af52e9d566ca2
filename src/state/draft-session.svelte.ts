// The open draft as the screens see it: import progress, the draft's counts and history, the
// rows around the grid's viewport, focus and selection, and whether the last change is saved.
// Components read it and call its methods; the worker does the work.
import { SvelteSet } from 'svelte/reactivity';
import { ymdOf } from '../core/dates.ts';
import type { IssueCode } from '../core/issues.ts';
import type { CellField } from '../core/fields.ts';
import type { DateOrder } from '../core/dates.ts';
import type {
	DraftInfo,
	DraftState,
	NoticeChoice,
	PasswordScope,
	RowFilter,
	RowView,
} from '../worker/protocol.ts';
import type { PasswordOptions } from '../core/password.ts';
import {
	ImportCancelled,
	WorkerError,
	type Changed,
	type DraftWorkerClient,
	type FailureReason,
	type NoticeList,
	type WorkerEvent,
} from '../worker/client.ts';

export type Phase = 'idle' | 'importing' | 'opening' | 'open' | 'cancelled' | 'failed';
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';
/** A client's cell the grid shows and edits: one of the template's fields. */
export type GridField = CellField;

/** A grid column the focus can be on: the row's checkbox, its status, a field, its notice. */
export type GridKey = 'select' | 'status' | 'platform' | 'notice' | GridField;

export const PAGE = 64;

/** The parts of the worker client the session needs (a fake in component tests). */
export type DraftBackend = Pick<
	DraftWorkerClient,
	| 'import'
	| 'cancel'
	| 'open'
	| 'close'
	| 'view'
	| 'rows'
	| 'locate'
	| 'change'
	| 'export'
	| 'notices'
	| 'sync'
	| 'onEvent'
>;

export interface SessionHooks {
	/** Remembers the row the pro is on (debounced by the session). */
	savePosition?: (draftId: string, index: number) => void;
	/** Another tab upgraded the database: reload the page. */
	onUpgrade?: () => void;
	/** A draft was created (the first one asks for persistent storage). */
	onCreated?: (draftId: string) => void;
	clock?: () => Date;
}

type ChangeBody = Parameters<DraftBackend['change']>[0];

export class DraftSession {
	phase = $state<Phase>('idle');
	fileName = $state('');
	bytesRead = $state(0);
	totalBytes = $state(0);
	rowsRead = $state(0);
	savedRows = $state(0);
	draft = $state<DraftInfo | null>(null);
	state = $state<DraftState | null>(null);
	filter = $state<RowFilter>('all');
	search = $state('');
	save = $state<SaveStatus>('idle');
	error = $state('');
	errorReason = $state<FailureReason | null>(null);
	/** Grid focus: a position in the current view and a column. */
	focus = $state<{ position: number; field: GridKey }>({ position: 0, field: 'email_address' });
	/** Row indexes selected for deletion. */
	selected = new SvelteSet<number>();
	/** A view position the grid should scroll to (then clears it). */
	scrollTo = $state<number | null>(null);
	/** Set with `scrollTo` when the grid should also take keyboard focus (after Add row). */
	focusRequest = $state(false);
	/** Every password of the draft shown in the grid (masked by default). */
	showPasswords = $state(false);
	/** Row indexes whose password cell is revealed on its own. */
	revealed = new SvelteSet<number>();
	/** Bumps whenever cached rows change, so the grid re-reads them. */
	version = $state(0);
	announcement = $state('');

	#backend: DraftBackend;
	#hooks: SessionHooks;
	// Not reactive on purpose: `version` says when they changed, so one bump re-reads many rows.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#cache = new Map<number, RowView>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#loading = new Set<number>();
	/** Rows from before the last change, shown until fresh ones arrive (no flash of "…"). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#stale = new Map<number, RowView>();
	#generation = 0;
	#positionTimer: ReturnType<typeof setTimeout> | null = null;
	#pendingSaves = 0;

	constructor(backend: DraftBackend, hooks: SessionHooks = {}) {
		this.#backend = backend;
		this.#hooks = hooks;
		backend.onEvent((event) => this.#onEvent(event));
	}

	get percent(): number {
		return this.totalBytes > 0 ? Math.round((this.bytesRead / this.totalBytes) * 100) : 0;
	}

	get total(): number {
		return this.state?.total ?? 0;
	}

	get today(): string {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock reading, not state
		return ymdOf((this.#hooks.clock ?? (() => new Date()))());
	}

	#onEvent(event: WorkerEvent): void {
		if (event.type === 'failed') {
			if (event.reason === 'upgraded') this.#hooks.onUpgrade?.();
			this.error = event.message;
			this.errorReason = event.reason;
			return;
		}
		if (!this.draft) return;
		this.#setState(event.state);
		if (event.changedRows > 0 && !event.bySync) this.announcement = 'Updated from another tab.';
	}

	/** `keep`: the rows on screen stay until fresh ones replace them (a change, not a new view). */
	#setState(state: DraftState, keep = true): void {
		this.state = state;
		this.#invalidate(keep);
		if (this.focus.position >= state.total && state.total > 0)
			this.focus = { ...this.focus, position: state.total - 1 };
	}

	#invalidate(keep = false): void {
		this.#generation++;
		// A row typed into while it is stale still edits the right client: rows carry their index.
		if (keep) for (const [position, row] of this.#cache) this.#stale.set(position, row);
		else this.#stale.clear();
		this.#cache.clear();
		this.#loading.clear();
		this.version++;
	}

	#reset(): void {
		this.draft = null;
		this.state = null;
		this.filter = 'all';
		this.search = '';
		this.save = 'idle';
		this.error = '';
		this.errorReason = null;
		this.selected.clear();
		this.showPasswords = false;
		this.revealed.clear();
		this.heldBack = null;
		this.focus = { position: 0, field: 'email_address' };
		this.#invalidate();
	}

	#fail(error: unknown): void {
		this.error = error instanceof Error ? error.message : String(error);
		this.errorReason = error instanceof WorkerError ? error.reason : 'error';
	}

	/** Imports a file into a new draft, or the rest of it into the partly imported `resume`. */
	/**
	 * Which import or open the screen is for: a later one supersedes it, and the answer of the
	 * earlier one (a cancelled import's "cancelled" can arrive after the next file is open)
	 * must not change the screen.
	 */
	#screenFor = 0;

	async importFile(file: File, resume?: string): Promise<void> {
		const loading = ++this.#screenFor;
		this.#reset();
		this.phase = 'importing';
		this.fileName = file.name;
		this.bytesRead = 0;
		this.totalBytes = file.size;
		this.rowsRead = 0;
		this.savedRows = 0;
		try {
			const opened = await this.#backend.import(
				file,
				this.today,
				(p) => {
					if (loading !== this.#screenFor) return;
					this.bytesRead = p.bytesRead;
					this.totalBytes = p.totalBytes;
					this.rowsRead = p.rows;
					this.savedRows = p.savedRows;
				},
				resume,
			);
			if (loading !== this.#screenFor) return;
			this.draft = opened.draft;
			this.#setState(opened.state);
			this.phase = 'open';
			this.save = 'saved';
			if (!resume) this.#hooks.onCreated?.(opened.draft.id);
		} catch (error) {
			if (loading !== this.#screenFor) return;
			if (error instanceof ImportCancelled) {
				this.phase = 'cancelled';
				return;
			}
			this.phase = 'failed';
			this.#fail(error);
		}
	}

	cancel(): void {
		this.#backend.cancel();
	}

	async open(draftId: string): Promise<void> {
		const loading = ++this.#screenFor;
		this.#reset();
		this.phase = 'opening';
		try {
			const opened = await this.#backend.open(draftId, this.today);
			if (loading !== this.#screenFor) return;
			this.draft = opened.draft;
			this.#setState(opened.state);
			this.phase = 'open';
			this.save = 'saved';
			if (opened.draft.position > 0) await this.#goToIndex(opened.draft.position);
		} catch (error) {
			if (loading !== this.#screenFor) return;
			this.phase = 'failed';
			this.#fail(error);
		}
	}

	async #goToIndex(index: number): Promise<void> {
		const position = await this.#backend.locate(index);
		this.focus = { ...this.focus, position };
		this.scrollTo = position;
	}

	async close(): Promise<void> {
		// No new #screenFor here: the app closes the session after leaving for home, so the next
		// import may already have started; the import that supersedes one is what counts.
		this.flushPosition();
		this.#reset();
		this.phase = 'idle';
		await this.#backend.close().catch(() => undefined);
	}

	rowAt(position: number): RowView | undefined {
		void this.version;
		return this.#cache.get(position) ?? this.#stale.get(position);
	}

	/** Loads the rows of view positions [from, to) that are not cached yet. */
	ensureRows(from: number, to: number): void {
		const first = Math.floor(Math.max(0, from) / PAGE);
		const last = Math.floor(Math.max(0, Math.min(to, this.total) - 1) / PAGE);
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
					this.version++;
				})
				.catch((error: unknown) => {
					this.#loading.delete(page);
					this.#fail(error);
				});
		}
	}

	setFocus(position: number, field: GridKey): void {
		this.focus = { position, field };
		if (this.#positionTimer) clearTimeout(this.#positionTimer);
		this.#positionTimer = setTimeout(() => this.flushPosition(), 500);
	}

	flushPosition(): void {
		if (this.#positionTimer) clearTimeout(this.#positionTimer);
		this.#positionTimer = null;
		const row = this.rowAt(this.focus.position);
		if (this.draft && row) this.#hooks.savePosition?.(this.draft.id, row.index);
	}

	async setView(filter: RowFilter, search: string): Promise<void> {
		const keep = this.rowAt(this.focus.position)?.index;
		this.filter = filter;
		this.search = search;
		try {
			this.#setState(await this.#backend.view(filter, search), false);
			const position = keep === undefined ? 0 : await this.#backend.locate(keep);
			this.focus = { ...this.focus, position: Math.min(position, Math.max(0, this.total - 1)) };
			this.scrollTo = this.focus.position;
		} catch (error) {
			this.#fail(error);
		}
	}

	/** Sends a change; "Saved" shows only once the worker says it is committed. */
	async #change(body: ChangeBody): Promise<Changed | null> {
		this.save = 'saving';
		this.#pendingSaves++;
		const start = performance.now();
		try {
			const changed = await this.#backend.change(body);
			// User Timing: how long a change takes to commit (read by the benchmark, visible
			// in DevTools' performance panel).
			performance.measure(`roster:${body.type}`, { start });
			this.#setState(changed.state);
			this.error = '';
			this.errorReason = null;
			return changed;
		} catch (error) {
			this.save = 'failed';
			this.#fail(error);
			return null;
		} finally {
			this.#pendingSaves--;
			if (this.#pendingSaves === 0 && this.save === 'saving') this.save = 'saved';
		}
	}

	async edit(index: number, field: GridField, value: string): Promise<void> {
		const set =
			field === 'tags'
				? {
						tags: value
							.split(',')
							.map((t) => t.trim())
							.filter((t) => t !== ''),
					}
				: { [field]: value };
		await this.#change({ type: 'edit', index, set });
	}

	async fix(index?: number, code?: IssueCode): Promise<void> {
		const changed = await this.#change({
			type: 'fix',
			...(index === undefined ? {} : { index }),
			...(code === undefined ? {} : { code }),
		});
		if (changed && index === undefined)
			this.announcement = `${changed.changedRows} ${changed.changedRows === 1 ? 'row' : 'rows'} fixed.`;
	}

	async addRow(): Promise<void> {
		if (this.filter !== 'all' || this.search !== '') await this.setView('all', '');
		const changed = await this.#change({ type: 'addRow' });
		this.focus = { ...this.focus, field: 'email_address' };
		if (changed?.index !== undefined) {
			this.focusRequest = true;
			await this.#goToIndex(changed.index);
		}
	}

	async deleteSelected(): Promise<void> {
		const indexes = [...this.selected];
		if (indexes.length === 0) return;
		const changed = await this.#change({ type: 'deleteRows', indexes });
		if (changed) {
			this.selected.clear();
			this.announcement = `${indexes.length} ${indexes.length === 1 ? 'row' : 'rows'} deleted. Undo brings them back.`;
		}
	}

	async setDateOrder(order: DateOrder): Promise<void> {
		await this.#change({ type: 'dateOrder', order });
	}

	async undo(): Promise<void> {
		const changed = await this.#change({ type: 'undo' });
		if (changed?.index !== undefined) await this.#goToIndex(changed.index);
	}

	async redo(): Promise<void> {
		const changed = await this.#change({ type: 'redo' });
		if (changed?.index !== undefined) await this.#goToIndex(changed.index);
	}

	/** Shows or hides one row's password in the grid. */
	toggleReveal(index: number): void {
		if (this.revealed.has(index)) this.revealed.delete(index);
		else this.revealed.add(index);
	}

	isRevealed(index: number): boolean {
		return this.showPasswords || this.revealed.has(index);
	}

	/** Creates passwords (for rows without one, with a weak one, or the selected): one undo step. */
	async createPasswords(scope: PasswordScope, options: PasswordOptions): Promise<void> {
		const changed = await this.#change({
			type: 'passwords',
			scope,
			options,
			...(scope === 'selected' ? { indexes: [...this.selected] } : {}),
		});
		if (changed)
			this.announcement = `${changed.changedRows} new ${changed.changedRows === 1 ? 'password' : 'passwords'} created.`;
	}

	/** The notices to print, read from the worker (rows with errors are left out and counted). */
	async notices(choice: NoticeChoice): Promise<NoticeList | null> {
		try {
			return await this.#backend.notices(
				choice,
				choice === 'selected' ? [...this.selected] : undefined,
			);
		} catch (error) {
			this.#fail(error);
			return null;
		}
	}

	async markPrinted(indexes: number[]): Promise<boolean> {
		return (await this.#change({ type: 'markPrinted', indexes })) !== null;
	}

	/** Rows held back from the last batch for tags the organisation lacks (shown by the panel). */
	heldBack = $state<{ rows: number; tags: string[] } | null>(null);

	/**
	 * Queues the rows without errors not sent yet, to go to the platform when online; rows with a
	 * tag the organisation lacks (when its tags are known) are held back and counted.
	 */
	async syncDraft(knownTags?: string[]): Promise<void> {
		try {
			const r = await this.#backend.sync(knownTags);
			this.#setState(r.state);
			this.heldBack = r.heldBack > 0 ? { rows: r.heldBack, tags: r.unknownTags } : null;
			this.announcement = `${r.queued} ${r.queued === 1 ? 'client' : 'clients'} queued for the platform.`;
		} catch (error) {
			this.#fail(error);
		}
	}

	/** Wipes the draft's passwords from this device (asked for and confirmed by the pro). */
	async removePasswords(): Promise<boolean> {
		const changed = await this.#change({ type: 'removePasswords' });
		if (changed) {
			this.revealed.clear();
			this.announcement = `${changed.changedRows} ${changed.changedRows === 1 ? 'password' : 'passwords'} removed from this device.`;
		}
		return changed !== null;
	}

	async exportFile(
		kind: 'clean' | 'attention',
	): Promise<{ blob: Blob; name: string; rows: number } | null> {
		try {
			const r = await this.#backend.export(kind);
			return { blob: r.blob, name: r.fileName, rows: r.rows };
		} catch (error) {
			this.#fail(error);
			return null;
		}
	}
}
