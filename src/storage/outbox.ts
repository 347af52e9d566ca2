// The sync outbox: chunks of a batch waiting for the import API, and the server's reasons for
// rejected rows. Chunks are written and removed with the rows they lock or settle (through
// DraftRepository.commit); this repository reads them and records each attempt.
import type { OutboxRecord, RosterDB, SyncIssueRecord } from './db.ts';
import { explainStorageError } from './errors.ts';

export class OutboxRepository {
	#db: RosterDB;

	constructor(db: RosterDB) {
		this.#db = db;
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

	/** Drops a chunk whose draft is gone. */
	async remove(id: string): Promise<void> {
		await this.#db.outbox.delete(id);
	}

	/** Every rejected row's reasons for a draft (few: loaded when the draft opens). */
	async allIssues(draftId: string): Promise<SyncIssueRecord[]> {
		return this.#db.syncIssues
			.where('[draftId+index]')
			.between([draftId, 0], [draftId, Infinity])
			.toArray();
	}

	/** Records a failed attempt: when to try again and why it did not go through. */
	async retryLater(id: string, nextAt: number, lastError: string): Promise<void> {
		try {
			await this.#db.outbox.update(id, {
				nextAt,
				lastError,
				attempts: ((await this.#db.outbox.get(id))?.attempts ?? 0) + 1,
			});
		} catch (error) {
			throw explainStorageError(error);
		}
	}

	/** Sends every waiting chunk at the next chance ("Sync now"). */
	async wakeAll(now: number): Promise<void> {
		await this.#db.outbox.toCollection().modify((c) => {
			if (c.nextAt > now) c.nextAt = now;
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
