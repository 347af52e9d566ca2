// Changes over many rows as one undo step: a block pasted into the grid, "Set value" on the
// selected rows, and find-and-replace over the whole draft. Each row is edited as `edit` edits
// one (a typed password, a rejected row sent again); rows a batch holds, and passwords the
// platform already has, are left alone and named in `refused` while the rest change.
import { isLocked, editMakesUnsent, passwordFixedOnPlatform } from '../core/credential-rules.ts';
import { undoableCredential } from '../core/credential-rules.ts';
import { plural } from '../core/counted.ts';
import type { DraftModel } from '../core/draft-model.ts';
import type { CellEdit, TextField } from '../core/fields.ts';
import { replacer, searchNeedle, splitTags, type Replacer } from '../core/find-replace.ts';
import { quote } from '../core/issues.ts';
import type { ClientRecord } from '../core/record.ts';
import { applyCells, diffRecords, type RowChange, type RowPatch } from '../core/row-patch.ts';
import type { Plan } from './change-plan.ts';
import { BULK_FIELDS, type Args, type BulkField, type ReplaceQuery } from './protocol.ts';

/** A cell a change over many rows left alone, by spreadsheet row number. */
export interface Refused {
	row: number;
	field: string;
}

type Bulk = 'editCells' | 'setValue' | 'replace';
export type BulkRequest = { [K in Bulk]: { type: K } & Args<K> }[Bulk];

/** How "Set gender on 40 rows" names a column. */
function fieldName(field: string): string {
	return field.replace('_', ' ');
}

/** One row's edit as `edit` makes it: its undoable change and the patch applied now. */
interface RowEdit {
	change: RowChange;
	patch: RowPatch;
}

/**
 * The edit that sets `set` on row `index`, or null when it changes nothing there; the cells it
 * may not change are added to `refused` and left out.
 */
export function editRow(
	model: DraftModel,
	index: number,
	set: CellEdit,
	now: number,
	refused: Refused[],
): RowEdit | null {
	const records = model.dataset.records;
	const before = records.at(index) as ClientRecord;
	const change = diffRecords(index, before, applyCells(before, set));
	if (!change) return null;
	const credential = records.credential(index);
	const after = change.after.set ?? {};
	if (isLocked(credential)) {
		for (const field of Object.keys(after)) refused.push({ row: before.row, field });
		return null;
	}
	if (after.initial_password !== undefined) {
		if (passwordFixedOnPlatform(credential)) {
			// The password on the client's account stays; the row's other cells still change.
			refused.push({ row: before.row, field: 'initial_password' });
			delete after.initial_password;
			delete change.before.set?.initial_password;
			if (Object.keys(after).length === 0) return null;
		} else {
			// A password the pro types is theirs: the grid says so, and its notice is due again.
			change.before.credential = undoableCredential(credential);
			change.after.credential = { origin: 'typed', setAt: now, printedAt: 0 };
		}
	}
	// A rejected row, once edited, can go in a later batch. Only now: undo and redo never change
	// what the platform said (sync states are not in undo steps).
	const patch: RowPatch = editMakesUnsent(credential)
		? { ...change.after, credential: { ...change.after.credential, sync: 'none' } }
		: change.after;
	return { change, patch };
}

/** The edits of many rows in row order, with how many cells they change. */
function editRows(
	model: DraftModel,
	sets: ReadonlyMap<number, CellEdit>,
	now: number,
): { changes: RowChange[]; patches: RowPatch[]; cells: number; refused: Refused[] } {
	const changes: RowChange[] = [];
	const patches: RowPatch[] = [];
	const refused: Refused[] = [];
	let cells = 0;
	for (const index of [...sets.keys()].sort((a, b) => a - b)) {
		const edit = editRow(model, index, sets.get(index) as CellEdit, now, refused);
		if (!edit) continue;
		changes.push(edit.change);
		patches.push(edit.patch);
		cells += Object.keys(edit.change.after.set ?? {}).length;
	}
	return { changes, patches, cells, refused };
}

