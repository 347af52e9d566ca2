// Connection problems in the words the pro reads, in the browser against the real reference
// server: a wrong token, an address that is not the import API, another site Roster's policy
// will not reach, and an address without https:// refused at its field; sending with a wrong
// token says the same on the draft screen.
import { expect, test, type Page } from '@playwright/test';
import type { TestServer } from '../../server/testing.ts';
import { checkFile, fixturePath, openMenu } from './helpers.ts';
import { serverWithApp } from './home-server.ts';

let s: TestServer;

test.beforeEach(async () => {
	s = await serverWithApp();
});

test.afterEach(async () => {
	await s.kill().catch(() => undefined);
});

async function openSettings(page: Page): Promise<void> {
	await page
		.getByRole('navigation', { name: 'App' })
		.getByRole('button', { name: 'Settings' })
		.click();
	await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
}

async function setField(page: Page, label: string, value: string): Promise<void> {
	const field = page.getByLabel(label, { exact: true });
	await field.fill(value);
	await field.blur();
}

async function testConnection(page: Page) {
	await page.getByRole('button', { name: 'Test connection' }).click();
	return page.getByTestId('connection-result');
}

test('Test connection: a wrong token, a wrong address, another site, then the right ones', async ({
	page,
}) => {
	await page.goto(s.origin);
	await expect(page.getByLabel('Choose a CSV file')).toBeAttached();
	await openSettings(page);
	// The server handed the app its address and token: they work.
	await expect(page.getByLabel('Import API address', { exact: true })).toHaveValue('/api/v1');
	await expect(await testConnection(page)).toContainText('Connected to the import API');

	await setField(page, 'Access token', 'not-the-token');
	let result = await testConnection(page);
	await expect(result.locator('p').first()).toHaveText(
		'The server refused the token — check it in Settings.',
	);
	await expect(result).toContainText(`Details: HTTP 401 from ${s.origin}/api/v1/tags`);
	await setField(page, 'Access token', s.token);

	await setField(page, 'Import API address', '/api/v2');
	result = await testConnection(page);
	await expect(result.locator('p').first()).toHaveText(
		'This address answers, but it is not an import API: check the address (it usually ends in /api/v1).',
	);

	// Another site: Roster's security policy lets the page reach its own origin only.
	await setField(page, 'Import API address', 'http://localhost:9/api/v1');
	await expect(page.getByRole('status').filter({ hasText: 'Roster may only connect' })).toHaveText(
		`Roster may only connect to the address it was opened from (${s.origin}). Use ${s.origin}/api/v1, or ask whoever set up Roster to allow http://localhost:9.`,
	);
	result = await testConnection(page);
	await expect(result.locator('p').first()).toHaveText(/^Roster may only connect to the address/);

	// Refused at the field, with why; the address kept is the last good one.
	const address = page.getByLabel('Import API address', { exact: true });
	await setField(page, 'Import API address', 'http://platform.example/api/v1');
	await expect(address).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('alert')).toHaveText(
		'Use https://: over http:// the token and your clients’ details would travel unencrypted (http:// is kept for localhost and 127.0.0.1).',
	);

	await setField(page, 'Import API address', '/api/v1');
	await expect(address).not.toHaveAttribute('aria-invalid');
	await expect(await testConnection(page)).toContainText('Connected to the import API');
});

test('sending with a wrong token says so in plain words on the draft screen', async ({ page }) => {
	await page.goto(s.origin);
	await expect(page.getByLabel('Choose a CSV file')).toBeAttached();
	await openSettings(page);
	await expect(page.getByLabel('Import API address', { exact: true })).toHaveValue('/api/v1');
	await setField(page, 'Access token', 'not-the-token');
	await page.getByRole('button', { name: /Back to all drafts/ }).click();

	await checkFile(page, fixturePath('missing_passwords.csv'));
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await page.getByRole('button', { name: 'Send 4 clients to the platform' }).click();
	await expect(page.getByTestId('sync-line')).toHaveText(
		'Sync stopped — the server refused the token: check it in Settings · 4 clients waiting',
		{ timeout: 30_000 },
	);
	// The reason, in the Platform menu where the sync state is told.
	await openMenu(page, 'Platform');
	await expect(
		page.getByText('The server refused the token — check it in Settings, then Sync now.', {
			exact: false,
		}),
	).toBeVisible({ timeout: 30_000 });
	expect(s.count()).toBe(0);
});
