// Sync against the reference server's asynchronous imports, its hashing slowed (fault
// `hash-delay:MS`: each finished hash holds its slot): the sync line says how many accounts the
// platform has created while it works, then every client is synced, each created once.
import { expect, test } from '@playwright/test';
import type { TestServer } from '../../server/testing.ts';
import { writeBigFile } from './big-file.ts';
import { checkFile, summaryText } from './helpers.ts';
import { openApp, serverWithApp } from './home-server.ts';

let servers: TestServer[] = [];

test.afterEach(async () => {
	for (const s of servers) await s.kill().catch(() => undefined);
	servers = [];
});

test('a slow platform: "creating accounts: X of 40" while it hashes, then all synced once', async ({
	page,
}) => {
	// Two hashes at a time, each holding its slot 500 ms: 40 clients take about 10 s.
	const s = await serverWithApp({ faults: 'hash-delay:500' });
	servers.push(s);
	await openApp(page, s);
	await checkFile(page, writeBigFile(40));
	await expect(page.getByTestId('summary')).toHaveText(summaryText(40, 0, 0));
	await page.getByRole('button', { name: 'Send 40 clients to the platform' }).click();

	const status = page.getByTestId('sync-status');
	// Seen while the platform still works: fewer than all 40 processed.
	await expect(status).toHaveText(/^The platform is creating accounts: [1-3]?\d of 40$/, {
		timeout: 30_000,
	});
	await expect(status).toHaveText('All 40 synced', { timeout: 60_000 });
	expect(s.count()).toBe(40);
	expect(new Set(s.emails()).size).toBe(40);
});