/** A row the change may look at: one of the draft's, not deleted (a paste never adds rows). */
function editable(model: DraftModel, index: number): boolean {
	return index < model.length && !model.isDeleted(index);
}

export function planBulk(model: DraftModel, request: BulkRequest, now: number): Plan {
	const records = model.dataset.records;
	const sets = new Map<number, CellEdit>();
	switch (request.type) {
		case 'editCells': {
			// Two edits of one row (a block given cell by cell) make one: the later cell wins.
			for (const { index, set } of request.edits)
				if (editable(model, index)) sets.set(index, { ...sets.get(index), ...set });
			const { changes, patches, cells, refused } = editRows(model, sets, now);
			return {
				label: `Paste ${plural(cells, 'cell')}`,
				changes,
				patches,
				refused,
				...(changes.length > 0 ? { index: (changes[0] as RowChange).index } : {}),
			};
		}
		case 'setValue': {
			const { field, value } = request;
			const set: CellEdit = field === 'tags' ? { tags: splitTags(value) } : { [field]: value };
			for (const index of request.indexes) if (editable(model, index)) sets.set(index, set);
			const { changes, patches, refused } = editRows(model, sets, now);
			const only = changes.length === 1 ? (changes[0] as RowChange).index : undefined;
			return {
				label:
					only === undefined
						? `Set ${fieldName(field)} on ${plural(changes.length, 'row')}`
						: `Set ${fieldName(field)} on row ${records.rowNumber(only)}`,
				changes,
				patches,
				refused,
				...(only === undefined ? {} : { index: only }),
			};
		}
		case 'replace': {
			scanReplace(model, request, (index, set) => sets.set(index, set));
			const { changes, patches, cells, refused } = editRows(model, sets, now);
			const { find, replace } = request;
			const where = plural(cells, 'cell');
			return {
				label:
					replace === ''
						? `Remove ${quote(find)} from ${where}`
						: `Replace ${quote(find)} with ${quote(replace)} in ${where}`,
				changes,
				patches,
				refused,
			};
		}
	}
}

/** What `replace` would do now: cells and rows it changes, and cells it would refuse. */
export function countReplace(
	model: DraftModel,
	query: ReplaceQuery,
): { cells: number; rows: number; refused: number } {
	const records = model.dataset.records;
	let cells = 0;
	let rows = 0;
	let refused = 0;
	scanReplace(model, query, (index, set) => {
		const n = Object.keys(set).length;
		if (isLocked(records.credential(index))) refused += n;
		else {
			cells += n;
			rows++;
		}
	});
	return { cells, rows, refused };
}

/**
 * Calls `visit` with the cells a find-and-replace changes on each row (not deleted) that has
 * any, in row order. Reads each cell through the record store, so the rows without a match (most
 * of a million) cost no object; a row's tags are read as a record, only when it may match.
 */
export function scanReplace(
	model: DraftModel,
	query: ReplaceQuery,
	visit: (index: number, set: CellEdit) => void,
): void {
	const records = model.dataset.records;
	const fields: readonly BulkField[] = query.field === null ? BULK_FIELDS : [query.field];
	const texts = fields.filter((f): f is Exclude<BulkField, 'tags'> => f !== 'tags');
	const withTags = fields.includes('tags');
	const r: Replacer = replacer(query);
	// The store's search looks through each block's text at once: only the rows it marks can
	// match, so a million rows cost a few string searches and a few thousand cells looked at.
	const needle = searchNeedle(query.find);
	const marks = needle === null ? null : records.search(needle);
	for (let i = 0; i < model.length; i++) {
		if ((marks && marks[i] !== 1) || records.isDeleted(i)) continue;
		let set: CellEdit | null = null;
		for (const field of texts) {
			const next = r.text(records.field(i, field satisfies TextField));
			if (next !== null) (set ??= {})[field] = next;
		}
		if (withTags && records.tagCount(i) > 0) {
			const next = r.tags((records.at(i) as ClientRecord).tags);
			if (next !== null) (set ??= {}).tags = next;
		}
		if (set) visit(i, set);
	}
}
