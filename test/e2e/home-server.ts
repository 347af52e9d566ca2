// The reference server for the home and settings browser tests, serving this run's build
// (ROSTER_E2E_DIST when set, so runs side by side each test their own build) beside its API;
// and opening the app from it once the app holds the server's sync settings.
import { expect, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../../server/testing.ts';

export async function serverWithApp(
	opts: Parameters<typeof startServer>[0] = {},
): Promise<TestServer> {
	const dist = process.env.ROSTER_E2E_DIST;
	return startServer({
		app: true,
		...opts,
		env: { ...(dist ? { ROSTER_APP_DIR: dist } : {}), ...opts.env },
	});
}

/** Opens the app from the server and waits until it has taken the server's sync settings. */
export async function openApp(page: Page, s: TestServer): Promise<void> {
	await page.goto(s.origin);
	await expect(page.getByLabel('Choose a CSV file')).toBeAttached();
	await page.waitForFunction(
		() =>
			new Promise<boolean>((resolve) => {
				const open = indexedDB.open('roster');
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('settings')) return resolve(false);
					const get = db.transaction('settings').objectStore('settings').get('syncSettings');
					get.onsuccess = () => resolve(get.result !== undefined);
					get.onerror = () => resolve(false);
				};
				open.onerror = () => resolve(false);
			}),
	);
}
