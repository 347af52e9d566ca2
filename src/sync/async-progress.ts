// What "The platform is creating accounts: 34,000 of 100,000" counts, kept by the sync engine
// from the polls of chunks answered 202: each batch's chunks as the platform last listed them,
// and the chunks the app has answers for. Shown only for batches the platform took
// asynchronously; a synchronous server's sync reads "Sending 3 of 7" as before.
import type { OutboxRecord } from '../storage/db.ts';
import type { BatchChunkView, ChunkProgress } from './async-import.ts';

export class AsyncProgress {
	/** Each batch's chunks by index; answered ones are done. */
	#seen = new Map<string, Map<number, BatchChunkView>>();
	/** Batches the platform answered 202 for. */
	#async = new Set<string>();

	isAsync(batchId: string): boolean {
		return this.#async.has(batchId);
	}

	/** A poll: the batch as the platform lists it. */
	polled(progress: ChunkProgress): void {
		this.#async.add(progress.batchId);
		const seen = this.#of(progress.batchId);
		// A chunk answered stays answered, whatever an older listing (another chunk's poll) says.
		for (const c of progress.batch) if (!seen.get(c.index)?.done) seen.set(c.index, c);
	}

	/** A chunk's answer applied: all its clients count as processed. */
	answered(chunk: OutboxRecord): void {
		const n = chunk.rows.length;
		this.#of(chunk.batchId).set(chunk.index, {
			index: chunk.index,
			done: true,
			clients: n,
			processed: n,
		});
	}

	/**
	 * Clients processed of the batch's clients: the chunks the platform finished (also those
	 * answered before a restart, which only its listing knows of) and the counts of those still
	 * processing, of the finished ones plus every chunk of the batch still in the outbox.
	 */
	count(batchId: string, pending: readonly OutboxRecord[]): { done: number; total: number } {
		const seen = this.#of(batchId);
		let done = 0;
		let total = 0;
		for (const c of seen.values()) {
			done += c.processed;
			if (c.done) total += c.clients;
		}
		for (const c of pending)
			if (c.batchId === batchId && !seen.get(c.index)?.done) total += c.rows.length;
		return { done: Math.min(done, total), total };
	}

	/** The outbox is empty: nothing is being followed any more. */
	clear(): void {
		this.#seen.clear();
		this.#async.clear();
	}

	#of(batchId: string): Map<number, BatchChunkView> {
		let seen = this.#seen.get(batchId);
		if (!seen) this.#seen.set(batchId, (seen = new Map()));
		return seen;
	}
}
