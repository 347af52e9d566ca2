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
import type {
	Args,
	ChangeBody,
	EventPayload,
	ImportColumns,
	ReplaceQuery,
	Result,
} from '../worker/protocol.ts';
import type { DraftState, NoticeChoice, RowView } from '../worker/views.ts';
import type { ColumnMapping } from '../core/column-mapping.ts';
import type { FilePreview } from '../worker/mapping-views.ts';
import { ColumnMappingStep } from './column-mapping.svelte.ts';
import { Draft } from './draft.svelte.ts';
import { GridState } from './grid-state.svelte.ts';
import { ImportProgress } from './import-progress.svelte.ts';
import { QuietRows } from './quiet-rows.svelte.ts';
import { RowCache } from './row-cache.svelte.ts';
import { SessionMessages, trackChanges } from './session-messages.svelte.ts';
import { m } from '../i18n/messages.ts';
import { issueText } from '../i18n/issue-text.ts';

export type Phase =
	'idle' | 'inspecting' | 'mapping' | 'importing' | 'opening' | 'open' | 'cancelled' | 'failed';

/** What an import is told besides the file: its columns, and the draft it replaces. */
export interface ImportOptions {
	/** How the file's columns feed the fields (absent: the certain suggestions). */
	columns?: ImportColumns;
	/** The draft (with no edits) this import replaces: the mapping step opened from it. */
	replace?: string;
	/** A workbook's sheet to read. */
	sheet?: string;
}

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
		options?: ImportOptions,
	): Promise<Opened>;
	/** Reads the start of a file: its header, a sample, the suggested columns (nothing stored). */
	inspect(file: File, sheet?: string): Promise<FilePreview>;
	/** The open draft's header and sample as stored, with the mapping it was imported with. */
	columns(): Promise<FilePreview & { mapping: ColumnMapping }>;
	/** Cancels the running import (it then rejects with ImportCancelled). */
	cancel(): void;
	open(draftId: string, today: string): Promise<Opened>;
	close(): Promise<void>;
	view(filter: RowFilter, search: string): Promise<DraftState>;
	rows(offset: number, limit: number): Promise<{ total: number; rows: RowView[] }>;
	/** The view position of row `index` (the nearest one shown when it is filtered out). */
	locate(index: number): Promise<number>;
	/** The next (1) or previous (-1) problem from a focused cell in the view (null: none). */
	problem(from: number, field: string, direction: 1 | -1): Promise<Result<'problem'>>;
	/** Resolves once the change is committed to storage. */
	change(body: ChangeBody): Promise<Changed>;
	/** How many cells and rows a find-and-replace would change now (nothing changes). */
	replaceCount(query: ReplaceQuery): Promise<Result<'replaceCount'>>;
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
	/** A row just added, whose problems wait until the pro leaves it. */
	readonly quiet: QuietRows;

	#phase = $state<Phase>('idle');
	#backend: DraftBackend;
	#hooks: SessionHooks;
	#positionTimer: ReturnType<typeof setTimeout> | null = null;
	/**
	 * Which import or open the screen is for: a later one supersedes it, and the answer of the
	 * earlier one (a cancelled import's "cancelled" can come after the next file is open) is moot.
	 */
	#screenFor = 0;
	/** The mapping step on screen (phase `mapping`). */
	#step = $state<ColumnMappingStep | null>(null);
	/** The file the step imports (null: opened from a draft whose file this page no longer has). */
	#stepFile = $state.raw<File | null>(null);
	/** The draft the step's import replaces (the step opened from the draft). */
	#replace: string | null = null;
	/** Why the last file chosen cannot be imported ('' : none). */
	#problem = $state('');
	/**
	 * The file each draft of this page session was imported from: changing its columns imports it
	 * again without asking for it. Only in memory: after a reload the step asks for the file.
	 */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- looked up on a click, never shown
	#files = new Map<string, File>();

	constructor(backend: DraftBackend, hooks: SessionHooks = {}) {
		this.#backend = backend;
		this.#hooks = hooks;
		this.grid = new GridState(() => this.#schedulePosition());
		this.rows = new RowCache(
			backend,
			() => this.draft.total,
			(error) => this.messages.fail(error),
			(row) => this.quiet.shown(row),
		);
		this.quiet = new QuietRows(() => this.rows.at(this.grid.focus.position)?.index);
		// Changes are counted until answered: a restart says whether the last one was saved.
		const tracked = trackChanges(backend, this.messages, this.rows, this.grid);
		const { rows, grid, messages } = this;
		this.draft = new Draft({ backend: tracked, rows, grid, messages, quiet: this.quiet });
		backend.onEvent((event) => this.#onEvent(event));
	}

	get phase(): Phase {
		return this.#phase;
	}

	/** The mapping step while the phase is `mapping`. */
	get step(): ColumnMappingStep | null {
		return this.#step;
	}

	/** The file the step will import; null when the pro must choose it again. */
	get stepFile(): File | null {
		return this.#stepFile;
	}

	/** True when the step changes the columns of the open draft (its import replaces it). */
	get stepReplaces(): boolean {
		return this.#replace !== null;
	}

	/** Why the file last chosen cannot be imported ('' when it can, or none was). */
	get problem(): string {
		return this.#problem;
	}

	get today(): string {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock reading, not state
		return ymdOf((this.#hooks.clock ?? (() => new Date()))());
	}

	#onEvent(event: DraftEvent): void {
		if (event.type === 'failed') {
			if (event.reason === 'upgraded') this.#hooks.onUpgrade?.();
			// A new worker has no draft open: open it again from storage, then say what happened
			// (opening clears the messages); a worker that keeps dying is not given it again.
			if (event.reason === 'crashed' && this.#phase === 'open' && this.draft.info) {
				const { said, reopen } = this.messages.restarted();
				this.progress.clear();
				if (!reopen) this.#phase = 'failed';
				const opening = reopen ? this.open(this.draft.info.id) : Promise.resolve();
				void opening.then(() => this.messages.show(said, event.reason));
				return;
			}
			this.messages.show(event.message, event.reason);
			return;
		}
		if (!this.draft.info) return;
		this.draft.update(event.state);
		if (event.changedRows > 0 && !event.bySync) this.messages.announce(m.draft_updated_elsewhere());
	}

	#reset(): void {
		this.#problem = '';
		this.progress.clear();
		this.draft.reset();
		this.grid.reset();
		this.quiet.clear();
		this.messages.clearError();
	}

	/**
	 * Reads the start of a chosen file: a file that cannot be imported gets its problem (phase
	 * back to `idle`, nothing created); one whose columns the pro must look at opens the step
	 * (phase `mapping`). Otherwise the preview comes back, and the caller imports the file with
	 * `columnsOf(preview)`. Null when there is nothing to import now.
	 */
	async inspect(file: File, sheet?: string): Promise<FilePreview | null> {
		const loading = ++this.#screenFor;
		const replace = sheet !== undefined ? this.#replace : null;
		this.#reset();
		this.#phase = 'inspecting';
		try {
			const preview = await this.#backend.inspect(file, sheet);
			if (loading !== this.#screenFor) return null;
			if (preview.problem) {
				this.#problem = m.draft_cannot_import({
					file: file.name,
					reason: issueText(preview.problem),
				});
				this.#phase = 'idle';
				return null;
			}
			// A sheet the pro chose keeps them in the step; a workbook whose sheet cannot be
			// picked by itself opens it on the sheet choice.
			const chooseSheet = preview.workbook !== null && preview.workbook.sheet === null;
			if (!preview.needsStep && !chooseSheet && sheet === undefined) return preview;
			this.#openStep(new ColumnMappingStep(preview), file, replace);
			return null;
		} catch (error) {
			if (loading !== this.#screenFor) return null;
			this.#problem = m.draft_cannot_import({
				file: file.name,
				reason: error instanceof Error ? error.message : String(error),
			});
			this.#phase = 'idle';
			return null;
		}
	}

	/** The columns an import of a file that needs no step is sent: the remembered mapping. */
	columnsOf(preview: FilePreview): ImportOptions {
		const sheet = preview.workbook?.sheet;
		return {
			...(preview.remembered
				? { columns: { mapping: preview.remembered, how: 'remembered' as const } }
				: {}),
			...(sheet ? { sheet } : {}),
		};
	}

	/** Another sheet of the step's workbook: its header and rows are read for the step. */
	async chooseSheet(sheet: string): Promise<void> {
		const file = this.#stepFile;
		if (!file || this.#phase !== 'mapping') return;
		await this.inspect(file, sheet);
	}

	/** Opens the mapping step on the open draft's columns (while it has no edits). */
	async changeColumns(): Promise<void> {
		const info = this.draft.info;
		if (!info || this.#phase !== 'open') return;
		const loading = this.#screenFor;
		try {
			const { mapping, ...preview } = await this.#backend.columns();
			if (loading !== this.#screenFor) return;
			this.#openStep(
				new ColumnMappingStep(preview, mapping),
				this.#files.get(info.id) ?? null,
				info.id,
			);
		} catch (error) {
			if (loading === this.#screenFor) this.messages.fail(error);
		}
	}

	#openStep(step: ColumnMappingStep, file: File | null, replace: string | null): void {
		this.#step = step;
		this.#stepFile = file;
		this.#replace = replace;
		this.#phase = 'mapping';
	}

	/** The file to import with the step's columns, chosen again (the page no longer had it). */
	chooseStepFile(file: File): void {
		this.#stepFile = file;
	}

	/** Imports the step's file with the columns the pro confirmed. */
	async importMapped(): Promise<void> {
		const step = this.#step;
		const file = this.#stepFile;
		if (!step || !file) return;
		const replace = this.#replace;
		const sheet = step.preview.workbook?.sheet;
		if (step.preview.workbook && !sheet) return;
		await this.importFile(file, undefined, {
			columns: { mapping: step.mapping, how: 'confirmed' },
			...(replace ? { replace } : {}),
			...(sheet ? { sheet } : {}),
		});
	}

	/** Leaves the step, nothing imported: back to the draft it came from (true), or none (false). */
	cancelStep(): boolean {
		const backToDraft = this.#replace !== null && this.draft.info !== null;
		this.#closeStep();
		this.#phase = backToDraft ? 'open' : 'idle';
		return backToDraft;
	}

	#closeStep(): void {
		this.#step = null;
		this.#stepFile = null;
		this.#replace = null;
	}

	/** Imports a file into a new draft, or the rest of it into the partly imported `resume`. */
	async importFile(file: File, resume?: string, options: ImportOptions = {}): Promise<void> {
		const loading = ++this.#screenFor;
		this.#reset();
		this.#closeStep();
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
				options,
			);
			if (options.replace) this.#files.delete(options.replace);
			this.#files.set(opened.draft.id, file);
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
		this.#closeStep();
		this.#phase = 'idle';
		await this.#backend.close().catch(() => undefined);
	}

	#schedulePosition(): void {
		if (this.#positionTimer) clearTimeout(this.#positionTimer);
		this.#positionTimer = setTimeout(() => this.flushPosition(), POSITION_DELAY);
	}

	/** The next (1) or previous (-1) problem from the focused cell ("Next problem", F8). */
	nextProblem(direction: 1 | -1): Promise<Result<'problem'>> {
		const { position, field } = this.grid.problemFrom();
		return this.#backend.problem(position, field, direction);
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
