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
// writers so that rename and delete work on the home screen while the worker is busy importing.
import type { TXWithTables } from 'dexie';
import type { SealedBlock } from '../core/record-store.ts';
import type { RowPatch } from '../core/row-patch.ts';
import type { DateOrder } from '../core/dates.ts';
import type { BlockRecord, DraftRecord, HistoryRecord, RosterDB } from './db.ts';
import { byBlock, patchBlock, type MergedRow } from './block-patch.ts';
import { parseDraftRecord } from './draft-record.ts';
import { explainStorageError } from './errors.ts';
import { NO_HISTORY, type HistoryInfo } from '../core/draft-types.ts';
import {
	addStep,
	clearSteps,
	historyInfoOf,
	type HistoryBounds,
	type NewHistory,
} from './history.ts';
import { OutboxRepository, type OutboxChanges, type SyncIssueChanges } from './outbox.ts';

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

export interface CommitOptions {
	/** Drops every undo step of the draft (they hold the values the change removes). */
	clearHistory?: boolean;
	/** Other draft fields to set in the same transaction. */
	draft?: Partial<DraftRecord>;
	/** Sync chunks written (a new batch) or removed (answered) with the rows they lock or settle. */
	outbox?: OutboxChanges;
	/** The server's reasons for rejected rows, set or cleared with the rows. */
	syncIssues?: SyncIssueChanges;
}

export interface CommitResult {
	rows: MergedRow[];
	/** Undo/redo state after a commit that added a step (null: read it with historyInfo). */
	history: HistoryInfo | null;
	/** The history entry undone or redone, if any. */
	entry?: HistoryRecord;
	historyHead: number;
	dateOrder: DateOrder | null;
}

export class DraftRepository {
	#db: RosterDB;
	#outbox: OutboxRepository;

	constructor(db: RosterDB) {
		this.#db = db;
		this.#outbox = new OutboxRepository(db);
	}

