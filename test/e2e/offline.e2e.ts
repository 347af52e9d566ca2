// After one visit the service worker serves the app: it loads and validates files offline.
import { expect, test } from '@playwright/test';
import { checkFile, fixturePath } from './helpers.ts';

test('the app loads and validates a file with the network off', async ({ page, context }) => {
	await page.goto('/');
	await page.waitForFunction(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller !== null;
	});
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Roster' })).toBeVisible();
	await checkFile(page, fixturePath('messy_mixed_problems.csv'));
	await expect(page.getByTestId('summary')).toHaveText(
		'0 clients ready · 5 need attention · 7 warnings',
	);
	await context.setOffline(false);
});

test('the app is installable: manifest with a maskable icon', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel=manifest]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = await (await request.get(href as string)).json();
	expect(manifest.name).toContain('Roster');
	expect(manifest.display).toBe('standalone');
	const maskable = manifest.icons.find((i: { purpose?: string }) => i.purpose === 'maskable');
	expect(maskable).toBeTruthy();
	expect((await request.get(maskable.src)).headers()['content-type']).toBe('image/png');
	expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '192x192')).toBe(true);
});
