// The words of the warning about emails already sent from another draft of this device
// (AlreadySentNote.svelte): how many, from which draft and when.
import type { SentElsewhereSummary } from '../worker/sent-elsewhere-view.ts';
import { m } from '../i18n/messages.ts';
import { formatNumber, formatShortDate } from '../i18n/format.ts';

type FromDraft = SentElsewhereSummary['fromDrafts'][number];

function where(d: FromDraft, now: Date): string {
	const name = d.name === null ? m.draft_sent_deleted_draft() : m.draft_quoted({ text: d.name });
	return d.sentAt > 0
		? m.draft_sent_where_on({ where: name, date: formatShortDate(d.sentAt, now) })
		: name;
}

/**
 * "27 of these emails were already sent to the platform from “Spring” on 3 Dec." — with each
 * draft and its count when they came from several.
 */
export function alreadySentText(summary: SentElsewhereSummary, now: Date = new Date()): string {
	const { fromDrafts } = summary;
	if (fromDrafts.length === 1)
		return m.draft_sent_from_one({
			count: summary.count,
			where: where(fromDrafts[0] as FromDraft, now),
		});
	const parts = fromDrafts.map((d) =>
		m.draft_sent_part({ count: formatNumber(d.count), where: where(d, now) }),
	);
	return m.draft_sent_from_many({
		count: summary.count,
		parts: parts.join(m.draft_list_separator()),
	});
}
