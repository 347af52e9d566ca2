// The sync and notice counts a draft keeps in clear for the home screen's card ("293 sent · 120
// notices printed"), kept up to date without opening the draft: the open draft saves them from
// its model with its other counts (context.ts); a draft not open here when the import API
// answers one of its chunks has them moved by that answer, since every row of a chunk was
// queued until then.
import type { CredentialCounts } from '../core/credentials.ts';
import type { MergedRow } from '../storage/block-patch.ts';
import type { DraftListCredentials } from '../storage/draft-record.ts';
import type { DraftRepository } from '../storage/drafts.ts';

/** The part of a model's credential counts the card shows. */
export function listCredentials(c: CredentialCounts): DraftListCredentials {
	return {
		unsent: c.unsent,
		queued: c.queued,
		synced: c.synced,
		exists: c.exists,
		rejected: c.rejected,
		printed: c.printed,
		noticeReady: c.noticeReady,
	};
}

export function sameListCredentials(
	a: DraftListCredentials | undefined,
	b: DraftListCredentials,
): boolean {
	return (
		a !== undefined &&
		(Object.keys(b) as (keyof DraftListCredentials)[]).every((k) => a[k] === b[k])
	);
}

/**
 * The counts after the import API's answer (or a chunk given up) settled `rows`, which were all
 * queued: each leaves "queued" for the state it has now. A queued row had no error (it was
 * sent), so one back to "none" is unsent again, and one the platform already has needs no
 * notice. Printed notices do not change with an answer.
 */
export function afterAnswer(
	before: DraftListCredentials,
	rows: readonly MergedRow[],
): DraftListCredentials {
	const next = { ...before };
	for (const row of rows) {
		if (row.deleted) continue;
		next.queued--;
		const sync = row.credential.sync;
		if (sync === 'none') next.unsent++;
		else if (sync !== 'queued') next[sync]++;
		if (sync === 'exists') next.noticeReady--;
	}
	for (const key of Object.keys(next) as (keyof DraftListCredentials)[])
		next[key] = Math.max(0, next[key]);
	return next;
}

/** One write at a time per draft: two chunks answered together must not lose a count. */
const chains = new Map<string, Promise<void>>();

/**
 * Moves the stored counts of a draft not open in this worker by an answer to one of its chunks.
 * A draft whose counts were never kept is left as it is: its next opening counts it whole.
 */
export function countAnswer(
	repo: DraftRepository,
	draftId: string,
	rows: readonly MergedRow[],
): Promise<void> {
	const run = async () => {
		const draft = await repo.get(draftId);
		const before = draft?.counts.credentials;
		if (!draft || !before) return;
		const credentials = afterAnswer(before, rows);
		await repo.update(draftId, { counts: { ...draft.counts, credentials } });
	};
	const next = (chains.get(draftId) ?? Promise.resolve()).then(run).catch(() => undefined);
	chains.set(draftId, next);
	void next.then(() => {
		if (chains.get(draftId) === next) chains.delete(draftId);
	});
	return next;
}
