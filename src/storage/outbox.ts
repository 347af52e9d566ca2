// The sync outbox: chunks of a batch waiting for the import API, and the server's reasons for
// rejected rows. The only code that writes the outbox and syncIssues tables. The worker does,
// but for one page write: purging a draft deleted for good drops its chunks and reasons too (the
// engine then finds the draft gone, and retryLater on a chunk no longer there changes nothing).
// A chunk is written and removed with the rows it locks or settles, so those writes take the
// caller's transaction (DraftRepository.commit opens it over rows, outbox and issues, and it
// commits or fails as one); the sync engine records each attempt through retryLater.
import type { TXWithTables } from 'dexie';
import type { OutboxRecord, RosterDB, SyncIssueRecord } from './db.ts';
import { explainStorageError } from './errors.ts';

/** A transaction that includes the outbox and syncIssues tables. */
export type OutboxTransaction = Pick<TXWithTables<RosterDB>, 'outbox' | 'syncIssues'>;

/** Chunks written (a new batch) or removed (answered, or given up). */
export interface OutboxChanges {
	put?: OutboxRecord[];
	remove?: string[];
}

/** The server's reasons for rejected rows of one draft, set or cleared (by row index). */
export interface SyncIssueChanges {
	put?: SyncIssueRecord[];
	remove?: number[];
}

export class OutboxRepository {
	#db: RosterDB;

	constructor(db: RosterDB) {
		this.#db = db;
	}

	async #run<T>(work: () => Promise<T>): Promise<T> {
		try {
			return await work();
		} catch (error) {
			throw explainStorageError(error);
		}
	}

	/** Every chunk waiting, oldest batch first, in chunk order. */
	async all(): Promise<OutboxRecord[]> {
		const all = await this.#db.outbox.orderBy('createdAt').toArray();
		return all.sort((a, b) => a.createdAt - b.createdAt || a.index - b.index);
	}

	forDraft(draftId: string): Promise<OutboxRecord[]> {
		return this.#db.outbox.where('draftId').equals(draftId).toArray();
	}

	get(id: string): Promise<OutboxRecord | undefined> {
		return this.#db.outbox.get(id);
	}

	/**
	 * Writes and removes chunks and rejection reasons inside the caller's transaction, side by
	 * side: the returned requests settle with it (the caller awaits them with its own writes).
	 */
	write(
		tx: OutboxTransaction,
		draftId: string,
		outbox: OutboxChanges = {},
		syncIssues: SyncIssueChanges = {},
	): Promise<unknown>[] {
		const writes: Promise<unknown>[] = [];
		if (outbox.put?.length) writes.push(tx.outbox.bulkPut(outbox.put));
		if (outbox.remove?.length) writes.push(tx.outbox.bulkDelete(outbox.remove));
		if (syncIssues.put?.length) writes.push(tx.syncIssues.bulkPut(syncIssues.put));
		if (syncIssues.remove?.length)
			writes.push(
				tx.syncIssues.bulkDelete(syncIssues.remove.map((i) => [draftId, i] as [string, number])),
			);
		return writes;
	}

	/** Drops every chunk and rejection reason of a draft removed for good, in its transaction. */
	async removeDraft(tx: OutboxTransaction, draftId: string): Promise<void> {
		await tx.outbox.where('draftId').equals(draftId).delete();
		await tx.syncIssues
			.where('[draftId+index]')
			.between([draftId, 0], [draftId, Infinity])
			.delete();
	}

	/** Drops a chunk whose draft is gone. */
	remove(id: string): Promise<void> {
		return this.#run(() => this.#db.outbox.delete(id));
	}

	/** Every rejected row's reasons for a draft (few: loaded when the draft opens). */
	async allIssues(draftId: string): Promise<SyncIssueRecord[]> {
		return this.#db.syncIssues
			.where('[draftId+index]')
			.between([draftId, 0], [draftId, Infinity])
			.toArray();
	}

	/** Records a failed attempt: when to try again and why it did not go through. */
	retryLater(id: string, nextAt: number, lastError: string): Promise<void> {
		return this.#run(async () => {
			await this.#db.outbox.update(id, {
				nextAt,
				lastError,
				attempts: ((await this.#db.outbox.get(id))?.attempts ?? 0) + 1,
			});
		});
	}

	/** Sends every waiting chunk at the next chance ("Sync now"). */
	wakeAll(now: number): Promise<void> {
		return this.#run(async () => {
			await this.#db.outbox.toCollection().modify((c) => {
				if (c.nextAt > now) c.nextAt = now;
			});
		});
	}

	/** The server's reasons for the rejected rows among `indexes`. */
	async issues(draftId: string, indexes: readonly number[]): Promise<Map<number, SyncIssueRecord>> {
		const found = await this.#db.syncIssues.bulkGet(
			indexes.map((i) => [draftId, i] as [string, number]),
		);
		const out = new Map<number, SyncIssueRecord>();
		for (const r of found) if (r) out.set(r.index, r);
		return out;
	}
}
