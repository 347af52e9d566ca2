// The open draft: the worker's latest snapshot of it (description, counts, history), the view it
// is seen through (filter, search), the commands that change it, and whether the last change is
// saved. The worker does the work; this keeps the screen's copy and moves the grid after a change.
// Passwords and handing them out are DraftCredentials' (draft-credentials.svelte.ts).
import type { IssueCode } from '../core/issues.ts';
import type { DateOrder } from '../core/dates.ts';
import type { ExportKind } from '../core/export.ts';
import type { PasswordOptions } from '../core/password.ts';
import { m } from '../i18n/messages.ts';
import { splitTags } from '../core/find-replace.ts';
import { filterReadsCredentials, type RowFilter } from '../core/draft-types.ts';
import type { CellEdit } from '../core/fields.ts';
import type {
	DraftInfo,
	DraftState,
	NoticeChoice,
	PasswordScope,
	RowView,
} from '../worker/views.ts';
import type { Changed, NoticeList, Opened } from '../worker/client.ts';
import type { BulkField, ReplaceQuery, Result } from '../worker/protocol.ts';
import type { ChangeBody, DraftBackend, SyncBatchOptions } from './draft-backend.ts';
import { DraftCredentials } from './draft-credentials.svelte.ts';
import type { GridField, GridState } from './grid-state.svelte.ts';
import type { QuietRows } from './quiet-rows.svelte.ts';
import type { RowCache } from './row-cache.svelte.ts';
import { TypedCells } from './typed-cells.svelte.ts';
import type { SessionMessages } from './session-messages.svelte.ts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

/** The most rows one `rows` call answers (protocol.ts). */
const ROWS_PER_CALL = 1000;

/** Which rows a new state changed, when the worker knows (Draft.update). */
interface ChangedRows {
	within?: readonly [number, number] | undefined;
	rows?: readonly number[] | undefined;
}

export class Draft {
	// Snapshots from the worker are replaced whole, never changed in place: $state.raw spares
	// proxying every issue count and history entry on each change.
	#info = $state.raw<DraftInfo | null>(null);
	#state = $state.raw<DraftState | null>(null);
	#filter = $state.raw<RowFilter>('all');
	#search = $state('');
	#save = $state<SaveStatus>('idle');
	#pendingSaves = 0;
	#backend: DraftBackend;
	#rows: RowCache;
	#grid: GridState;
	#messages: SessionMessages;
	#quiet: QuietRows | undefined;
	#credentials: DraftCredentials;
	/** Values typed into the grid, shown before the worker has saved them. */
	readonly typed: TypedCells;

