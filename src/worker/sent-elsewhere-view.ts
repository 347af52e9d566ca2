// What the open draft shows of its emails already sent to the platform from another draft of this
// device: which rows (a grid mark and the "Already sent elsewhere" filter) and a summary for the
// warning above the grid. The check that finds them is sent-elsewhere.ts; this part is
// synchronous, so every state and row the worker answers carries it at no cost when none are.
import { z } from 'zod';
import { importEmailKey } from '../core/import-api.ts';
import { getsNotice, noticeStatus } from '../core/credential-rules.ts';
import type { CredentialCounts } from '../core/credentials.ts';
import type { OpenDraft } from './open-draft.ts';

/** The row filter of the rows sent from another draft. */
export const SENT_ELSEWHERE_FILTER = 'sync.elsewhere';

export const SentElsewhereSchema = z.object({
	/** Rows of this draft whose email another draft of this device sent. */
	count: z.number(),
	/** Those drafts, most rows first; `name` null when the draft has since been deleted. */
	fromDrafts: z.array(
		z.object({
			id: z.string(),
			name: z.string().nullable(),
			sentAt: z.number(),
			count: z.number(),
		}),
	),
});
export type SentElsewhereSummary = z.infer<typeof SentElsewhereSchema>;

/** What the check found when the draft was opened or imported. */
export interface SentElsewhere {
	/** Email key → the draft that sent it first, and when. */
	byEmail: Map<string, { draftId: string; sentAt: number }>;
	/** The rows that matched (row indexes); each is checked again as it is now before it counts. */
	rows: number[];
	/** Names of the drafts that sent them (null: deleted since). */
	names: Map<string, string | null>;
}

/**
 * The draft that sent row `index`'s email, if the row still holds it, is not deleted and is not
 * sent from this draft (a row this draft sent, or is sending, has its own answer).
 */
export function sentFrom(od: OpenDraft, index: number): string | null {
	const found = od.sentElsewhere;
	if (!found || found.byEmail.size === 0) return null;
	if (od.store.isDeleted(index)) return null;
	const sync = od.store.credential(index).sync;
	if (sync !== 'none' && sync !== 'rejected') return null;
	return found.byEmail.get(importEmailKey(od.store.field(index, 'email_address')))?.draftId ?? null;
}

/** The rows counted now, by the draft that sent them. */
function rowsByDraft(od: OpenDraft): Map<string, number[]> {
	const out = new Map<string, number[]>();
	for (const index of od.sentElsewhere?.rows ?? []) {
		const from = sentFrom(od, index);
		if (from === null) continue;
		const list = out.get(from) ?? [];
		list.push(index);
		out.set(from, list);
	}
	return out;
}

/** The warning's numbers; undefined when no row is concerned (the page shows nothing). */
export function sentElsewhereSummary(od: OpenDraft): SentElsewhereSummary | undefined {
	const found = od.sentElsewhere;
	if (!found || found.rows.length === 0) return undefined;
	const byDraft = rowsByDraft(od);
	if (byDraft.size === 0) return undefined;
	const fromDrafts = [...byDraft].map(([id, rows]) => {
		let sentAt = Infinity;
		for (const i of rows) {
			const at = found.byEmail.get(importEmailKey(od.store.field(i, 'email_address')))?.sentAt;
			if (at !== undefined && at < sentAt) sentAt = at;
		}
		return { id, name: found.names.get(id) ?? null, sentAt, count: rows.length };
	});
	fromDrafts.sort((a, b) => b.count - a.count || a.sentAt - b.sentAt);
	return { count: fromDrafts.reduce((n, d) => n + d.count, 0), fromDrafts };
}

/**
 * The notice counts without the rows sent elsewhere: they get no notice (handlers/notices.ts),
 * so "Print notices (N not printed)" and "every notice printed" must not wait for them.
 */
export function noticeCountsWithout(od: OpenDraft, counts: CredentialCounts): CredentialCounts {
	const model = od.model;
	if (!model) return counts;
	const out = { ...counts };
	for (const rows of rowsByDraft(od).values())
		for (const i of rows) {
			const standing = model.standing(i);
			if (getsNotice(standing)) out.noticeReady--;
			if (noticeStatus(standing) === 'pending') out.noticePending--;
		}
	return out;
}

/** The view of the "Already sent elsewhere" filter (search applied too), in row order. */
export function sentElsewhereView(od: OpenDraft): Int32Array {
	const model = od.model;
	if (!model) return new Int32Array(0);
	const base = model.view('all', od.search);
	const kept = new Set(Array.from(rowsByDraft(od).values()).flat());
	const out: number[] = [];
	if (base === null) {
		for (const i of [...kept].sort((a, b) => a - b)) out.push(i);
	} else {
		for (const i of base) if (kept.has(i)) out.push(i);
	}
	return Int32Array.from(out);
}
