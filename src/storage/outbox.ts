// The sync outbox: chunks of a batch waiting for the import API, and the server's reasons for
// rejected rows. The only code that writes the outbox and syncIssues tables. The worker does,
// but for one page write: purging a draft deleted for good drops its chunks and reasons too (the
// engine then finds the draft gone, and retryLater on a chunk no longer there changes nothing).
// A chunk is written and removed with the rows it locks or settles, so those writes take the
// caller's transaction (DraftRepository.commit opens it over rows, outbox and issues, and it
// commits or fails as one); the sync engine records each attempt through retryLater.
import type { TXWithTables } from 'dexie';
import type { OutboxRecord, RosterDB, SyncIssueRecord } from './db.ts';
import type { ApiIssue } from '../core/import-api.ts';
import { explainStorageError } from './errors.ts';
import { openRecord, sealRecord, type MaybeSealed } from './sealing.ts';
import type { Vault } from './vault.ts';

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

/** Outbox and syncIssues changes sealed as stored now, ready for the commit's transaction. */
export interface SealedOutboxChanges {
	outbox: { put?: MaybeSealed<OutboxRecord>[]; remove?: string[] };
	syncIssues: { put?: MaybeSealed<SyncIssueRecord>[]; remove?: number[] };
}

/** Seals what a commit writes to the outbox and syncIssues (before its transaction). */
export async function sealOutbox(
	vault: Vault | null,
	outbox: OutboxChanges = {},
	syncIssues: SyncIssueChanges = {},
): Promise<SealedOutboxChanges> {
	const [chunks, issues] = await Promise.all([
		outbox.put ? Promise.all(outbox.put.map((c) => sealRecord(vault, 'outbox', c))) : undefined,
		syncIssues.put
			? Promise.all(syncIssues.put.map((r) => sealRecord(vault, 'syncIssues', r)))
			: undefined,
	]);
	return {
		outbox: {
			...(chunks ? { put: chunks } : {}),
			...(outbox.remove ? { remove: outbox.remove } : {}),
		},
		syncIssues: {
			...(issues ? { put: issues } : {}),
			...(syncIssues.remove ? { remove: syncIssues.remove } : {}),
		},
	};
}

/**
 * Removes the rejection reasons of rows `indexes` that have any. Every accepted row of an answer
 * asks for its old reasons to go, but few rows ever had one: deleting only the keys that exist
 * costs one key read instead of a delete request per row (500 per chunk, 1.1 s of the worker's
 * time per 20,000 clients synced in Chromium).
 */
async function clearIssues(
	tx: OutboxTransaction,
	draftId: string,
	indexes: readonly number[],
): Promise<void> {
	const wanted = new Set(indexes);
	const stored = await tx.syncIssues
		.where('[draftId+index]')
		.between([draftId, 0], [draftId, Infinity])
		.primaryKeys();
	const gone = stored.filter((key) => wanted.has(key[1]));
	if (gone.length > 0) await tx.syncIssues.bulkDelete(gone);
}

/** Oldest batch first, then in chunk order: the order the engine sends them. */
export function inSendingOrder(a: OutboxRecord, b: OutboxRecord): number {
	return a.createdAt - b.createdAt || a.index - b.index;
}

export class OutboxRepository {
	#db: RosterDB;
	#vault: Vault | null;

	constructor(db: RosterDB, vault: Vault | null = null) {
		this.#db = db;
		this.#vault = vault;
	}

	#openChunk(stored: MaybeSealed<OutboxRecord>): Promise<OutboxRecord> {
		return openRecord<OutboxRecord>(this.#vault, 'outbox', stored);
	}

	#openIssues(stored: MaybeSealed<SyncIssueRecord>): Promise<SyncIssueRecord> {
		return openRecord<SyncIssueRecord>(this.#vault, 'syncIssues', stored);
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
		return (await this.waiting([])).others;
	}

