// Component test setup: DOM matchers, and the browser APIs jsdom does not implement.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';

// The screens run over the real draft worker and fake-indexeddb (real-worker.ts): an answer takes
// a few hundred ms on a busy machine, so waiting for what the screen shows gets longer than the
// 1 s default. A hang guard: every wait still ends as soon as the screen shows what it waits for.
configure({ asyncUtilTimeout: 5000 });

// The draft worker reads a file as a stream (src/worker/blob-source.ts); jsdom's Blob and File
// have no stream(), so one is made of the bytes it does give.
if (!('stream' in Blob.prototype)) {
	Object.defineProperty(Blob.prototype, 'stream', {
		configurable: true,
		writable: true,
		value: function stream(this: Blob): ReadableStream<Uint8Array> {
			return new ReadableStream<Uint8Array>({
				start: async (controller) => {
					controller.enqueue(new Uint8Array(await this.arrayBuffer()));
					controller.close();
				},
			});
		},
	});
}

if (!URL.createObjectURL) {
	URL.createObjectURL = () => 'blob:roster-test';
	URL.revokeObjectURL = () => {};
}

// The grid and the notices watch their elements' sizes with a ResizeObserver. jsdom has no
// layout, so sizes never change: an observer that never reports is what a browser would do here
// (notice.test.ts puts in one that reports the sizes it sets).
if (!('ResizeObserver' in globalThis)) {
	globalThis.ResizeObserver = class {
		observe(): void {}
		unobserve(): void {}
		disconnect(): void {}
	};
}
