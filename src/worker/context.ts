// What every handler of the draft worker shares: storage, the clock and randomness, the draft
// that is open, the one queue that runs changes in order, and the steps that follow a commit.
// The worker is the only writer of a draft's rows, history and outbox (see src/storage/).
import { DraftModel } from '../core/draft-model.ts';
import { NO_HISTORY } from '../core/draft-types.ts';
import { cryptoRandom, type RandomSource } from '../core/password.ts';
import { BLOCK_SIZE, RecordStore } from '../core/record-store.ts';
import { Validator } from '../core/validate.ts';
import type { DraftRecord } from '../storage/db.ts';
import type { DraftRepository, MergedRow } from '../storage/drafts.ts';
import { OutboxRepository } from '../storage/outbox.ts';
import { MappingRepository } from '../storage/mappings.ts';
import { SettingsRepository } from '../storage/settings.ts';
import type { Vault } from '../storage/vault.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { nextTask } from './blob-source.ts';
import { draftInfo, draftState, openDraft, type OpenDraft } from './open-draft.ts';
import { checkSentElsewhere } from './sent-elsewhere.ts';
import type { Changed, Emit, Result } from './protocol.ts';

export type { Changed };
import { SyncEventPacer } from './sync-pacing.ts';
import type { TabChannel } from './tab-channel.ts';
import type { DraftState } from './views.ts';
import { listCredentials, sameListCredentials } from './list-counts.ts';
import { m } from '../i18n/messages.ts';

const YIELD_EVERY_MS = 30;
const COUNTS_DELAY_MS = 1000;

/** A call the pro has moved on from (another draft was opened meanwhile): answered `cancelled`. */
export class Superseded extends Error {
	constructor() {
		super(m.draft_superseded());
		this.name = 'Superseded';
	}
}

export interface ContextOptions {
	repo: DraftRepository;
	emit: Emit;
	/** Wall clock for stored times. */
	clock?: () => number;
	/** Monotonic time for pacing. */
	now?: () => number;
	newId?: () => string;
	/** Randomness for generated passwords (default: the platform CSPRNG). */
	random?: RandomSource;
	/** Tells other tabs about committed changes (null: no other tabs, e.g. in tests). */
	tabs?: TabChannel | null;
	/** Tells other tabs' workers that the lock changed (null: no other tabs). */
	lockChannel?: LockChannel | null;
}

/** The tabs' workers tell each other when one locks, or turns the lock on or off. */
export interface LockChannel {
	post(): void;
	listen(onLocked: () => void): void;
}

/**
 * How a draft is opened: `show` answers once its first rows are checked (the rest follow as a
 * `changed` event); `quiet` waits for every row and says nothing; `detached` reads it for an
 * export without closing the draft the pro has open.
 */
export type OpenMode = 'show' | 'quiet' | 'detached';

export class DraftContext {
	readonly repo: DraftRepository;
	readonly outbox: OutboxRepository;
	/** The column mappings the pro confirmed, by header key. */
	readonly mappings: MappingRepository;
	/** The settings the worker reads and those holding a secret, which only it writes. */
	readonly settings: SettingsRepository;
	/** The passphrase lock's keys (null: no lock, as in most tests). */
	readonly vault: Vault | null;
	readonly lockChannel: LockChannel | null;
	readonly emit: Emit;
	readonly clock: () => number;
	readonly now: () => number;
	readonly newId: () => string;
	readonly random: RandomSource;
	readonly tabs: TabChannel | null;
	/** The import API's engine, once the sync handlers made one. */
	engine: SyncEngine | null = null;
	/** Imports running, by call id, to cancel them. */
	readonly running = new Map<number, AbortController>();
	/** The draft the page has open. */
	open: OpenDraft | null = null;
	/** What a sync tells the page (answers' row changes, the engine's status), paced. */
	readonly syncEvents: SyncEventPacer;
	#queue: Promise<unknown> = Promise.resolve();
	#countsTimer: ReturnType<typeof setTimeout> | null = null;
	#countsPending: OpenDraft | null = null;

	constructor(options: ContextOptions) {
		this.repo = options.repo;
		this.vault = options.repo.vault;
		this.outbox = new OutboxRepository(options.repo.db, this.vault);
		this.mappings = new MappingRepository(options.repo.db, this.vault);
		this.settings = new SettingsRepository(options.repo.db, this.vault);
		this.lockChannel = options.lockChannel ?? null;
		this.emit = options.emit;
		this.clock = options.clock ?? (() => Date.now());
		this.now = options.now ?? (() => performance.now());
		this.newId = options.newId ?? (() => crypto.randomUUID());
		this.random = options.random ?? cryptoRandom;
		this.tabs = options.tabs ?? null;
		this.syncEvents = new SyncEventPacer({
			changed: (draftId, changedRows, within) => {
				// Another draft opened meanwhile, or this one is being read again: its open or
				// reload says the state.
				const od = this.open;
				if (od?.meta.id === draftId && od.model)
					this.emit('changed', { state: draftState(od), changedRows, bySync: true, within });
			},
			status: (status) => this.emit('syncStatus', status),
			now: this.now,
			setTimer: (run, ms) => setTimeout(run, ms),
			clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
		});
	}

