// The Chromium every benchmark (and lock-profile.ts) measures in: a fresh profile on disk, as a
// pro's browser (or the installed app) has, so IndexedDB writes go to files as on a tablet.
// Playwright's `browser.newContext()` is an off-the-record profile whose IndexedDB lives in
// memory: a 100,000-client sync took ~20% longer there (Chromium's browser process spent ~2 s
// more CPU on the in-memory store) and a committed edit never reached a disk.
// BENCH_PROFILE=memory measures in such a profile again, to compare with records taken before
// 2026-12-05 (docs/benchmarks.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
} from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/chromium.ts';

export type ProfileKind = 'disk' | 'memory';

/** Where this run's profiles keep their data (BENCH_PROFILE=memory: off the record). */
export const PROFILE: ProfileKind = process.env.BENCH_PROFILE === 'memory' ? 'memory' : 'disk';

export const PROFILE_NOTE: Record<ProfileKind, string> = {
	disk: 'Chromium runs with a fresh profile on disk (IndexedDB in files, as on a tablet).',
	memory:
		'BENCH_PROFILE=memory: Chromium runs off the record (Playwright contexts), IndexedDB in memory.',
};

export interface FreshProfile {
	browser: Browser;
	context: BrowserContext;
	/** The profile's first tab. */
	page(): Promise<Page>;
	/** Closes the browser and removes the profile's files. */
	close(): Promise<void>;
}

/** A new Chromium with an empty profile; service workers blocked, as the benchmarks always had. */
export async function freshProfile(options: BrowserContextOptions = {}): Promise<FreshProfile> {
	const launch = { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true };
	const contextOptions: BrowserContextOptions = { serviceWorkers: 'block', ...options };
	if (PROFILE === 'memory') {
		const browser = await chromium.launch(launch);
		const context = await browser.newContext(contextOptions);
		return { browser, context, page: () => context.newPage(), close: () => browser.close() };
	}
	const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
	const context = await chromium.launchPersistentContext(dir, { ...launch, ...contextOptions });
	const browser = context.browser();
	if (!browser) {
		await context.close();
		throw new Error('Playwright gave no browser for the persistent context');
	}
	return {
		browser,
		context,
		page: async () => context.pages()[0] ?? (await context.newPage()),
		close: async () => {
			try {
				await context.close();
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}
