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

/** The names of every draft record in the page's database (deleted ones too), read directly. */
function storedDraftNames(page: Page): Promise<string[]> {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				// No version: the app has opened (and so created) the database already.
				const open = indexedDB.open('roster');
				open.onerror = () => reject(open.error ?? new Error('cannot open the database'));
				open.onsuccess = () => {
					const db = open.result;
					const all = db.transaction('drafts').objectStore('drafts').getAll();
					all.onerror = () => {
						db.close();
						reject(all.error ?? new Error('cannot read the drafts'));
					};
					all.onsuccess = () => {
						db.close();
						resolve((all.result as { name: string }[]).map((d) => d.name));
					};
				};
			}),
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
	// The large file's import must not come back later and replace what is shown. The worker
	// removes its draft and only then answers it as cancelled: wait for the draft to be gone,
	// then for one more answer of the worker (a search), so the cancelled answer has arrived.
	await expect
		.poll(() => storedDraftNames(page), { timeout: 60_000 })
		.toEqual([expect.stringMatching(/^clean_google_sheets\.csv/)]);
	await page.getByRole('searchbox', { name: 'Search' }).fill('maria');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '2');
	await page.getByRole('searchbox', { name: 'Search' }).fill('');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '4');
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
