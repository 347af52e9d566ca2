// The only code that reads and writes drafts: their metadata, row blocks and undo history.
//
// Who writes these tables. The worker creates drafts (import, duplicate) and writes their rows,
// undo history and draft fields; a commit's outbox and syncIssues writes go through
// OutboxRepository in the commit's transaction. The page writes three fields of a draft: the
// name (rename, with updatedAt) and deletedAt (delete, restore) from DraftsList, and position
// from main.ts; and it purges drafts deleted for good (the worker too, for an import cancelled
// before its first rows). Two writers are safe: each page write is a Dexie update of its own
// fields, and each worker write updates its own fields or re-reads the record in the same
// transaction before it puts it back whole (commit, step). IndexedDB runs read-write
// transactions on a table one at a time, so neither side writes back a stale copy of the
// other's field, and the worker re-reads the record when it opens a draft. They stay two
// writers so that delete works on the home screen while the worker is busy importing.
//
// With the passphrase lock on, records are sealed (sealing.ts) with keys only the worker holds:
// the page's repository has no vault and touches only fields kept in clear (position,
// deletedAt) and deletes; the worker renames. A change to rows reads, decrypts, merges,
// encrypts and then writes, in two transactions under the draft's Web Lock (exclusive.ts).
import type { Table, TXWithTables } from 'dexie';
import type { SealedBlock } from '../core/record-store.ts';
import type { RowPatch } from '../core/row-patch.ts';
import type { DateOrder } from '../core/dates.ts';
import type {
	BlockRecord,
	DraftRecord,
	HistoryChangesRecord,
	EditRecord,
	HistoryRecord,
	RosterDB,
	SentBatchRecord,
} from './db.ts';
import { byBlock, patchBlock, type MergedRow } from './block-patch.ts';
import { checkStoredDraft, parseDraftRecord } from './draft-record.ts';
import { explainStorageError } from './errors.ts';
import { NO_HISTORY, type HistoryInfo } from '../core/draft-types.ts';
import {
	addStep,
	clearSteps,
	historyInfoOf,
	stepRecords,
	type HistoryBounds,
	type StepRecords,
	type NewHistory,
} from './history.ts';
import {
	OutboxRepository,
	sealOutbox,
	type OutboxChanges,
	type SealedOutboxChanges,
	type SyncIssueChanges,
} from './outbox.ts';
import { isSealed, openRecord, sealRecord, SEALED_FIELDS, type MaybeSealed } from './sealing.ts';
import { WrittenBlocks } from './written-blocks.ts';
import { openedBlock, storedBlock, type StoredBlock } from './block-lengths.ts';
import { applyEdits, EditLog, fitsLog, LOG_MAX_ROWS, type BlocksRead } from './edit-log.ts';
import type { Vault } from './vault.ts';
import { exclusive } from './exclusive.ts';
import { KnownRows, newRowsStamp } from './known-rows.ts';
import { syncCode } from '../core/credentials.ts';
import { m } from '../i18n/messages.ts';

export { HISTORY_LIMIT, type NewHistory } from './history.ts';
export { ConflictError, patchBlock, type MergedRow } from './block-patch.ts';

/** Blocks read per request when a draft is opened. */
const READ_PAGE = 32;

/** A stored draft, parsed: throws a DamagedDraftError that says what is wrong with it. */
function parseDraft(value: unknown): DraftRecord {
	const parsed = parseDraftRecord(value);
	if (!parsed.ok) throw parsed.error;
	return parsed.draft;
}

type StoredDraft = MaybeSealed<DraftRecord>;
const SECRET_DRAFT_FIELDS: ReadonlySet<string> = new Set(SEALED_FIELDS.drafts);
const touchesSecret = (changes: object) =>
	Object.keys(changes).some((k) => SECRET_DRAFT_FIELDS.has(k));

const QUEUED = syncCode('queued');
const NOT_SENT = syncCode('none');

/**
 * A block as a copy takes it: rows a batch of the original holds are in no batch of the copy,
 * so they are not sent yet there (written so in the copy's blocks, before it is listed).
 */
function unqueued(block: BlockRecord): BlockRecord {
	const sync = block.credentials?.sync;
	if (!sync?.includes(QUEUED)) return block;
	return {
		...block,
		credentials: { ...block.credentials, sync: sync.map((c) => (c === QUEUED ? NOT_SENT : c)) },
	} as BlockRecord;
}

