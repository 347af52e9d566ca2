// Importing a file into a draft (new, or the rest of a partly imported one), and cancelling it.
// A new draft keeps how its columns were mapped; a mapping the pro confirmed is remembered for
// the next file with the same header; an import from the mapping step of a draft with no edits
// replaces that draft.
import { mappingKey } from '../../core/column-mapping.ts';
import { ImportCancelledError } from '../../core/import-csv.ts';
import type { DraftRecord } from '../../storage/db.ts';
import type { DraftContext } from '../context.ts';
import { newDraftRecord, streamIntoDraft, type ImportMapping } from '../draft-import.ts';
import { readFileHead } from '../file-preview.ts';
import type { Args } from '../protocol.ts';
import { untouched } from '../open-draft.ts';
import type { Handlers } from './types.ts';
import { m } from '../../i18n/messages.ts';

/** Why a draft's columns can no longer be changed by importing its file again. */
export function replaceRefused(): string {
	return m.import_replace_refused();
}

/**
 * How the file's columns are mapped and what of its head the draft keeps. The key and header
 * are read from the file itself rather than taken from the page's preview: the page may hold a
 * preview of another file by then, and the head is at most HEAD_BYTES, read in milliseconds.
 */
async function mappingFor(args: Args<'import'>): Promise<ImportMapping> {
	const head = await readFileHead(args.file, args.sheet, args.name);
	return {
		mapping: args.columns?.mapping ?? null,
		how: args.columns?.how ?? 'template',
		key: mappingKey(head.header),
		header: head.header,
		headerRow: head.headerRow,
		sample: head.sample,
	};
}

/** The draft an import replaces: it must exist and have nothing the pro did to it. */
async function replaced(ctx: DraftContext, draftId: string): Promise<DraftRecord> {
	const old = await ctx.repo.get(draftId);
	if (!old || old.deletedAt !== null) throw new Error(m.import_draft_gone());
	const open = ctx.open?.meta.id === draftId ? ctx.open : null;
	if (!(await untouched(ctx.repo, old, open))) throw new Error(replaceRefused());
	return old;
}

export function importHandlers(ctx: DraftContext): Pick<Handlers, 'import' | 'cancel'> {
	return {
		async import(args, call) {
			// A new file cancels any import still running: only the latest choice matters.
			for (const controller of ctx.running.values()) controller.abort();
			const controller = new AbortController();
			ctx.running.set(call.id, controller);
			let meta: DraftRecord | null = null;
			try {
				// Refused before anything is read: the draft the pro has open stays open.
				const old = args.replace ? await replaced(ctx, args.replace) : null;
				ctx.open = null;
				let columns: ImportMapping | null = null;
				if (args.resume) {
					meta = (await ctx.repo.get(args.resume)) ?? null;
					if (!meta) throw new Error(m.import_draft_gone());
					// The rest of the file is read the way its first part was.
					const kept = meta.mapping;
					if (kept)
						columns = {
							...kept,
							headerRow: kept.headerRow ?? 1,
							mapping: kept.how === 'template' ? null : { columns: kept.columns, fill: kept.fill },
						};
				} else {
					columns = await mappingFor(args);
					meta = newDraftRecord(ctx.newId(), args, ctx.clock());
					await ctx.repo.create(meta);
				}
				const result = await streamIntoDraft(
					ctx.repo,
					meta,
					args,
					controller.signal,
					{
						progress: (p) => ctx.emit('progress', { call: call.id, ...p }),
						clock: ctx.clock,
						now: ctx.now,
					},
					columns,
				);
				if (args.columns?.how === 'confirmed' && columns && columns.key !== '')
					await ctx.mappings.put({
						key: columns.key,
						header: columns.header,
						mapping: args.columns.mapping,
						savedAt: ctx.clock(),
					});
				if (old) {
					await ctx.repo.softDelete(old.id, 0);
					await ctx.repo.purgeDeleted(1);
				}
				// A resumed draft's stored rows may hold edits the file does not: the draft counts.
				if (args.resume) return ctx.opened(await ctx.load(meta.id, args.today, 'show'));
				const fresh = await ctx.repo.get(meta.id);
				if (!fresh) throw new Error(m.import_draft_deleted());
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