	get db(): RosterDB {
		return this.#db;
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
			await this.#db.drafts.put(draft);
		});
	}

	async get(id: string): Promise<DraftRecord | undefined> {
		const value = await this.#db.drafts.get(id);
		return value === undefined ? undefined : parseDraft(value);
	}

	/** Drafts not deleted, last edited first. */
	async list(): Promise<DraftRecord[]> {
		const all = await this.#db.drafts.orderBy('updatedAt').reverse().toArray();
		// One unreadable record must not hide every other draft.
		return all.flatMap((value) => {
			const parsed = parseDraftRecord(value);
			return parsed.ok && parsed.draft.deletedAt === null ? [parsed.draft] : [];
		});
	}

	update(id: string, changes: Partial<DraftRecord>): Promise<void> {
		return this.#run(async () => {
			await this.#db.drafts.update(id, changes);
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

	/** Removes drafts deleted before `before` (ms), with their rows and history. */
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
				],
				async (tx) => {
					const gone = (await this.#db.drafts.toArray()).filter(
						(d) => d.deletedAt !== null && d.deletedAt !== undefined && d.deletedAt < before,
					);
					for (const d of gone) await this.#remove(tx, d.id);
					return gone.length;
				},
			),
		);
	}

	async #remove(tx: TXWithTables<RosterDB>, id: string): Promise<void> {
		await this.#db.blocks.where('[draftId+index]').between([id, 0], [id, Infinity]).delete();
		await this.#db.history.where('[draftId+seq]').between([id, 0], [id, Infinity]).delete();
		await this.#db.historyChanges.where('[draftId+seq]').between([id, 0], [id, Infinity]).delete();
		await this.#outbox.removeDraft(tx, id);
		await this.#db.drafts.delete(id);
	}

	/** Copies a draft's rows under a new id and name (the history stays with the original). */
	duplicate(id: string, copy: { id: string; name: string; now: number }): Promise<DraftRecord> {
		return this.#run(async () => {
			const source = await this.get(id);
			if (!source) throw new Error('That draft no longer exists.');
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
			};
			// Copied page by page: one transaction per page keeps memory flat on big drafts,
			// and the copy is listed only once every block is in.
			for (let from = 0; ; from += READ_PAGE) {
				const page = await this.#blockPage(id, from);
				if (page.length === 0) break;
				await this.#db.blocks.bulkPut(page.map((b) => ({ ...b, draftId: copy.id })));
			}
			await this.#db.drafts.put(draft);
			return draft;
		});
	}

	#blockPage(id: string, from: number): Promise<BlockRecord[]> {
		return this.#db.blocks
			.where('[draftId+index]')
			.between([id, from], [id, from + READ_PAGE], true, false)
			.toArray();
	}

	/** Every block of a draft in order, a page at a time. */
	async *blocks(id: string): AsyncGenerator<BlockRecord> {
		for (let from = 0; ; from += READ_PAGE) {
			const page = await this.#blockPage(id, from);
			if (page.length === 0) return;
			yield* page;
			if (page.length < READ_PAGE) return;
		}
	}

	readBlocks(id: string, indexes: readonly number[]): Promise<(BlockRecord | undefined)[]> {
		return this.#db.blocks.bulkGet(indexes.map((i) => [id, i] as [string, number]));
	}

	/** Saves blocks as an import streams, with the draft's progress, in one transaction. */
	saveBlocks(id: string, blocks: SealedBlock[], firstIndex: number, changes: Partial<DraftRecord>) {
		return this.#run(() =>
			this.#db.transaction('rw', this.#db.drafts, this.#db.blocks, async () => {
				await this.#db.blocks.bulkPut(
					blocks.map((b, k) => ({ ...b, draftId: id, index: firstIndex + k })),
				);
				await this.#db.drafts.update(id, changes);
			}),
		);
	}

	/** Reads the blocks the patches touch (step 1 of 2: reads run together). */
	#readFor(id: string, patches: readonly RowPatch[]) {
		const groups = byBlock(patches);
		const keys = [...groups.keys()];
		return { groups, keys, stored: this.readBlocks(id, keys) };
	}

	/** Merges the patches into the blocks read (step 2): returns the puts and the merged rows. */
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
	 * records the undo step, and resolves once the transaction committed. Requests inside run
	 * side by side: each one is a round trip to the browser's storage process.
	 */
	commit(
		id: string,
		patches: RowPatch[],
		history: NewHistory | null,
		now: number,
		options: CommitOptions = {},
	) {
		const db = this.#db;
		return this.#run(() =>
			db.transaction(
				'rw',
				[db.drafts, db.blocks, db.history, db.historyChanges, db.outbox, db.syncIssues],
				async (tx): Promise<CommitResult> => {
					const read = this.#readFor(id, patches);
					const [found, stored] = await Promise.all([db.drafts.get(id), read.stored]);
					if (!found) throw new Error('That draft no longer exists.');
					const draft = parseDraft(found);
					const { puts, rows } = this.#merge(id, read.groups, read.keys, stored);
					const dateOrder = history?.dateOrder ? history.dateOrder.after : draft.dateOrder;
					const writes: Promise<unknown>[] = [db.blocks.bulkPut(puts)];
					let bounds: HistoryBounds = draft;
					let info: HistoryInfo | null = null;
					if (history) {
						const added = addStep(tx, id, draft, history, now);
						writes.push(...added.writes);
						({ bounds, info } = added);
					}
					if (options.clearHistory) {
						writes.push(...clearSteps(tx, id));
						bounds = { historyHead: 0, historyStart: 0, historyEnd: 0 };
					}
					writes.push(...this.#outbox.write(tx, id, options.outbox, options.syncIssues));
					writes.push(
						db.drafts.put({
							...draft,
							...options.draft,
							updatedAt: now,
							historyHead: bounds.historyHead,
							historyStart: bounds.historyStart,
							historyEnd: bounds.historyEnd,
							dateOrder,
						}),
					);
					await Promise.all(writes);
					return { rows, historyHead: bounds.historyHead, dateOrder, history: info };
				},
			),
		);
	}

	/** Undoes (`direction` -1) or redoes (+1) one step; resolves to null when there is none. */
	step(
		id: string,
		direction: -1 | 1,
		now: number,
		/** Throws to refuse the step (rows that may no longer change); nothing is written then. */
		guard?: (patches: readonly RowPatch[]) => void,
	) {
		const db = this.#db;
		return this.#run(() =>
			db.transaction(
				'rw',
				[db.drafts, db.blocks, db.history, db.historyChanges],
				async (): Promise<CommitResult | null> => {
					const found = await db.drafts.get(id);
					if (!found) return null;
					const draft = parseDraft(found);
					const seq = direction === -1 ? draft.historyHead - 1 : draft.historyHead;
					if (seq < 0) return null;
					const [entry, body] = await Promise.all([
						db.history.get([id, seq]),
						db.historyChanges.get([id, seq]),
					]);
					if (!entry || !body) return null;
					const patches = body.changes.map((c) => (direction === -1 ? c.before : c.after));
					guard?.(patches);
					// Undo puts rows back in reverse order, so an added row is removed last.
					if (direction === -1) patches.reverse();
					const read = this.#readFor(id, patches);
					const stored = await read.stored;
					const { puts, rows } = this.#merge(id, read.groups, read.keys, stored);
					const historyHead = draft.historyHead + direction;
					const dateOrder = entry.dateOrder
						? direction === -1
							? entry.dateOrder.before
							: entry.dateOrder.after
						: draft.dateOrder;
					await Promise.all([
						db.blocks.bulkPut(puts),
						db.drafts.put({ ...draft, updatedAt: now, historyHead, dateOrder }),
					]);
					return { rows, entry, historyHead, dateOrder, history: null };
				},
			),
		);
	}

	/** How many steps can be undone and redone, and what the next ones are. */
	async historyInfo(id: string): Promise<HistoryInfo> {
		const draft = await this.get(id);
		return draft ? historyInfoOf(this.#db, id, draft) : { ...NO_HISTORY };
	}
}
