// Temporary passwords: create, replace or renew them (each one undo step), and remove every
// stored password of the draft from this device.
import type { Credential } from '../../core/credentials.ts';
import type { DraftContext } from '../context.ts';
import { commitPlan } from './changes.ts';
import type { Handlers } from './types.ts';

export function passwordHandlers(
	ctx: DraftContext,
): Pick<Handlers, 'passwords' | 'removePasswords'> {
	return {
		passwords: (args) => commitPlan(ctx, { type: 'passwords', ...args }),

		/**
		 * Empties every stored password of the draft, deleted rows included, and drops its undo
		 * history in the same transaction: undo steps hold old and new passwords too.
		 */
		removePasswords: () =>
			ctx.serial(async () => {
				const { od, model } = await ctx.loaded();
				const waiting = await ctx.outbox.forDraft(od.meta.id);
				if (waiting.length > 0)
					throw new Error(
						`${waiting.reduce((n, c) => n + c.rows.length, 0)} clients of this draft are still being sent to the platform, with their passwords. Remove the passwords once the sync has finished.`,
					);
				const at = ctx.clock();
				const removed: Partial<Credential> = { origin: 'removed', setAt: at };
				const records = model.dataset.records;
				const patches = [];
				for (let index = 0; index < model.length; index++)
					if (records.field(index, 'initial_password') !== '')
						patches.push({ index, set: { initial_password: '' }, credential: removed });
				const result = await ctx.repo.commit(od.meta.id, patches, null, at, {
					clearHistory: true,
				});
				ctx.take(model, result.rows);
				od.history = await ctx.history(od.meta.id);
				return ctx.afterCommit(
					od,
					result.rows.map((r) => r.index),
				);
			}),
	};
}