/** The draft as stored now, with fields the page writes (position, delete) as they are now. */
function withPageFields(prepared: StoredDraft, current: StoredDraft): StoredDraft {
	return {
		...prepared,
		position: current.position,
		deletedAt: current.deletedAt,
		// Not the page's, but written meanwhile as well: a stale stamp would vouch for old rows.
		rowsStamp: current.rowsStamp,
	} as StoredDraft;
}

export interface CommitOptions {
	/** Drops every undo step of the draft (they hold the values the change removes). */
	clearHistory?: boolean;
	/** Other draft fields to set in the same transaction. */
	draft?: Partial<DraftRecord>;
	/** Sync chunks written (a new batch) or removed (answered) with the rows they lock or settle. */
	outbox?: OutboxChanges;
	/** The server's reasons for rejected rows, set or cleared with the rows. */
	syncIssues?: SyncIssueChanges;
	/** Emails the platform accepted, recorded with the rows they settle (sent-emails.ts). */
	sentEmails?: SentBatchRecord[];
}

export interface CommitResult {
	rows: MergedRow[];
	/** Undo/redo state after a commit that added a step (null: read it with historyInfo). */
	history: HistoryInfo | null;
	/** The history entry undone or redone, if any. */
	entry?: HistoryRecord;
	historyHead: number;
	dateOrder: DateOrder | null;
	/** Rows now in the edit log of the fullest block this change logged to (0: none logged). */
	pendingEdits?: number;
}

/** A change's writes, prepared before its transaction: logged rows, or whole blocks. */
interface Prepared {
	rows: MergedRow[];
	keys: number[];
	puts: MaybeSealed<StoredBlock>[];
	edits: MaybeSealed<EditRecord>[];
	pendingEdits: number;
}

type RosterTransaction = TXWithTables<RosterDB>;

/** What a commit read and prepared before its writes (DraftRepository's #commitRead). */
interface CommitRead {
	found: StoredDraft;
	bounds: HistoryBounds;
	draftChanges: Partial<DraftRecord>;
	change: Prepared;
	step: StepRecords | null;
	outbox: SealedOutboxChanges;
	prepared: StoredDraft | null;
	dateOrder: DateOrder | null;
}

/** Dexie's and IndexedDB's errors for a transaction that closed while work still ran in it. */
function isClosedTransaction(error: unknown): boolean {
	const name = (error as { name?: unknown } | null)?.name;
	return name === 'PrematureCommitError' || name === 'TransactionInactiveError';
}

export class DraftRepository {
	#db: RosterDB;
	#outbox: OutboxRepository;
	#vault: Vault | null;
	/** Blocks this worker sealed or opened last, by the IV they were sealed with: an edit reads
	 * its block again without decrypting it. */
	#written = new WrittenBlocks();
	/** Rows edited since their block was written (edit-log.ts); every read applies them. */
	#edits: EditLog;
	/** The blocks an edit read or wrote last, while no one else has changed the draft's rows. */
	#known = new KnownRows();

	/** `vault`: the worker's; the page has none (it reads no sealed field). */
	constructor(db: RosterDB, vault: Vault | null = null) {
		this.#db = db;
		this.#vault = vault;
		this.#outbox = new OutboxRepository(db, vault);
		this.#edits = new EditLog(db, vault);
	}

	get db(): RosterDB {
		return this.#db;
	}

	get vault(): Vault | null {
		return this.#vault;
	}

