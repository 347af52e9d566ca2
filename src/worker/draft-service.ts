// What the draft worker does with each request. Kept apart from the worker global so it can be
// tested in Node. The worker holds the open draft's rows and is the only writer of its rows and
// history: a file streams into IndexedDB block by block, and every change is committed there
// before the page hears "saved".
import { ImportCancelledError } from '../core/import-csv.ts';
import { newDraftRecord, streamIntoDraft } from './draft-import.ts';
import { planChange } from './change-plan.ts';
import { cryptoRandom, type RandomSource } from '../core/password.ts';
import type { Credential } from '../core/credentials.ts';
import { DEFAULT_CHUNK_SIZE } from '../core/import-api.ts';
import { OutboxRepository } from '../storage/outbox.ts';
import type { OutboxRecord } from '../storage/db.ts';
import { buildBatch } from '../sync/chunks.ts';
import { SyncEngine, type EngineDeps } from '../sync/engine.ts';
import type { ChunkOutcome } from '../sync/results.ts';
import {
	currentView,
	draftInfo,
	draftState,
	readableEarly,
	rowView,
	viewTotal,
	type OpenDraft,
} from './open-draft.ts';
import { exportParts } from '../core/export.ts';
import { BLOCK_SIZE, RecordStore } from '../core/record-store.ts';
import { DraftModel } from '../core/draft-model.ts';
import { Validator } from '../core/validate.ts';
import type { ClientRecord } from '../core/record.ts';
import { diffRecords, type RowPatch } from '../core/row-patch.ts';
import type { DraftRecord } from '../storage/db.ts';
import { ConflictError, type DraftRepository, type MergedRow } from '../storage/drafts.ts';
import { StorageFullError, StorageUpgradedError } from '../storage/errors.ts';
import { nextTask } from './blob-source.ts';
import type { DraftChangeMessage, DraftSync } from './draft-sync.ts';
import type { DraftState, Request, Response, RowFilter, RowView } from './protocol.ts';

const YIELD_EVERY_MS = 30;
const COUNTS_DELAY_MS = 1000;

export interface ServiceOptions {
	repo: DraftRepository;
	post: (response: Response) => void;
	/** Wall clock for stored times. */
	clock?: () => number;
	/** Monotonic time for pacing. */
	now?: () => number;
	newId?: () => string;
	/** Randomness for generated passwords (default: the platform CSPRNG). */
	random?: RandomSource;
	/** Tells other tabs about committed changes (null: no other tabs, e.g. in tests). */
	sync?: DraftSync | null;
	/** How the outbox reaches the import API (absent: batches are queued, never sent). */
	engine?: Pick<EngineDeps, 'config' | 'fetch' | 'lock' | 'random' | 'policy' | 'parallel'>;
}

class Superseded extends Error {}

/**
 * Undo and redo may not change rows a batch holds, nor the password of a client the platform
 * has: that password is the one on the client's notice and account.
 */
function guardSynced(model: DraftModel, patches: readonly RowPatch[]): void {
	const records = model.dataset.records;
	for (const p of patches) {
		if (p.index >= model.length) continue;
		const { sync } = records.credential(p.index);
		const row = records.rowNumber(p.index);
		if (sync === 'queued')
			throw new Error(`Row ${row} is being sent to the platform: undo once the sync has finished.`);
		if ((sync === 'synced' || sync === 'exists') && p.set?.initial_password !== undefined)
			throw new Error(
				`Row ${row} is on the platform with its current password: that change can no longer be undone.`,
			);
	}
}

function sameCredential(a: Credential, b: Credential): boolean {
	return (
		a.origin === b.origin &&
		a.setAt === b.setAt &&
		a.printedAt === b.printedAt &&
		a.sync === b.sync &&
		a.syncedAt === b.syncedAt
	);
}

function baseName(fileName: string): string {
	return fileName.replace(/\.[^.]*$/, '') || 'clients';
}

