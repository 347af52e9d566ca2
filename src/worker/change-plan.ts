// What a change request means for a draft's rows: the row patches to commit, their undo, and
// a label for the Undo button. Pure over the draft model; the service commits the result.
import type { DraftModel } from '../core/draft-model.ts';
import type { ClientRecord } from '../core/record.ts';
import type { IssueCode } from '../core/issues.ts';
import type { Gender } from '../core/gender.ts';
import { diffRecords, type RowChange, type RowPatch } from '../core/row-patch.ts';
import type { DraftRecord } from '../storage/db.ts';
import type { NewHistory } from '../storage/drafts.ts';
import type { Args } from './protocol.ts';
import { generatePassword, type RandomSource } from '../core/password.ts';
import type { CredentialPatch } from '../core/credentials.ts';
import {
	isLocked,
	mayReplacePassword,
	refusalOf,
	undoableCredential,
	WEAK_PASSWORD_CODES,
	type RowRefusal,
} from '../core/credential-rules.ts';
import { m } from '../i18n/messages.ts';
import { fieldWords, orderWords } from './change-words.ts';
import { editRow, planBulk, type Refused } from './bulk-plan.ts';

/** What a plan may need beyond the rows: the time stored with new passwords, and randomness. */
export interface PlanContext {
	now: number;
	random: RandomSource;
}

/** Why a row may not change, in the pro's language (core gives only the code). */
export function refusalText({ code, action, row }: RowRefusal): string {
	const inputs = { row: String(row) };
	if (code === 'locked')
		return action === 'change'
			? m.core_refusal_locked_change(inputs)
			: m.core_refusal_locked_undo(inputs);
	return action === 'change'
		? m.core_refusal_password_change(inputs)
		: m.core_refusal_password_undo(inputs);
}

/** Rows a sync batch holds until the server answered: not to be changed meanwhile. */
function lockedError(row: number): Error {
	return new Error(refusalText({ code: 'locked', action: 'change', row }));
}

export interface Plan {
	label: string;
	changes: RowChange[];
	/** Patches applied now (default: each change's `after`). */
	patches?: RowPatch[];
	dateOrder?: NewHistory['dateOrder'];
	/** Row to focus afterwards. */
	index?: number;
	/** Undoes what building the plan changed in memory, if the commit fails. */
	revert?: () => void;
	/** Cells of a change over many rows that were left alone (locked or synced rows). */
	refused?: Refused[];
}

type Planned =
	| 'edit'
	| 'fix'
	| 'addRow'
	| 'deleteRows'
	| 'dateOrder'
	| 'passwords'
	| 'editCells'
	| 'setValue'
	| 'replace';
/** A change the plan understands: the command's name and its arguments. */
export type PlanRequest = { [K in Planned]: { type: K } & Args<K> }[Planned];

