// A large import can be cancelled, and choosing another file replaces the one being read.
import { expect, test } from '@playwright/test';
import { checkFile, fixturePath } from './helpers.ts';
import { writeBigFile } from './big-file.ts';

let big = '';
test.beforeAll(() => {
	big = writeBigFile(800_000);
});

test.beforeEach(async ({ page }) => {
	await page.goto('/');
});

test('Cancel stops a large import and the page stays usable', async ({ page }) => {
	await page.getByLabel('Choose a CSV file').setInputFiles(big);
	await expect(page.getByRole('heading', { name: /Reading roster-e2e-800000\.csv/ })).toBeVisible();
	await expect(page.getByText(/rows checked/)).toContainText(/[1-9][\d,]* rows checked/);
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('status')).toHaveText(/Import of roster-e2e-800000\.csv cancelled/);
	await expect(page.getByTestId('summary')).toHaveCount(0);

	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await expect(page.getByTestId('summary')).toHaveText(
		'3 clients ready · 0 need attention · 0 warnings',
	);
});

test('choosing a second file cancels the first', async ({ page }) => {
	await page.getByLabel('Choose a CSV file').setInputFiles(big);
	await expect(page.getByText(/rows checked/)).toBeVisible();
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await expect(page.getByTestId('summary')).toHaveText(
		'3 clients ready · 0 need attention · 0 warnings',
	);
	// The large file's import must not come back later and replace what is shown.
	await page.waitForTimeout(1500);
	await expect(page.getByRole('heading', { name: 'clean_google_sheets.csv' })).toBeVisible();
	await expect(page.getByTestId('summary')).toHaveText(
		'3 clients ready · 0 need attention · 0 warnings',
	);
});