export class DraftService {
	#repo: DraftRepository;
	#post: (response: Response) => void;
	#clock: () => number;
	#now: () => number;
	#newId: () => string;
	#random: RandomSource;
	#sync: DraftSync | null;
	#outbox: OutboxRepository;
	#engine: SyncEngine | null;
	#open: OpenDraft | null = null;
	#running = new Map<number, AbortController>();
	/** Changes run one after another, in the order the pro made them. */
	#queue: Promise<unknown> = Promise.resolve();

	constructor(options: ServiceOptions) {
		this.#repo = options.repo;
		this.#post = options.post;
		this.#clock = options.clock ?? (() => Date.now());
		this.#now = options.now ?? (() => performance.now());
		this.#newId = options.newId ?? (() => crypto.randomUUID());
		this.#random = options.random ?? cryptoRandom;
		this.#sync = options.sync ?? null;
		this.#sync?.listen((message) => this.#serial(() => this.#external(message)));
		this.#outbox = new OutboxRepository(this.#repo.db);
		this.#engine = options.engine
			? new SyncEngine({
					...options.engine,
					outbox: this.#outbox,
					now: this.#clock,
					apply: (chunk, outcome) => this.#serial(() => this.#applySync(chunk, outcome)),
					release: (chunk) => this.#serial(() => this.#releaseChunk(chunk)),
					onStatus: (status) => this.#post({ type: 'syncStatus', id: 0, status }),
				})
			: null;
	}

	/** The sync engine, for the worker's online event (null when this service sends nothing). */
	get engine(): SyncEngine | null {
		return this.#engine;
	}

	async handle(request: Request): Promise<void> {
		try {
			switch (request.type) {
				case 'import':
					return await this.#import(request);
				case 'cancel':
					this.#running.get(request.target)?.abort();
					return;
				case 'open':
					await this.#openDraft(request.draftId, request.today, request.id);
					return;
				case 'close':
					this.#open = null;
					this.#post({ type: 'done', id: request.id });
					return;
				case 'view':
					return await this.#setView(request.id, request.filter, request.search);
				case 'rows':
					return await this.#rows(request.id, request.offset, request.limit);
				case 'locate':
					return await this.#locate(request.id, request.index);
				case 'export':
					return await this.#export(request.id, request.kind, request.draftId);
				case 'duplicate':
					return await this.#duplicate(request.id, request.draftId, request.name);
				case 'notices':
					// In line with changes: notices asked for right after "Create passwords" show them.
					return await this.#serial(() => this.#notices(request));
				case 'syncNow':
					this.#post({ type: 'done', id: request.id });
					await this.#engine?.wake();
					return;
				default:
					return await this.#serial(() => this.#change(request));
			}
		} catch (error) {
			this.#fail(request.id, error);
		}
	}

