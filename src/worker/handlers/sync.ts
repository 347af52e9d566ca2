// Sync with the import API: a batch of the open draft's rows without errors goes to the outbox
// (its rows locked in the same transaction), and the engine's answers land on the rows of their
// draft, open here or not. "Cancel sending" takes a draft's waiting chunks back out, and a copy
// of a draft made mid-sync gets its rows unlocked (the copy is in no batch). The client's
// heartbeat is answered here too: it is what keeps a dead worker from hanging the page.
import { isUnsent } from '../../core/credential-rules.ts';
import { syncCode } from '../../core/credentials.ts';
import { BLOCK_SIZE } from '../../core/record-store.ts';
import type { ClientRecord } from '../../core/record.ts';
import { DEFAULT_CHUNK_SIZE } from '../../core/import-api.ts';
import type { OutboxRecord } from '../../storage/db.ts';
import type { MergedRow } from '../../storage/drafts.ts';
import { buildBatch } from '../../sync/chunks.ts';
import { SyncEngine, type EngineDeps } from '../../sync/engine.ts';
import type { ChunkOutcome } from '../../sync/results.ts';
import type { DraftContext } from '../context.ts';
import { countAnswer } from '../list-counts.ts';
import { draftState, type OpenDraft } from '../open-draft.ts';
import { acceptedEntries } from '../sent-elsewhere.ts';
import type { Handlers } from './types.ts';

/** How the outbox reaches the import API. */
export type EngineOptions = Pick<
	EngineDeps,
	'config' | 'fetch' | 'lock' | 'random' | 'policy' | 'parallel'
>;

/**
 * After a sync commit, which changes only the rows' credentials: the open draft takes them;
 * other tabs hear of them either way.
 */
function settled(
	ctx: DraftContext,
	draftId: string,
	rows: MergedRow[],
	update: (od: OpenDraft) => void,
): void {
	const od = ctx.open;
	if (od?.meta.id === draftId && od.model) {
		ctx.takeCredentials(od.model, rows);
		update(od);
		ctx.afterSyncCommit(
			od,
			rows.map((r) => r.index),
		);
		return;
	}
	// Not open here: the home screen's counts move by what the rows became.
	void countAnswer(ctx.repo, draftId, rows);
	ctx.announce(
		draftId,
		rows.map((r) => r.index),
	);
}

/** The server's answer to a chunk, into its draft's rows (open here or not). */
async function applyAnswer(
	ctx: DraftContext,
	chunk: OutboxRecord,
	outcome: ChunkOutcome,
): Promise<void> {
	if (!(await ctx.repo.get(chunk.draftId))) {
		await ctx.outbox.remove(chunk.id);
		return;
	}
	const sentEmails = await acceptedEntries(ctx, chunk, outcome);
	const result = await ctx.repo.commit(chunk.draftId, outcome.patches, null, ctx.clock(), {
		outbox: { remove: [chunk.id] },
		syncIssues: { put: outcome.issues, remove: outcome.cleared },
		sentEmails,
	});
	settled(ctx, chunk.draftId, result.rows, (od) => {
		for (const r of outcome.issues) od.syncIssues.set(r.index, r.issues);
		for (const i of outcome.cleared) od.syncIssues.delete(i);
	});
}

/** A chunk the server will never take: its rows are unlocked, to go in a later batch. */
async function releaseChunk(ctx: DraftContext, chunk: OutboxRecord): Promise<void> {
	if (!(await ctx.repo.get(chunk.draftId))) {
		await ctx.outbox.remove(chunk.id);
		return;
	}
	const patches = chunk.rows.map((index) => ({
		index,
		credential: { sync: 'none' as const, syncedAt: ctx.clock() },
	}));
	const result = await ctx.repo.commit(chunk.draftId, patches, null, ctx.clock(), {
		outbox: { remove: [chunk.id] },
	});
	settled(ctx, chunk.draftId, result.rows, () => undefined);
}

/** Sorted spreadsheet row numbers as runs: [2, 3, 4, 9] → [[2, 4], [9, 9]]. */
export function rowRanges(rows: readonly number[]): [number, number][] {
	const sorted = [...rows].sort((a, b) => a - b);
	const out: [number, number][] = [];
	for (const row of sorted) {
		const last = out.at(-1);
		if (last && row <= last[1] + 1) last[1] = Math.max(last[1], row);
		else out.push([row, row]);
	}
	return out;
}

/**
 * Takes every waiting chunk of a draft out of the outbox and unlocks its rows (not sent), in
 * one transaction. A chunk sent at least once without a final answer may be on the platform:
 * its clients are counted as uncertain (a 429 or 503 said "not now", but which attempt got
 * which answer is not kept, so "may" is the honest word).
 */
