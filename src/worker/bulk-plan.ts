// Changes over many rows as one undo step: a block pasted into the grid, "Set value" on the
// selected rows, and find-and-replace over the whole draft. Each row is edited as `edit` edits
// one (a typed password, a rejected row sent again); rows a batch holds, and passwords the
// platform already has, are left alone and named in `refused` while the rest change.
import {
	editMakesUnsent,
	isLocked,
	passwordFixedOnPlatform,
	undoableCredential,
} from '../core/credential-rules.ts';
import { m } from '../i18n/messages.ts';
import { fieldWords } from './change-words.ts';
import type { DraftModel } from '../core/draft-model.ts';
import { TEXT_FIELDS, type CellEdit } from '../core/fields.ts';
import { replacer, searchNeedle, splitTags, type Replacer } from '../core/find-replace.ts';
import { quote } from '../core/issues.ts';
import type { ClientRecord } from '../core/record.ts';
import { BLOCK_SIZE, type HeldBlock } from '../core/record-store.ts';
import { forEachWide } from '../core/narrow-text.ts';
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
				label: m.draft_label_paste_cells({ count: cells }),
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
						? m.draft_label_set_rows({ field: fieldWords(field), count: changes.length })
						: m.draft_label_set_row({
								field: fieldWords(field),
								row: String(records.rowNumber(only)),
							}),
				changes,
				patches,
				refused,
				...(only === undefined ? {} : { index: only }),
			};
		}
		case 'replace': {
			scanReplace(model, request, (index, _, set) => sets.set(index, set), true);
			const { changes, patches, cells, refused } = editRows(model, sets, now);
			const { find, replace } = request;
			return {
				label:
					replace === ''
						? m.draft_label_remove_text({ find: quote(find), count: cells })
						: m.draft_label_replace_text({
								find: quote(find),
								replace: quote(replace),
								count: cells,
							}),
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
	scanReplace(model, query, (index, n) => {
		if (isLocked(records.credential(index))) refused += n;
		else {
			cells += n;
			rows++;
		}
	});
	return { cells, rows, refused };
}

/** Bit of a row's value slot in a block's hit mask: the text fields, then every tag as one. */
const TAGS_BIT = 1 << TEXT_FIELDS.length;
const ALL_BITS = 0xff;
const slotBit = (slot: number) => (slot < TEXT_FIELDS.length ? 1 << slot : TAGS_BIT);

function bitCount(mask: number): number {
	let n = 0;
	for (let m = mask; m !== 0; m &= m - 1) n++;
	return n;
}

/**
 * Marks, per row of a block, the values holding `needle` (one bit per text field, one for the
 * tags), or returns null when every row must be looked at. The block's values are one joined
 * string, so this is a few string searches, not a string per cell. Lower-cased as a whole, as
 * `searchNeedle` allows; a block whose lower-casing changes its length is looked at row by row.
 */
function blockHits(
	block: HeldBlock,
	needle: string,
	caseSensitive: boolean,
	out: Uint8Array,
): Uint8Array | null {
	const hay = caseSensitive ? block.text : block.text.toLowerCase();
	if (hay.length !== block.text.length) return null;
	out.fill(0);
	const { ends, starts } = block;
	let k = 0;
	let j = 0;
	for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
		// Hits come in order: the value and the row they fall in only move forward.
		while ((ends[k] as number) <= at) k++;
		if (at + needle.length > (ends[k] as number)) continue;
		while ((starts[j + 1] as number) <= k) j++;
		const slot = k - (starts[j] as number);
		// The password (1) and the extra-cell letters are never replaced.
		if (slot !== 1 && slot !== TEXT_FIELDS.length) out[j] = (out[j] as number) | slotBit(slot);
	}
	// The values set apart (names past Latin-1) are empty in the text: each is looked at alone.
	if (block.wide)
		forEachWide(block.wide, starts, block.count, (row, slot, value) => {
			if (slot === 1 || slot === TEXT_FIELDS.length) return;
			if ((caseSensitive ? value : value.toLowerCase()).includes(needle))
				out[row] = (out[row] as number) | slotBit(slot);
		});
	return out;
}

/**
 * Calls `visit` with how many cells a find-and-replace changes on each row (not deleted) that
 * has any, in row order, and with those cells' new values when `build` asks for them (a count
 * needs none). Each block's text is searched at once first: only the cells it holds a match in
 * are read (through the record store), so the rows without one (most of a million) cost nothing;
 * a row's tags are read as a record, only when one of them may match.
 */
export function scanReplace(
	model: DraftModel,
	query: ReplaceQuery,
	visit: (index: number, cells: number, set: CellEdit) => void,
	build = false,
): void {
	const records = model.dataset.records;
	const fields: readonly BulkField[] = query.field === null ? BULK_FIELDS : [query.field];
	const texts = fields.filter((f): f is Exclude<BulkField, 'tags'> => f !== 'tags');
	let wanted = 0;
	for (const f of fields) wanted |= f === 'tags' ? TAGS_BIT : 1 << TEXT_FIELDS.indexOf(f);
	const r: Replacer = replacer(query);
	const none: CellEdit = {};
	const needle = query.caseSensitive ? query.find : searchNeedle(query.find);
	const scratch = new Uint8Array(BLOCK_SIZE);
	for (let b = 0; b < records.blockCount; b++) {
		const block = records.heldBlock(b);
		const hits = needle === null ? null : blockHits(block, needle, query.caseSensitive, scratch);
		for (let j = 0; j < block.count; j++) {
			const mask = (hits ? (hits[j] as number) : ALL_BITS) & wanted;
			if (mask === 0 || block.deleted[j] === 1) continue;
			const i = b * BLOCK_SIZE + j;
			if (hits && !build && r.anyMatchChanges) {
				// Each cell the block's search found the text in is a cell that changes.
				visit(i, bitCount(mask), none);
				continue;
			}
			let n = 0;
			let set = none;
			for (const field of texts) {
				if ((mask & (1 << TEXT_FIELDS.indexOf(field))) === 0) continue;
				const value = records.field(i, field);
				if (!build) {
					if (r.changes(value)) n++;
					continue;
				}
				const next = r.text(value);
				if (next === null) continue;
				if (n++ === 0) set = {};
				set[field] = next;
			}
			if (mask & TAGS_BIT && records.tagCount(i) > 0) {
				const tags = (records.at(i) as ClientRecord).tags;
				if (!build) {
					if (tags.some((t) => r.changes(t))) n++;
				} else {
					const next = r.tags(tags);
					if (next !== null) {
						if (n++ === 0) set = {};
						set.tags = next;
					}
				}
			}
			if (n > 0) visit(i, n, set);
		}
	}
}
