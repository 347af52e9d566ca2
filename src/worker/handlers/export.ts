// Files out of a draft: the clean file and the rows needing attention, of the open draft or of
// another one (read without closing the open draft), and a copy of a whole draft.
import { exportParts } from '../../core/export.ts';
import type { DraftContext } from '../context.ts';
import { unlockCopy } from './sync.ts';
import type { Handlers } from './types.ts';
import { m } from '../../i18n/messages.ts';
import { issueText } from '../../i18n/issue-text.ts';

function baseName(fileName: string): string {
	return fileName.replace(/\.[^.]*$/, '') || 'clients';
}

export function exportHandlers(ctx: DraftContext): Pick<Handlers, 'export' | 'duplicate'> {
	return {
		async export({ kind, draftId }) {
			let od = ctx.open;
			if (draftId && od?.meta.id !== draftId) {
				const today = od?.today ?? new Date().toISOString().slice(0, 10).replaceAll('-', '');
				od = await ctx.load(draftId, today, 'detached');
			}
			if (!od) throw new Error(m.draft_no_open());
			const model = await od.loaded;
			// The attention file's `errors` column follows the app's language.
			const parts = exportParts(model.dataset, kind, model.flags, issueText);
			if (kind === 'clean') {
				// "Remove passwords from this device" is offered once the clean file is out.
				od.meta.exportedAt = ctx.clock();
				await ctx.repo.update(od.meta.id, { exportedAt: od.meta.exportedAt });
			}
			const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
			const suffix = kind === 'clean' ? 'ready' : 'needs-attention';
			const fileName = `${baseName(od.meta.source.fileName)}-${suffix}.csv`;
			return { blob, rows: parts.length - 1, fileName };
		},

		async duplicate({ draftId, name }) {
			const copy = await ctx.repo.duplicate(draftId, {
				id: ctx.newId(),
				name,
				now: ctx.clock(),
			});
			// Rows a batch of the original holds are not in flight in the copy.
			await unlockCopy(ctx, copy.id);
			return { draftId: copy.id };
		},
	};
}
