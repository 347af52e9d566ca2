// Another tab committed a change to a draft: the open draft takes the stored rows it touched,
// and the page hears of it as a `changed` event.
import { sameCredential } from '../core/credentials.ts';
import type { ClientRecord } from '../core/record.ts';
import { BLOCK_SIZE, RecordStore } from '../core/record-store.ts';
import { diffRecords } from '../core/row-patch.ts';
import type { DraftContext } from './context.ts';
import { draftState } from './open-draft.ts';
import type { TabChange } from './tab-channel.ts';

export async function mergeFromTab(ctx: DraftContext, message: TabChange): Promise<void> {
	const od = ctx.open;
	if (!od || od.meta.id !== message.draftId) return;
	const model = await od.loaded;
	if (ctx.open !== od) return;
	const meta = await ctx.repo.get(od.meta.id);
	if (!meta) return;
	od.meta = meta;
	if (meta.dateOrder !== model.dateOrder) model.setDateOrder(meta.dateOrder);
	const blocks = [...message.blocks].sort((a, b) => a - b);
	const stored = await ctx.repo.readBlocks(meta.id, blocks);
	let changed = 0;
	blocks.forEach((b, k) => {
		const data = stored[k];
		if (!data) return;
		const theirs = RecordStore.fromBlocks([data]);
		for (let j = 0; j < theirs.length; j++) {
			const index = b * BLOCK_SIZE + j;
			const rec = theirs.at(j) as ClientRecord;
			const deleted = theirs.isDeleted(j);
			if (index < model.length) {
				const mine = model.dataset.records.at(index) as ClientRecord;
				if (
					model.isDeleted(index) === deleted &&
					!diffRecords(index, mine, rec) &&
					mine.row === rec.row &&
					sameCredential(model.dataset.records.credential(index), theirs.credential(j))
				)
					continue;
			} else if (index > model.length) continue;
			model.update(index, rec, deleted);
			model.setCredential(index, theirs.credential(j));
			changed++;
		}
	});
	od.viewStale = true;
	od.history = await ctx.history(meta.id);
	// `changed` speaks of the open draft: say nothing if the pro has opened another meanwhile.
	if (ctx.open === od) ctx.emit('changed', { state: draftState(od), changedRows: changed });
}
