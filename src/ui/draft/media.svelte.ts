// Whether a media query matches, as state that follows the window (rotating a tablet, resizing
// a window). Where there is no matchMedia (component tests under jsdom) it reads `fallback`.
// The draft screen renders the problems panel in one place only (beside the grid or in the
// bottom sheet), since two copies would repeat its ids and its live region.

export class MediaMatch {
	#matches = $state(false);

	constructor(query: string, fallback: boolean) {
		if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') {
			this.#matches = fallback;
			return;
		}
		const list = window.matchMedia(query);
		this.#matches = list.matches;
		$effect(() => {
			const update = () => (this.#matches = list.matches);
			list.addEventListener('change', update);
			return () => list.removeEventListener('change', update);
		});
	}

	get matches(): boolean {
		return this.#matches;
	}
}
