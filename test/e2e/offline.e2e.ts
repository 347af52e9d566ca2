// After one visit the service worker serves the app: it loads and imports files offline.
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { checkMappedFile, fixturePath, summaryText, waitForServiceWorker } from './helpers.ts';

test('the app loads and imports a file with the network off', async ({ page, context }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Roster', level: 1 })).toBeVisible();
	await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
	await expect(page.getByTestId('summary')).toHaveText(summaryText(0, 5, 0));
	await expect(page.getByRole('gridcell', { name: /rosa\.diaz@example\.com/ })).toBeVisible();
	await context.setOffline(false);
});

const ManifestSchema = z.object({
	name: z.string(),
	display: z.string(),
	icons: z.array(z.object({ src: z.string(), sizes: z.string(), purpose: z.string().optional() })),
});

test('the app is installable: manifest with a maskable icon', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel=manifest]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = ManifestSchema.parse(await (await request.get(href ?? '')).json());
	expect(manifest.name).toContain('Roster');
	expect(manifest.display).toBe('standalone');
	const maskable = manifest.icons.find((i) => i.purpose === 'maskable');
	expect(maskable).toBeTruthy();
	expect((await request.get(maskable?.src ?? '')).headers()['content-type']).toBe('image/png');
	expect(manifest.icons.some((i) => i.sizes === '192x192')).toBe(true);
});
