// What a draft's card on the home screen says of it without opening it: its rows, where they
// stand with the platform and their notices ("293 sent · 7 need attention · 120 notices
// printed"), from the counts the draft keeps in clear. Pure, so each wording is tested alone.
import type { DraftListItem } from '../worker/protocol.ts';
import type { SyncStatusEvent } from '../worker/client.ts';
import { m } from '../i18n/messages.ts';

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
	const attention: CardPart = {
		text: m.shell_card_attention({ count: errorRows }),
		bad: errorRows > 0,
	};
	// Drafts saved before these counts were kept: nothing is known until the draft is opened.
	if (!c) return [attention, { text: m.shell_card_ready_to_fix() }];
	const sent = c.synced + c.exists;
	const parts: CardPart[] = [];
	if (sent > 0) parts.push({ text: m.shell_card_sent({ count: sent }) });
	if (c.queued > 0)
		parts.push({
			text:
				status?.phase === 'sending'
					? m.shell_card_sending({ count: c.queued })
					: m.shell_card_waiting({ count: c.queued }),
		});
	if (c.unsent > 0 && (sent > 0 || c.queued > 0 || c.rejected > 0))
		parts.push({ text: m.shell_card_not_sent_count({ count: c.unsent }) });
	else if (sent === 0 && c.queued === 0 && c.rejected === 0)
		parts.push({ text: m.shell_card_not_sent() });
	if (c.rejected > 0) parts.push({ text: m.shell_card_refused({ count: c.rejected }), bad: true });
	parts.push(attention);
	if (c.printed > 0) parts.push({ text: m.shell_card_printed({ count: c.printed }) });
	else if (sent > 0 && c.noticeReady > 0) parts.push({ text: m.shell_card_no_notice() });
	return parts;
}
