// Importing a file into a draft (new, or the rest of a partly imported one), and cancelling it.
import { ImportCancelledError } from '../../core/import-csv.ts';
import type { DraftRecord } from '../../storage/db.ts';
import type { DraftContext } from '../context.ts';
import { newDraftRecord, streamIntoDraft } from '../draft-import.ts';
import type { Handlers } from './types.ts';

export function importHandlers(ctx: DraftContext): Pick<Handlers, 'import' | 'cancel'> {
	return {
		async import(args, call) {
			// A new file cancels any import still running: only the latest choice matters.
			for (const controller of ctx.running.values()) controller.abort();
			const controller = new AbortController();
			ctx.running.set(call.id, controller);
			ctx.open = null;
			let meta: DraftRecord | null = null;
			try {
				if (args.resume) {
					meta = (await ctx.repo.get(args.resume)) ?? null;
					if (!meta) throw new Error('That draft no longer exists.');
				} else {
					meta = newDraftRecord(ctx.newId(), args, ctx.clock());
					await ctx.repo.create(meta);
				}
				const result = await streamIntoDraft(ctx.repo, meta, args, controller.signal, {
					progress: (p) => ctx.emit('progress', { call: call.id, ...p }),
					clock: ctx.clock,
					now: ctx.now,
				});
				// A resumed draft's stored rows may hold edits the file does not: the draft counts.
				if (args.resume) return ctx.opened(await ctx.load(meta.id, args.today, 'show'));
				const fresh = await ctx.repo.get(meta.id);
				if (!fresh) throw new Error('The draft was deleted while it was imported.');
				return ctx.opened(ctx.adopt(fresh, args.today, result.model, result.validator));
			} catch (error) {
				if (error instanceof ImportCancelledError && meta && !args.resume) {
					await ctx.repo.softDelete(meta.id, 0);
					await ctx.repo.purgeDeleted(1);
				}
				throw error;
			} finally {
				ctx.running.delete(call.id);
			}
		},

		async cancel({ target }) {
			// The cancelled call itself answers, with reason `cancelled`.
			ctx.running.get(target)?.abort();
			return null;
		},
	};
}
