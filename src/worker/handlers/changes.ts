// Changes to the open draft's rows: edits (one cell, a pasted block, a value set on many rows,
// find-and-replace), fixes, added and deleted rows, the date order, and undo/redo. Each runs in
// the serial queue, is planned over the draft model (change-plan.ts, bulk-plan.ts), committed to
// storage with its undo step, and only then taken into the open draft.
import { refusalOf } from '../../core/credential-rules.ts';
import type { DraftModel } from '../../core/draft-model.ts';
import type { RowPatch } from '../../core/row-patch.ts';
import { ConflictError } from '../../storage/drafts.ts';
import type { Changed, DraftContext } from '../context.ts';
import { planChange, refusalText, type PlanRequest } from '../change-plan.ts';
import { countReplace } from '../bulk-plan.ts';
import { editFolder } from '../edit-folding.ts';
import { MAX_ROWS_READ_AGAIN } from '../protocol.ts';
import type { Handlers } from './types.ts';

/**
 * Undo and redo may not change rows a batch holds, nor the password of a client the platform
 * has: that password is the one on the client's notice and account.
 */
function guardSynced(model: DraftModel, patches: readonly RowPatch[]): void {
	const records = model.dataset.records;
	for (const p of patches) {
		if (p.index >= model.length) continue;
		const setsPassword = p.set?.initial_password !== undefined;
		const refusal = refusalOf(
			records.credential(p.index),
			setsPassword,
			records.rowNumber(p.index),
			'undo',
		);
		if (refusal) throw new Error(refusalText(refusal));
	}
}

/** Changes that set cells and never add or delete a row: the view keeps its rows and order. */
const CELLS_ONLY: ReadonlySet<PlanRequest['type']> = new Set([
	'edit',
	'editCells',
	'setValue',
	'replace',
	'fix',
]);

/**
 * The rows the page reads again after a change (Changed.rows): those whose view it may have
 * changed, when it only set cells and they are few. An edit re-read ~120 rows on screen before,
 * each checked again by the page, for the one or two it changed.
 */
function rowsToReadAgain(request: PlanRequest, touched: number[]): { rows?: number[] } {
	return CELLS_ONLY.has(request.type) && touched.length <= MAX_ROWS_READ_AGAIN
		? { rows: touched }
		: {};
}

/** Plans a change, commits it with its undo step, and takes it into the open draft. */
export function commitPlan(ctx: DraftContext, request: PlanRequest): Promise<Changed> {
	return ctx.serial(async () => {
		const { od, model } = await ctx.loaded();
		const plan = planChange(model, request, od.meta.status, {
			now: ctx.clock(),
			random: ctx.random,
		});
		// Cells a change over many rows left alone: the page names them, changed or not.
		const refused = plan?.refused ? { refused: plan.refused } : {};
		if (!plan || (plan.changes.length === 0 && !plan.dateOrder)) {
			plan?.revert?.();
			return { ...ctx.unchanged(od), ...refused };
		}
		let result;
		try {
			result = await ctx.repo.commit(
				od.meta.id,
				plan.patches ?? plan.changes.map((c) => c.after),
				{ label: plan.label, changes: plan.changes, dateOrder: plan.dateOrder },
				ctx.clock(),
			);
		} catch (error) {
			plan.revert?.();
			if (error instanceof ConflictError) await ctx.reload(od);
			throw error;
		}
		// User Timing: the change is on disk. The page hears it one frame later at the soonest
		// (Chromium runs a page's waiting tasks after the frame that follows input): the
		// benchmark reads both (test/bench/drafts.ts).
		performance.mark('roster:committed', { detail: request.type });
		const touched = ctx.take(model, result.rows);
		editFolder(ctx.repo).committed(od.meta.id, result.pendingEdits);
		od.history = result.history ?? (await ctx.history(od.meta.id));
		return {
			...ctx.afterCommit(
				od,
				result.rows.map((r) => r.index),
				{ index: plan.index },
			),
			...rowsToReadAgain(request, touched),
			...refused,
		};
	});
}

function step(ctx: DraftContext, direction: -1 | 1): Promise<Changed> {
	return ctx.serial(async () => {
		const { od, model } = await ctx.loaded();
		const result = await ctx.repo.step(od.meta.id, direction, ctx.clock(), (patches) =>
			guardSynced(model, patches),
		);
		if (!result) return ctx.unchanged(od);
		if (result.dateOrder !== model.dateOrder) model.setDateOrder(result.dateOrder);
		ctx.take(model, result.rows);
		editFolder(ctx.repo).committed(od.meta.id, result.pendingEdits);
		od.history = await ctx.history(od.meta.id);
		return ctx.afterCommit(
			od,
			result.rows.map((r) => r.index),
			{ index: result.rows[0]?.index },
		);
	});
}

export function changeHandlers(
	ctx: DraftContext,
): Pick<
	Handlers,
	| 'edit'
	| 'fix'
	| 'editCells'
	| 'setValue'
	| 'replaceCount'
	| 'replace'
	| 'addRow'
	| 'deleteRows'
	| 'dateOrder'
	| 'undo'
	| 'redo'
> {
	return {
		edit: (args) => commitPlan(ctx, { type: 'edit', ...args }),
		editCells: (args) => commitPlan(ctx, { type: 'editCells', ...args }),
		setValue: (args) => commitPlan(ctx, { type: 'setValue', ...args }),
		// In the queue like a change: the count is of the draft as the changes before it left it.
		replaceCount: (args) => ctx.serial(async () => countReplace((await ctx.loaded()).model, args)),
		replace: (args) => commitPlan(ctx, { type: 'replace', ...args }),
		fix: (args) => commitPlan(ctx, { type: 'fix', ...args }),
		addRow: () => commitPlan(ctx, { type: 'addRow' }),
		deleteRows: (args) => commitPlan(ctx, { type: 'deleteRows', ...args }),
		dateOrder: (args) => commitPlan(ctx, { type: 'dateOrder', ...args }),
		undo: () => step(ctx, -1),
		redo: () => step(ctx, 1),
	};
}
