// Browser tests: the built app (vite preview) in Debian's Chromium, never a downloaded browser.
import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './test/e2e/chromium.ts';

const PORT = 4319;

export default defineConfig({
	testDir: 'test/e2e',
	testMatch: '**/*.e2e.ts',
	timeout: 120_000,
	fullyParallel: false,
	workers: 1,
	forbidOnly: true,
	// No retries: a test that fails once is a bug of the app or of the test, and a retry would
	// hide it as "flaky". Should anyone add retries, CI still fails a run that needed one.
	retries: 0,
	failOnFlakyTests: !!process.env.CI,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
		acceptDownloads: true,
	},
	webServer: {
		command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: false,
		timeout: 60_000,
	},
});
