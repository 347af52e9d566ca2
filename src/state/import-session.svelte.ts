// The state of one import on the upload screen: the phase, progress, the report, the page of
// rows shown, and the actions a pro takes. Components read it and call its methods.
import { ymdOf } from '../core/dates.ts';
import type { ImportReport, RowFilter, RowView } from '../worker/protocol.ts';
import { ImportCancelled, type ImportWorkerClient } from '../worker/client.ts';

export type Phase = 'idle' | 'reading' | 'ready' | 'cancelled' | 'failed';
export const PAGE_SIZE = 25;

/** The parts of the worker client the session needs (a fake in component tests). */
export type ImportBackend = Pick<
	ImportWorkerClient,
	'import' | 'cancel' | 'applyFixes' | 'rows' | 'export'
>;

export class ImportSession {
	phase = $state<Phase>('idle');
	fileName = $state('');
	bytesRead = $state(0);
	totalBytes = $state(0);
	rowsRead = $state(0);
	report = $state<ImportReport | null>(null);
	error = $state('');
	busy = $state(false);
	filter = $state<RowFilter>('all');
	offset = $state(0);
	rowsTotal = $state(0);
	rows = $state<RowView[]>([]);

	#backend: ImportBackend;
	#clock: () => Date;
	#generation = 0;

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock reading, not reactive state
	constructor(backend: ImportBackend, clock: () => Date = () => new Date()) {
		this.#backend = backend;
		this.#clock = clock;
	}

	get percent(): number {
		return this.totalBytes > 0 ? Math.round((this.bytesRead / this.totalBytes) * 100) : 0;
	}

	get pageCount(): number {
		return Math.max(1, Math.ceil(this.rowsTotal / PAGE_SIZE));
	}

	get page(): number {
		return Math.floor(this.offset / PAGE_SIZE) + 1;
	}

	async choose(file: File): Promise<void> {
		const generation = ++this.#generation;
		this.phase = 'reading';
		this.fileName = file.name;
		this.bytesRead = 0;
		this.totalBytes = file.size;
		this.rowsRead = 0;
		this.report = null;
		this.error = '';
		this.rows = [];
		try {
			const report = await this.#backend.import(file, ymdOf(this.#clock()), (p) => {
				if (generation !== this.#generation) return;
				this.bytesRead = p.bytesRead;
				this.totalBytes = p.totalBytes;
				this.rowsRead = p.rows;
			});
			if (generation !== this.#generation) return;
			this.report = report;
			this.phase = 'ready';
			this.filter = report.summary.errorRows > 0 ? 'attention' : 'all';
		} catch (error) {
			if (generation !== this.#generation) return;
			if (error instanceof ImportCancelled) {
				this.phase = 'cancelled';
			} else {
				this.phase = 'failed';
				this.error = error instanceof Error ? error.message : String(error);
			}
			return;
		}
		await this.#run(() => this.#loadRows(0));
	}

	cancel(): void {
		if (this.phase !== 'reading') return;
		this.#backend.cancel();
	}

	async applyFixes(): Promise<void> {
		if (!this.report) return;
		await this.#run(async (current) => {
			const report = await this.#backend.applyFixes(ymdOf(this.#clock()));
			if (!current()) return;
			this.report = report;
			// A filter whose rows the fixes cleared would show an empty table.
			if (
				(this.filter === 'attention' && report.summary.errorRows === 0) ||
				(this.filter !== 'attention' &&
					this.filter !== 'all' &&
					!report.summary.groups.some((g) => g.code === this.filter))
			)
				this.filter = 'all';
			await this.#loadRows(0, current);
		});
	}

	async setFilter(filter: RowFilter): Promise<void> {
		this.filter = filter;
		await this.#run((current) => this.#loadRows(0, current));
	}

	async goToPage(page: number): Promise<void> {
		const clamped = Math.min(Math.max(1, page), this.pageCount);
		await this.#run((current) => this.#loadRows((clamped - 1) * PAGE_SIZE, current));
	}

	/** The file for a download, or null when it failed (the error is in `error`). */
	async exportFile(
		kind: 'clean' | 'attention',
	): Promise<{ blob: Blob; name: string; rows: number } | null> {
		let file: { blob: Blob; name: string; rows: number } | null = null;
		await this.#run(async () => {
			const { blob, rows } = await this.#backend.export(kind);
			const base = this.fileName.replace(/\.(csv|txt|tsv)$/i, '') || 'clients';
			file = { blob, rows, name: `${base}-${kind === 'clean' ? 'clean' : 'needs-attention'}.csv` };
		});
		return file;
	}

	async #loadRows(offset: number, current: () => boolean = () => true): Promise<void> {
		const { total, rows } = await this.#backend.rows(this.filter, offset, PAGE_SIZE);
		if (!current()) return;
		this.offset = offset;
		this.rowsTotal = total;
		this.rows = rows;
	}

	/** Runs an action on the current file; answers that arrive after another file was chosen are dropped. */
	async #run(action: (current: () => boolean) => Promise<void>): Promise<void> {
		const generation = this.#generation;
		const current = () => generation === this.#generation;
		this.busy = true;
		this.error = '';
		try {
			await action(current);
		} catch (error) {
			if (current()) this.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.busy = false;
		}
	}
}
