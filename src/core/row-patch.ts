// A change to one row as data: which cells to set, and whether the row is deleted or added.
// Edits, fixes, deletes and their undo are all lists of these; storage applies them to the
// latest stored row, so two tabs changing different cells of a row both keep their change.
import { CELL_FIELDS, emptyRecord, type ClientRecord } from './fields.ts';
import type { CredentialPatch } from './credentials.ts';

export { emptyRecord };

/** Cells a patch sets: an edit's (`CellEdit`), or a fix's, which may also drop extra cells. */
export type CellValues = Partial<Omit<ClientRecord, 'row'>>;

export interface RowPatch {
	index: number;
	set?: CellValues;
	deleted?: boolean;
	/** A new row at the end, with this spreadsheet row number. */
	add?: { row: number };
	/** Where the password came from, when its notice was printed. */
	credential?: CredentialPatch;
}

export interface RowChange {
	index: number;
	/** What undo applies. */
	before: RowPatch;
	/** What redo applies. */
	after: RowPatch;
}

const CELL_KEYS = [...CELL_FIELDS, 'extra'] as const;

export function applyCells(rec: ClientRecord, set: CellValues | undefined): ClientRecord {
	if (!set) return rec;
	const out: ClientRecord = { ...rec };
	// An edited row has been looked at: its encoding warning has done its job.
	delete out.recoded;
	for (const key of CELL_KEYS) {
		const v = set[key];
		if (v === undefined) continue;
		if (key === 'tags' || key === 'extra') out[key] = [...(v as string[])];
		else out[key] = v as string;
	}
	return out;
}

function sameValue(a: string | string[], b: string | string[]): boolean {
	if (typeof a === 'string' || typeof b === 'string') return a === b;
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The change that turns `from` into `to` (cells that differ only), or null when equal. */
export function diffRecords(index: number, from: ClientRecord, to: ClientRecord): RowChange | null {
	const before: CellValues = {};
	const after: CellValues = {};
	let any = false;
	for (const key of CELL_KEYS) {
		if (sameValue(from[key], to[key])) continue;
		any = true;
		(before as Record<string, unknown>)[key] = from[key];
		(after as Record<string, unknown>)[key] = to[key];
	}
	return any ? { index, before: { index, set: before }, after: { index, set: after } } : null;
}
