// A new version of Roster reaches an open page: it waits (the page keeps running the version it
// started with) until the pro chooses "Reload now", and the open draft is still there after.
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../../server/testing.ts';
import { cell, checkFile, fixturePath, waitForServiceWorker } from './helpers.ts';

const BUILD = resolve(process.env.ROSTER_E2E_DIST ?? 'dist');

let dir: string;
let server: TestServer;

test.beforeEach(async () => {
	// A copy of the build of its own: the test publishes a "new version" by changing its sw.js.
	dir = mkdtempSync(join(tmpdir(), 'roster-update-'));
	cpSync(BUILD, dir, { recursive: true });
	server = await startServer({ app: true, env: { ROSTER_APP_DIR: dir } });
});

test.afterEach(async () => {
	await server.stop();
	rmSync(dir, { recursive: true, force: true });
});

/** Publishes a new service worker and has the page look for it, as it would on its own later. */
async function publishNewVersion(page: Page): Promise<void> {
	appendFileSync(join(dir, 'sw.js'), `\n// the next version\n`);
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		await registration?.update();
	});
}

test('a new version waits for "Reload now", and the open draft survives the reload', async ({
	page,
}) => {
	await page.goto(server.origin);
	await waitForServiceWorker(page);
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await expect(page.getByRole('button', { name: 'Reload now' })).toHaveCount(0);

	await publishNewVersion(page);
	const prompt = page.getByRole('status').filter({ hasText: 'A new version of Roster is ready.' });
	await expect(prompt).toBeVisible();
	// Until the pro says so, the old version keeps the page.
	expect(
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting),
	).not.toBeNull();

	await Promise.all([
		page.waitForEvent('load'),
		prompt.getByRole('button', { name: 'Reload now' }).click(),
	]);
	await expect(page.getByRole('button', { name: 'Reload now' })).toHaveCount(0);
	expect(
		await page.evaluate(async () => {
			const r = await navigator.serviceWorker.getRegistration();
			return {
				waiting: r?.waiting ?? null,
				controlled: navigator.serviceWorker.controller !== null,
			};
		}),
	).toEqual({ waiting: null, controlled: true });
	await expect(cell(page, 0, 'email_address')).toHaveText('maria.rossi@example.com');
});

test('"Later" keeps the old version and puts the prompt away; French reads it in French', async ({
	page,
}) => {
	await page.goto(server.origin);
	await page.evaluate(() => localStorage.setItem('roster.locale', 'fr'));
	await page.reload();
	await waitForServiceWorker(page);
	await publishNewVersion(page);
	const prompt = page
		.getByRole('status')
		.filter({ hasText: 'Une nouvelle version de Roster est prête.' });
	await expect(prompt).toBeVisible();
	await prompt.getByRole('button', { name: 'Plus tard' }).click();
	await expect(prompt).toHaveCount(0);
	expect(
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting),
	).not.toBeNull();
});
