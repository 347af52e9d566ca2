// The home screen after a sync, in the browser against the real reference server: the draft's
// card says how many clients were sent, how many rows need attention and what is printed,
// from the counts the draft keeps in clear — and keeps saying it after a reload.
import { expect, test, type Page } from '@playwright/test';
import type { TestServer } from '../../server/testing.ts';
import { serverWithApp } from './home-server.ts';
import { writeBigFile } from './big-file.ts';
import { checkFile, fixturePath, summaryText } from './helpers.ts';

let servers: TestServer[] = [];

async function server(opts: Parameters<typeof serverWithApp>[0] = {}): Promise<TestServer> {
	const s = await serverWithApp(opts);
	servers.push(s);
	return s;
}

test.afterEach(async () => {
	for (const s of servers) await s.kill().catch(() => undefined);
	servers = [];
});

/** The card of the draft named like `name` on the home screen. */
function card(page: Page, name: RegExp) {
	return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
}

test('after sending, the draft’s card says how many were sent and what needs attention', async ({
	page,
}) => {
	const s = await server();
	await page.goto(s.origin);
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await page.getByRole('button', { name: 'Send 4 clients to the platform' }).click();
	await expect(page.getByTestId('sync-status')).toHaveText('All 4 synced', { timeout: 30_000 });
	expect(s.count()).toBe(4);

	await page.getByRole('button', { name: '← All drafts' }).click();
	const state = card(page, /missing_passwords/).getByTestId('draft-state');
	await expect(state).toHaveText('4 sent · 1 need attention · no notice printed yet');
	await expect(card(page, /missing_passwords/)).toContainText('5 rows · 4 sent');

	// Kept on the draft record: the list reads the same after a reload, without opening it.
	await page.reload();
	await expect(state).toHaveText('4 sent · 1 need attention · no notice printed yet');
});

test('a draft left while it is being sent: its card follows the answers on the home screen', async ({
	page,
}) => {
	test.setTimeout(180_000);
	// Each answer takes a while: the pro is home before the last one arrives.
	const s = await server({ faults: 'delay:1500' });
	await page.goto(s.origin);
	await checkFile(page, writeBigFile(2000));
	await expect(page.getByTestId('summary')).toHaveText(summaryText(2000, 0, 0), {
		timeout: 60_000,
	});
	await page.getByRole('button', { name: 'Send 2,000 clients to the platform' }).click();
	await expect.poll(() => s.count(), { timeout: 30_000, intervals: [50] }).toBeGreaterThan(0);
	await page.getByRole('button', { name: '← All drafts' }).click();

	const state = card(page, /roster-e2e-2000/).getByTestId('draft-state');
	// Not all answered yet when the list first shows: the rest are on their way (or waiting
	// between two sends).
	await expect(state).toHaveText(/^([\d,]+ sent · )?(sending [\d,]+…|[\d,]+ waiting to send) · /);
	await expect(state).toHaveText('2,000 sent · 0 need attention · no notice printed yet', {
		timeout: 60_000,
	});
	expect(s.count()).toBe(2000);
});
