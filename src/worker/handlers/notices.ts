// Credential notices: which rows get one (and how many asked-for rows do not, and why), and the
// record that they were printed.
import { mayMarkPrinted, passwordRemoved, printRunPlace } from '../../core/credential-rules.ts';
import type { ClientRecord } from '../../core/record.ts';
import type { DraftContext } from '../context.ts';
import { sentFrom } from '../sent-elsewhere-view.ts';
import type { Result } from '../protocol.ts';
import type { Handlers } from './types.ts';

export function noticeHandlers(ctx: DraftContext): Pick<Handlers, 'notices' | 'markPrinted'> {
	return {
		// In line with changes: notices asked for right after "Create passwords" show them.
		notices: ({ choice, indexes }) =>
			ctx.serial(async () => {
				const { od, model } = await ctx.loaded();
				const records = model.dataset.records;
				const candidates =
					choice === 'selected'
						? [...new Set(indexes ?? [])].filter((i) => i < model.length).sort((a, b) => a - b)
						: Array.from({ length: model.length }, (_, i) => i);
				const list: Result<'notices'> = { notices: [], withErrors: 0, removed: 0, registered: 0 };
				for (const index of candidates) {
					const row = model.standing(index);
					const place = printRunPlace(row, choice);
					if (place === 'skipped') continue;
					if (place === 'errors') {
						list.withErrors++;
						if (passwordRemoved(row.credential)) list.removed++;
						continue;
					}
					// Sent from another draft of this device: the account exists just the same.
					if (place === 'registered' || sentFrom(od, index) !== null) {
						list.registered++;
						continue;
					}
					const rec = records.at(index) as ClientRecord;
					list.notices.push({
						index,
						row: rec.row,
						first_name: rec.first_name,
						last_name: rec.last_name,
						email_address: rec.email_address,
						initial_password: rec.initial_password,
						// The print screen holds back notices the platform has not created yet.
						sync: row.credential.sync,
					});
				}
				return list;
			}),

		markPrinted: ({ indexes }) =>
			ctx.serial(async () => {
				const { od, model } = await ctx.loaded();
				const at = ctx.clock();
				// Only rows that get a notice: a row with errors was never on paper.
				const patches = [...new Set(indexes)]
					.filter((i) => i < model.length && mayMarkPrinted(model.standing(i)))
					.map((index) => ({ index, credential: { printedAt: at } }));
				if (patches.length === 0) return ctx.unchanged(od);
				const result = await ctx.repo.commit(od.meta.id, patches, null, at);
				ctx.takeCredentials(model, result.rows);
				return ctx.afterCommit(
					od,
					result.rows.map((r) => r.index),
				);
			}),
	};
}
