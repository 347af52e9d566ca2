// An in-memory stand-in for the draft worker: one open draft whose rows are checked by the real
// core (DraftModel), so an edit or a fix really re-validates. Changes keep a simple undo stack
// of row snapshots. Tests can make the next change fail, or hold it until they release it.
import { DraftModel } from '../../src/core/draft-model.ts';
import { Validator } from '../../src/core/validate.ts';
import { RecordStore } from '../../src/core/record-store.ts';
import { columnLetter, mapHeader, REQUIRED_FIELDS } from '../../src/core/template.ts';
import { applyCells, diffRecords, emptyRecord } from '../../src/core/row-patch.ts';
import { exportParts } from '../../src/core/export.ts';
import type { ClientRecord } from '../../src/core/record.ts';
import type { DateOrder } from '../../src/core/dates.ts';
import type { IssueCode } from '../../src/core/issues.ts';
import type { DraftBackend, DraftEvent } from '../../src/state/draft-session.svelte.ts';
import type { Changed, NoticeList, Opened, SyncQueued } from '../../src/worker/client.ts';
import type { RowFilter } from '../../src/core/draft-types.ts';
import type { DraftInfo, DraftState, RowView } from '../../src/worker/views.ts';

export const TODAY = '20261125';

type ChangeBody = Parameters<DraftBackend['change']>[0];

interface RowState {
	rec: ClientRecord;
	deleted: boolean;
}

interface Snapshot {
	rows: RowState[];
	dateOrder: DateOrder | null;
}

interface Step {
	label: string;
	before: Snapshot;
	after: Snapshot;
}

/** A valid client on spreadsheet row `row`, with `over` changing some of its cells. */
export function client(row: number, over: Partial<ClientRecord> = {}): ClientRecord {
	return {
		...emptyRecord(row),
		email_address: `client${row}@example.com`,
		initial_password: 'Hb4#Yq8!Nz2k',
		first_name: 'Ann',
		last_name: 'Lee',
		birthdate: '19811120',
		gender: 'female',
		...over,
	};
}

export interface FakeDraftOptions {
	records: ClientRecord[];
	/** The file's header cells (default: the template's required columns). */
	header?: string[];
	id?: string;
	name?: string;
	status?: DraftInfo['status'];
	today?: string;
}

export class FakeDraftBackend implements DraftBackend {
	model: DraftModel;
	readonly id: string;
	readonly name: string;
	status: DraftInfo['status'];
	filter: RowFilter = 'all';
	search = '';

	/** Every change the session sent, in order (also the ones that failed). */
	readonly changes: ChangeBody[] = [];
	/** Every view the session asked for. */
	readonly views: { filter: RowFilter; search: string }[] = [];
	readonly opened: string[] = [];
	closes = 0;
	/** The next change rejects with this error (and changes nothing). */
	failNext: Error | null = null;

	#undo: Step[] = [];
	#redo: Step[] = [];
	#hold: Promise<void> | null = null;
	#queue: Promise<unknown> = Promise.resolve();
	#listeners = new Set<(event: DraftEvent) => void>();

	constructor(options: FakeDraftOptions) {
		this.id = options.id ?? 'draft-1';
		this.name = options.name ?? 'clients.csv · 2026-11-25 10:00';
		this.status = options.status ?? 'ready';
		const header = options.header ?? [...REQUIRED_FIELDS];
		const validator = Validator.over(new RecordStore(), mapHeader(header), {
			today: options.today ?? TODAY,
			keepDateOrder: true,
		});
		for (const rec of options.records) validator.addRecord(rec);
		this.model = new DraftModel(validator.finish(), validator);
	}

	/** Holds the next change (and the ones after it, which wait their turn) until released. */
	holdNext(): () => void {
		let release = () => {};
		this.#hold = new Promise<void>((resolve) => (release = resolve));
		return release;
	}

