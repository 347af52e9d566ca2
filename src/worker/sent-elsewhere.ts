// Emails already sent to the platform from another draft of this device. Each answer of the
// platform that accepts a client (created or already registered) is recorded as a keyed hash
// (src/storage/sent-emails.ts) in the transaction that commits its rows; when a draft is imported or opened, its
// emails not sent from it are checked against that record in the background, and the page hears
// of any found through a `changed` event (sent-elsewhere-view.ts says what it sees of them).
import { importEmailKey } from '../core/import-api.ts';
import type { OutboxRecord, SentBatchRecord } from '../storage/db.ts';
import { SentEmails } from '../storage/sent-emails.ts';
import type { ChunkOutcome } from '../sync/results.ts';
import { nextTask } from './blob-source.ts';
import type { DraftContext } from './context.ts';
import { draftState, type OpenDraft } from './open-draft.ts';
import { sentElsewhereSummary, type SentElsewhere } from './sent-elsewhere-view.ts';

const records = new WeakMap<DraftContext, SentEmails>();

/** The record of sent emails this worker writes and reads. */
export function sentEmailsOf(ctx: DraftContext): SentEmails {
	let found = records.get(ctx);
	if (!found) {
		found = new SentEmails(ctx.repo.db, ctx.vault);
		records.set(ctx, found);
	}
	return found;
}

/**
 * The record of a chunk's emails the platform accepted, to be written in the transaction that
 * commits its answer to the rows. Hashing fails only when the lock closed meanwhile or the
 * secret cannot be read: that loses a warning later, so it does not keep the answer off the rows.
 */
export async function acceptedEntries(
	ctx: DraftContext,
	chunk: OutboxRecord,
	outcome: ChunkOutcome,
): Promise<SentBatchRecord[]> {
	const emails = chunk.clients
		.filter((_, k) => {
			const sync = outcome.patches[k]?.credential?.sync;
			return sync === 'synced' || sync === 'exists';
		})
		.map((c) => c.email_address);
	if (emails.length === 0) return [];
	try {
		const batch = await sentEmailsOf(ctx).batch(chunk.draftId, emails, ctx.clock());
		return batch ? [batch] : [];
	} catch {
		return [];
	}
}

/** Rows whose email may have been sent elsewhere: not deleted, not sent from this draft. */
function candidates(od: OpenDraft): Map<string, number[]> {
	const out = new Map<string, number[]>();
	const { store } = od;
	for (let i = 0; i < store.length; i++) {
		if (store.isDeleted(i)) continue;
		const sync = store.credential(i).sync;
		if (sync !== 'none' && sync !== 'rejected') continue;
		const email = store.field(i, 'email_address');
		if (email.trim() === '') continue;
		const key = importEmailKey(email);
		const list = out.get(key);
		if (list) list.push(i);
		else out.set(key, [i]);
	}
	return out;
}

/** What the record says of the open draft's emails (null: nothing to check, or locked). */
async function findSentElsewhere(ctx: DraftContext, od: OpenDraft): Promise<SentElsewhere | null> {
	const sent = sentEmailsOf(ctx);
	if (ctx.vault?.locked) return null;
	await sent.backfill(ctx.repo);
	// The common case costs one count: nothing was ever sent from this device.
	if ((await sent.count()) === 0) return null;
	const others = await sent.others(od.meta.id);
	if (others.size === 0) return null;
	const byKey = candidates(od);
	const keys = [...byKey.keys()];
	const hashes = await sent.hashes(keys);
	const found: SentElsewhere = { byEmail: new Map(), rows: [], names: new Map() };
	hashes.forEach((hash, k) => {
		const entry = others.get(hash);
		if (!entry) return;
		const key = keys[k] as string;
		found.byEmail.set(key, { draftId: entry.draftId, sentAt: entry.sentAt });
		found.rows.push(...(byKey.get(key) ?? []));
	});
	if (found.rows.length === 0) return null;
	for (const { draftId } of found.byEmail.values()) {
		if (found.names.has(draftId)) continue;
		const draft = await ctx.repo.get(draftId).catch(() => undefined);
		found.names.set(draftId, draft?.name ?? null);
	}
	found.rows.sort((a, b) => a - b);
	return found;
}

/**
 * Checks the open draft once its rows are read, after the answer that opened it has gone out.
 * Says nothing unless rows were found; a failure leaves the draft as it is (no warning).
 */
export async function checkSentElsewhere(ctx: DraftContext, od: OpenDraft): Promise<void> {
	try {
		await nextTask();
		await od.loaded;
		if (ctx.open !== od) return;
		const found = await findSentElsewhere(ctx, od);
		if (ctx.open !== od || !found) return;
		od.sentElsewhere = found;
		if (!sentElsewhereSummary(od)) return;
		od.viewStale = true;
		ctx.emit('changed', { state: draftState(od), changedRows: 0 });
	} catch {
		// Locked meanwhile, storage unreadable, draft closed: the draft works the same without it.
	}
}
