// Sync in the browser against the real reference server, started here with its own SQLite file:
// the app it serves is set up to sync there. Every test counts the server's rows: exactly the
// clients expected, never just "no error", through offline spells, a killed server, dropped
// answers, throttling and a page closed mid-sync.
import { expect, test, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../../server/testing.ts';
import { writeBigFile } from './big-file.ts';
import { cell, checkFile, editCell, fixturePath, summaryText } from './helpers.ts';
import { openApp } from './home-server.ts';

let servers: TestServer[] = [];

async function server(opts: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
	const s = await startServer({ app: true, ...opts });
	servers.push(s);
	return s;
}

test.afterEach(async () => {
	for (const s of servers) await s.kill().catch(() => undefined);
	servers = [];
});

const status = (page: Page) => page.getByTestId('sync-status');

async function importBig(page: Page, rows: number): Promise<void> {
	await checkFile(page, writeBigFile(rows));
	await expect(page.getByTestId('summary')).toHaveText(summaryText(rows, 0, 0), {
		timeout: 60_000,
	});
}

test('import → sync: the server holds exactly the valid clients, once each', async ({ page }) => {
	const s = await server();
	await openApp(page, s);
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(4, 1, 0));
	await expect(page.getByTestId('sync-left')).toHaveText(
		'1 row with errors stays in the draft, not sent until fixed.',
	);
	await page.getByRole('button', { name: 'Send 4 clients to the platform' }).click();
	await expect(status(page)).toHaveText('All 4 synced', { timeout: 30_000 });
	expect(s.count()).toBe(4);
	expect(s.emails().sort()).toEqual([
		'amelie.dubois@example.com',
		'ben.carter@example.com',
		'chloe.nguyen@example.com',
		'dan.okafor@example.com',
	]);
	await expect(cell(page, 0, 'platform')).toHaveText(/^Synced ✓/);
	await expect(cell(page, 4, 'platform')).toHaveText('—');
	// The same clients again, from a second draft: already registered, nothing created.
	await page.getByRole('button', { name: '← All drafts' }).click();
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await page.getByRole('button', { name: 'Send 4 clients to the platform' }).click();
	await expect(page.getByTestId('sync-counts')).toHaveText(
		'0 accounts created · 4 already registered · 0 rejected',
		{ timeout: 30_000 },
	);
	await expect(cell(page, 0, 'platform')).toHaveText('Already registered');
	await expect(cell(page, 0, 'notice')).toHaveText('Not needed');
	expect(s.count()).toBe(4);
});

test('offline: queued while offline, sent without a click once back online', async ({
	page,
	context,
}) => {
	const s = await server();
	await openApp(page, s);
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await editCell(page, 4, 'email_address', 'eva.kowalski@example.com');
	await expect(page.getByTestId('summary')).toHaveText(summaryText(5, 0, 0));
	await page.getByRole('button', { name: 'Send 5 clients to the platform' }).click();
	await expect(status(page)).toHaveText('Offline — 5 clients waiting', { timeout: 30_000 });
	await expect(page.getByTestId('sync-line')).toHaveText('Offline — 5 clients waiting');
	// Locked while in the outbox: no editor opens, and the grid says why in place.
	await cell(page, 1, 'first_name').click();
	await page.keyboard.press('Enter');
	await expect(cell(page, 1, 'first_name').locator('input.editor')).toHaveCount(0);
	await expect(page.getByText('Being sent to the platform — editable again')).toBeVisible();
	expect(s.count()).toBe(0);

	await context.setOffline(false);
	await expect(status(page)).toHaveText('All 5 synced', { timeout: 30_000 });
	expect(s.count()).toBe(5);
});

test('the server killed mid-sync and started again: every client arrives once', async ({
	page,
}) => {
	test.setTimeout(180_000);
	const s = await server({ faults: 'delay:500' });
	await openApp(page, s);
	await importBig(page, 5000);
	await page.getByRole('button', { name: 'Send 5,000 clients to the platform' }).click();
	await expect.poll(() => s.count(), { timeout: 30_000, intervals: [50] }).toBeGreaterThan(0);
	await s.kill();
	const partial = s.count();
	expect(partial).toBeLessThan(5000);
	await expect(status(page)).toHaveText(/waiting/, { timeout: 30_000 });

	await server({ data: s.data, port: s.port, token: s.token });
	await expect(status(page)).toHaveText('All 5,000 synced', { timeout: 90_000 });
	expect(s.count()).toBe(5000);
	expect(new Set(s.emails()).size).toBe(5000);
});

