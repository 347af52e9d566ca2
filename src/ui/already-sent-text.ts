// The words of the warning about emails already sent from another draft of this device
// (AlreadySentNote.svelte): how many, from which draft and when, and what it means for notices.
import type { SentElsewhereSummary } from '../worker/sent-elsewhere-view.ts';
import { count, plural, shortDate } from './format.ts';

type FromDraft = SentElsewhereSummary['fromDrafts'][number];

function where(d: FromDraft, now: Date): string {
	const name = d.name === null ? 'a draft deleted since' : `“${d.name}”`;
	return d.sentAt > 0 ? `${name} on ${shortDate(d.sentAt, now)}` : name;
}

/**
 * "27 of these emails were already sent to the platform from “Spring” on 3 Dec." — with each
 * draft and its count when they came from several.
 */
export function alreadySentText(summary: SentElsewhereSummary, now: Date = new Date()): string {
	const { fromDrafts } = summary;
	const head = `${plural(summary.count, 'of these emails was', 'of these emails were')} already sent to the platform from`;
	if (fromDrafts.length === 1) return `${head} ${where(fromDrafts[0] as FromDraft, now)}.`;
	const parts = fromDrafts.map((d) => `${count(d.count)} from ${where(d, now)}`);
	return `${head} other drafts: ${parts.join(', ')}.`;
}

/** What it means, in the words of the pro's next step. */
export const ALREADY_SENT_MEANING =
	'Their accounts exist: a new notice’s password would not work, so these rows get no notice.';
