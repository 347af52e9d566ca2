// Temporary passwords: create, replace or renew them (each one undo step), and remove every
// stored password of the draft from this device.
import { familyOf, wipeDraft } from '../../storage/wipe.ts';
import type { DraftContext } from '../context.ts';
import { cancelChunks } from './sync.ts';
import { commitPlan } from './changes.ts';
import type { Handlers } from './types.ts';

export function passwordHandlers(
	ctx: DraftContext,
): Pick<Handlers, 'passwords' | 'removePasswords'> {
	return {
		passwords: (args) => commitPlan(ctx, { type: 'passwords', ...args }),

		/**
		 * Empties every stored password of the draft's clients on this device: the draft, its
		 * copies and the bin's, their undo history, a cut-off copy's blocks and the server's
		 * answers about passwords, read from storage. A batch waiting to be sent is cancelled
		 * first (its chunks hold the passwords), once a request in flight has its answer.
		 */
		removePasswords: async () => {
			const id = ctx.require().meta.id;
			const family = await familyOf(ctx.repo, id);
			const engine = ctx.engine;
			const releases = engine ? await Promise.all(family.map((d) => engine.hold(d))) : [];
			try {
				return await ctx.serial(async () => {
					const { od, model } = await ctx.loaded();
					let cancelled = 0;
					let uncertain = 0;
					for (const draftId of family) {
						const r = await cancelChunks(ctx, draftId);
						cancelled += r.cancelled;
						uncertain += r.uncertain.clients;
					}
					await ctx.repo.removeOrphanBlocks();
					const at = ctx.clock();
					for (const draftId of family)
						if (draftId !== od.meta.id) await wipeDraft(ctx.repo, ctx.outbox, draftId, at);
					const rows = await wipeDraft(ctx.repo, ctx.outbox, od.meta.id, at);
					// The mapping step's sample lost its passwords too.
					od.meta = (await ctx.repo.get(od.meta.id)) ?? od.meta;
					ctx.take(model, rows);
					od.history = await ctx.history(od.meta.id);
					for (const [index, issues] of od.syncIssues)
						if (issues.some((i) => /password/i.test(i.code))) od.syncIssues.delete(index);
					return {
						...ctx.afterCommit(
							od,
							rows.map((r) => r.index),
						),
						wiped: { drafts: family.length, cancelled, uncertain },
					};
				});
			} finally {
				for (const release of releases) release();
			}
		},
	};
}