test('answers dropped after commit and 429 with Retry-After: no duplicate, the wait honoured', async ({
	page,
}) => {
	test.setTimeout(180_000);
	const s = await server({ faults: 'drop:0.5,429:0.3,retry-after:2,seed:6' });
	// Every send of every chunk, as the browser saw it (the worker's requests included).
	const sends: { key: string; status: number | null }[] = [];
	page.context().on('requestfinished', async (request) => {
		if (!request.url().endsWith('/api/v1/imports')) return;
		const response = await request.response();
		sends.push({
			key: (await request.allHeaders())['idempotency-key'] ?? '',
			status: response?.status() ?? null,
		});
	});
	page.context().on('requestfailed', async (request) => {
		if (!request.url().endsWith('/api/v1/imports')) return;
		sends.push({
			key: (await request.allHeaders())['idempotency-key'] ?? '',
			status: null,
		});
	});
	// Seed 6 makes the first two requests (one per lane) a dropped answer and a 429.
	await openApp(page, s);
	await importBig(page, 3000);
	await page.getByRole('button', { name: 'Send 3,000 clients to the platform' }).click();
	await expect(status(page)).toHaveText('All 3,000 synced', { timeout: 120_000 });
	expect(s.count()).toBe(3000);
	expect(new Set(s.emails()).size).toBe(3000);

	// The reference server says it imports asynchronously (GET /health): chunks of 1,000.
	const keys = new Set(sends.map((x) => x.key));
	expect(keys.size).toBe(3);
	expect(sends.some((x) => x.status === 429)).toBe(true);
	// The server dropped answers after committing. The page sees a failed request, unless
	// Chromium re-sent it by itself on the reset connection: the same key either way.
	const dropped = [...s.output().matchAll(/dropped the answer to Idempotency-Key (\S+)/g)];
	expect(dropped.length).toBeGreaterThan(0);
	for (const [, key] of dropped) expect(keys).toContain(key);
	// After a 429 (Retry-After: 2), the same chunk did not reach the server again for 2 s: timed
	// by the server, which logs each request as it arrives (the page's view adds its own delays).
	const arrivals = [
		...s.output().matchAll(/roster: fault: at (\d+) (\S+) for Idempotency-Key (\S+)/g),
	].map(([, at, fate, key]) => ({ at: Number(at), fate, key }));
	expect(new Set(arrivals.map((x) => x.key))).toEqual(keys);
	expect(arrivals.filter((x) => x.fate === '429').length).toBeGreaterThan(0);
	for (const [k, x] of arrivals.entries()) {
		if (x.fate !== '429') continue;
		const next = arrivals.slice(k + 1).find((y) => y.key === x.key);
		expect(next, `the throttled chunk ${x.key} is sent again`).toBeDefined();
		expect(next!.at - x.at).toBeGreaterThanOrEqual(2000);
	}
});

test('a page closed mid-sync: reopened, it finishes the batch with no duplicate', async ({
	page,
	context,
}) => {
	test.setTimeout(180_000);
	const s = await server({ faults: 'delay:500' });
	await openApp(page, s);
	await importBig(page, 4000);
	await page.getByRole('button', { name: 'Send 4,000 clients to the platform' }).click();
	await expect.poll(() => s.count(), { timeout: 30_000, intervals: [50] }).toBeGreaterThan(0);
	await page.close();
	const partial = s.count();
	expect(partial).toBeLessThan(4000);

	const again = await context.newPage();
	await again.goto(s.origin);
	await expect(again.getByTestId('sync-status')).toHaveText('All 4,000 synced', {
		timeout: 90_000,
	});
	expect(s.count()).toBe(4000);
	expect(new Set(s.emails()).size).toBe(4000);
});
