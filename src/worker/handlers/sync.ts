// Sync with the import API: a batch of the open draft's rows without errors goes to the outbox
// (its rows locked in the same transaction), and the engine's answers land on the rows of their
// draft, open here or not.
import { isUnsent } from '../../core/credential-rules.ts';
import type { ClientRecord } from '../../core/record.ts';
import { DEFAULT_CHUNK_SIZE } from '../../core/import-api.ts';
import type { OutboxRecord } from '../../storage/db.ts';
import type { MergedRow } from '../../storage/drafts.ts';
import { buildBatch } from '../../sync/chunks.ts';
import { SyncEngine, type EngineDeps } from '../../sync/engine.ts';
import type { ChunkOutcome } from '../../sync/results.ts';
import type { DraftContext } from '../context.ts';
import { draftState, type OpenDraft } from '../open-draft.ts';
import type { Handlers } from './types.ts';

/** How the outbox reaches the import API. */
export type EngineOptions = Pick<
	EngineDeps,
	'config' | 'fetch' | 'lock' | 'random' | 'policy' | 'parallel'
>;

/** After a sync commit: the open draft takes the rows; other tabs hear of them either way. */
function settled(
	ctx: DraftContext,
	draftId: string,
	rows: MergedRow[],
	update: (od: OpenDraft) => void,
): void {
	const od = ctx.open;
	if (od?.meta.id === draftId && od.model) {
		ctx.take(od.model, rows);
		update(od);
		ctx.afterCommit(
			od,
			rows.map((r) => r.index),
			{ event: 'bySync' },
		);
		return;
	}
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
	const result = await ctx.repo.commit(chunk.draftId, outcome.patches, null, ctx.clock(), {
		outbox: { remove: [chunk.id] },
		syncIssues: { put: outcome.issues, remove: outcome.cleared },
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

/** The engine that drains this worker's outbox, its answers applied in the serial queue. */
export function createEngine(ctx: DraftContext, options: EngineOptions): SyncEngine {
	return new SyncEngine({
		...options,
		outbox: ctx.outbox,
		now: ctx.clock,
		apply: (chunk, outcome) => ctx.serial(() => applyAnswer(ctx, chunk, outcome)),
		release: (chunk) => ctx.serial(() => releaseChunk(ctx, chunk)),
		onStatus: (status) => ctx.emit('syncStatus', status),
	});
}

export function syncHandlers(ctx: DraftContext): Pick<Handlers, 'sync' | 'syncNow'> {
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
					ctx.take(model, result.rows);
					ctx.afterCommit(
						od,
						result.rows.map((r) => r.index),
						{ event: 'bySync' },
					);
				}
				void ctx.engine?.drain();
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
	};
}
