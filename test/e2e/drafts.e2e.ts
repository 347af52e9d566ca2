// Drafts live in IndexedDB: edits survive a reload, a closed tab, a second tab and the network
// going away; an import interrupted by closing the page can be finished later.
import { expect, test } from '@playwright/test';
import { writeBigFile } from './big-file.ts';
import {
	cell,
	checkFile,
	draftItem,
	editCell,
	fixturePath,
	summaryText,
	waitForServiceWorker,
} from './helpers.ts';
import { holdNewImports } from './worker-flags.ts';

test('an edit is saved and the app reopens the same draft after a reload', async ({ page }) => {
	await page.goto('/');
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	const name = await page.getByRole('heading', { level: 2 }).first().textContent();
	await editCell(page, 1, 'first_name', 'Zed');
	await expect(cell(page, 1, 'first_name')).toHaveText('Zed');

	await page.reload();
	await expect(page.getByRole('heading', { level: 2, name: name ?? '' })).toBeVisible();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
	await expect(cell(page, 1, 'first_name')).toHaveText('Zed');
	await expect(cell(page, 0, 'first_name')).toHaveText('Maria');
	await expect(page.getByRole('button', { name: 'Undo: Edit first name on row 3' })).toBeEnabled();
});

test('a page closed during a 200,000-row import keeps the saved rows; the same file finishes it', async ({
	page,
	context,
}) => {
	test.setTimeout(300_000);
	const big = writeBigFile(200_000);
	// Without the hold, the import could finish between the first "saved" and the close.
	await holdNewImports(context);
	await page.goto('/');
	await page.getByLabel('Choose a CSV file').setInputFiles(big);
	await expect(page.getByText(/rows checked/)).toContainText(/ [1-9][\d,]* saved$/, {
		timeout: 60_000,
	});
	await page.close();

	const again = await context.newPage();
	await again.goto('/');
	const draft = draftItem(again, /^roster-e2e-200000\.csv/);
	await expect(draft).toContainText('import not finished');
	// Soft: the steps after it still run when the list gets the number wrong.
	await expect.soft(draft).toContainText(/[1-9][\d,]* rows ·/);
	await draft.getByRole('button', { name: /^Open / }).click();
	await expect(again.getByTestId('summary')).toHaveText(/^[1-9][\d,]* clients ready · 0 need/);
	const partial = Number(
		((await again.getByTestId('summary').textContent()) ?? '').split(' ')[0]?.replaceAll(',', ''),
	);
	expect(partial).toBeLessThan(200_000);
	await expect(again.getByLabel('Show')).toContainText(
		`All rows (${partial.toLocaleString('en')})`,
	);
	await expect(again.getByRole('grid')).toHaveAttribute('aria-rowcount', String(partial + 1));
	await expect(cell(again, 0, 'email_address')).toHaveText('client0@example.com');
	await cell(again, 0, 'email_address').click();
	await again.keyboard.press('ControlOrMeta+End');
	await expect(cell(again, partial - 1, 'email_address')).toHaveText(
		`client${partial - 1}@example.com`,
	);

	await again.getByLabel('Choose roster-e2e-200000.csv to finish').setInputFiles(big);
	await expect(again.getByTestId('summary')).toHaveText(summaryText(200_000, 0, 0), {
		timeout: 120_000,
	});
	await expect(again.getByLabel('Show')).toContainText('All rows (200,000)');
	await expect(again.getByText('Choose roster-e2e-200000.csv to finish')).toHaveCount(0);
	await cell(again, 0, 'email_address').click();
	await again.keyboard.press('ControlOrMeta+End');
	await expect(cell(again, 199_999, 'email_address')).toHaveText('client199999@example.com');
	await expect(cell(again, 199_999, 'select')).toHaveText('200001');
	// The rows on either side of where the first import stopped are there once each.
	for (const i of [partial - 1, partial]) {
		await again.getByRole('searchbox', { name: 'Search' }).fill(`client${i}@`);
		await expect(again.getByRole('grid')).toHaveAttribute('aria-rowcount', '2');
		await expect(cell(again, 0, 'select')).toHaveText(String(i + 2));
	}
	await again.getByRole('searchbox', { name: 'Search' }).fill('');
	// No row twice: a duplicate would be an "Email used more than once" error.
	await expect(again.getByRole('complementary', { name: 'Problems' })).toContainText(
		'None: every row is ready.',
		{ timeout: 60_000 },
	);
	await again.getByRole('button', { name: '← All drafts' }).click();
	await expect(again.getByRole('heading', { level: 3 })).toHaveCount(1);
	await expect(draft).toContainText('200,000 rows · not sent yet · 0 need attention');
	await expect(draft).not.toContainText('import not finished');
});

