// Row patches merged into a stored block of rows: pure, so DraftRepository's commit and undo
// run it between the reads and the writes of their transaction.
import { BLOCK_SIZE, RecordStore, type SealedBlock } from '../core/record-store.ts';
import { applyCells, emptyRecord, type RowPatch } from '../core/row-patch.ts';
import type { ClientRecord } from '../core/record.ts';
import type { Credential } from '../core/credentials.ts';
import { m } from '../i18n/messages.ts';

export interface MergedRow {
	index: number;
	rec: ClientRecord;
	deleted: boolean;
	credential: Credential;
}

export class ConflictError extends Error {
	constructor() {
		super(m.draft_storage_conflict());
		this.name = 'ConflictError';
	}
}

/**
 * A merged row whose patch set no cell (a credential, a deleted mark): its cells are read from
 * the block only when asked for. A batch queued locks 100,000 rows, and reading each row's
 * cells that nothing then used took ~50 ms of the ~0.7 s before its first request (EPYC).
 */
class KeptCells implements MergedRow {
	#store: RecordStore;
	#local: number;
	#rec: ClientRecord | undefined;

	constructor(
		readonly index: number,
		readonly deleted: boolean,
		readonly credential: Credential,
		store: RecordStore,
		local: number,
	) {
		this.#store = store;
		this.#local = local;
	}

	get rec(): ClientRecord {
		return (this.#rec ??= this.#store.at(this.#local) as ClientRecord);
	}
}

/** Applies patches to one stored block (or a new one) and returns it with the merged rows. */
export function patchBlock(
	stored: SealedBlock | undefined,
	blockIndex: number,
	patches: readonly RowPatch[],
): { block: SealedBlock; rows: MergedRow[] } {
	const store = stored ? RecordStore.fromBlocks([stored]) : new RecordStore();
	const rows: MergedRow[] = [];
	for (const p of patches) {
		const local = p.index - blockIndex * BLOCK_SIZE;
		if (p.add) {
			if (local !== store.length) throw new ConflictError();
			store.push(applyCells(emptyRecord(p.add.row), p.set));
		} else if (p.set) {
			const rec = store.at(local);
			if (!rec) throw new RangeError(`Row ${p.index} is not in the draft`);
			store.set(local, applyCells(rec, p.set));
		} else if (local < 0 || local >= store.length) {
			throw new RangeError(`Row ${p.index} is not in the draft`);
		}
		// Without cells to set (a credential, a deleted mark) the block's text stays packed: setting
		// the row unpacked all its values and joined them again (each sync answer did, per block).
		if (p.deleted !== undefined) store.setDeleted(local, p.deleted);
		if (p.credential) store.setCredential(local, p.credential);
		const deleted = store.isDeleted(local);
		const credential = store.credential(local);
		rows.push(
			p.add || p.set
				? { index: p.index, rec: store.at(local) as ClientRecord, deleted, credential }
				: new KeptCells(p.index, deleted, credential, store, local),
		);
	}
	return { block: store.sealedBlock(0), rows };
}

/** The patches grouped by the block their row is in. */
export function byBlock(patches: readonly RowPatch[]): Map<number, RowPatch[]> {
	const groups = new Map<number, RowPatch[]>();
	for (const p of patches) {
		const b = Math.floor(p.index / BLOCK_SIZE);
		let list = groups.get(b);
		if (!list) groups.set(b, (list = []));
		list.push(p);
	}
	return groups;
}