	/**
	 * Every chunk waiting but chunks `held` (by id: their caller holds them as they were written,
	 * and a batch just queued is 100,000 clients to read back), oldest batch first, in chunk
	 * order; and which of `held` still wait untried. A held chunk an engine has tried since it
	 * was written (this tab's or another's: its attempts, next time and error changed) is read
	 * back with the others. With some held, keys first, then the records wanted.
	 */
	async waiting(held: readonly string[]): Promise<{ others: OutboxRecord[]; held: Set<string> }> {
		const db = this.#db;
		const kept = new Set<string>();
		const stored =
			held.length === 0
				? await db.outbox.toArray()
				: await db.transaction('r', db.outbox, async () => {
						const [keys, tried] = await Promise.all([
							db.outbox.toCollection().primaryKeys(),
							db.outbox.where('attempts').above(0).primaryKeys(),
						]);
						const skip = new Set(held);
						for (const id of tried) skip.delete(id);
						for (const k of keys) if (skip.has(k)) kept.add(k);
						return db.outbox.bulkGet(keys.filter((k) => !kept.has(k)));
					});
		const others = await Promise.all(stored.flatMap((c) => (c ? [this.#openChunk(c)] : [])));
		return { others: others.sort(inSendingOrder), held: kept };
	}

	async forDraft(draftId: string): Promise<OutboxRecord[]> {
		const stored = await this.#db.outbox.where('draftId').equals(draftId).toArray();
		return Promise.all(stored.map((c) => this.#openChunk(c)));
	}

	/**
	 * Whether the chunk still waits, from its key alone: a send asks before each request, and
	 * reading the chunk for that copied (and, under the lock, opened) its clients each time.
	 */
	async has(id: string): Promise<boolean> {
		return (await this.#db.outbox.where(':id').equals(id).count()) > 0;
	}

	async get(id: string): Promise<OutboxRecord | undefined> {
		const stored = await this.#db.outbox.get(id);
		return stored ? this.#openChunk(stored) : undefined;
	}

	/**
	 * Writes and removes chunks and rejection reasons inside the caller's transaction, side by
	 * side: the returned requests settle with it (the caller awaits them with its own writes).
	 */
	write(tx: OutboxTransaction, draftId: string, changes: SealedOutboxChanges): Promise<unknown>[] {
		const { outbox, syncIssues } = changes;
		const writes: Promise<unknown>[] = [];
		if (outbox.put?.length) writes.push(tx.outbox.bulkPut(outbox.put));
		if (outbox.remove?.length) writes.push(tx.outbox.bulkDelete(outbox.remove));
		if (syncIssues.put?.length) writes.push(tx.syncIssues.bulkPut(syncIssues.put));
		if (syncIssues.remove?.length) writes.push(clearIssues(tx, draftId, syncIssues.remove));
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
		const stored = await this.#db.syncIssues
			.where('[draftId+index]')
			.between([draftId, 0], [draftId, Infinity])
			.toArray();
		return Promise.all(stored.map((r) => this.#openIssues(r)));
	}

	/** Removes the server's reasons that `drop` picks from a draft's rejected rows. */
	dropIssues(draftId: string, drop: (issue: ApiIssue) => boolean): Promise<void> {
		return this.#run(async () => {
			const all = await this.allIssues(draftId);
			const db = this.#db;
			const kept = await Promise.all(
				all
					.filter((r) => r.issues.some(drop))
					.map((r) => ({ ...r, issues: r.issues.filter((i) => !drop(i)) })),
			);
			const puts = await Promise.all(
				kept
					.filter((r) => r.issues.length > 0)
					.map((r) => sealRecord(this.#vault, 'syncIssues', r)),
			);
			const gone = kept
				.filter((r) => r.issues.length === 0)
				.map((r) => [draftId, r.index] as [string, number]);
			await db.transaction('rw', db.syncIssues, async () => {
				if (puts.length > 0) await db.syncIssues.bulkPut(puts);
				if (gone.length > 0) await db.syncIssues.bulkDelete(gone);
			});
		});
	}

	/** Records a failed attempt: when to try again and why it did not go through. */
	retryLater(id: string, nextAt: number, lastError: string): Promise<void> {
		return this.#run(async () => {
			const found = await this.get(id);
			if (!found) return;
			const next = await sealRecord(this.#vault, 'outbox', {
				...found,
				nextAt,
				lastError,
				attempts: found.attempts + 1,
			});
			const db = this.#db;
			// Only if the chunk is still waiting (its answer may have removed it meanwhile).
			await db.transaction('rw', db.outbox, async () => {
				if (await db.outbox.get(id)) await db.outbox.put(next);
			});
		});
	}

	/** Sends every waiting chunk at the next chance ("Sync now"). */
	wakeAll(now: number): Promise<void> {
		return this.#run(async () => {
			await this.#db.outbox.toCollection().modify((c) => {
				if (c.nextAt !== undefined && c.nextAt > now) c.nextAt = now;
			});
		});
	}

	/** The server's reasons for the rejected rows among `indexes`. */
	async issues(draftId: string, indexes: readonly number[]): Promise<Map<number, SyncIssueRecord>> {
		const stored = await this.#db.syncIssues.bulkGet(
			indexes.map((i) => [draftId, i] as [string, number]),
		);
		const found = await Promise.all(stored.map((r) => (r ? this.#openIssues(r) : undefined)));
		const out = new Map<number, SyncIssueRecord>();
		for (const r of found) if (r) out.set(r.index, r);
		return out;
	}
}