	/** Changes run one after another, in the order the pro made them. */
	serial<T>(work: () => Promise<T>): Promise<T> {
		const next = this.#queue.then(work);
		this.#queue = next.catch(() => undefined);
		return next;
	}

	require(): OpenDraft {
		if (!this.open) throw new Error(m.draft_no_open());
		return this.open;
	}

	/** The open draft with every row checked (a draft opened meanwhile supersedes the call). */
	async loaded(): Promise<{ od: OpenDraft; model: DraftModel }> {
		const od = this.require();
		const model = await od.loaded;
		if (this.open !== od) throw new Superseded();
		return { od, model };
	}

	history(draftId: string): Promise<DraftState['history']> {
		return this.repo.historyInfo(draftId);
	}

	/** Makes a freshly imported draft the open one. */
	adopt(meta: DraftRecord, today: string, model: DraftModel, validator: Validator): OpenDraft {
		const od = openDraft({
			meta,
			today,
			store: model.dataset.records,
			validator,
			model,
			loaded: Promise.resolve(model),
			history: { ...NO_HISTORY },
			syncIssues: new Map(),
		});
		this.open = od;
		return od;
	}

	/** Opens a draft (see OpenMode); an open draft of the same day is re-used. */
	async load(draftId: string, today: string, mode: OpenMode): Promise<OpenDraft> {
		const adopt = mode !== 'detached';
		if (adopt && this.open?.meta.id === draftId && this.open.today === today) {
			const od = this.open;
			od.meta = (await this.repo.get(draftId)) ?? od.meta;
			return od;
		}
		const meta = await this.repo.get(draftId);
		if (!meta || meta.deletedAt !== null) throw new Error(m.draft_gone());
		const store = new RecordStore();
		const validator = Validator.over(store, meta.header, {
			today,
			dateOrder: meta.dateOrder,
			keepDateOrder: true,
			// Held like the date order: `M` read as male at import stays male on every reopen.
			genderConvention: meta.genderConvention ?? null,
			expectedRows: meta.counts.rows,
		});
		for (const issue of meta.fileIssues) validator.addFileIssue(issue);
		const od = openDraft({
			meta,
			today,
			store,
			validator,
			model: null,
			loaded: Promise.resolve(null as unknown as DraftModel),
			history: await this.history(draftId),
			syncIssues: new Map(
				(await this.outbox.allIssues(draftId)).map((r) => [r.index, r.issues] as const),
			),
		});
		if (adopt) this.open = od;
		const superseded = () => adopt && this.open !== od;
		let announce = mode === 'show';
		const shown = new Promise<void>((resolve, reject) => {
			od.loaded = (async () => {
				let last = this.now();
				for await (const block of this.repo.blocks(draftId)) {
					if (superseded()) throw new Superseded();
					const from = store.length;
					store.appendBlock(block);
					validator.checkStored(from);
					if (announce) {
						announce = false;
						resolve();
						// The answer to `open` goes out before anything this load says later.
						await nextTask();
						last = this.now();
					}
					if (this.now() - last > YIELD_EVERY_MS) {
						await nextTask();
						last = this.now();
					}
				}
				if (superseded()) throw new Superseded();
				od.model = new DraftModel(validator.finish(), validator);
				if (announce) resolve();
				else if (mode === 'show') this.emit('changed', { state: draftState(od), changedRows: 0 });
				void this.#saveCounts(od);
				return od.model;
			})();
			od.loaded.catch(reject);
		});
		// Only `show` waits on it; otherwise a failed load is reported through `od.loaded` alone.
		shown.catch(() => undefined);
		if (mode === 'show') await shown;
		else await od.loaded;
		return od;
	}

	opened(od: OpenDraft): Result<'open'> {
		void checkSentElsewhere(this, od);
		return { draft: draftInfo(od), state: draftState(od) };
	}

	/**
	 * Takes committed rows into the open draft: cells, deleted mark and credential. Returns the
	 * rows whose issues may have changed: those taken, and those sharing an email or external ID
	 * with them before or after.
	 */
	take(model: DraftModel, rows: readonly MergedRow[]): number[] {
		const touched = new Set<number>();
		for (const r of rows) {
			for (const t of model.update(r.index, r.rec, r.deleted)) touched.add(t);
			model.setCredential(r.index, r.credential);
		}
		return [...touched];
	}

