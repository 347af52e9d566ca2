// Importing emails already sent from another draft of this device, in Chromium against the real
// reference server: a file is imported and sent, then imported again into a new draft, which
// warns with the count and the first draft's name, marks the rows in the grid, offers them no
// notice, and still warns after a reload. The app is this run's build (ROSTER_E2E_DIST), so the
// server's API is reached through the page's own origin: requests to /api/v1 go to the server.
import { expect, test, type BrowserContext } from '@playwright/test';
import { startServer, type TestServer } from '../../server/testing.ts';
import { seriousViolations } from './axe.ts';
import { cell, checkFile, fixturePath } from './helpers.ts';

let server: TestServer | null = null;

test.afterEach(async () => {
	await server?.kill().catch(() => undefined);
	server = null;
});

/** The app takes `s` as its import API: its config and every API request go to `s`. */
async function useServer(context: BrowserContext, s: TestServer): Promise<void> {
	await context.route('**/roster-config.json', (route) =>
		route.fulfill({ json: { apiBase: '/api/v1', token: s.token } }),
	);
	await context.route('**/api/v1/**', async (route) => {
		const url = new URL(route.request().url());
		const response = await route.fetch({ url: `${s.origin}${url.pathname}${url.search}` });
		await route.fulfill({ response });
	});
}

test('the same file imported again after sending warns, names the first draft and marks its rows', async ({
	page,
	context,
}) => {
	server = await startServer({});
	await useServer(context, server);
	await page.goto('/');
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	const firstName = (await page.locator('#draft-title').textContent())?.trim() ?? '';
	expect(firstName).not.toBe('');
	await page.getByRole('button', { name: 'Send 3 clients to the platform' }).click();
	await expect(page.getByTestId('sync-status')).toHaveText('All 3 synced', { timeout: 30_000 });
	expect(server.count()).toBe(3);
	// The draft that sent them is not warned about its own rows.
	await expect(page.getByTestId('already-sent')).toHaveCount(0);

	await page.getByRole('button', { name: '← All drafts' }).click();
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	const note = page.getByTestId('already-sent');
	await expect(note).toContainText(
		`3 of these emails were already sent to the platform from “${firstName}” on `,
	);
	await expect(note).toContainText('Their accounts exist: a new notice’s password would not work');
	// Marked where the eye is (Status, frozen) and in the Platform column.
	for (const position of [0, 1, 2]) {
		await expect(cell(page, position, 'status')).toHaveText(/⚠\s*Sent\sfrom another draft/);
		await expect(cell(page, position, 'platform')).toHaveText(/Sent from another draft/);
	}
	expect(await seriousViolations(page)).toEqual([]);

	// Still there after a reload (the check runs again when the draft opens).
	await page.reload();
	await expect(page.getByTestId('already-sent')).toContainText('3 of these emails', {
		timeout: 30_000,
	});
	await expect(cell(page, 0, 'platform')).toHaveText(/Sent from another draft/);

	// Left out: one deletion, announced, undone by Undo.
	await page.getByRole('button', { name: 'Leave 3 rows out' }).click();
	await expect(page.getByTestId('already-sent')).toHaveCount(0);
	await expect(page.getByText('3 rows deleted. Undo brings them back.')).toBeAttached();
	await page.getByRole('button', { name: /^Undo/ }).click();
	await expect(page.getByTestId('already-sent')).toContainText('3 of these emails');
	expect(server.count()).toBe(3);
});
