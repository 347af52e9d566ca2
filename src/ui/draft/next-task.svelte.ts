// What the pro cannot see when the draft screen first shows (a closed menu's panel, a closed
// dialog) is mounted a task after the rest. After a 1M import the screen's first render was one
// main-thread task of ~45 ms on a 2-core EPYC and 54–71 ms in its slower minutes, over issue
// 2's 50 ms; the hidden parts were a third of it (issue 16, docs/decisions.md). Nothing shows
// or moves when they arrive: they are hidden until opened, and opening one mounts it at once.

import { tick } from 'svelte';

export class NextTask {
	#ready = $state(false);

	/** Made while a component initialises: `ready` turns true in a task of its own after it mounts. */
	constructor() {
		$effect(() => {
			const timer = setTimeout(() => (this.#ready = true));
			return () => clearTimeout(timer);
		});
	}

	get ready(): boolean {
		return this.#ready;
	}

	/** Mounts it now (the pro opened it before that task ran); resolves once it is in the page. */
	async now(): Promise<void> {
		this.#ready = true;
		await tick();
	}
}
