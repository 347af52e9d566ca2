// The edit log: a change that only sets cells of a few rows is stored as one small record per
// row (the row as the change left it) beside its block, instead of re-sealing and rewriting the
// block's ~100 KB. Every read of blocks applies the log (DraftRepository.readBlocks and blocks()),
// so nothing that reads rows can tell the difference. A fold writes a draft's logged rows into
// their blocks and deletes the records in one transaction: cut off, it either happened or not, and
// applying a record twice changes nothing (it holds the whole row, not a delta). Records are
// sealed like blocks while the lock is on. Only DraftRepository calls this, under the draft's lock.
import { BLOCK_SIZE, RecordStore } from '../core/record-store.ts';
import { applyCells, type RowPatch } from '../core/row-patch.ts';
import type { ClientRecord } from '../core/record.ts';
import { sameCredential, type Credential, type CredentialPatch } from '../core/credentials.ts';
import type { BlockRecord, EditRecord, RosterDB } from './db.ts';
import type { StoredBlock } from './block-lengths.ts';
import type { MergedRow } from './block-patch.ts';
import { openRecord, sealRecord, type MaybeSealed } from './sealing.ts';
import type { Vault } from './vault.ts';

/** A change of more rows than this rewrites its blocks: the log is for typing, not bulk fixes. */
export const LOG_MAX_ROWS = 16;
/** A block with this many logged rows is folded soon after (reads apply fewer records). */
export const FOLD_AT = 64;

/** What a commit carries beyond rows: any of it makes it a commit that rewrites its blocks. */
export interface CommitExtras {
	clearHistory?: boolean;
	draft?: object;
	outbox?: unknown;
	syncIssues?: unknown;
	sentEmails?: readonly unknown[];
}

/** Whether these patches may go to the log: cells and credentials of a few existing rows only. */
export function fitsLog(patches: readonly RowPatch[], extras: CommitExtras = {}): boolean {
	if (patches.length === 0 || patches.length > LOG_MAX_ROWS) return false;
	if (extras.clearHistory || extras.outbox || extras.syncIssues) return false;
	if (extras.sentEmails?.length || (extras.draft && Object.keys(extras.draft).length > 0))
		return false;
	return patches.every((p) => p.add === undefined && p.deleted === undefined);
}

const blockOf = (index: number) => Math.floor(index / BLOCK_SIZE);

/** The blocks a change touches as stored (opened, without their log), and their log. */
export interface BlocksRead {
	/** The change's patches by block, and those blocks in order. */
	groups: Map<number, RowPatch[]>;
	keys: number[];
	stored: (BlockRecord | undefined)[];
	pending: Map<number, EditRecord[]>;
}

/** The key range of block `b`'s rows in the draft `id`. */
function rangeOf(id: string, from: number, to = from + 1): [[string, number], [string, number]] {
	return [
		[id, from * BLOCK_SIZE],
		[id, to * BLOCK_SIZE],
	];
}

/** The credential with the patch's given fields (as RecordStore.setCredential applies them). */
function patched(credential: Credential, patch: CredentialPatch | undefined): Credential {
	if (!patch) return credential;
	const out = { ...credential };
	for (const key of Object.keys(patch) as (keyof Credential)[])
		if (patch[key] !== undefined) (out as Record<string, unknown>)[key] = patch[key];
	return out;
}

/** The record as a block gives it back (empty lists shared, `recoded` as stored). */
function asStored(rec: ClientRecord): ClientRecord {
	return RecordStore.from([rec]).at(0) as ClientRecord;
}

/** Writes a logged row into a store of one block (a row the block lacks is left alone). */
function putRow(store: RecordStore, blockIndex: number, edit: EditRecord): void {
	const local = edit.index - blockIndex * BLOCK_SIZE;
	if (local < 0 || local >= store.length) return;
	store.set(local, edit.rec);
	if (store.isDeleted(local) !== edit.deleted) store.setDeleted(local, edit.deleted);
	// Unchanged credentials stay unwritten: a block of imported rows keeps no credential arrays.
	if (!sameCredential(store.credential(local), edit.credential))
		store.setCredential(local, edit.credential);
}

/** The block with its logged rows written in (the block itself when none are logged). */
export function applyEdits(block: BlockRecord, edits: readonly EditRecord[] | undefined) {
	if (!edits?.length) return block;
	const store = RecordStore.fromBlocks([block]);
	for (const edit of edits) putRow(store, block.index, edit);
	return { ...store.sealedBlock(0), draftId: block.draftId, index: block.index };
}

/**
 * The rows the patches make over the stored block and its logged rows, without packing the block
 * again (the cost the log saves). Null when a patch is for a row the block does not hold.
 */
export function logRows(
	block: BlockRecord | undefined,
	patches: readonly RowPatch[],
	edits: readonly EditRecord[] | undefined,
): MergedRow[] | null {
	if (!block) return null;
	const store = RecordStore.fromBlocks([block]);
	const rows = new Map<number, MergedRow>();
	for (const { index, rec, deleted, credential } of edits ?? [])
		rows.set(index, { index, rec, deleted, credential });
	for (const p of patches) {
		const local = p.index - block.index * BLOCK_SIZE;
		if (local < 0 || local >= store.length) return null;
		const row = rows.get(p.index) ?? {
			index: p.index,
			rec: store.at(local) as ClientRecord,
			deleted: store.isDeleted(local),
			credential: store.credential(local),
		};
		rows.set(p.index, {
			index: p.index,
			rec: asStored(applyCells(row.rec, p.set)),
			deleted: row.deleted,
			credential: patched(row.credential, p.credential),
		});
	}
	// One row per patch, in the patches' order, as patchBlock answers.
	return patches.map((p) => rows.get(p.index) as MergedRow);
}

