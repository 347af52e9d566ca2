// What a draft's card on the home screen says of it without opening it: its rows, where they
// stand with the platform and their notices ("293 sent · 7 need attention · 120 notices
// printed"), from the counts the draft keeps in clear. Pure, so each wording is tested alone.
import type { DraftListItem } from '../worker/protocol.ts';
import type { SyncStatusEvent } from '../worker/client.ts';
import { count, plural } from './format.ts';

/** One part of the card's line; `bad`: shown in the error colour. */
export interface CardPart {
	text: string;
	bad?: boolean;
}

/**
 * The sync and print state of a ready draft. `status`: the sync engine's, for all drafts (a
 * draft with rows queued is "sending…" while the engine sends, else waiting).
 */
export function draftStateParts(
	draft: Pick<DraftListItem, 'counts'>,
	status: Pick<SyncStatusEvent, 'phase'> | null,
): CardPart[] {
	const { errorRows, credentials: c } = draft.counts;
	const attention: CardPart = { text: `${count(errorRows)} need attention`, bad: errorRows > 0 };
	// Drafts saved before these counts were kept: nothing is known until the draft is opened.
	if (!c) return [attention, { text: 'ready to fix' }];
	const sent = c.synced + c.exists;
	const parts: CardPart[] = [];
	if (sent > 0) parts.push({ text: `${count(sent)} sent` });
	if (c.queued > 0)
		parts.push({
			text:
				status?.phase === 'sending'
					? `sending ${count(c.queued)}…`
					: `${count(c.queued)} waiting to send`,
		});
	if (c.unsent > 0 && (sent > 0 || c.queued > 0 || c.rejected > 0))
		parts.push({ text: `${count(c.unsent)} not sent yet` });
	else if (sent === 0 && c.queued === 0 && c.rejected === 0) parts.push({ text: 'not sent yet' });
	if (c.rejected > 0)
		parts.push({ text: `${plural(c.rejected, 'refused', 'refused')} by the platform`, bad: true });
	parts.push(attention);
	if (c.printed > 0) parts.push({ text: plural(c.printed, 'notice printed', 'notices printed') });
	else if (sent > 0 && c.noticeReady > 0) parts.push({ text: 'no notice printed yet' });
	return parts;
}
