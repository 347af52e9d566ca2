// A draft's undo history in the history and historyChanges tables: the step a commit adds (and
// the redo steps it replaces, and the oldest beyond HISTORY_LIMIT), the wipe, and what Undo and
// Redo offer. Only DraftRepository calls it, inside the transaction of its commit (the worker is
// the one writer of these tables); the bounds live in the draft record, so a commit reads no
// history to add a step.
import type { TXWithTables } from 'dexie';
import type { DateOrder } from '../core/dates.ts';
import { NO_HISTORY, type HistoryInfo } from '../core/draft-types.ts';
import type { RowChange } from '../core/row-patch.ts';
import type { HistoryChangesRecord, HistoryRecord, RosterDB } from './db.ts';
import { openRecord, sealRecord, type MaybeSealed } from './sealing.ts';
import type { Vault } from './vault.ts';

/** How many undo steps a draft keeps. */
export const HISTORY_LIMIT = 100;

export interface NewHistory {
	label: string;
	changes: RowChange[];
	dateOrder?: { before: DateOrder | null; after: DateOrder | null };
}

/** Where a draft's history stands, as its record keeps it. */
export interface HistoryBounds {
	/** How many steps are applied (undo goes below it). */
	historyHead: number;
	/** The oldest step kept, and one past the newest. */
	historyStart: number;
	historyEnd: number;
}

type HistoryTables = Pick<TXWithTables<RosterDB>, 'history' | 'historyChanges'>;

/** Deletes the steps from `from` (included) to `to` (excluded) from both tables. */
function deleteSteps(tx: HistoryTables, id: string, from: number, to: number): Promise<unknown>[] {
	return [tx.history, tx.historyChanges].map((table) =>
		table.where('[draftId+seq]').between([id, from], [id, to], true, false).delete(),
	);
}

/**
 * Deletes steps `from` (included) to `to` (excluded), which the bounds say are there, by key:
 * one request a table, where a range delete is two in a row (Dexie counts the range first).
 * Each edit past the undo limit drops one step: by range its writes took 4.9 ms, by key 2.6 ms
 * (edits 150–300 on a 100k draft, docs/decisions.md).
 */
function deleteKnownSteps(
	tx: HistoryTables,
	id: string,
	from: number,
	to: number,
): Promise<unknown>[] {
	const keys: [string, number][] = [];
	for (let seq = from; seq < to; seq++) keys.push([id, seq]);
	return [tx.history.bulkDelete(keys), tx.historyChanges.bulkDelete(keys)];
}

/** The two records of an undo step, sealed as they are stored now (before the transaction). */
export interface StepRecords {
	label: string;
	entry: MaybeSealed<HistoryRecord>;
	body: MaybeSealed<HistoryChangesRecord>;
}

/** Seals `step` as the step after `bounds` (its place is part of what is sealed). */
export async function stepRecords(
	vault: Vault | null,
	id: string,
	bounds: HistoryBounds,
	step: NewHistory,
	now: number,
): Promise<StepRecords> {
	const { changes, ...entry } = step;
	const seq = bounds.historyHead;
	const [sealedEntry, body] = await Promise.all([
		sealRecord(vault, 'history', { draftId: id, seq, at: now, ...entry }),
		sealRecord(vault, 'historyChanges', { draftId: id, seq, changes }),
	]);
	return { label: step.label, entry: sealedEntry, body };
}

/**
 * Writes `step` as the next undo step after `bounds` in the caller's transaction: the redo steps
 * it replaces and the steps beyond the limit go. Returns the requests, the new bounds, and what
 * Undo and Redo offer then.
 */
export function addStep(
	tx: HistoryTables,
	id: string,
	bounds: HistoryBounds,
	step: StepRecords,
): { writes: Promise<unknown>[]; bounds: HistoryBounds; info: HistoryInfo } {
	const writes: Promise<unknown>[] = [];
	let head = bounds.historyHead;
	if (bounds.historyEnd > head) writes.push(...deleteSteps(tx, id, head, Infinity));
	writes.push(tx.history.put(step.entry));
	writes.push(tx.historyChanges.put(step.body));
	head++;
	let first = Math.min(bounds.historyStart, head - 1);
	if (head - first > HISTORY_LIMIT) {
		writes.push(...deleteKnownSteps(tx, id, first, head - HISTORY_LIMIT));
		first = head - HISTORY_LIMIT;
	}
	return {
		writes,
		bounds: { historyHead: head, historyStart: first, historyEnd: head },
		info: { undo: head - first, redo: 0, undoLabel: step.label, redoLabel: null },
	};
}

/** Deletes every step of a draft (they hold the values a change removes). */
export function clearSteps(tx: HistoryTables, id: string): Promise<unknown>[] {
	return deleteSteps(tx, id, -Infinity, Infinity);
}

/** How many steps can be undone and redone, and the labels of the next ones. */
export async function historyInfoOf(
	db: RosterDB,
	vault: Vault | null,
	id: string,
	bounds: HistoryBounds,
): Promise<HistoryInfo> {
	if (bounds.historyEnd === bounds.historyStart) return { ...NO_HISTORY };
	const head = bounds.historyHead;
	const stored = await db.history.bulkGet([
		[id, head - 1],
		[id, head],
	]);
	const [undoEntry, redoEntry] = await Promise.all(
		stored.map((r) => (r ? openRecord<HistoryRecord>(vault, 'history', r) : undefined)),
	);
	return {
		undo: Math.max(0, head - bounds.historyStart),
		redo: Math.max(0, bounds.historyEnd - head),
		undoLabel: undoEntry?.label ?? null,
		redoLabel: redoEntry?.label ?? null,
	};
}