export class EditLog {
	#db: RosterDB;
	#vault: Vault | null;

	constructor(db: RosterDB, vault: Vault | null) {
		this.#db = db;
		this.#vault = vault;
	}

	/** The logged rows of blocks [from, to) of a draft, opened, by block. */
	async pending(id: string, from: number, to = from + 1): Promise<Map<number, EditRecord[]>> {
		const [lower, upper] = rangeOf(id, from, to);
		const stored = await this.#db.edits
			.where('[draftId+index]')
			.between(lower, upper, true, false)
			.toArray();
		const opened = await Promise.all(
			stored.map((r) => openRecord<EditRecord>(this.#vault, 'edits', r)),
		);
		const byBlock = new Map<number, EditRecord[]>();
		for (const edit of opened) {
			const b = blockOf(edit.index);
			let list = byBlock.get(b);
			if (!list) byBlock.set(b, (list = []));
			list.push(edit);
		}
		return byBlock;
	}

	/** The logged rows of these blocks (a commit's few), by block. */
	async pendingOf(id: string, blocks: readonly number[]): Promise<Map<number, EditRecord[]>> {
		const maps = await Promise.all(blocks.map((b) => this.pending(id, b)));
		return new Map(maps.flatMap((map) => [...map]));
	}

	/**
	 * A change as logged rows: the rows it makes, their records sealed as stored now (before the
	 * transaction), and how many rows the fullest block then has logged. Null when a row is not
	 * in its block (the change rewrites the block instead, which says what is wrong).
	 */
	async logged(
		id: string,
		{ groups, keys, stored, pending }: BlocksRead,
	): Promise<{ rows: MergedRow[]; edits: MaybeSealed<EditRecord>[]; pendingEdits: number } | null> {
		const merged = keys.map((b, k) =>
			logRows(stored[k], groups.get(b) as RowPatch[], pending.get(b)),
		);
		if (merged.some((rows) => rows === null)) return null;
		const fullest = keys.map((b, k) => {
			const rows = [...(pending.get(b) ?? []), ...(merged[k] as MergedRow[])];
			return new Set(rows.map((r) => r.index)).size;
		});
		const rows = merged.flat() as MergedRow[];
		return { rows, edits: await this.#seal(id, rows), pendingEdits: Math.max(...fullest) };
	}

	#seal(id: string, rows: readonly MergedRow[]): Promise<MaybeSealed<EditRecord>[]> {
		const last = new Map(rows.map((r) => [r.index, r]));
		return Promise.all(
			[...last.values()].map((r) =>
				sealRecord(this.#vault, 'edits', {
					draftId: id,
					index: r.index,
					rec: r.rec,
					deleted: r.deleted,
					credential: r.credential,
				}),
			),
		);
	}

	/** Puts logged rows (in the caller's transaction, which includes `edits`). */
	write(records: MaybeSealed<EditRecord>[]): Promise<unknown> {
		return this.#db.edits.bulkPut(records);
	}

	/** Deletes the logged rows of blocks the caller's transaction rewrites with them applied. */
	drop(id: string, blocks: readonly number[]): Promise<unknown>[] {
		return blocks.map((b) =>
			this.#db.edits
				.where('[draftId+index]')
				.between(...rangeOf(id, b), true, false)
				.delete(),
		);
	}

	/** Deletes every logged row of a draft (in the caller's transaction). */
	dropDraft(id: string): Promise<number> {
		return this.#db.edits.where('[draftId+index]').between([id, 0], [id, Infinity]).delete();
	}

	/** How many rows are logged in each block of a draft (keys only: nothing is opened). */
	async counts(id: string): Promise<Map<number, number>> {
		const keys = (await this.#db.edits
			.where('[draftId+index]')
			.between([id, 0], [id, Infinity])
			.primaryKeys()) as [string, number][];
		const counts = new Map<number, number>();
		for (const [, index] of keys) counts.set(blockOf(index), (counts.get(blockOf(index)) ?? 0) + 1);
		return counts;
	}

	/**
	 * Folds the blocks with at least `atLeast` logged rows: `read` gives them with their log
	 * applied, `seal` seals them as stored now; one transaction puts the blocks and deletes their
	 * log. Returns how many blocks were folded.
	 */
	async fold(
		id: string,
		atLeast: number,
		read: (blocks: number[]) => Promise<(BlockRecord | undefined)[]>,
		seal: (block: BlockRecord) => Promise<MaybeSealed<StoredBlock>>,
	): Promise<number> {
		const due = [...(await this.counts(id))].filter(([, n]) => n >= atLeast).map(([b]) => b);
		if (due.length === 0) return 0;
		const blocks = await read(due);
		const puts = await Promise.all(blocks.flatMap((b) => (b ? [seal(b)] : [])));
		const db = this.#db;
		await db.transaction('rw', db.blocks, db.edits, async () => {
			await Promise.all([db.blocks.bulkPut(puts), ...this.drop(id, due)]);
		});
		return due.length;
	}
}
