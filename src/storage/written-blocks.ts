// The last few blocks the worker sealed, in clear, each with the IV it was sealed under. A change
// reads its block back from storage (another tab may have written it); when the stored IV is
// still ours, the block is the one we wrote, and decrypting it again would only cost time (the
// lock's benchmark: about half of an edit's extra cost). Emptied whenever the vault is locked.
import type { BlockRecord } from './db.ts';

const KEEP = 16;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

export class WrittenBlocks {
	#blocks = new Map<string, { iv: Uint8Array; block: BlockRecord }>();

	remember(block: BlockRecord, iv: Uint8Array): void {
		const key = `${block.draftId}\u0000${block.index}`;
		this.#blocks.delete(key);
		this.#blocks.set(key, { iv, block });
		if (this.#blocks.size > KEEP) {
			const oldest = this.#blocks.keys().next().value;
			if (oldest !== undefined) this.#blocks.delete(oldest);
		}
	}

	/** The block stored at `where` if it is still the one sealed under `iv`. */
	find(where: Pick<BlockRecord, 'draftId' | 'index'>, iv: Uint8Array): BlockRecord | undefined {
		const known = this.#blocks.get(`${where.draftId}\u0000${where.index}`);
		return known && sameBytes(known.iv, iv) ? known.block : undefined;
	}

	clear(): void {
		this.#blocks.clear();
	}
}