export async function cancelChunks(ctx: DraftContext, draftId: string) {
	const chunks = await ctx.outbox.forDraft(draftId);
	const od = ctx.open?.meta.id === draftId ? ctx.open : null;
	const none = { cancelled: 0, uncertain: { clients: 0, ranges: [] }, state: null };
	if (chunks.length === 0) return { ...none, state: od ? draftState(od) : null };
	if (!(await ctx.repo.get(draftId))) {
		for (const c of chunks) await ctx.outbox.remove(c.id);
		return none;
	}
	const now = ctx.clock();
	const sent = new Set(chunks.filter((c) => c.attempts > 0).flatMap((c) => c.rows));
	const patches = chunks.flatMap((c) =>
		c.rows.map((index) => ({ index, credential: { sync: 'none' as const, syncedAt: now } })),
	);
	const result = await ctx.repo.commit(draftId, patches, null, now, {
		outbox: { remove: chunks.map((c) => c.id) },
	});
	settled(ctx, draftId, result.rows, () => undefined);
	const uncertain = result.rows.filter((r) => sent.has(r.index)).map((r) => r.rec.row);
	return {
		cancelled: patches.length,
		uncertain: { clients: uncertain.length, ranges: rowRanges(uncertain) },
		state: od?.model ? draftState(od) : null,
	};
}

/**
 * A copy of a draft holds the rows as they were, some perhaps locked by a batch of the original:
 * the copy is in no batch, so those rows are not sent yet in it.
 */
export async function unlockCopy(ctx: DraftContext, draftId: string): Promise<number> {
	const queued = syncCode('queued');
	const rows: number[] = [];
	for await (const block of ctx.repo.blocks(draftId)) {
		const sync = block.credentials?.sync;
		if (!sync) continue;
		for (let j = 0; j < block.count; j++)
			if (sync[j] === queued) rows.push(block.index * BLOCK_SIZE + j);
	}
	if (rows.length === 0) return 0;
	const now = ctx.clock();
	const patches = rows.map((index) => ({
		index,
		credential: { sync: 'none' as const, syncedAt: now },
	}));
	const result = await ctx.repo.commit(draftId, patches, null, now);
	await countAnswer(ctx.repo, draftId, result.rows);
	return rows.length;
}

/** The engine that drains this worker's outbox, its answers applied in the serial queue. */
export function createEngine(ctx: DraftContext, options: EngineOptions): SyncEngine {
	return new SyncEngine({
		...options,
		outbox: ctx.outbox,
		now: ctx.clock,
		apply: (chunk, outcome) => ctx.serial(() => applyAnswer(ctx, chunk, outcome)),
		release: (chunk) => ctx.serial(() => releaseChunk(ctx, chunk)),
		onStatus: (status) => ctx.syncEvents.status(status),
	});
}

export function syncHandlers(
	ctx: DraftContext,
): Pick<Handlers, 'sync' | 'syncNow' | 'cancelSync' | 'ping'> {
	return {
		/**
		 * Queues the rows without errors not sent yet as one batch: its chunks go to the outbox
		 * and its rows are locked in the same transaction, before anything is sent.
		 */
		sync: ({ chunkSize, knownTags }) =>
			ctx.serial(async () => {
				const { od, model } = await ctx.loaded();
				const records = model.dataset.records;
				const known = knownTags ? new Set(knownTags) : null;
				const rows: number[] = [];
				const unknownTags = new Set<string>();
				let heldBack = 0;
				for (let i = 0; i < model.length; i++) {
					if (!isUnsent(model.standing(i))) continue;
					// The server would reject a tag the organisation lacks: keep such rows back.
					if (known && records.tagCount(i) > 0) {
						const missing = (records.at(i) as ClientRecord).tags.filter((t) => !known.has(t));
						if (missing.length > 0) {
							heldBack++;
							for (const t of missing) if (unknownTags.size < 20) unknownTags.add(t);
							continue;
						}
					}
					rows.push(i);
				}
				let queued: OutboxRecord[] = [];
				if (rows.length > 0) {
					const now = ctx.clock();
					const chunks = buildBatch({
						draftId: od.meta.id,
						batchId: ctx.newId(),
						rows,
						record: (i) => records.at(i) as ClientRecord,
						chunkSize: chunkSize ?? DEFAULT_CHUNK_SIZE,
						now,
						newKey: ctx.newId,
					});
					const patches = rows.map((index) => ({
						index,
						credential: { sync: 'queued' as const, syncedAt: now },
					}));
					const result = await ctx.repo.commit(od.meta.id, patches, null, now, {
						outbox: { put: chunks },
					});
					queued = chunks;
					// Only their credential changed: 100,000 rows checked again took ~0.5 s.
					ctx.takeCredentials(model, result.rows);
					ctx.afterSyncCommit(
						od,
						result.rows.map((r) => r.index),
					);
				}
				void ctx.engine?.drain(queued);
				return {
					state: draftState(od),
					queued: rows.length,
					heldBack,
					unknownTags: [...unknownTags],
				};
			}),

		async syncNow() {
			void ctx.engine?.wake();
			return null;
		},

		/**
		 * Waits for the draft's requests in flight to settle (outside the serial queue: their
		 * answers are applied in it), then takes its chunks out while none can leave.
		 */
		async cancelSync({ draftId }) {
			const release = ctx.engine ? await ctx.engine.hold(draftId) : () => undefined;
			try {
				return await ctx.serial(() => cancelChunks(ctx, draftId));
			} finally {
				release();
			}
		},

		async ping() {
			return null;
		},
	};
}
