import { test, expect } from '@playwright/test';
import { fixturePath } from './helpers.ts';

test('try', async ({ page }) => {
	const logs: string[] = [];
	page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
	page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
	await page.goto('/');
	await page.getByLabel('Choose a CSV file').setInputFiles(fixturePath('messy_mixed_problems.csv'));
	await expect(page.getByTestId('summary')).toBeVisible({ timeout: 20_000 });
	await page.screenshot({ path: '.scratch/s1.png', fullPage: true });
	const cell = page.locator('[data-pos="0"][data-key="first_name"]');
	await cell.click();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Control+A');
	await page.keyboard.type('Zed');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
	await page.reload();
	await expect(page.getByTestId('summary')).toBeVisible({ timeout: 20_000 });
	await expect(page.locator('[data-pos="0"][data-key="first_name"]')).toHaveText('Zed');
	await page.screenshot({ path: '.scratch/s2.png', fullPage: true });
	console.log(logs.join('\n'));
});