	/** Sends an event as the worker does for another tab's change. */
	emit(event: DraftEvent): void {
		for (const listener of this.#listeners) listener(event);
	}

	/** The row at `index` as stored now. */
	record(index: number): ClientRecord {
		return this.model.dataset.records.at(index) as ClientRecord;
	}

	// ─── DraftBackend ─────────────────────────────────────────────────────────────────────

	onEvent(listener: (event: DraftEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	async import(
		file: File,
		_today: string,
		onProgress?: Parameters<DraftBackend['import']>[2],
	): Promise<Opened> {
		onProgress?.({ bytesRead: file.size, totalBytes: file.size, rows: 0, savedRows: 0 });
		return this.#opened();
	}

	cancel(): void {}

	async open(draftId: string): Promise<Opened> {
		this.opened.push(draftId);
		if (draftId !== this.id) throw new Error('This draft no longer exists.');
		return this.#opened();
	}

	async close(): Promise<void> {
		this.closes++;
	}

	async view(filter: RowFilter, search: string): Promise<DraftState> {
		this.views.push({ filter, search });
		this.filter = filter;
		this.search = search;
		return this.state();
	}

	/** When set, row requests wait for it (rows on their way after a change). */
	rowsGate: Promise<void> | null = null;

	async rows(offset: number, limit: number): Promise<{ total: number; rows: RowView[] }> {
		if (this.rowsGate) await this.rowsGate;
		const view = this.#view();
		const total = view ? view.length : this.model.length;
		const rows: RowView[] = [];
		for (let k = offset; k < Math.min(total, offset + limit); k++)
			rows.push(this.rowView(view ? (view[k] as number) : k));
		return { total, rows };
	}

	async locate(index: number): Promise<number> {
		const view = this.#view();
		if (!view) return index;
		// The first row shown at or after `index` (views are in row order).
		const at = view.findIndex((i) => i >= index);
		return at === -1 ? Math.max(0, view.length - 1) : at;
	}

	change(body: ChangeBody): Promise<Changed> {
		this.changes.push(body);
		const hold = this.#hold;
		const failure = this.failNext;
		this.#hold = null;
		this.failNext = null;
		// Like the worker: changes commit one after another, in the order they were sent.
		const done = this.#queue.then(async () => {
			if (hold) await hold;
			if (failure) throw failure;
			return this.#commit(body);
		});
		this.#queue = done.catch(() => undefined);
		return done;
	}

	#commit(body: ChangeBody): Changed {
		if (body.type === 'undo' || body.type === 'redo') {
			const from = body.type === 'undo' ? this.#undo : this.#redo;
			const to = body.type === 'undo' ? this.#redo : this.#undo;
			const step = from.pop();
			if (!step) return { state: this.state(), changedRows: 0 };
			to.push(step);
			const changed = this.#restore(body.type === 'undo' ? step.before : step.after);
			return {
				state: this.state(),
				changedRows: changed.length,
				...(changed[0] === undefined ? {} : { index: changed[0] }),
			};
		}
		const before = this.#snapshot();
		const planned = this.#apply(body);
		const after = this.#snapshot();
		const changed = changedRows(before, after);
		if (changed.length > 0 || before.dateOrder !== after.dateOrder) {
			this.#undo.push({ label: planned.label, before, after });
			this.#redo = [];
		}
		return {
			state: this.state(),
			changedRows: changed.length,
			...(planned.index === undefined ? {} : { index: planned.index }),
		};
	}

	async export(
		kind: 'clean' | 'attention',
	): Promise<{ blob: Blob; rows: number; fileName: string }> {
		const parts = exportParts(this.model.dataset, kind, this.model.flags);
		return {
			blob: new Blob(parts, { type: 'text/csv' }),
			rows: parts.length - 1,
			fileName: `clients-${kind === 'clean' ? 'ready' : 'needs-attention'}.csv`,
		};
	}

	/** Sync is tested against the real worker service and server. */
	async sync(): Promise<SyncQueued> {
		throw new Error('The fake backend does not sync.');
	}

	/** Every row without errors gets a notice, as the worker does (no choice of rows here). */
	async notices(): Promise<NoticeList> {
		const notices = [];
		let withErrors = 0;
		for (let index = 0; index < this.model.length; index++) {
			if (this.model.isDeleted(index)) continue;
			if (this.model.hasError(index)) {
				withErrors++;
				continue;
			}
			const rec = this.record(index);
			const { row, first_name, last_name, email_address, initial_password } = rec;
			notices.push({ index, row, first_name, last_name, email_address, initial_password });
		}
		return { notices, withErrors, removed: 0, registered: 0 };
	}

	// ─── The draft ────────────────────────────────────────────────────────────────────────

	info(): DraftInfo {
		const header = this.model.dataset.header;
		return {
			id: this.id,
			name: this.name,
			fileName: 'clients.csv',
			size: 100,
			encoding: 'utf-8',
			delimiter: ',',
			status: this.status,
			fileRows: this.model.length,
			columns: header.names.map((name, i) => ({
				letter: columnLetter(i),
				header: name,
				field: header.columns[i] ?? null,
			})),
			tagColumn: header.present.has('tag'),
			externalIdColumn: header.present.has('external_id'),
			fileIssues: [...this.model.dataset.fileIssues],
			dateOrder: this.model.dateOrder,
			position: 0,
		};
	}

