// Opening and closing a draft, and reading its rows: the current view (filter and search), a
// page of rows, where a row is in the view, and the next or previous problem in it.
import type { DraftContext } from '../context.ts';
import { currentView, draftState, readableEarly, rowView, viewTotal } from '../open-draft.ts';
import type { RowView } from '../views.ts';
import { findProblem } from '../problem-search.ts';
import { editFolder } from '../edit-folding.ts';
import type { Handlers } from './types.ts';

export function rowHandlers(
	ctx: DraftContext,
): Pick<Handlers, 'open' | 'close' | 'view' | 'rows' | 'locate' | 'problem'> {
	return {
		async open({ draftId, today }) {
			return ctx.opened(await ctx.load(draftId, today, 'show'));
		},

		async close() {
			// The home screen lists the draft next: its counts must be the ones just shown.
			await ctx.flushCounts();
			// Its edit log goes into its blocks while the pro is on the home screen.
			void editFolder(ctx.repo).now();
			ctx.open = null;
			return null;
		},

		async view({ filter, search }) {
			const od = ctx.require();
			od.filter = filter;
			od.search = search;
			od.viewStale = true;
			if (filter !== 'all' || search.trim() !== '') await od.loaded;
			return draftState(od);
		},

		async rows({ offset, limit }) {
			const od = ctx.require();
			// While a draft is still being checked, the first rows can be shown already when
			// nothing filters or hides rows.
			const early = readableEarly(od, offset + limit);
			if (!early) await od.loaded;
			const view = early ? null : currentView(od);
			const total = early ? od.meta.counts.rows : viewTotal(od);
			const rows: RowView[] = [];
			for (let k = offset; k < Math.min(total, offset + limit); k++)
				rows.push(rowView(od, view ? (view[k] as number) : k));
			return { total, offset, rows };
		},

		async locate({ index }) {
			const od = ctx.require();
			// While the rows are still being checked, a row already read is where it will stay
			// when nothing hides rows: reopening a big draft goes back to the row at once.
			if (readableEarly(od, index + 1)) return { position: index };
			await od.loaded;
			const view = currentView(od);
			if (!view) return { position: index };
			// The first row at or after `index` (views are in row order).
			let lo = 0;
			let hi = view.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if ((view[mid] as number) < index) lo = mid + 1;
				else hi = mid;
			}
			return { position: Math.min(lo, Math.max(0, view.length - 1)) };
		},

		async problem({ from, field, direction }) {
			const { od, model } = await ctx.loaded();
			const view = currentView(od);
			const total = view ? view.length : model.length;
			// The model's own lists, read in place: no array per row over a million-row view.
			const { recordIssues } = model.dataset;
			const issuesAt = (position: number) =>
				recordIssues[view ? (view[position] as number) : position];
			return findProblem(total, issuesAt, { position: from, field }, direction);
		},
	};
}