	constructor(deps: {
		backend: DraftBackend;
		rows: RowCache;
		grid: GridState;
		messages: SessionMessages;
		/** Where "Add row" marks its new row quiet (absent: a new row shows its problems). */
		quiet?: QuietRows;
		typed?: TypedCells;
	}) {
		this.typed = deps.typed ?? new TypedCells();
		this.#backend = deps.backend;
		this.#rows = deps.rows;
		this.#grid = deps.grid;
		this.#messages = deps.messages;
		this.#quiet = deps.quiet;
		this.#credentials = new DraftCredentials({
			backend: deps.backend,
			grid: deps.grid,
			messages: deps.messages,
			state: () => this.#state,
			update: (state) => this.update(state),
			change: (body) => this.#change(body),
		});
	}

	/** The draft's description (null: none open yet). */
	get info(): DraftInfo | null {
		return this.#info;
	}

	/** Its counts, history and sync state for the current view. */
	get state(): DraftState | null {
		return this.#state;
	}

	/** Rows in the current view. */
	get total(): number {
		return this.#state?.total ?? 0;
	}

	get filter(): RowFilter {
		return this.#filter;
	}

	get search(): string {
		return this.#search;
	}

	get save(): SaveStatus {
		return this.#save;
	}

	/** Clients without a password ("Create passwords for N clients without one"). */
	get passwordsMissing(): number {
		return this.#credentials.passwordsMissing;
	}

	/** Passwords "Replace weak passwords" replaces: weak or too short. */
	get passwordsWeak(): number {
		return this.#credentials.passwordsWeak;
	}

	/** Every notice printed, and the file downloaded or every client sent: removal is offered. */
	get passwordsHandedOut(): boolean {
		return this.#credentials.passwordsHandedOut;
	}

	/** Rows held back from the last batch for tags the organisation lacks (shown by the panel). */
	get heldBack(): { rows: number; tags: string[] } | null {
		return this.#credentials.heldBack;
	}

	/** The draft the worker just imported or opened, saved as it stands. */
	opened(opened: Opened): void {
		this.#info = opened.draft;
		this.update(opened.state);
		this.#save = 'saved';
	}

	/**
	 * A new state from the worker. `keep`: the rows on screen stay until fresh ones replace them
	 * (a change, not a new view). What changed, when known: `within`, only the credentials of
	 * rows with indexes in that range (a sync answer): when the view cannot have gained or lost
	 * rows by it, only cached rows in the range are read again (a 100,000-client sync answers 200
	 * chunks, and the rows on screen are in one of them); `rows`, every row whose view a change of
	 * cells may have changed (Changed.rows): in the view of all rows, unsearched, no row can come
	 * or go by it, so only those are read again.
	 */
	update(state: DraftState, keep = true, { within, rows }: ChangedRows = {}): void {
		const before = this.#state;
		this.#state = state;
		const sameTotal = before !== null && before.total === state.total;
		if (within && sameTotal && !filterReadsCredentials(this.#filter))
			this.#rows.invalidateWithin(within[0], within[1]);
		else if (rows && sameTotal && this.#filter === 'all' && this.#search === '')
			this.#rows.readAgain(rows);
		else this.#rows.invalidate(keep);
		this.#grid.clamp(state.total);
	}

	reset(): void {
		this.#info = null;
		this.#state = null;
		this.#filter = 'all';
		this.#search = '';
		this.#save = 'idle';
		this.typed.clear();
		this.#credentials.reset();
		this.#rows.invalidate();
	}

	/** Focuses the row with index `index` in the current view and scrolls to it. */
	async goToIndex(index: number, takeFocus = false): Promise<void> {
		this.#grid.reveal(await this.#backend.locate(index), takeFocus);
	}

	async setView(filter: RowFilter, search: string): Promise<void> {
		const keep = this.#rows.at(this.#grid.focus.position)?.index;
		this.#filter = filter;
		this.#search = search;
		try {
			this.update(await this.#backend.view(filter, search), false);
			const position = keep === undefined ? 0 : await this.#backend.locate(keep);
			this.#grid.reveal(Math.min(position, Math.max(0, this.total - 1)));
		} catch (error) {
			this.#messages.fail(error);
		}
	}

	/** Sends a change; "Saved" shows only once the worker says it is committed. */
	async #change(body: ChangeBody): Promise<Changed | null> {
		this.#save = 'saving';
		this.#pendingSaves++;
		const start = performance.now();
		try {
			const changed = await this.#backend.change(body);
			// User Timing: how long a change takes to commit (read by the benchmark, visible
			// in DevTools' performance panel).
			performance.measure(`roster:${body.type}`, { start });
			this.update(changed.state, true, { rows: changed.rows });
			this.#messages.clearError();
			return changed;
		} catch (error) {
			this.#save = 'failed';
			this.#messages.fail(error);
			return null;
		} finally {
			this.#pendingSaves--;
			if (this.#pendingSaves === 0 && this.#save === 'saving') this.#save = 'saved';
		}
	}

	/** Shows the typed value at once, marked "saving" until the worker has it on disk. */
	async edit(index: number, field: GridField, value: string): Promise<void> {
		const typed = field === 'tags' ? splitTags(value) : value;
		const start = performance.now();
		// Sent before the typed value is shown: the worker starts on it while the page updates.
		const changing = this.#change({ type: 'edit', index, set: { [field]: typed } });
		const edit = this.typed.type(index, field, typed);
		// User Timing: typed → the frame that paints it (the benchmark reads it beside roster:edit).
		globalThis.requestAnimationFrame?.(() => performance.measure('roster:edit-painted', { start }));
		const changed = await changing;
		this.typed.settle(index, field, edit, changed !== null);
	}

	/**
	 * Sets cells of the rows at these view positions as one undo step (a pasted block, a cleared
	 * range). Answers the change and the rows it was over (to say why a cell was refused).
	 */
	async pasteBlock(
		edits: readonly { position: number; set: CellEdit }[],
	): Promise<{ changed: Changed; rows: RowView[] } | null> {
		if (edits.length === 0) return null;
		let rows: RowView[];
		try {
			rows = await this.rowsAt(edits[0]!.position, edits.at(-1)!.position + 1);
		} catch (error) {
			this.#messages.fail(error);
			return null;
		}
		const first = edits[0]!.position;
		const cells = edits.flatMap(({ position, set }) => {
			const row = rows[position - first];
			return row ? [{ index: row.index, set }] : [];
		});
		if (cells.length === 0) return null;
		const changed = await this.#change({ type: 'editCells', edits: cells });
		return changed && { changed, rows };
	}

	/**
	 * The rows at view positions [from, to), read from the worker (a pasted block or a copied
	 * range can reach past the rows the grid has loaded).
	 */
	async rowsAt(from: number, to: number): Promise<RowView[]> {
		const rows: RowView[] = [];
		for (let offset = from; offset < to; offset += ROWS_PER_CALL) {
			const page = await this.#backend.rows(offset, Math.min(ROWS_PER_CALL, to - offset));
			rows.push(...page.rows);
			if (page.rows.length === 0) break;
		}
		return rows;
	}

	/** Gives `field` the value `value` on every selected row, as one undo step. */
	async setValue(field: BulkField, value: string): Promise<Changed | null> {
		const indexes = this.#grid.selectedIndexes();
		if (indexes.length === 0) return null;
		return this.#change({ type: 'setValue', indexes, field, value });
	}

	/** How many cells and rows a find-and-replace would change now (null: the worker failed). */
	async replaceCount(query: ReplaceQuery): Promise<Result<'replaceCount'> | null> {
		try {
			return await this.#backend.replaceCount(query);
		} catch (error) {
			this.#messages.fail(error);
			return null;
		}
	}

	/** Replaces every match of a find-and-replace, as one undo step. */
	async replace(query: ReplaceQuery): Promise<Changed | null> {
		return this.#change({ type: 'replace', ...query });
	}

	/**
	 * Fixes one issue of one row, every fixable issue of a kind, or every safe fix. `value`: what
	 * an ambiguous gender letter means (code `gender.ambiguous`), as the pro chose.
	 */
	async fix(index?: number, code?: IssueCode, value?: 'male' | 'female'): Promise<void> {
		const changed = await this.#change({
			type: 'fix',
			...(index === undefined ? {} : { index }),
			...(code === undefined ? {} : { code }),
			...(value === undefined ? {} : { value }),
		});
		if (changed && index === undefined)
			this.#messages.announce(m.draft_rows_fixed({ count: changed.changedRows }));
	}

	/** Adds an empty row at the end of every row and puts the keyboard on its first cell. */
	async addRow(): Promise<void> {
		if (this.#filter !== 'all' || this.#search !== '') await this.setView('all', '');
		const changed = await this.#change({ type: 'addRow' });
		if (changed?.index !== undefined) this.#quiet?.hold(changed.index);
		this.#grid.focusField('email_address');
		if (changed?.index !== undefined) await this.goToIndex(changed.index, true);
	}

	/** `takeFocus`: the keyboard goes back to the grid, on the row now where the first one was. */
	async deleteSelected(takeFocus = false): Promise<void> {
		const indexes = this.#grid.selectedIndexes();
		if (indexes.length === 0) return;
		if (await this.deleteRows(indexes))
			this.#messages.announce(m.draft_rows_deleted({ count: indexes.length }));
		if (takeFocus) await this.goToIndex(Math.min(...indexes), true);
	}

	/** Deletes these rows as one undo step (no question: Undo brings them back); true when done. */
	async deleteRows(indexes: number[]): Promise<boolean> {
		const changed = await this.#change({ type: 'deleteRows', indexes });
		if (changed)
			for (const i of indexes) if (this.#grid.isSelected(i)) this.#grid.toggleSelected(i);
		return changed !== null;
	}

	async setDateOrder(order: DateOrder): Promise<void> {
		await this.#change({ type: 'dateOrder', order });
	}

	/** `takeFocus`: the keyboard goes back to the grid, on the row the undo changed. */
	async undo(takeFocus = false): Promise<void> {
		const changed = await this.#change({ type: 'undo' });
		if (changed?.index !== undefined) await this.goToIndex(changed.index, takeFocus);
		else if (takeFocus) this.#grid.reveal(this.#grid.focus.position, true);
	}

	async redo(takeFocus = false): Promise<void> {
		const changed = await this.#change({ type: 'redo' });
		if (changed?.index !== undefined) await this.goToIndex(changed.index, takeFocus);
		else if (takeFocus) this.#grid.reveal(this.#grid.focus.position, true);
	}

	/** Creates passwords (missing, weak, the selected, or these `indexes`): one undo step. */
	createPasswords(
		scope: PasswordScope,
		options: PasswordOptions,
		indexes?: number[],
	): Promise<void> {
		return this.#credentials.createPasswords(scope, options, indexes);
	}

	/** The notices to print (rows with errors are left out and counted). */
	notices(choice: NoticeChoice): Promise<NoticeList | null> {
		return this.#credentials.notices(choice);
	}

	markPrinted(indexes: number[]): Promise<boolean> {
		return this.#credentials.markPrinted(indexes);
	}

	/** Queues the rows ready to go to the platform; unknown tags' rows are held back. */
	syncDraft(batch?: SyncBatchOptions): Promise<void> {
		return this.#credentials.syncDraft(batch);
	}

	/** Wipes the draft's passwords from this device (asked for and confirmed by the pro). */
	removePasswords(): Promise<boolean> {
		return this.#credentials.removePasswords();
	}

	exportFile(kind: ExportKind): Promise<{ blob: Blob; name: string; rows: number } | null> {
		return this.#credentials.exportFile(kind);
	}
}
