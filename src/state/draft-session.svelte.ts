// The draft on screen and how it got there: importing a file, opening a saved draft, closing it.
// It composes the parts the screens read — import progress, the draft itself (snapshot, commands,
// save state), the rows around the viewport, the grid's focus and selection, and the messages —
// and settles races between them: a later import or open supersedes an earlier one.
import { ymdOf } from '../core/dates.ts';
import type { RowFilter } from '../core/draft-types.ts';
import {
	ImportCancelled,
	type Changed,
	type ImportProgressEvent,
	type NoticeList,
	type Opened,
	type SyncQueued,
} from '../worker/client.ts';
import type { Args, ChangeBody, EventPayload } from '../worker/protocol.ts';
import type { DraftState, NoticeChoice, RowView } from '../worker/views.ts';
import { Draft } from './draft.svelte.ts';
import { GridState } from './grid-state.svelte.ts';
import { ImportProgress } from './import-progress.svelte.ts';
import { RowCache } from './row-cache.svelte.ts';
import { SessionMessages } from './session-messages.svelte.ts';

export type Phase = 'idle' | 'importing' | 'opening' | 'open' | 'cancelled' | 'failed';

/** A change to the open draft: the worker's command and its arguments (protocol.ts). */
export type { ChangeBody };

/** What the worker says about the open draft on its own (another tab, a storage upgrade). */
export type DraftEvent =
	({ type: 'changed' } & EventPayload<'changed'>) | ({ type: 'failed' } & EventPayload<'failed'>);

/**
 * What the session asks of the draft worker. Its own interface, not the client's methods, so the
 * session does not change with how the client carries calls (component tests wrap the real one
 * to hold a call or record it).
 */
export interface DraftBackend {
	/** Imports a file into a new draft, or the rest of it into `resume`; progress as it reads. */
	import(
		file: File,
		today: string,
		onProgress?: (progress: ImportProgressEvent) => void,
		resume?: string,
	): Promise<Opened>;
	/** Cancels the running import (it then rejects with ImportCancelled). */
	cancel(): void;
	open(draftId: string, today: string): Promise<Opened>;
	close(): Promise<void>;
	view(filter: RowFilter, search: string): Promise<DraftState>;
	rows(offset: number, limit: number): Promise<{ total: number; rows: RowView[] }>;
	/** The view position of row `index` (the nearest one shown when it is filtered out). */
	locate(index: number): Promise<number>;
	/** Resolves once the change is committed to storage. */
	change(body: ChangeBody): Promise<Changed>;
	export(
		kind: Args<'export'>['kind'],
		draftId?: string,
	): Promise<{ blob: Blob; rows: number; fileName: string }>;
	notices(choice: NoticeChoice, indexes?: number[]): Promise<NoticeList>;
	sync(knownTags?: string[]): Promise<SyncQueued>;
	onEvent(listener: (event: DraftEvent) => void): () => void;
}

export interface SessionHooks {
	/** Remembers the row the pro is on (debounced by the session). */
	savePosition?: (draftId: string, index: number) => void;
	/** Another tab upgraded the database: reload the page. */
	onUpgrade?: () => void;
	/** A draft was created (the first one asks for persistent storage). */
	onCreated?: (draftId: string) => void;
	clock?: () => Date;
}

/** How long the focus rests on a row before the session remembers it. */
const POSITION_DELAY = 500;

export class DraftSession {
	readonly progress = new ImportProgress();
	readonly messages = new SessionMessages();
	readonly grid: GridState;
	readonly rows: RowCache;
	readonly draft: Draft;

	#phase = $state<Phase>('idle');
	#backend: DraftBackend;
	#hooks: SessionHooks;
	#positionTimer: ReturnType<typeof setTimeout> | null = null;
	/**
	 * Which import or open the screen is for: a later one supersedes it, and the answer of the
	 * earlier one (a cancelled import's "cancelled" can arrive after the next file is open)
	 * must not change the screen.
	 */
	#screenFor = 0;