test('two tabs on one draft see each other’s edits', async ({ page, context }) => {
	await page.goto('/');
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	// The second tab opens on the draft open last.
	const other = await context.newPage();
	await other.goto('/');
	await expect(cell(other, 0, 'email_address')).toHaveText('maria.rossi@example.com');

	await editCell(page, 0, 'email_address', 'maria.r@example.com');
	await expect(cell(other, 0, 'email_address')).toHaveText('maria.r@example.com', {
		timeout: 2000,
	});
	await editCell(other, 0, 'first_name', 'Mariella');
	await expect(cell(page, 0, 'first_name')).toHaveText('Mariella', { timeout: 2000 });

	// Both at once, two cells of one row: each tab keeps its own change and gets the other's.
	for (const [p, key] of [
		[page, 'last_name'],
		[other, 'birthdate'],
	] as const) {
		await cell(p, 1, key).click();
		await p.keyboard.press('Enter');
		await p.keyboard.press('ControlOrMeta+A');
	}
	await page.keyboard.type('Lee');
	await other.keyboard.type('20020109');
	await Promise.all([page.keyboard.press('Enter'), other.keyboard.press('Enter')]);
	const expected: [number, string, string][] = [
		[0, 'email_address', 'maria.r@example.com'],
		[0, 'first_name', 'Mariella'],
		[1, 'last_name', 'Lee'],
		[1, 'birthdate', '20020109'],
	];
	for (const p of [page, other]) {
		await expect(p.getByTestId('save-status')).toHaveText(/Saved/);
		for (const [pos, key, value] of expected)
			await expect(cell(p, pos, key)).toHaveText(value, { timeout: 2000 });
	}
	for (const p of [page, other]) {
		await p.reload();
		await expect(p.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
		for (const [pos, key, value] of expected) await expect(cell(p, pos, key)).toHaveText(value);
	}
});

test('offline: an edit is saved and is there after a reload', async ({ page, context }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await checkFile(page, fixturePath('excel_windows_cp1252_semicolon.csv'));
	await context.setOffline(true);
	await editCell(page, 1, 'initial_password', 'Pw7#Lq2!Xe9r');
	await expect(page.getByTestId('summary')).toHaveText(summaryText(0, 2, 0));
	await expect(cell(page, 1, 'initial_password').locator('.value')).toHaveText('••••••••');
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Roster', level: 1 })).toBeVisible();
	await expect(cell(page, 1, 'initial_password').locator('.value')).toHaveText('••••••••');
	await cell(page, 1, 'initial_password').click();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Password, row 3' })).toHaveValue('Pw7#Lq2!Xe9r');
	await page.keyboard.press('Escape');
	await expect(page.getByRole('complementary', { name: 'Problems' })).not.toContainText(
		'initial_password is empty',
	);
	await context.setOffline(false);
});

test('home: rename, duplicate, and delete a draft with Undo', async ({ page }) => {
	await page.goto('/');
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await page.getByRole('button', { name: '← All drafts' }).click();
	const names = page.getByRole('heading', { level: 3 });
	await expect(names).toHaveText([/^clean_google_sheets\.csv · /]);
	const original = (await names.first().textContent())?.trim() ?? '';

	await page.getByRole('button', { name: `Rename ${original}` }).click();
	await page.getByRole('textbox', { name: `New name for ${original}` }).fill('Spring clients');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(names).toHaveText(['Spring clients']);

	await page.getByRole('button', { name: 'Duplicate Spring clients' }).click();
	await expect(names).toHaveText(['Spring clients (copy)', 'Spring clients']);
	const copy = draftItem(page, 'Spring clients (copy)');
	await expect(copy).toContainText('3 rows · not sent yet · 0 need attention');
	// The copy is a draft of its own: editing it leaves the original as it was.
	await copy.getByRole('button', { name: 'Open Spring clients (copy)' }).click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
	await editCell(page, 0, 'last_name', 'Bianchi');
	await page.getByRole('button', { name: '← All drafts' }).click();
	await page.getByRole('button', { name: 'Open Spring clients', exact: true }).click();
	await expect(cell(page, 0, 'last_name')).toHaveText('Rossi');
	await page.getByRole('button', { name: '← All drafts' }).click();

	await page.getByRole('button', { name: 'Delete Spring clients (copy)' }).click();
	await expect(page.getByRole('status')).toContainText('Deleted “Spring clients (copy)”.');
	await expect(names).toHaveText(['Spring clients']);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(names).toHaveText(['Spring clients (copy)', 'Spring clients']);
	await page.reload();
	await expect(names).toHaveText(['Spring clients (copy)', 'Spring clients']);

	// Without Undo the draft is gone, also after a reload.
	await page.getByRole('button', { name: 'Delete Spring clients', exact: true }).click();
	await expect(names).toHaveText(['Spring clients (copy)']);
	await page.reload();
	await expect(names).toHaveText(['Spring clients (copy)']);
	await expect(draftItem(page, 'Spring clients (copy)')).toContainText(
		'3 rows · not sent yet · 0 need attention',
	);
});

test('a newer schema opened in another tab: this tab reloads into it with its draft intact', async ({
	browser,
}) => {
	// Its own context, so no other test sees the database at version 1000; without the service
	// worker, so page B can be a file of the app's origin rather than the app. No request routing:
	// it intercepts every request of the context, the draft worker's too, which is not what a
	// user's browser does (and this was the only test with it, and the only one that crashed).
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const a = await context.newPage();
	// Before and after the reload alike: anything thrown or logged as an error is a failure.
	const errors: string[] = [];
	a.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
	a.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	a.on('crash', () => errors.push('the renderer crashed'));
	await a.goto('/');
	await checkFile(a, fixturePath('clean_google_sheets.csv'));
	await editCell(a, 1, 'first_name', 'Zed');
	const b = await context.newPage();
	await b.goto('/icons/icon-192.png');
	expect(await b.evaluate(() => document.contentType)).toBe('image/png');
	const navigated = a.waitForEvent('framenavigated', {
		predicate: (frame) => frame === a.mainFrame(),
		timeout: 10_000,
	});
	// Resolves only once every connection of page A (page and worker) has closed.
	const upgrade = b.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const request = indexedDB.open('roster', 1000);
				request.onsuccess = () => {
					request.result.close();
					resolve('upgraded');
				};
				request.onerror = () => reject(new Error(String(request.error)));
			}),
	);
	await navigated;
	expect(await upgrade).toBe('upgraded');

	// The reloaded page runs on the upgraded database: the same draft, its rows and its edit.
	await expect(a.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
	await expect(cell(a, 0, 'email_address')).toHaveText('maria.rossi@example.com');
	await expect(cell(a, 1, 'first_name')).toHaveText('Zed');
	await expect(a.getByRole('button', { name: 'Undo: Edit first name on row 3' })).toBeEnabled();
	await expect(a.getByRole('alert')).toHaveCount(0);
	// And it still saves.
	await editCell(a, 2, 'first_name', 'Ann');
	await a.reload();
	await expect(cell(a, 2, 'first_name')).toHaveText('Ann');
	await expect(cell(a, 1, 'first_name')).toHaveText('Zed');
	expect(errors).toEqual([]);
	await context.close();
});