	#fail(id: number, error: unknown): void {
		if (error instanceof ImportCancelledError) {
			this.#post({ type: 'cancelled', id });
			return;
		}
		if (error instanceof Superseded) {
			this.#post({ type: 'cancelled', id });
			return;
		}
		const message = error instanceof Error ? error.message : String(error);
		const reason =
			error instanceof StorageFullError
				? 'storage-full'
				: error instanceof StorageUpgradedError
					? 'upgraded'
					: error instanceof ConflictError
						? 'conflict'
						: 'error';
		this.#post({ type: 'failed', id, message, reason });
	}

	#serial<T>(work: () => Promise<T>): Promise<T> {
		const next = this.#queue.then(work);
		this.#queue = next.catch(() => undefined);
		return next;
	}

	// ─── Import ────────────────────────────────────────────────────────────────────────────

	async #import(request: Extract<Request, { type: 'import' }>): Promise<void> {
		// A new file cancels any import still running: only the latest choice matters.
		for (const controller of this.#running.values()) controller.abort();
		const controller = new AbortController();
		this.#running.set(request.id, controller);
		this.#open = null;
		const at = this.#clock();
		let meta: DraftRecord;
		if (request.resume) {
			const stored = await this.#repo.get(request.resume);
			if (!stored) throw new Error('That draft no longer exists.');
			meta = stored;
		} else {
			meta = newDraftRecord(this.#newId(), request, at);
			await this.#repo.create(meta);
		}
		try {
			const result = await streamIntoDraft(this.#repo, meta, request, controller.signal, {
				post: this.#post,
				clock: this.#clock,
				now: this.#now,
			});
			if (request.resume) {
				// The stored rows may hold edits the file does not: the draft is what counts.
				await this.#openDraft(meta.id, request.today, request.id);
				return;
			}
			const fresh = await this.#repo.get(meta.id);
			if (!fresh) throw new Error('The draft was deleted while it was imported.');
			const od = this.#adopt(fresh, request.today, result.model, result.validator);
			this.#post({ type: 'opened', id: request.id, draft: draftInfo(od), state: draftState(od) });
		} catch (error) {
			if (error instanceof ImportCancelledError && !request.resume) {
				await this.#repo.softDelete(meta.id, 0);
				await this.#repo.purgeDeleted(1);
			}
			throw error;
		} finally {
			this.#running.delete(request.id);
		}
	}

	#adopt(meta: DraftRecord, today: string, model: DraftModel, validator: Validator): OpenDraft {
		const od: OpenDraft = {
			meta,
			today,
			store: model.dataset.records,
			validator,
			model,
			loaded: Promise.resolve(model),
			filter: 'all',
			search: '',
			view: null,
			viewStale: true,
			history: { undo: 0, redo: 0, undoLabel: null, redoLabel: null },
			syncIssues: new Map(),
		};
		this.#open = od;
		return od;
	}

	// ─── Opening a draft ───────────────────────────────────────────────────────────────────

	/** Opens a draft: answers `opened` as soon as its first rows are checked (id 0: silently). */
	async #openDraft(draftId: string, today: string, id: number, adopt = true): Promise<OpenDraft> {
		if (adopt && this.#open?.meta.id === draftId && this.#open.today === today) {
			const od = this.#open;
			od.meta = (await this.#repo.get(draftId)) ?? od.meta;
			if (id !== 0) this.#post({ type: 'opened', id, draft: draftInfo(od), state: draftState(od) });
			return od;
		}
		const meta = await this.#repo.get(draftId);
		if (!meta || meta.deletedAt !== null) throw new Error('This draft no longer exists.');
		const store = new RecordStore();
		const validator = Validator.over(store, meta.header, {
			today,
			dateOrder: meta.dateOrder,
			keepDateOrder: true,
			expectedRows: meta.counts.rows,
		});
		for (const issue of meta.fileIssues) validator.addFileIssue(issue);
		let announce = id !== 0;
		const od: OpenDraft = {
			meta,
			today,
			store,
			validator,
			model: null,
			loaded: Promise.resolve(null as unknown as DraftModel),
			filter: 'all',
			search: '',
			view: null,
			viewStale: true,
			history: await this.#historyState(draftId),
			syncIssues: new Map(
				(await this.#outbox.allIssues(draftId)).map((r) => [r.index, r.issues] as const),
			),
		};
		// Not adopted: read for an export, without closing the draft the pro has open.
		if (adopt) this.#open = od;
		const superseded = () => adopt && this.#open !== od;
		const announced = new Promise<void>((resolve, reject) => {
			od.loaded = (async () => {
				let last = this.#now();
				for await (const block of this.#repo.blocks(draftId)) {
					if (superseded()) throw new Superseded();
					const from = store.length;
					store.appendBlock(block);
					validator.checkStored(from);
					if (announce) {
						announce = false;
						this.#post({ type: 'opened', id, draft: draftInfo(od), state: draftState(od) });
						resolve();
					}
					if (this.#now() - last > YIELD_EVERY_MS) {
						await nextTask();
						last = this.#now();
					}
				}
				if (superseded()) throw new Superseded();
				od.model = new DraftModel(validator.finish(), validator);
				if (announce) {
					this.#post({ type: 'opened', id, draft: draftInfo(od), state: draftState(od) });
					resolve();
				} else if (id !== 0) {
					this.#post({ type: 'changed', id: 0, state: draftState(od), changedRows: 0 });
				}
				this.#saveCounts(od);
				return od.model;
			})();
			od.loaded.catch(reject);
		});
		if (id !== 0) await announced;
		else await od.loaded;
		return od;
	}

	#countsTimer: ReturnType<typeof setTimeout> | null = null;

	/** Counts are written a moment after the last change, not in every edit's transaction. */
	#saveCountsSoon(od: OpenDraft): void {
		if (this.#countsTimer) clearTimeout(this.#countsTimer);
		this.#countsTimer = setTimeout(() => this.#saveCounts(od), COUNTS_DELAY_MS);
	}

	#saveCounts(od: OpenDraft): void {
		if (!od.model) return;
		const { rows, errorRows, warningRows } = od.model.counts();
		const c = od.meta.counts;
		if (c.rows === rows && c.errorRows === errorRows && c.warningRows === warningRows) return;
		od.meta.counts = { rows, errorRows, warningRows };
		// Derived data for the drafts list: recomputed on open if this write is lost.
		this.#repo.update(od.meta.id, { counts: od.meta.counts }).catch(() => undefined);
	}

	async #historyState(draftId: string): Promise<DraftState['history']> {
		return this.#repo.historyInfo(draftId);
	}

	#require(): OpenDraft {
		if (!this.#open) throw new Error('No draft is open.');
		return this.#open;
	}

	// ─── Rows and views ────────────────────────────────────────────────────────────────────

	async #setView(id: number, filter: RowFilter, search: string): Promise<void> {
		const od = this.#require();
		od.filter = filter;
		od.search = search;
		od.viewStale = true;
		if (filter !== 'all' || search.trim() !== '') await od.loaded;
		this.#post({ type: 'changed', id, state: draftState(od), changedRows: 0 });
	}

	async #rows(id: number, offset: number, limit: number): Promise<void> {
		const od = this.#require();
		// While a draft is still being checked, the first rows can be shown already when
		// nothing filters or hides rows.
		const early = readableEarly(od, offset + limit);
		if (!early) await od.loaded;
		const view = early ? null : currentView(od);
		const total = early ? od.meta.counts.rows : viewTotal(od);
		const rows: RowView[] = [];
		for (let k = offset; k < Math.min(total, offset + limit); k++) {
			const index = view ? (view[k] as number) : k;
			rows.push(rowView(od, index));
		}
		this.#post({ type: 'rows', id, total, offset, rows });
	}

	async #locate(id: number, index: number): Promise<void> {
		const od = this.#require();
		// While the rows are still being checked, a row already read is where it will stay
		// when nothing hides rows: reopening a big draft goes back to the row at once.
		const early = readableEarly(od, index + 1);
		if (early) {
			this.#post({ type: 'located', id, position: index });
			return;
		}
		await od.loaded;
		const view = currentView(od);
		let position = index;
		if (view) {
			// The first row at or after `index` (views are in row order).
			let lo = 0;
			let hi = view.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if ((view[mid] as number) < index) lo = mid + 1;
				else hi = mid;
			}
			position = Math.min(lo, Math.max(0, view.length - 1));
		}
		this.#post({ type: 'located', id, position });
	}

	// ─── Changes ───────────────────────────────────────────────────────────────────────────

	async #change(request: Request): Promise<void> {
		const od = this.#require();
		const model = await od.loaded;
		if (this.#open !== od) throw new Superseded();
		if (request.type === 'undo' || request.type === 'redo') {
			const result = await this.#repo.step(
				od.meta.id,
				request.type === 'undo' ? -1 : 1,
				this.#clock(),
				(patches) => guardSynced(model, patches),
			);
			if (!result) {
				this.#post({ type: 'changed', id: request.id, state: draftState(od), changedRows: 0 });
				return;
			}
			if (result.dateOrder !== model.dateOrder) model.setDateOrder(result.dateOrder);
			this.#take(model, result.rows);
			od.history = await this.#historyState(od.meta.id);
			this.#afterCommit(
				od,
				request.id,
				result.rows.map((r) => r.index),
				result.rows[0]?.index,
			);
			return;
		}
		if (request.type === 'markPrinted') return this.#markPrinted(od, model, request);
		if (request.type === 'sync') return this.#startSync(od, model, request);
		if (request.type === 'removePasswords') return this.#removePasswords(od, model, request.id);
		const plan = planChange(model, request, od.meta.status, {
			now: this.#clock(),
			random: this.#random,
		});
		if (!plan || (plan.changes.length === 0 && !plan.dateOrder)) {
			plan?.revert?.();
			this.#post({ type: 'changed', id: request.id, state: draftState(od), changedRows: 0 });
			return;
		}
		let result;
		try {
			result = await this.#repo.commit(
				od.meta.id,
				plan.patches ?? plan.changes.map((c) => c.after),
				{ label: plan.label, changes: plan.changes, dateOrder: plan.dateOrder },
				this.#clock(),
			);
		} catch (error) {
			plan.revert?.();
			if (error instanceof ConflictError) await this.#reload(od);
			throw error;
		}
		this.#take(model, result.rows);
		od.history = result.history ?? (await this.#historyState(od.meta.id));
		this.#afterCommit(
			od,
			request.id,
			result.rows.map((r) => r.index),
			plan.index,
		);
	}

	/** Takes committed rows into the open draft: cells, deleted mark and credential. */
	#take(model: DraftModel, rows: readonly MergedRow[]): void {
		for (const r of rows) {
			model.update(r.index, r.rec, r.deleted);
			model.setCredential(r.index, r.credential);
		}
	}

	async #markPrinted(
		od: OpenDraft,
		model: DraftModel,
		request: Extract<Request, { type: 'markPrinted' }>,
	): Promise<void> {
		const at = this.#clock();
		// Only rows that get a notice: a row with errors was never on paper.
		const patches = [...new Set(request.indexes)]
			.filter((i) => i < model.length && !model.isDeleted(i) && !model.hasError(i))
			.map((index) => ({ index, credential: { printedAt: at } }));
		if (patches.length === 0) {
			this.#post({ type: 'changed', id: request.id, state: draftState(od), changedRows: 0 });
			return;
		}
		const result = await this.#repo.commit(od.meta.id, patches, null, at);
		this.#take(model, result.rows);
		this.#afterCommit(
			od,
			request.id,
			result.rows.map((r) => r.index),
		);
	}

	/**
	 * Empties every stored password of the draft, deleted rows included, and drops its undo
	 * history in the same transaction: undo steps hold old and new passwords too.
	 */
	async #removePasswords(od: OpenDraft, model: DraftModel, id: number): Promise<void> {
		const waiting = await this.#outbox.forDraft(od.meta.id);
		if (waiting.length > 0)
			throw new Error(
				`${waiting.reduce((n, c) => n + c.rows.length, 0)} clients of this draft are still being sent to the platform, with their passwords. Remove the passwords once the sync has finished.`,
			);
		const at = this.#clock();
		const removed: Partial<Credential> = { origin: 'removed', setAt: at };
		const records = model.dataset.records;
		const patches = [];
		for (let index = 0; index < model.length; index++)
			if (records.field(index, 'initial_password') !== '')
				patches.push({ index, set: { initial_password: '' }, credential: removed });
		const result = await this.#repo.commit(od.meta.id, patches, null, at, {
			clearHistory: true,
		});
		this.#take(model, result.rows);
		od.history = await this.#historyState(od.meta.id);
		this.#afterCommit(
			od,
			id,
			result.rows.map((r) => r.index),
		);
	}

	// ─── Sync ──────────────────────────────────────────────────────────────────────────────

	/**
	 * Queues the rows without errors not sent yet as one batch: its chunks go to the outbox and
	 * its rows are locked in the same transaction, before anything is sent.
	 */
	async #startSync(
		od: OpenDraft,
		model: DraftModel,
		request: Extract<Request, { type: 'sync' }>,
	): Promise<void> {
		const records = model.dataset.records;
		const known = request.knownTags ? new Set(request.knownTags) : null;
		const rows: number[] = [];
		const unknownTags = new Set<string>();
		let heldBack = 0;
		for (let i = 0; i < model.length; i++) {
			if (model.isDeleted(i) || model.hasError(i) || records.credential(i).sync !== 'none')
				continue;
			// The server would reject a tag the organisation lacks: keep such rows back, and say so.
			if (known && records.tagCount(i) > 0) {
				const missing = (records.at(i) as ClientRecord).tags.filter((t) => !known.has(t));
				if (missing.length > 0) {
					heldBack++;
					for (const t of missing) if (unknownTags.size < 20) unknownTags.add(t);
					continue;
				}
			}
			rows.push(i);
		}
		let state = draftState(od);
		if (rows.length > 0) {
			const now = this.#clock();
			const chunks = buildBatch({
				draftId: od.meta.id,
				batchId: this.#newId(),
				rows,
				record: (i) => records.at(i) as ClientRecord,
				chunkSize: request.chunkSize ?? DEFAULT_CHUNK_SIZE,
				now,
				newKey: this.#newId,
			});
			const patches = rows.map((index) => ({
				index,
				credential: { sync: 'queued' as const, syncedAt: now },
			}));
			const result = await this.#repo.commit(od.meta.id, patches, null, now, {
				outbox: { put: chunks },
			});
			this.#take(model, result.rows);
			this.#afterCommit(
				od,
				0,
				result.rows.map((r) => r.index),
				undefined,
				true,
			);
			state = draftState(od);
		}
		this.#post({
			type: 'syncQueued',
			id: request.id,
			state,
			queued: rows.length,
			heldBack,
			unknownTags: [...unknownTags],
		});
		void this.#engine?.drain();
	}

	/** The server's answer to a chunk, into its draft's rows (open here or not). */
	async #applySync(chunk: OutboxRecord, outcome: ChunkOutcome): Promise<void> {
		const draft = await this.#repo.get(chunk.draftId);
		if (!draft) {
			await this.#outbox.remove(chunk.id);
			return;
		}
		const result = await this.#repo.commit(chunk.draftId, outcome.patches, null, this.#clock(), {
			outbox: { remove: [chunk.id] },
			syncIssues: { put: outcome.issues, remove: outcome.cleared },
		});
		this.#settled(chunk.draftId, result.rows, (od) => {
			for (const r of outcome.issues) od.syncIssues.set(r.index, r.issues);
			for (const i of outcome.cleared) od.syncIssues.delete(i);
		});
	}

	/** A chunk the server will never take: its rows are unlocked, to go in a later batch. */
	async #releaseChunk(chunk: OutboxRecord): Promise<void> {
		const draft = await this.#repo.get(chunk.draftId);
		if (!draft) {
			await this.#outbox.remove(chunk.id);
			return;
		}
		const patches = chunk.rows.map((index) => ({
			index,
			credential: { sync: 'none' as const, syncedAt: this.#clock() },
		}));
		const result = await this.#repo.commit(chunk.draftId, patches, null, this.#clock(), {
			outbox: { remove: [chunk.id] },
		});
		this.#settled(chunk.draftId, result.rows, () => undefined);
	}

	/** After a sync commit: the open draft takes the rows; other tabs hear of them either way. */
	#settled(draftId: string, rows: MergedRow[], update: (od: OpenDraft) => void): void {
		const od = this.#open;
		if (od?.meta.id === draftId && od.model) {
			this.#take(od.model, rows);
			update(od);
			this.#afterCommit(
				od,
				0,
				rows.map((r) => r.index),
				undefined,
				true,
			);
			return;
		}
		this.#sync?.announce({
			draftId,
			blocks: [...new Set(rows.map((r) => Math.floor(r.index / BLOCK_SIZE)))],
		});
	}

	async #notices(request: Extract<Request, { type: 'notices' }>): Promise<void> {
		const od = this.#require();
		const model = await od.loaded;
		const records = model.dataset.records;
		const candidates =
			request.choice === 'selected'
				? [...new Set(request.indexes ?? [])].filter((i) => i < model.length).sort((a, b) => a - b)
				: Array.from({ length: model.length }, (_, i) => i);
		const notices = [];
		let withErrors = 0;
		let removed = 0;
		let registered = 0;
		for (const index of candidates) {
			if (model.isDeleted(index)) continue;
			const credential = records.credential(index);
			if (request.choice === 'pending' && credential.printedAt > 0) continue;
			if (model.hasError(index)) {
				withErrors++;
				if (credential.origin === 'removed') removed++;
				continue;
			}
			if (credential.sync === 'exists') {
				registered++;
				continue;
			}
			const rec = records.at(index) as ClientRecord;
			notices.push({
				index,
				row: rec.row,
				first_name: rec.first_name,
				last_name: rec.last_name,
				email_address: rec.email_address,
				initial_password: rec.initial_password,
			});
		}
		this.#post({ type: 'notices', id: request.id, notices, withErrors, removed, registered });
	}

	#afterCommit(od: OpenDraft, id: number, indexes: number[], index?: number, bySync = false): void {
		od.viewStale = true;
		this.#saveCountsSoon(od);
		this.#sync?.announce({
			draftId: od.meta.id,
			blocks: [...new Set(indexes.map((i) => Math.floor(i / BLOCK_SIZE)))],
		});
		this.#post({
			type: 'changed',
			id,
			state: draftState(od),
			changedRows: indexes.length,
			...(index === undefined ? {} : { index }),
			...(bySync ? { bySync } : {}),
		});
	}

	/** Reads the open draft again from storage (after a conflict with another tab). */
	async #reload(od: OpenDraft): Promise<void> {
		this.#open = null;
		const fresh = await this.#openDraft(od.meta.id, od.today, 0);
		this.#post({ type: 'changed', id: 0, state: draftState(fresh), changedRows: 0 });
	}

	/** Another tab committed a change to a draft: take the stored rows it touched. */
	async #external(message: DraftChangeMessage): Promise<void> {
		const od = this.#open;
		if (!od || od.meta.id !== message.draftId) return;
		const model = await od.loaded;
		if (this.#open !== od) return;
		const meta = await this.#repo.get(od.meta.id);
		if (!meta) return;
		od.meta = meta;
		if (meta.dateOrder !== model.dateOrder) model.setDateOrder(meta.dateOrder);
		const blocks = [...message.blocks].sort((a, b) => a - b);
		const stored = await this.#repo.readBlocks(meta.id, blocks);
		let changed = 0;
		blocks.forEach((b, k) => {
			const data = stored[k];
			if (!data) return;
			const theirs = RecordStore.fromBlocks([data]);
			for (let j = 0; j < theirs.length; j++) {
				const index = b * BLOCK_SIZE + j;
				const rec = theirs.at(j) as ClientRecord;
				const deleted = theirs.isDeleted(j);
				if (index < model.length) {
					const mine = model.dataset.records.at(index) as ClientRecord;
					if (
						model.isDeleted(index) === deleted &&
						!diffRecords(index, mine, rec) &&
						mine.row === rec.row &&
						sameCredential(model.dataset.records.credential(index), theirs.credential(j))
					)
						continue;
				} else if (index > model.length) continue;
				model.update(index, rec, deleted);
				model.setCredential(index, theirs.credential(j));
				changed++;
			}
		});
		od.viewStale = true;
		od.history = await this.#historyState(meta.id);
		this.#post({ type: 'changed', id: 0, state: draftState(od), changedRows: changed });
	}

	// ─── Export and copies ─────────────────────────────────────────────────────────────────

	async #export(id: number, kind: 'clean' | 'attention', draftId?: string): Promise<void> {
		let od = this.#open;
		if (draftId && od?.meta.id !== draftId) {
			const today = od?.today ?? new Date().toISOString().slice(0, 10).replaceAll('-', '');
			od = await this.#openDraft(draftId, today, 0, false);
		}
		if (!od) throw new Error('No draft is open.');
		const model = await od.loaded;
		const parts = exportParts(model.dataset, kind, model.flags);
		if (kind === 'clean') {
			// "Remove passwords from this device" is offered once the clean file is out.
			od.meta.exportedAt = this.#clock();
			await this.#repo.update(od.meta.id, { exportedAt: od.meta.exportedAt });
		}
		const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
		const fileName = `${baseName(od.meta.source.fileName)}-${kind === 'clean' ? 'ready' : 'needs-attention'}.csv`;
		this.#post({ type: 'exported', id, blob, rows: parts.length - 1, fileName });
	}

	async #duplicate(id: number, draftId: string, name: string): Promise<void> {
		const copy = await this.#repo.duplicate(draftId, {
			id: this.#newId(),
			name,
			now: this.#clock(),
		});
		this.#post({ type: 'duplicated', id, draftId: copy.id });
	}
}
