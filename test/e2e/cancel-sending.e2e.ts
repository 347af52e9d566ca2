// "Cancel sending" against the real reference server made to hold its answers and then lose
// them (faults `delay:6000,drop:1`: each import takes 6 s, is committed, then the connection is
// cut): the batch would wait for ever; the pro cancels it while a request is in flight, the
// cancel waits for that request to end, the rows can be edited and sent again, and the app names
// the clients the platform may already have. The app is this run's build (ROSTER_E2E_DIST), so the server's API is reached
// through the page's own origin: requests to /api/v1 are passed on to the test server.
import { expect, test, type BrowserContext } from '@playwright/test';
import { startServer, type TestServer } from '../../server/testing.ts';
import { cell, checkFile, editCell, fixturePath } from './helpers.ts';

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
		// Without `Prefer: respond-async`, as to a server that lacks it: this test is about a
		// request that stays in flight (an asynchronous import answers at once).
		const headers = await route.request().allHeaders();
		delete headers.prefer;
		try {
			const response = await route.fetch({
				url: `${s.origin}${url.pathname}${url.search}`,
				headers,
			});
			await route.fulfill({ response });
		} catch {
			// The server cut the connection (its fault switch): so does the page's request.
			await route.abort('connectionreset');
		}
	});
}

test('Cancel sending unlocks a batch whose answers never come, and names what the platform has', async ({
	page,
	context,
}) => {
	server = await startServer({ faults: 'delay:6000,drop:1' });
	await useServer(context, server);
	await page.goto('/');
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await page.getByRole('button', { name: 'Send 4 clients to the platform' }).click();

	// Locked while the batch is being sent.
	await expect(page.getByTestId('sync-status')).toHaveText('Sending 1 of 1');
	// No editor opens on a locked cell, and the grid says why in place.
	await cell(page, 0, 'first_name').click();
	await page.keyboard.press('Enter');
	await expect(cell(page, 0, 'first_name').locator('input.editor')).toHaveCount(0);
	await expect(page.getByText('Being sent to the platform — editable again')).toBeVisible();

	// Cancelled while the request is in flight: the cancel waits for it to end.
	await page.getByRole('button', { name: 'Cancel sending' }).click();
	await expect(page.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
	expect(server.count()).toBe(0);
	await expect(page.getByTestId('sync-cancelled')).toHaveText(
		'Sending cancelled: 4 clients are not sent and can be edited again. The platform may already have 4 clients from rows 2–5 (sent, but no answer came back): check them on the platform before sending again.',
		{ timeout: 30_000 },
	);
	await expect(page.getByRole('button', { name: 'Cancel sending' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Send 4 clients to the platform' })).toBeEnabled();
	await expect(page.getByTestId('sync-status')).toHaveText('Nothing sent yet.');
	// Unlocked: the rows take edits again.
	await editCell(page, 0, 'first_name', 'Amelia');
	await expect(cell(page, 0, 'first_name')).toHaveText('Amelia');
	// The server did take them: what the message warned of.
	expect(server.count()).toBe(4);
});
