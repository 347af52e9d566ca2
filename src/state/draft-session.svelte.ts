// The draft on screen and how it got there: importing a file, opening a saved draft, closing it.
// It composes the parts the screens read — import progress, the draft itself (snapshot, commands,
// save state), the rows around the viewport, the grid's focus and selection, and the messages —
// and settles races between them: a later import or open supersedes an earlier one.
import { ymdOf } from '../core/dates.ts';
import { ImportCancelled } from '../worker/client.ts';
import type { Result } from '../worker/protocol.ts';
import type { FilePreview } from '../worker/mapping-views.ts';
import { ColumnMappingStep } from './column-mapping.svelte.ts';
import type { DraftBackend, DraftEvent, ImportOptions } from './draft-backend.ts';
import { Draft } from './draft.svelte.ts';
import { GridState } from './grid-state.svelte.ts';
import { ImportProgress } from './import-progress.svelte.ts';
import { ImportStep } from './import-step.svelte.ts';
import { PositionSaver } from './position-saver.ts';
import { QuietRows } from './quiet-rows.svelte.ts';
import { RowCache } from './row-cache.svelte.ts';
import { TypedCells } from './typed-cells.svelte.ts';
import { SessionMessages, trackChanges } from './session-messages.svelte.ts';
import { m } from '../i18n/messages.ts';
import { issueText } from '../i18n/issue-text.ts';

// The worker's contract lives in draft-backend.ts; the screens and backends import it from here.
export type { ChangeBody, DraftBackend, DraftEvent, ImportOptions } from './draft-backend.ts';

export type Phase =
	'idle' | 'inspecting' | 'mapping' | 'importing' | 'opening' | 'open' | 'cancelled' | 'failed';

export interface SessionHooks {
	/** Remembers the row the pro is on (debounced by the session). */
	savePosition?: (draftId: string, index: number) => void;
	/** Another tab upgraded the database: reload the page. */
	onUpgrade?: () => void;
	/** A draft was created (the first one asks for persistent storage). */
	onCreated?: (draftId: string) => void;
	clock?: () => Date;
}

export class DraftSession {
	readonly progress = new ImportProgress();
	readonly messages = new SessionMessages();
	readonly grid: GridState;
	readonly rows: RowCache;
	readonly draft: Draft;
	/** A row just added, whose problems wait until the pro leaves it. */
	readonly quiet: QuietRows;
	/** Values typed into the grid, painted before the worker has saved them. */
	readonly typed = new TypedCells();

	#phase = $state<Phase>('idle');
	#backend: DraftBackend;
	#hooks: SessionHooks;
	#position: PositionSaver;
	/**
	 * Which import or open the screen is for: a later one supersedes it, and the answer of the
	 * earlier one (a cancelled import's "cancelled" can come after the next file is open) is moot.
	 */
	#screenFor = 0;
	/** The mapping step on screen (phase `mapping`), its file and the draft it replaces. */
	#step = new ImportStep();
	/** Why the last file chosen cannot be imported ('' : none). */
	#problem = $state('');

	constructor(backend: DraftBackend, hooks: SessionHooks = {}) {
		this.#backend = backend;
		this.#hooks = hooks;
		this.#position = new PositionSaver(
			() => {
				const row = this.rows.at(this.grid.focus.position);
				const draftId = this.draft.info?.id;
				return draftId && row ? { draftId, index: row.index } : null;
			},
			(draftId, index) => this.#hooks.savePosition?.(draftId, index),
		);
		this.grid = new GridState(() => this.#position.schedule());
		this.rows = new RowCache(
			backend,
			() => this.draft.total,
			(error) => this.messages.fail(error),
			(row, fresh) => this.typed.shown(this.quiet.shown(row), fresh),
			() => this.grid.focus.position,
		);
		this.quiet = new QuietRows(() => this.rows.at(this.grid.focus.position)?.index);
		// Changes are counted until answered: a restart says whether the last one was saved.
		const tracked = trackChanges(backend, this.messages, this.rows, this.grid);
		const { rows, grid, messages } = this;
		const { quiet, typed } = this;
		this.draft = new Draft({ backend: tracked, rows, grid, messages, quiet, typed });
		backend.onEvent((event) => this.#onEvent(event));
	}

	get phase(): Phase {
		return this.#phase;
	}

	/** The mapping step while the phase is `mapping`. */
	get step(): ColumnMappingStep | null {
		return this.#step.step;
	}

	/** The file the step will import; null when the pro must choose it again. */
	get stepFile(): File | null {
		return this.#step.file;
	}

	/** True when the step changes the columns of the open draft (its import replaces it). */
	get stepReplaces(): boolean {
		return this.#step.replace !== null;
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
		this.draft.update(event.state, true, { within: event.within });
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
		const replace = sheet !== undefined ? this.#step.replace : null;
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
		const file = this.#step.file;
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
			this.#openStep(new ColumnMappingStep(preview, mapping), this.#step.fileOf(info.id), info.id);
		} catch (error) {
			if (loading === this.#screenFor) this.messages.fail(error);
		}
	}

	#openStep(step: ColumnMappingStep, file: File | null, replace: string | null): void {
		this.#step.open(step, file, replace);
		this.#phase = 'mapping';
	}

	/** The file to import with the step's columns, chosen again (the page no longer had it). */
	chooseStepFile(file: File): void {
		this.#step.chooseFile(file);
	}

	/** Imports the step's file with the columns the pro confirmed. */
	async importMapped(): Promise<void> {
		const { step, file, replace } = this.#step;
		if (!step || !file) return;
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
		const backToDraft = this.#step.replace !== null && this.draft.info !== null;
		this.#step.close();
		this.#phase = backToDraft ? 'open' : 'idle';
		return backToDraft;
	}

	/** Imports a file into a new draft, or the rest of it into the partly imported `resume`. */
	async importFile(file: File, resume?: string, options: ImportOptions = {}): Promise<void> {
		const loading = ++this.#screenFor;
		this.#reset();
		this.#step.close();
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
			this.#step.imported(opened.draft.id, file, options.replace);
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
		this.#step.close();
		this.#phase = 'idle';
		await this.#backend.close().catch(() => undefined);
	}

	/** The next (1) or previous (-1) problem from the focused cell ("Next problem", F8). */
	nextProblem(direction: 1 | -1): Promise<Result<'problem'>> {
		const { position, field } = this.grid.problemFrom();
		return this.#backend.problem(position, field, direction);
	}

	/** Remembers the row the pro is on now (leaving the page does not wait for the delay). */
	flushPosition(): void {
		this.#position.flush();
	}
}
