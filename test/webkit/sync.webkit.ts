// WebKit smoke test of sync: the reference server (started here with its own SQLite file) serves
// the built app, which takes its sync settings from it; sending a draft creates the accounts, the
// server holds them, and the draft says they were created.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { startServer, type TestServer } from '../../server/testing.ts';
import { openBrowser, startDriver, type DriverProcess } from './webkit-driver.ts';
import {
	byLabel,
	chooseFile,
	click,
	fixturePath,
	summaryText,
	waitFor,
	waitForText,
} from './page.ts';

let wd: DriverProcess;
let server: TestServer;
let driver: WebDriver | undefined;

beforeAll(async () => {
	// The driver first: when it is missing the run stops there, with no server left behind.
	wd = await startDriver();
	server = await startServer({ app: true });
});

afterAll(async () => {
	await driver?.quit().catch(() => undefined);
	await server?.kill();
	await wd?.stop();
});

/** True once the app has stored the sync settings the serving server handed it. */
const SETTINGS_TAKEN = `
	const done = arguments[arguments.length - 1];
	const open = indexedDB.open('roster');
	open.onsuccess = () => {
		const db = open.result;
		if (!db.objectStoreNames.contains('settings')) return done(false);
		const get = db.transaction('settings').objectStore('settings').get('syncSettings');
		get.onsuccess = () => done(get.result !== undefined);
		get.onerror = () => done(false);
	};
	open.onerror = () => done(false);`;

test('a draft sent to the reference server: the accounts are created and the draft says so', async () => {
	driver = await openBrowser(wd);
	const page = driver;
	await page.get(`${server.origin}/`);
	await byLabel(page, /^Choose a CSV file/);
	await waitFor(page, 'the app to take the server’s sync settings', () =>
		page.executeAsyncScript<boolean>(SETTINGS_TAKEN),
	);
	await chooseFile(page, fixturePath('missing_passwords.csv'));
	await click(page, 'Create passwords for 4 clients without one');
	await waitForText(page, '[data-testid=summary]', summaryText(4, 1, 0));
	await click(page, 'Send 4 clients to the platform');

	await waitForText(page, '[data-testid=sync-status]', 'All 4 synced');
	await waitForText(
		page,
		'[data-testid=sync-counts]',
		'4 accounts created · 0 already registered · 0 rejected',
	);
	expect(server.count()).toBe(4);
	expect(server.emails().sort()).toEqual([
		'amelie.dubois@example.com',
		'ben.carter@example.com',
		'chloe.nguyen@example.com',
		'dan.okafor@example.com',
	]);
});
