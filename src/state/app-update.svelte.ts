// A new version of Roster waiting to take over. The service worker does not swap itself in
// under an open page (a page of the old version would then ask for chunks the new one no
// longer has, such as another language's messages); the pro reloads when it suits them.

/** What vite-plugin-pwa's `registerSW` needs and gives back (the app passes the real one). */
export type RegisterUpdates = (options: {
	immediate?: boolean;
	onNeedRefresh?: () => void;
}) => (reloadPage?: boolean) => Promise<void>;

export class AppUpdate {
	/** A new version is installed and waits for the pro's go. */
	ready = $state(false);
	/** The pro said "Later": the prompt stays away until the next version. */
	dismissed = $state(false);
	/** Reload pressed: the new version is taking over. */
	applying = $state(false);
	#apply: ((reloadPage?: boolean) => Promise<void>) | null = null;
	#reloadOnTakeover: (() => void) | null = null;

	/**
	 * Registers the service worker and listens for a waiting update. `reloadOnTakeover` arms a
	 * reload for when the new version controls the page: the plugin reloads by itself only in a
	 * page that was already controlled when it opened, not in the first visit's page, which a
	 * clinic tablet may keep open for days.
	 */
	start(register: RegisterUpdates, reloadOnTakeover: () => void): void {
		this.#reloadOnTakeover = reloadOnTakeover;
		this.#apply = register({
			immediate: true,
			onNeedRefresh: () => {
				this.ready = true;
				this.dismissed = false;
			},
		});
	}

	get showing(): boolean {
		return this.ready && !this.dismissed;
	}

	/** Lets the waiting version take over; the page reloads when it controls the page. */
	async reload(): Promise<void> {
		if (!this.#apply || this.applying) return;
		this.applying = true;
		this.#reloadOnTakeover?.();
		await this.#apply(true);
	}

	later(): void {
		this.dismissed = true;
	}
}
