// Tells the other tabs that a draft changed, so an edit in one shows in the other at once.
// Only which blocks changed crosses: each tab reads the rows themselves from IndexedDB.
import { z } from 'zod';

const DraftChangeSchema = z.object({
	draftId: z.string(),
	blocks: z.array(z.number().int().nonnegative()),
});
export type DraftChangeMessage = z.infer<typeof DraftChangeSchema>;

export const DRAFT_CHANNEL = 'roster-drafts';

export class DraftSync {
	#channel: BroadcastChannel;

	constructor(name = DRAFT_CHANNEL) {
		this.#channel = new BroadcastChannel(name);
	}

	announce(message: DraftChangeMessage): void {
		this.#channel.postMessage(message);
	}

	listen(handler: (message: DraftChangeMessage) => void): void {
		this.#channel.onmessage = (event: MessageEvent) => {
			const parsed = DraftChangeSchema.safeParse(event.data);
			if (parsed.success) handler(parsed.data);
		};
	}

	close(): void {
		this.#channel.close();
	}
}
