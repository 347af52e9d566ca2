// The blocks and edit log this worker last read or wrote for a draft, so that an edit can skip
// reading them again: of an edit's ~9 ms to disk, reading its block and the block's log took
// ~1.7 ms (issue 16). What is kept is valid only under the draft record's `rowsStamp` it was
// taken with. Every transaction that changes what a draft's rows are writes a new stamp
// (DraftRepository: commit, step, saveBlocks, rewriteBlocks), so a change made anywhere else —
// another tab, or a write this worker did not note here — shows as a stamp that differs, and
// the edit reads its block as before. Folding and the lock's re-sealing change how rows are
// stored, not what they are, and keep the stamp.
import { BLOCK_SIZE } from '../core/record-store.ts';
import type { BlockRecord, EditRecord } from './db.ts';

/** Blocks kept (1,024 rows each): a pro's edits stay near one another. */
const KEEP = 8;

/** A stamp no other write of the draft's rows has (getRandomValues: also without HTTPS). */
export function newRowsStamp(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Known {
	block: BlockRecord;
	/** The block's logged rows, one record per row. */
	log: readonly EditRecord[];
}

/** Blocks of a draft with their log, as stored under the stamp they were read or written with. */
export interface KnownBlocks {
	stamp: string;
	stored: BlockRecord[];
	pending: Map<number, EditRecord[]>;
}

export class KnownRows {
	#draftId: string | null = null;
	#stamp: string | null = null;
	#blocks = new Map<number, Known>();

	/** Blocks `keys` of draft `id` with their log, if every one is known; check the stamp. */
	find(id: string, keys: readonly number[]): KnownBlocks | null {
		if (id !== this.#draftId || this.#stamp === null || keys.length === 0) return null;
		const stored: BlockRecord[] = [];
		const pending = new Map<number, EditRecord[]>();
		for (const b of keys) {
			const known = this.#blocks.get(b);
			if (!known) return null;
			stored.push(known.block);
			if (known.log.length > 0) pending.set(b, [...known.log]);
		}
		return { stamp: this.#stamp, stored, pending };
	}

	/**
	 * What a transaction read of draft `id` under `stamp` (the draft record's, read in the same
	 * transaction): blocks `keys` as stored, and their log. A missing block is not kept.
	 */
	read(
		id: string,
		stamp: string | undefined,
		keys: readonly number[],
		stored: readonly (BlockRecord | undefined)[],
		pending: Map<number, EditRecord[]>,
	): void {
		if (stamp === undefined) return this.forget();
		if (id !== this.#draftId || stamp !== this.#stamp) {
			this.#blocks.clear();
			this.#draftId = id;
			this.#stamp = stamp;
		}
		keys.forEach((b, k) => {
			const block = stored[k];
			if (block) this.#keep(b, { block, log: pending.get(b) ?? [] });
		});
	}

	/**
	 * The transaction that read or found what is kept (under the stamp kept) wrote the draft's
	 * rows under `stamp`: `logged` went to the edit log, and the blocks `rewritten` were written
	 * whole with their log dropped. Called before the transaction commits: should it fail after,
	 * the caller forgets.
	 */
	wrote(
		id: string,
		stamp: string,
		logged: readonly EditRecord[],
		rewritten: readonly number[],
	): void {
		if (id !== this.#draftId) return this.forget();
		this.#stamp = stamp;
		for (const b of rewritten) this.#blocks.delete(b);
		for (const edit of logged) {
			const b = Math.floor(edit.index / BLOCK_SIZE);
			const known = this.#blocks.get(b);
			if (!known) continue;
			const log = known.log.filter((e) => e.index !== edit.index);
			log.push(edit);
			this.#keep(b, { block: known.block, log });
		}
	}

	/** Nothing is known any more (of draft `id` only, when given). */
	forget(id?: string): void {
		if (id !== undefined && id !== this.#draftId) return;
		this.#draftId = null;
		this.#stamp = null;
		this.#blocks.clear();
	}

	#keep(b: number, known: Known): void {
		this.#blocks.delete(b);
		this.#blocks.set(b, known);
		if (this.#blocks.size > KEEP) {
			const oldest = this.#blocks.keys().next().value;
			if (oldest !== undefined) this.#blocks.delete(oldest);
		}
	}
}
