// A large import can be cancelled, and choosing another file replaces the one being read. Either
// way the stopped import leaves no draft behind.
import { expect, test, type Page } from '@playwright/test';
import { checkFile, fixturePath, summaryText } from './helpers.ts';
import { writeBigFile } from './big-file.ts';

let big = '';
test.beforeAll(() => {
	big = writeBigFile(800_000);
});

test.beforeEach(async ({ page }) => {
	await page.goto('/');
	await expect(page.getByText('No drafts yet.')).toBeVisible();
});

async function startBigImport(page: Page) {
	await page.getByLabel('Choose a CSV file').setInputFiles(big);
	await expect(page.getByRole('heading', { name: /Reading roster-e2e-800000\.csv/ })).toBeVisible();
	// Some rows are already saved in the new draft: stopping must remove them too.
	await expect(page.getByText(/rows checked/)).toContainText(
		/[1-9][\d,]* rows checked · [1-9][\d,]* saved/,
		{ timeout: 60_000 },
	);
}

test('Cancel stops a large import and the page stays usable', async ({ page }) => {
	await startBigImport(page);
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Import of roster-e2e-800000.csv cancelled. Nothing was kept.',
	);
	await expect(page.getByTestId('summary')).toHaveCount(0);

	await page.getByRole('button', { name: '← All drafts' }).click();
	await expect(page.getByText('No drafts yet.')).toBeVisible();
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));

	// After a reload too, only the finished draft exists.
	await page.getByRole('button', { name: '← All drafts' }).click();
	await page.reload();
	await expect(page.getByRole('heading', { level: 3 })).toHaveText([/^clean_google_sheets\.csv/]);
});

test('choosing a second file cancels the first', async ({ page }) => {
	await startBigImport(page);
	// The file picker is on the home screen: the pro goes back there and picks another file.
	await page.getByRole('button', { name: '← All drafts' }).click();
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
	// The large file's import must not come back later and replace what is shown.
	await page.waitForTimeout(1500);
	await expect(
		page.getByRole('heading', { level: 2, name: /^clean_google_sheets\.csv/ }),
	).toBeVisible();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
	await expect(page.getByRole('status').filter({ hasText: 'cancelled' })).toHaveCount(0);

	await page.getByRole('button', { name: '← All drafts' }).click();
	await expect(page.getByRole('heading', { level: 3 })).toHaveText([/^clean_google_sheets\.csv/]);
	await page.reload();
	await expect(page.getByRole('heading', { level: 3 })).toHaveText([/^clean_google_sheets\.csv/]);
});
