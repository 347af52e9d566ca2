// Component test setup: DOM matchers, and the browser APIs jsdom does not implement.
import '@testing-library/jest-dom/vitest';

if (!URL.createObjectURL) {
	URL.createObjectURL = () => 'blob:roster-test';
	URL.revokeObjectURL = () => {};
}

// `bind:clientHeight` observes the element's size. jsdom has no layout, so sizes never change:
// an observer that never reports is what a browser would do here.
if (!('ResizeObserver' in globalThis)) {
	globalThis.ResizeObserver = class {
		observe(): void {}
		unobserve(): void {}
		disconnect(): void {}
	};
}
