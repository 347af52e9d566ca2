// The tab-to-tab channel: tells the other tabs' workers that a draft changed, so an edit in one
// shows in the other at once. Only which blocks changed crosses: each tab reads the rows
// themselves from IndexedDB. ("Sync" in Roster means the import API alone: see src/sync/.)
import { z } from 'zod';

const TabChangeSchema = z.object({
	draftId: z.string(),
	blocks: z.array(z.number().int().nonnegative()),
});
export type TabChange = z.infer<typeof TabChangeSchema>;

export const DRAFT_CHANNEL = 'roster-drafts';

export class TabChannel {
	#channel: BroadcastChannel;

	constructor(name = DRAFT_CHANNEL) {
		this.#channel = new BroadcastChannel(name);
	}

	announce(message: TabChange): void {
		this.#channel.postMessage(message);
	}

	listen(handler: (message: TabChange) => void): void {
		this.#channel.onmessage = (event: MessageEvent) => {
			const parsed = TabChangeSchema.safeParse(event.data);
			if (parsed.success) handler(parsed.data);
		};
	}

	close(): void {
		this.#channel.close();
	}
}

export const LOCK_CHANNEL = 'roster-lock';

/** Tells the other tabs' workers that this device was locked, or the lock turned on or off. */
export class BroadcastLockChannel {
	#channel = new BroadcastChannel(LOCK_CHANNEL);

	post(): void {
		this.#channel.postMessage('locked');
	}

	listen(onLocked: () => void): void {
		this.#channel.onmessage = () => onLocked();
	}
}