	/**
	 * Takes rows of a commit that changed only their credential (a batch queued, a sync answer,
	 * a chunk taken back, notices marked printed): no rule reads the credential, so their cells
	 * are not checked again (a tenth of the worker's time per answered chunk went there). A row
	 * whose deleted mark differs is taken whole.
	 */
	takeCredentials(model: DraftModel, rows: readonly MergedRow[]): void {
		for (const r of rows) {
			if (r.index >= model.dataset.records.length || model.isDeleted(r.index) !== r.deleted)
				model.update(r.index, r.rec, r.deleted);
			model.setCredential(r.index, r.credential);
		}
	}

	/**
	 * After a commit to the open draft: its view is stale, its counts are saved soon, other tabs
	 * hear which blocks changed. Returns what the caller answers; with `event`, the page hears it
	 * as a `changed` event too (a change no call of the page asked for).
	 */
	afterCommit(
		od: OpenDraft,
		indexes: readonly number[],
		options: { index?: number | undefined; event?: 'quiet' } = {},
	): Changed {
		this.#committed(od, indexes);
		const changed: Changed = {
			state: draftState(od),
			changedRows: indexes.length,
			...(options.index === undefined ? {} : { index: options.index }),
		};
		if (options.event)
			this.emit('changed', { state: changed.state, changedRows: changed.changedRows });
		return changed;
	}

	/**
	 * After a sync commit to the open draft (an answer, a release, a cancel, a batch queued):
	 * as afterCommit, but the page hears of it through the pacer (sync-pacing.ts), at most ten
	 * times a second.
	 */
	afterSyncCommit(od: OpenDraft, indexes: readonly number[]): void {
		this.#committed(od, indexes);
		const within = withinOf(indexes);
		if (within) this.syncEvents.rowsChanged(od.meta.id, indexes.length, within[0], within[1]);
	}

	/** Any commit to the open draft: its view is stale, counts saved soon, other tabs told. */
	#committed(od: OpenDraft, indexes: readonly number[]): void {
		od.viewStale = true;
		this.#saveCountsSoon(od);
		this.announce(od.meta.id, indexes);
	}

	/** Nothing changed: the draft's state as it is. */
	unchanged(od: OpenDraft): Changed {
		return { state: draftState(od), changedRows: 0 };
	}

	/** Tells other tabs which blocks of a draft changed. */
	announce(draftId: string, indexes: readonly number[]): void {
		this.tabs?.announce({
			draftId,
			blocks: [...new Set(indexes.map((i) => Math.floor(i / BLOCK_SIZE)))],
		});
	}

	/** Reads the open draft again from storage (after a conflict with another tab). */
	async reload(od: OpenDraft): Promise<void> {
		this.open = null;
		const fresh = await this.load(od.meta.id, od.today, 'quiet');
		// Another draft opened meanwhile: the page no longer shows this one.
		if (this.open === fresh) this.emit('changed', { state: draftState(fresh), changedRows: 0 });
	}

	/** Counts are written a moment after the last change, not in every edit's transaction. */
	#saveCountsSoon(od: OpenDraft): void {
		if (this.#countsTimer) clearTimeout(this.#countsTimer);
		this.#countsPending = od;
		this.#countsTimer = setTimeout(() => void this.flushCounts(), COUNTS_DELAY_MS);
	}

	/** Saves the counts a change left waiting now (the pro left the draft: the list shows them). */
	flushCounts(): Promise<void> {
		if (this.#countsTimer) clearTimeout(this.#countsTimer);
		this.#countsTimer = null;
		const od = this.#countsPending;
		this.#countsPending = null;
		return od ? this.#saveCounts(od) : Promise.resolve();
	}

	#saveCounts(od: OpenDraft): Promise<void> {
		if (!od.model) return Promise.resolve();
		const { rows, errorRows, warningRows } = od.model.counts();
		const credentials = listCredentials(od.model.credentialCounts());
		const c = od.meta.counts;
		if (
			c.rows === rows &&
			c.errorRows === errorRows &&
			c.warningRows === warningRows &&
			sameListCredentials(c.credentials, credentials)
		)
			return Promise.resolve();
		od.meta.counts = { rows, errorRows, warningRows, credentials };
		// Derived data for the drafts list: recomputed on open if this write is lost.
		return this.repo.update(od.meta.id, { counts: od.meta.counts }).catch(() => undefined);
	}
}

/** The first and last of `indexes` (none when empty). */
function withinOf(indexes: readonly number[]): [number, number] | null {
	if (indexes.length === 0) return null;
	let lo = Infinity;
	let hi = -Infinity;
	for (const i of indexes) {
		if (i < lo) lo = i;
		if (i > hi) hi = i;
	}
	return [lo, hi];
}
