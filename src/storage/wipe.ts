// "Remove passwords from this device": every password of a draft's clients, wherever it is
// stored — the draft and its copies (Duplicate, either way, the bin included), their undo
// history, blocks a cut-off duplicate left behind, and the server's answers about passwords —
// read from storage, not from what a tab holds in memory. The outbox is emptied by the caller
// first (a waiting batch is cancelled: its chunks hold the passwords).
import { BLOCK_SIZE, RecordStore } from '../core/record-store.ts';
import { rowHoldsClient } from '../core/rules.ts';
import type { RowPatch } from '../core/row-patch.ts';
import { patchBlock, type MergedRow } from './block-patch.ts';
import type { DraftRepository } from './drafts.ts';
import type { OutboxRepository } from './outbox.ts';

/** The drafts that share `id`'s rows: the draft it was copied from, its copies, and theirs. */
export async function familyOf(repo: DraftRepository, id: string): Promise<string[]> {
	const all = await repo.families();
	const family = all.find((d) => d.id === id)?.family ?? id;
	return all.filter((d) => d.id === family || d.family === family).map((d) => d.id);
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
	// Rows in the edit log go into their blocks first, so the rewrite below empties them too.
	await repo.foldEdits(id);
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
	await wipeMappingSample(repo, id);
	return rows;
}

/**
 * The mapping step keeps the file's header and first rows as written, so it can be opened again
 * without the file: their password column goes too (the header's cell as well when the header
 * row is a client's, in a file without one), and a password given to every row.
 */
async function wipeMappingSample(repo: DraftRepository, id: string): Promise<void> {
	const draft = await repo.get(id);
	const mapping = draft?.mapping;
	if (!draft || !mapping) return;
	const column = mapping.columns.indexOf('initial_password');
	if (column < 0 && mapping.fill.initial_password === undefined) return;
	const blank = (cells: readonly string[]) => cells.map((c, i) => (i === column ? '' : c));
	const fill = { ...mapping.fill };
	delete fill.initial_password;
	const headerIsClient = rowHoldsClient(mapping.header);
	await repo.update(id, {
		mapping: {
			...mapping,
			fill,
			sample: mapping.sample.map(blank),
			header: headerIsClient ? blank(mapping.header) : mapping.header,
		},
		...(headerIsClient ? { header: { ...draft.header, names: blank(draft.header.names) } } : {}),
	});
}