	state(): DraftState {
		const counts = this.model.counts();
		const view = this.#view();
		const undo = this.#undo.at(-1);
		const redo = this.#redo.at(-1);
		return {
			counts,
			history: {
				undo: this.#undo.length,
				redo: this.#redo.length,
				undoLabel: undo?.label ?? null,
				redoLabel: redo?.label ?? null,
			},
			total: view ? view.length : this.model.length,
			ready: true,
			dateOrder: this.model.dateOrder,
			ambiguousDates: counts.codes.find((c) => c.code === 'birthdate.ambiguous')?.count ?? 0,
			credentials: this.model.credentialCounts(),
			exportedAt: null,
		};
	}

	rowView(index: number): RowView {
		const rec = this.record(index);
		return {
			...rec,
			index,
			tags: [...rec.tags],
			extra: [...rec.extra],
			hasError: this.model.hasError(index),
			issues: this.model.issues(index).map((i) => ({ ...i })),
			credential: this.model.dataset.records.credential(index),
			syncIssues: [],
		};
	}

	#opened(): Opened {
		return { draft: this.info(), state: this.state() };
	}

	#view(): Int32Array | null {
		return this.model.view(this.filter, this.search);
	}

	#snapshot(): Snapshot {
		const rows: RowState[] = [];
		for (let i = 0; i < this.model.length; i++)
			rows.push({ rec: this.record(i), deleted: this.model.isDeleted(i) });
		return { rows, dateOrder: this.model.dateOrder };
	}

	/** Puts every row back as `snapshot` has it (rows added since are deleted); returns them. */
	#restore(snapshot: Snapshot): number[] {
		const changed = changedRows(this.#snapshot(), snapshot);
		if (snapshot.dateOrder !== this.model.dateOrder) this.model.setDateOrder(snapshot.dateOrder);
		for (const index of changed) {
			const target = snapshot.rows[index] ?? { rec: this.record(index), deleted: true };
			this.model.update(index, target.rec, target.deleted);
		}
		return changed;
	}

	#fix(indexes: number[], code?: IssueCode): void {
		for (const index of indexes) {
			const fixed = this.model.fixed(index, code);
			if (fixed) this.model.update(index, fixed);
		}
	}

	#apply(body: Exclude<ChangeBody, { type: 'undo' | 'redo' }>): { label: string; index?: number } {
		const records = this.model.dataset.records;
		switch (body.type) {
			case 'edit': {
				if (body.index >= this.model.length || this.model.isDeleted(body.index))
					return { label: 'Edit' };
				const before = this.record(body.index);
				const field = Object.keys(body.set)[0] ?? 'cell';
				this.model.update(body.index, applyCells(before, body.set));
				return { label: `Edit ${field.replace('_', ' ')} on row ${before.row}`, index: body.index };
			}
			case 'fix': {
				const indexes = body.index === undefined ? this.model.fixableRows(body.code) : [body.index];
				this.#fix(indexes, body.code);
				return body.index === undefined
					? { label: `Apply ${indexes.length} safe fixes` }
					: { label: `Fix row ${records.rowNumber(body.index)}`, index: body.index };
			}
			case 'addRow': {
				if (this.status === 'importing') throw new Error('This draft’s import is not finished.');
				const index = this.model.length;
				const row = index === 0 ? 2 : records.rowNumber(index - 1) + 1;
				this.model.update(index, emptyRecord(row));
				return { label: `Add row ${row}`, index };
			}
			case 'deleteRows': {
				const live = [...new Set(body.indexes)].filter((i) => !this.model.isDeleted(i));
				for (const index of live) this.model.update(index, this.record(index), true);
				return {
					label:
						live.length === 1
							? `Delete row ${records.rowNumber(live[0] as number)}`
							: `Delete ${live.length} rows`,
				};
			}
			case 'dateOrder': {
				this.model.setDateOrder(body.order);
				this.#fix(this.model.fixableRows('birthdate.format'), 'birthdate.format');
				return { label: `Read dates ${body.order}` };
			}
			default:
				// Passwords and notices are tested against the real worker service.
				throw new Error(`The fake backend does not do “${body.type}”.`);
		}
	}
}

/** Indexes of the rows that differ between two snapshots (a row missing from `to` is deleted). */
function changedRows(from: Snapshot, to: Snapshot): number[] {
	const out: number[] = [];
	const n = Math.max(from.rows.length, to.rows.length);
	for (let i = 0; i < n; i++) {
		const a = from.rows[i];
		const b = to.rows[i];
		if (!a || !b) {
			if ((a && !a.deleted) || (b && !b.deleted)) out.push(i);
			continue;
		}
		if (a.deleted !== b.deleted || a.rec.row !== b.rec.row || diffRecords(i, a.rec, b.rec))
			out.push(i);
	}
	return out;
}
