// The WebKit smoke suite (`npm run test:webkit`): Safari's engine through WebKitWebDriver, one
// file at a time since each drives a real browser, against the built app.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		name: 'webkit',
		environment: 'node',
		include: ['test/webkit/**/*.webkit.ts'],
		fileParallelism: false,
		// A hang guard: each step waits on what the page shows with its own, shorter timeout.
		testTimeout: 90_000,
		hookTimeout: 60_000,
		// No retries: a WebKit-only failure is what the suite is here to find.
		retry: 0,
	},
});
