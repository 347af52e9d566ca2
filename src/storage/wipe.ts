// "Remove passwords from this device": every password of a draft's clients, wherever it is
// stored — the draft and its copies (Duplicate, either way, the bin included), their undo
// history, blocks a cut-off duplicate left behind, and the server's answers about passwords —
// read from storage, not from what a tab holds in memory. The outbox is emptied by the caller
// first (a waiting batch is cancelled: its chunks hold the passwords).
import { BLOCK_SIZE, RecordStore } from '../core/record-store.ts';
import type { RowPatch } from '../core/row-patch.ts';
import { patchBlock, type MergedRow } from './block-patch.ts';
import type { DraftRepository } from './drafts.ts';
import type { OutboxRepository } from './outbox.ts';

/** The drafts that share `id`'s rows: the draft it was copied from, its copies, and theirs. */
export async function familyOf(repo: DraftRepository, id: string): Promise<string[]> {
	const all = await repo.all();
	const root = all.find((d) => d.id === id);
	const family = root?.family ?? id;
	return all.filter((d) => d.id === family || (d.family ?? d.id) === family).map((d) => d.id);
}

/** Empties the passwords of one draft's stored rows; returns the rows changed. */
export async function wipeDraft(
	repo: DraftRepository,
	outbox: OutboxRepository,
	id: string,
	at: number,
): Promise<MergedRow[]> {
	// History first: a wipe cut off half-way leaves no undo step to bring a password back.
	await repo.clearHistory(id);
	const rows = await repo.rewriteBlocks(id, (block) => {
		const store = RecordStore.fromBlocks([block]);
		const patches: RowPatch[] = [];
		for (let j = 0; j < store.length; j++)
			if (store.field(j, 'initial_password') !== '')
				patches.push({
					index: block.index * BLOCK_SIZE + j,
					set: { initial_password: '' },
					credential: { origin: 'removed', setAt: at },
				});
		return patches.length > 0 ? patchBlock(block, block.index, patches) : null;
	});
	await outbox.dropIssues(id, (issue) => /password/i.test(issue.code));
	return rows;
}
