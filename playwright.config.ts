// Browser tests: the built app (vite preview) in Debian's Chromium, never a downloaded browser.
import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './test/e2e/chromium.ts';

// Overridable so that several people (or agents) can run their browser tests at once, each on a
// build of their own: ROSTER_E2E_PORT=4420 ROSTER_E2E_DIST=/tmp/mydist.
const PORT = Number(process.env.ROSTER_E2E_PORT ?? 4319);
const DIST = process.env.ROSTER_E2E_DIST ? ` --outDir ${process.env.ROSTER_E2E_DIST}` : '';

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
		command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${PORT} --strictPort${DIST}`,
		url: `http://127.0.0.1:${PORT}`,
		reuseExistingServer: false,
		timeout: 60_000,
	},
});