	constructor(backend: DraftBackend, hooks: SessionHooks = {}) {
		this.#backend = backend;
		this.#hooks = hooks;
		this.grid = new GridState(() => this.#schedulePosition());
		this.rows = new RowCache(
			backend,
			() => this.draft.total,
			(error) => this.messages.fail(error),
		);
		this.draft = new Draft({ backend, rows: this.rows, grid: this.grid, messages: this.messages });
		backend.onEvent((event) => this.#onEvent(event));
	}

	get phase(): Phase {
		return this.#phase;
	}

	get today(): string {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock reading, not state
		return ymdOf((this.#hooks.clock ?? (() => new Date()))());
	}

	#onEvent(event: DraftEvent): void {
		if (event.type === 'failed') {
			if (event.reason === 'upgraded') this.#hooks.onUpgrade?.();
			// A new worker takes the next call but has no draft open: open it again from storage,
			// then say what happened (opening clears the screen's messages).
			if (event.reason === 'crashed' && this.#phase === 'open' && this.draft.info) {
				void this.open(this.draft.info.id).then(() =>
					this.messages.show(event.message, event.reason),
				);
				return;
			}
			this.messages.show(event.message, event.reason);
			return;
		}
		if (!this.draft.info) return;
		this.draft.update(event.state);
		if (event.changedRows > 0 && !event.bySync) this.messages.announce('Updated from another tab.');
	}

	#reset(): void {
		this.progress.clear();
		this.draft.reset();
		this.grid.reset();
		this.messages.clearError();
	}

	/** Imports a file into a new draft, or the rest of it into the partly imported `resume`. */
	async importFile(file: File, resume?: string): Promise<void> {
		const loading = ++this.#screenFor;
		this.#reset();
		this.#phase = 'importing';
		this.progress.start(file);
		try {
			const opened = await this.#backend.import(
				file,
				this.today,
				(p) => {
					if (loading === this.#screenFor) this.progress.update(p);
				},
				resume,
			);
			if (loading !== this.#screenFor) return;
			this.draft.opened(opened);
			this.#phase = 'open';
			if (!resume) this.#hooks.onCreated?.(opened.draft.id);
		} catch (error) {
			if (loading !== this.#screenFor) return;
			if (error instanceof ImportCancelled) {
				this.#phase = 'cancelled';
				return;
			}
			this.#phase = 'failed';
			this.messages.fail(error);
		}
	}

	cancel(): void {
		this.#backend.cancel();
	}

	async open(draftId: string): Promise<void> {
		const loading = ++this.#screenFor;
		this.#reset();
		this.#phase = 'opening';
		try {
			const opened = await this.#backend.open(draftId, this.today);
			if (loading !== this.#screenFor) return;
			this.draft.opened(opened);
			this.#phase = 'open';
			if (opened.draft.position > 0) await this.draft.goToIndex(opened.draft.position);
		} catch (error) {
			if (loading !== this.#screenFor) return;
			this.#phase = 'failed';
			this.messages.fail(error);
		}
	}

	async close(): Promise<void> {
		// No new #screenFor here: the app closes the session after leaving for home, so the next
		// import may already have started; the import that supersedes one is what counts.
		this.flushPosition();
		this.#reset();
		this.#phase = 'idle';
		await this.#backend.close().catch(() => undefined);
	}

	#schedulePosition(): void {
		if (this.#positionTimer) clearTimeout(this.#positionTimer);
		this.#positionTimer = setTimeout(() => this.flushPosition(), POSITION_DELAY);
	}

	/** Remembers the row the pro is on now (leaving the page does not wait for the delay). */
	flushPosition(): void {
		if (this.#positionTimer) clearTimeout(this.#positionTimer);
		this.#positionTimer = null;
		const row = this.rows.at(this.grid.focus.position);
		const id = this.draft.info?.id;
		if (id && row) this.#hooks.savePosition?.(id, row.index);
	}
}