	/**
	 * Changes to sealed fields are merged into the opened record and sealed again while the lock
	 * is on (also while it is being turned on or off: a record may be sealed); with no lock,
	 * nothing is sealed and the fields are simply written.
	 */
	#resealFor(changes: object): boolean {
		return this.#vault?.enabled === true && touchesSecret(changes);
	}

	/** A stored draft opened and parsed. */
	async #open(value: StoredDraft): Promise<DraftRecord> {
		return parseDraft(await openRecord<DraftRecord>(this.#vault, 'drafts', value));
	}

	#seal(draft: DraftRecord): Promise<StoredDraft> {
		return sealRecord(this.#vault, 'drafts', draft);
	}

	/** The block as stored now (sealed while the lock is on). */
	async #sealBlock(block: BlockRecord): Promise<MaybeSealed<StoredBlock>> {
		const stored = await sealRecord(this.#vault, 'blocks', storedBlock(block));
		if (isSealed(stored)) this.#written.remember(block, stored.sealed.iv);
		return stored;
	}

	async #openBlock(stored: MaybeSealed<StoredBlock>): Promise<BlockRecord> {
		if (!isSealed(stored))
			return openedBlock(await openRecord<StoredBlock>(this.#vault, 'blocks', stored));
		if (!this.#vault?.unlocked) this.#written.clear();
		const iv = stored.sealed.iv;
		const known = this.#written.find(stored as StoredBlock, iv);
		if (known) return known;
		// Kept as if written: edits that go to the edit log read the same block again and again.
		const block = openedBlock(await openRecord<StoredBlock>(this.#vault, 'blocks', stored));
		this.#written.remember(block, iv);
		return block;
	}

	async #run<T>(work: () => Promise<T>): Promise<T> {
		try {
			return await work();
		} catch (error) {
			throw explainStorageError(error);
		}
	}

	create(draft: DraftRecord): Promise<void> {
		return this.#run(async () => {
			await this.#db.drafts.put(await this.#seal(draft));
		});
	}

	async get(id: string): Promise<DraftRecord | undefined> {
		const value = await this.#db.drafts.get(id);
		return value === undefined ? undefined : this.#open(value);
	}

	/** A draft is stored and not deleted (read without a key: the page asks it at start). */
	async exists(id: string): Promise<boolean> {
		const value = await this.#db.drafts.get(id);
		return value !== undefined && value.deletedAt === null;
	}

	/**
	 * Something that changes whenever a draft is written (a live query over it tells the page to
	 * ask the worker for the list again): when each draft was last written, and its delete mark.
	 */
	async changeMark(): Promise<string> {
		const all = await this.#db.drafts.toArray();
		return all
			.map(
				(d) =>
					`${String(d.id)}:${d.updatedAt}:${d.deletedAt}:${d.status}:${d.fileRows}:${JSON.stringify(d.counts)}`,
			)
			.join(',');
	}

	/** Drafts not deleted, last edited first. */
	async list(): Promise<DraftRecord[]> {
		const all = await this.#db.drafts.orderBy('updatedAt').reverse().toArray();
		const kept = all.filter((d) => d.deletedAt === null);
		// One unreadable record must not hide every other draft.
		const opened = await Promise.all(
			kept.map((value) => openRecord<DraftRecord>(this.#vault, 'drafts', value).catch(() => null)),
		);
		return opened.flatMap((value) => {
			const parsed = value ? parseDraftRecord(value) : null;
			return parsed?.ok ? [parsed.draft] : [];
		});
	}

	/**
	 * Every stored draft's id and family (the draft its first copy was made from; its own id if
	 * none), the bin's too. Both are kept in clear: nothing is decrypted, and a damaged record
	 * elsewhere does not stop the wipe.
	 */
	async families(): Promise<{ id: string; family: string }[]> {
		const all = await this.#db.drafts.toArray();
		return all.map((d) => ({ id: String(d.id), family: d.family ?? String(d.id) }));
	}

	update(id: string, changes: Partial<DraftRecord>): Promise<void> {
		return this.#run(async () => {
			if (!this.#resealFor(changes)) {
				await this.#db.drafts.update(id, changes);
				return;
			}
			await exclusive(id, async () => {
				const found = await this.#db.drafts.get(id);
				if (!found) return;
				const prepared = await this.#seal({ ...(await this.#open(found)), ...changes });
				const db = this.#db;
				await db.transaction('rw', db.drafts, async () => {
					const current = await db.drafts.get(id);
					if (current) await db.drafts.put(withPageFields(prepared, current));
				});
			});
		});
	}

	rename(id: string, name: string, now: number): Promise<void> {
		return this.update(id, { name, updatedAt: now });
	}

	/** Hides a draft; `purgeDeleted` removes it for good once Undo is no longer offered. */
	softDelete(id: string, now: number): Promise<void> {
		return this.update(id, { deletedAt: now });
	}

	restore(id: string): Promise<void> {
		return this.update(id, { deletedAt: null });
	}

	/** Removes drafts deleted before `before` (ms), with their rows, history and key. */
	purgeDeleted(before: number): Promise<number> {
		return this.#run(() =>
			this.#db.transaction(
				'rw',
				[
					this.#db.drafts,
					this.#db.blocks,
					this.#db.history,
					this.#db.historyChanges,
					this.#db.outbox,
					this.#db.syncIssues,
					this.#db.keys,
					this.#db.edits,
				],
				async (tx) => {
					const gone = (await this.#db.drafts.toArray()).filter(
						(d) => d.deletedAt !== null && d.deletedAt !== undefined && d.deletedAt < before,
					);
					for (const d of gone) await this.#remove(tx, String(d.id));
					return gone.length;
				},
			),
		);
	}

	async #remove(tx: TXWithTables<RosterDB>, id: string): Promise<void> {
		this.#known.forget(id);
		await this.#db.blocks.where('[draftId+index]').between([id, 0], [id, Infinity]).delete();
		await this.#edits.dropDraft(id);
		await this.#db.history.where('[draftId+seq]').between([id, 0], [id, Infinity]).delete();
		await this.#db.historyChanges.where('[draftId+seq]').between([id, 0], [id, Infinity]).delete();
		await this.#outbox.removeDraft(tx, id);
		await this.#db.drafts.delete(id);
		// With the lock on, what might be left of the draft anywhere can no longer be decrypted.
		await this.#db.keys.delete(id);
		this.#vault?.forgetCached(id);
	}

	/** Copies a draft's rows under a new id and name (the history stays with the original). */
	duplicate(id: string, copy: { id: string; name: string; now: number }): Promise<DraftRecord> {
		// Under the copy's lock: a wipe meanwhile does not take its blocks for leftovers.
		return this.#run(() => exclusive(copy.id, () => this.#copy(id, copy)));
	}

	async #copy(id: string, copy: { id: string; name: string; now: number }): Promise<DraftRecord> {
		const source = await this.get(id);
		if (!source) throw new Error(m.draft_storage_gone());
		const draft: DraftRecord = {
			...source,
			id: copy.id,
			name: copy.name,
			createdAt: copy.now,
			updatedAt: copy.now,
			historyHead: 0,
			historyStart: 0,
			historyEnd: 0,
			position: 0,
			deletedAt: null,
			family: source.family ?? source.id,
		};
		// Copied page by page: one transaction per page keeps memory flat on big drafts,
		// and the copy is listed only once every block is in. With the lock on, the copy
		// has a key of its own: each block is opened and sealed again.
		for (let from = 0; ; from += READ_PAGE) {
			const page = await this.#blockPage(id, from);
			if (page.length === 0) break;
			const opened = await this.#openPage(id, from, page);
			const sealed = await Promise.all(
				opened.map((b) => this.#sealBlock({ ...unqueued(b), draftId: copy.id })),
			);
			await this.#db.blocks.bulkPut(sealed);
		}
		await this.#db.drafts.put(await this.#seal(draft));
		return draft;
	}

	#blockPage(id: string, from: number): Promise<MaybeSealed<StoredBlock>[]> {
		return this.#db.blocks
			.where('[draftId+index]')
			.between([id, from], [id, from + READ_PAGE], true, false)
			.toArray();
	}

	/** A page of blocks opened, with their edit log applied. */
	async #openPage(id: string, from: number, page: MaybeSealed<StoredBlock>[]) {
		const [opened, pending] = await Promise.all([
			Promise.all(page.map((b) => this.#openBlock(b))),
			this.#edits.pending(id, from, from + READ_PAGE),
		]);
		return opened.map((b) => applyEdits(b, pending.get(b.index)));
	}

	/** Every block of a draft in order, a page at a time, with its edit log applied. */
	async *blocks(id: string): AsyncGenerator<BlockRecord> {
		for (let from = 0; ; from += READ_PAGE) {
			const page = await this.#blockPage(id, from);
			if (page.length === 0) return;
			yield* await this.#openPage(id, from, page);
			if (page.length < READ_PAGE) return;
		}
	}

	/** Blocks as stored, opened, without their edit log. */
	async #readStored(id: string, indexes: readonly number[]) {
		const stored = await this.#db.blocks.bulkGet(indexes.map((i) => [id, i] as [string, number]));
		return Promise.all(stored.map((b) => (b ? this.#openBlock(b) : undefined)));
	}

	/** Blocks with their edit log applied. */
	async readBlocks(id: string, indexes: readonly number[]): Promise<(BlockRecord | undefined)[]> {
		const [stored, pending] = await Promise.all([
			this.#readStored(id, indexes),
			this.#edits.pendingOf(id, indexes),
		]);
		return stored.map((b) => b && applyEdits(b, pending.get(b.index)));
	}

	/** Saves blocks as an import streams, with the draft's progress, in one transaction. */
	saveBlocks(id: string, blocks: SealedBlock[], firstIndex: number, changes: Partial<DraftRecord>) {
		return this.#run(async () => {
			const db = this.#db;
			const [puts, prepared] = await Promise.all([
				Promise.all(
					blocks.map((b, k) => this.#sealBlock({ ...b, draftId: id, index: firstIndex + k })),
				),
				this.#resealFor(changes) ? this.#withChanges(id, changes) : null,
			]);
			this.#known.forget(id);
			await db.transaction('rw', db.drafts, db.blocks, async () => {
				await db.blocks.bulkPut(puts);
				const current = await db.drafts.get(id);
				if (!current) return;
				const draft = prepared
					? withPageFields(prepared, current)
					: ({ ...current, ...changes } as StoredDraft);
				await db.drafts.put({ ...draft, rowsStamp: newRowsStamp() } as StoredDraft);
			});
		});
	}

	/** The stored draft with `changes`, sealed as stored now (null: it is gone). */
	async #withChanges(id: string, changes: Partial<DraftRecord>): Promise<StoredDraft | null> {
		const found = await this.#db.drafts.get(id);
		return found ? this.#seal({ ...(await this.#open(found)), ...changes }) : null;
	}

	/** Reads and opens the blocks the patches touch, and their edit log. */
	async #readFor(id: string, patches: readonly RowPatch[]): Promise<BlocksRead> {
		const groups = byBlock(patches);
		const keys = [...groups.keys()];
		const [stored, pending] = await Promise.all([
			this.#readStored(id, keys),
			this.#edits.pendingOf(id, keys),
		]);
		return { groups, keys, stored, pending };
	}

	/**
	 * A change's writes: when `log` and every row is in its block, the rows go to the edit log;
	 * otherwise the blocks are merged with their log applied and sealed whole (#writes drops the
	 * log they took in).
	 */
	async #prepare(id: string, read: BlocksRead, log: boolean): Promise<Prepared> {
		const { groups, keys, stored, pending } = read;
		const logged = log ? await this.#edits.logged(id, read) : null;
		if (logged) return { ...logged, keys, puts: [] };
		const applied = keys.map((b, k) => {
			const block = stored[k];
			return block && applyEdits(block, pending.get(b));
		});
		const { puts, rows } = this.#merge(id, groups, keys, applied);
		const sealed = await Promise.all(puts.map((b) => this.#sealBlock(b)));
		return { rows, keys, puts: sealed, edits: [], pendingEdits: 0 };
	}

	/** The writes of a prepared change, in the caller's transaction (with blocks and edits). */
	#writes(id: string, prepared: Prepared): Promise<unknown>[] {
		if (prepared.edits.length > 0) return [this.#edits.write(prepared.edits)];
		return [this.#db.blocks.bulkPut(prepared.puts), ...this.#edits.drop(id, prepared.keys)];
	}

	/**
	 * Folds the draft's edit log into its blocks (edit-log.ts): every block with at least
	 * `atLeast` logged rows, in one transaction. Returns how many blocks were folded.
	 */
	foldEdits(id: string, atLeast = 1): Promise<number> {
		return this.#run(() =>
			exclusive(id, () => {
				// The blocks and log change as stored (not the rows they make): read again after.
				this.#known.forget(id);
				return this.#edits.fold(
					id,
					atLeast,
					(blocks) => this.readBlocks(id, blocks),
					(block) => this.#sealBlock(block),
				);
			}),
		);
	}

	/** Merges the patches into the blocks read: returns the blocks to put and the merged rows. */
	#merge(
		id: string,
		groups: Map<number, RowPatch[]>,
		keys: number[],
		stored: (SealedBlock | undefined)[],
	): { puts: BlockRecord[]; rows: MergedRow[] } {
		const rows: MergedRow[] = [];
		const puts: BlockRecord[] = [];
		keys.forEach((b, k) => {
			const { block, rows: merged } = patchBlock(stored[k], b, groups.get(b) as RowPatch[]);
			puts.push({ ...block, draftId: id, index: b });
			rows.push(...merged);
		});
		return { puts, rows };
	}

	/**
	 * Applies patches on top of what is stored (so another tab's changes to other cells stay),
	 * records the undo step, and resolves once the write committed. Under the draft's lock: the
	 * blocks are read and opened, merged and sealed, then written with the history, outbox and
	 * draft fields, which commit or fail as one (#readThenWrite).
	 */
	commit(
		id: string,
		patches: RowPatch[],
		history: NewHistory | null,
		now: number,
		options: CommitOptions = {},
	): Promise<CommitResult> {
		const db = this.#db;
		const tables = [
			db.drafts,
			db.blocks,
			db.history,
			db.historyChanges,
			db.outbox,
			db.syncIssues,
			db.edits,
			...(options.sentEmails?.length ? [db.sentBatches] : []),
		];
		return this.#run(() =>
			exclusive(id, () =>
				this.#readThenWrite(
					tables,
					patches.length <= LOG_MAX_ROWS,
					(inTransaction) => this.#commitRead(id, patches, history, now, options, inTransaction),
					(tx, read, inRead) => this.#commitWrite(tx, id, read, inRead, now, options),
				).catch((error: unknown) => {
					// What the failed transaction noted as written never was.
					this.#known.forget(id);
					throw error;
				}),
			),
		);
	}

	/**
	 * Runs a change's reads and preparation, then its writes. For a change of a few rows
	 * (`small`) while the lock is off, there is nothing to open or seal in between, and both run
	 * in one read-write transaction: an edit then waits on fewer round trips to the database
	 * (docs/decisions.md, "an edit in one transaction"). While the lock is on, Web Crypto is
	 * asynchronous and a transaction does not stay open across it; and a change over many
	 * blocks would hold the tables for as long as it merges them. Then the reads run before the
	 * writes' transaction. `write` is told which: in the reads' transaction, what they found is
	 * still current.
	 */
	async #readThenWrite<R, T>(
		tables: Table[],
		small: boolean,
		read: (inTransaction: boolean) => Promise<R>,
		write: (tx: RosterTransaction, read: R, inReadTransaction: boolean) => Promise<T>,
	): Promise<T> {
		const db = this.#db;
		if (small && !this.#vault?.enabled) {
			try {
				return await db.transaction('rw', tables, async (tx) => write(tx, await read(true), true));
			} catch (error) {
				// Another tab turned the lock on meanwhile, and opening a sealed record outlasted
				// the transaction: nothing was written, so the two-transaction way runs instead.
				if (!isClosedTransaction(error)) throw error;
			}
		}
		const r = await read(false);
		return db.transaction('rw', tables, (tx) => write(tx, r, false));
	}

	/**
	 * The draft record and the blocks the patches touch with their log. In the commit's own
	 * transaction (`inTransaction`), blocks known under the stamp the record still has are not
	 * read again (known-rows.ts); what is read is noted for the next edit.
	 */
	async #readDraftAndBlocks(
		id: string,
		patches: readonly RowPatch[],
		inTransaction: boolean,
	): Promise<[StoredDraft | undefined, BlocksRead]> {
		if (!inTransaction) return Promise.all([this.#db.drafts.get(id), this.#readFor(id, patches)]);
		const groups = byBlock(patches);
		const keys = [...groups.keys()];
		const known = this.#known.find(id, keys);
		let found: StoredDraft | undefined;
		let read: BlocksRead;
		if (known) {
			found = await this.#db.drafts.get(id);
			if (found?.rowsStamp === known.stamp)
				return [found, { groups, keys, stored: known.stored, pending: known.pending }];
			read = await this.#readFor(id, patches);
		} else [found, read] = await Promise.all([this.#db.drafts.get(id), this.#readFor(id, patches)]);
		this.#known.read(id, found?.rowsStamp, keys, read.stored, read.pending);
		return [found, read];
	}

	/** What a commit reads and prepares before it writes. */
	async #commitRead(
		id: string,
		patches: RowPatch[],
		history: NewHistory | null,
		now: number,
		options: CommitOptions,
		inTransaction: boolean,
	): Promise<CommitRead> {
		const [found, read] = await this.#readDraftAndBlocks(id, patches, inTransaction);
		if (!found) throw new Error(m.draft_storage_gone());
		checkStoredDraft(found);
		const bounds: HistoryBounds = {
			historyHead: found.historyHead ?? 0,
			historyStart: found.historyStart ?? 0,
			historyEnd: found.historyEnd ?? 0,
		};
		const draftChanges = options.draft ?? {};
		const [change, step, outbox, prepared] = await Promise.all([
			this.#prepare(id, read, fitsLog(patches, options)),
			history ? stepRecords(this.#vault, id, bounds, history, now) : null,
			sealOutbox(this.#vault, options.outbox, options.syncIssues),
			this.#resealFor(draftChanges) ? this.#withChanges(id, draftChanges) : null,
		]);
		const dateOrder = history?.dateOrder ? history.dateOrder.after : (found.dateOrder ?? null);
		return { found, bounds, draftChanges, change, step, outbox, prepared, dateOrder };
	}

	/**
	 * A commit's writes, in its transaction; the draft record is read again unless the reads ran
	 * in the same transaction (`inRead`), as the page may have changed its own fields meanwhile.
	 */
	async #commitWrite(
		tx: RosterTransaction,
		id: string,
		read: CommitRead,
		inRead: boolean,
		now: number,
		options: CommitOptions,
	): Promise<CommitResult> {
		const db = this.#db;
		const { bounds: bounds0, draftChanges, change, step, outbox, prepared, dateOrder } = read;
		const current = inRead ? read.found : await db.drafts.get(id);
		if (!current) throw new Error(m.draft_storage_gone());
		const writes: Promise<unknown>[] = this.#writes(id, change);
		let bounds = bounds0;
		let info: HistoryInfo | null = null;
		if (step) {
			const added = addStep(tx, id, bounds0, step);
			writes.push(...added.writes);
			({ bounds, info } = added);
		}
		if (options.clearHistory) {
			writes.push(...clearSteps(tx, id));
			bounds = { historyHead: 0, historyStart: 0, historyEnd: 0 };
		}
		writes.push(...this.#outbox.write(tx, id, outbox));
		if (options.sentEmails?.length) writes.push(db.sentBatches.bulkAdd(options.sentEmails));
		const base = prepared ? withPageFields(prepared, current) : current;
		const rowsStamp = newRowsStamp();
		writes.push(
			db.drafts.put({
				...base,
				...(prepared ? {} : draftChanges),
				updatedAt: now,
				historyHead: bounds.historyHead,
				historyStart: bounds.historyStart,
				historyEnd: bounds.historyEnd,
				dateOrder,
				rowsStamp,
			} as StoredDraft),
		);
		await Promise.all(writes);
		// Only the one transaction read what it changed: the two-transaction way noted nothing.
		if (inRead && !change.edits.some(isSealed))
			this.#known.wrote(
				id,
				rowsStamp,
				change.edits as EditRecord[],
				change.puts.length ? change.keys : [],
			);
		else this.#known.forget(id);
		return {
			rows: change.rows,
			historyHead: bounds.historyHead,
			dateOrder,
			history: info,
			pendingEdits: change.pendingEdits,
		};
	}

	/** Undoes (`direction` -1) or redoes (+1) one step; resolves to null when there is none. */
	step(
		id: string,
		direction: -1 | 1,
		now: number,
		/** Throws to refuse the step (rows that may no longer change); nothing is written then. */
		guard?: (patches: readonly RowPatch[]) => void,
	): Promise<CommitResult | null> {
		const db = this.#db;
		return this.#run(() =>
			exclusive(id, async () => {
				this.#known.forget(id);
				const found = await db.drafts.get(id);
				if (!found) return null;
				checkStoredDraft(found);
				const head = found.historyHead ?? 0;
				const seq = direction === -1 ? head - 1 : head;
				if (seq < 0) return null;
				const [storedEntry, storedBody] = await Promise.all([
					db.history.get([id, seq]),
					db.historyChanges.get([id, seq]),
				]);
				if (!storedEntry || !storedBody) return null;
				const [entry, body] = await Promise.all([
					openRecord<HistoryRecord>(this.#vault, 'history', storedEntry),
					openRecord<HistoryChangesRecord>(this.#vault, 'historyChanges', storedBody),
				]);
				const patches = body.changes.map((c) => (direction === -1 ? c.before : c.after));
				guard?.(patches);
				// Undo puts rows back in reverse order, so an added row is removed last.
				if (direction === -1) patches.reverse();
				const change = await this.#prepare(id, await this.#readFor(id, patches), fitsLog(patches));
				const historyHead = head + direction;
				const dateOrder = entry.dateOrder
					? direction === -1
						? entry.dateOrder.before
						: entry.dateOrder.after
					: (found.dateOrder ?? null);
				await db.transaction('rw', [db.drafts, db.blocks, db.edits], async () => {
					const current = await db.drafts.get(id);
					if (!current) throw new Error(m.draft_storage_gone());
					await Promise.all([
						...this.#writes(id, change),
						db.drafts.put({
							...current,
							updatedAt: now,
							historyHead,
							dateOrder,
							rowsStamp: newRowsStamp(),
						} as StoredDraft),
					]);
				});
				const { rows, pendingEdits } = change;
				return { rows, entry, historyHead, dateOrder, history: null, pendingEdits };
			}),
		);
	}

	/**
	 * Rewrites every block of a draft through `change` (null: unchanged), a page at a time, under
	 * the draft's lock; returns the rows `change` said it changed. Memory stays flat: each page is
	 * written in its own transaction.
	 */
	rewriteBlocks(
		id: string,
		change: (block: BlockRecord) => { block: SealedBlock; rows: MergedRow[] } | null,
	): Promise<MergedRow[]> {
		const db = this.#db;
		return this.#run(() =>
			exclusive(id, async () => {
				this.#known.forget(id);
				const rows: MergedRow[] = [];
				for (let from = 0; ; from += READ_PAGE) {
					const page = await this.#blockPage(id, from);
					if (page.length === 0) break;
					const opened = await this.#openPage(id, from, page);
					const puts: MaybeSealed<StoredBlock>[] = [];
					for (const block of opened) {
						const changed = change(block);
						if (!changed) continue;
						rows.push(...changed.rows);
						puts.push(await this.#sealBlock({ ...changed.block, draftId: id, index: block.index }));
					}
					// The blocks took their edit log in: it goes with them.
					if (puts.length > 0)
						await db.transaction('rw', db.drafts, db.blocks, db.edits, () =>
							Promise.all([
								db.blocks.bulkPut(puts),
								...this.#edits.drop(
									id,
									puts.map((b) => Number(b.index)),
								),
								db.drafts.update(id, { rowsStamp: newRowsStamp() }),
							]),
						);
					if (page.length < READ_PAGE) break;
				}
				return rows;
			}),
		);
	}

	/** Drops a draft's undo history (its steps hold old values, passwords among them). */
	clearHistory(id: string): Promise<void> {
		const db = this.#db;
		return this.#run(() =>
			exclusive(id, () =>
				db.transaction('rw', [db.drafts, db.history, db.historyChanges], async (tx) => {
					await Promise.all(clearSteps(tx, id));
					await db.drafts.update(id, { historyHead: 0, historyStart: 0, historyEnd: 0 });
				}),
			),
		);
	}

	/**
	 * Deletes blocks whose draft record does not exist: what a duplicate cut off half-way left
	 * (a copy writes its record last). Returns how many blocks went.
	 */
	removeOrphanBlocks(): Promise<number> {
		const db = this.#db;
		return this.#run(async () => {
			const keys = (await db.blocks.toCollection().primaryKeys()) as [string, number][];
			const owners = [...new Set(keys.map(([draftId]) => draftId))];
			const found = await db.drafts.bulkGet(owners);
			const orphans = owners.filter((_, k) => found[k] === undefined);
			let removed = 0;
			for (const id of orphans)
				// A copy being made holds its lock: by the time it is free, its record is there.
				removed += await exclusive(id, async () =>
					(await db.drafts.get(id))
						? 0
						: db.blocks.where('[draftId+index]').between([id, 0], [id, Infinity]).delete(),
				);
			return removed;
		});
	}

	/** How many steps can be undone and redone, and what the next ones are. */
	async historyInfo(id: string): Promise<HistoryInfo> {
		const found = await this.#db.drafts.get(id);
		if (!found) return { ...NO_HISTORY };
		return historyInfoOf(this.#db, this.#vault, id, {
			historyHead: found.historyHead ?? 0,
			historyStart: found.historyStart ?? 0,
			historyEnd: found.historyEnd ?? 0,
		});
	}
}