export function planChange(
	model: DraftModel,
	request: PlanRequest,
	status: DraftRecord['status'],
	ctx: PlanContext,
): Plan | null {
	const records = model.dataset.records;
	switch (request.type) {
		case 'edit': {
			if (request.index >= model.length || model.isDeleted(request.index)) return null;
			const row = records.rowNumber(request.index);
			const refusal = refusalOf(
				records.credential(request.index),
				request.set.initial_password !== undefined,
				row,
				'change',
			);
			if (refusal) throw new Error(refusalText(refusal));
			const edit = editRow(model, request.index, request.set, ctx.now, []);
			const field = Object.keys(request.set)[0] ?? 'cell';
			return {
				label: m.draft_label_edit_row({ field: fieldWords(field), row: String(row) }),
				changes: edit ? [edit.change] : [],
				patches: edit ? [edit.patch] : [],
				index: request.index,
			};
		}
		case 'editCells':
		case 'setValue':
		case 'replace':
			return planBulk(model, request, ctx.now);
		case 'fix': {
			if (request.index !== undefined && isLocked(records.credential(request.index)))
				throw lockedError(records.rowNumber(request.index));
			// The pro's reading of an ambiguous gender letter, for every row with that issue.
			const value = request.code === 'gender.ambiguous' ? request.value : undefined;
			const indexes = (
				request.index === undefined ? model.fixableRows(request.code, value) : [request.index]
			).filter((i) => !isLocked(records.credential(i)));
			const changes = fixChanges(model, indexes, request.code, value);
			const count = changes.length;
			return {
				label:
					request.index !== undefined
						? m.draft_label_fix_row({ row: String(records.rowNumber(request.index)) })
						: value
							? m.draft_label_read_gender({ count, value })
							: request.code
								? m.draft_label_apply_code_fixes({ count, code: request.code })
								: m.draft_label_apply_fixes({ count }),
				changes,
				...(request.index === undefined ? {} : { index: request.index }),
			};
		}
		case 'addRow': {
			if (status === 'importing') throw new Error(m.draft_add_row_importing());
			const index = model.length;
			let last = 1;
			for (let i = Math.max(0, index - 1); i < index; i++) last = records.rowNumber(i);
			const row = last + 1;
			return {
				label: m.draft_label_add_row({ row: String(row) }),
				changes: [{ index, before: { index, deleted: true }, after: { index, deleted: false } }],
				patches: [{ index, add: { row }, deleted: false }],
				index,
			};
		}
		case 'deleteRows': {
			const changes: RowChange[] = [];
			for (const index of new Set(request.indexes)) {
				if (index >= model.length || model.isDeleted(index)) continue;
				if (isLocked(records.credential(index))) throw lockedError(records.rowNumber(index));
				changes.push({
					index,
					before: { index, deleted: false },
					after: { index, deleted: true },
				});
			}
			return {
				label:
					changes.length === 1
						? m.draft_label_delete_row({ row: String(records.rowNumber(changes[0]!.index)) })
						: m.draft_label_delete_n_rows({ count: String(changes.length) }),
				changes,
			};
		}
		case 'dateOrder': {
			const before = model.dateOrder;
			if (before === request.order) return null;
			model.setDateOrder(request.order);
			const changes = fixChanges(model, model.fixableRows('birthdate.format'), 'birthdate.format');
			return {
				label: m.draft_label_read_dates({ order: orderWords(request.order) }),
				changes,
				dateOrder: { before, after: request.order },
				revert: () => model.setDateOrder(before),
			};
		}
		case 'passwords': {
			const indexes = (
				request.scope === 'missing'
					? model.rowsWithCode(['password.missing'])
					: request.scope === 'weak'
						? model.rowsWithCode(WEAK_PASSWORD_CODES)
						: [...new Set(request.indexes ?? [])].filter(
								(i) => i < model.length && !model.isDeleted(i),
							)
			).filter((i) => mayReplacePassword(records.credential(i)));
			const after: CredentialPatch = { origin: 'created', setAt: ctx.now, printedAt: 0 };
			const changes: RowChange[] = indexes.map((index) => ({
				index,
				before: {
					index,
					set: { initial_password: records.field(index, 'initial_password') },
					credential: undoableCredential(records.credential(index)),
				},
				after: {
					index,
					set: { initial_password: generatePassword(ctx.random, request.options) },
					credential: after,
				},
			}));
			const n = changes.length;
			const label =
				request.scope === 'missing'
					? m.draft_label_create_passwords({ count: n })
					: request.scope === 'weak'
						? m.draft_label_replace_weak({ count: n })
						: n === 1
							? m.draft_label_new_password_row({
									row: String(records.rowNumber(indexes[0] as number)),
								})
							: m.draft_label_new_passwords_rows({ count: n });
			return { label, changes, ...(n === 1 ? { index: indexes[0] as number } : {}) };
		}
	}
}

function fixChanges(
	model: DraftModel,
	indexes: number[],
	code?: IssueCode,
	value?: Gender,
): RowChange[] {
	const changes: RowChange[] = [];
	for (const index of indexes) {
		const fixed = model.fixed(index, code, value);
		if (!fixed) continue;
		const change = diffRecords(index, model.dataset.records.at(index) as ClientRecord, fixed);
		if (change) changes.push(change);
	}
	return changes;
}
