// The grid-first draft screen on a 1280×900 laptop and an 820×1180 tablet: the first rows show
// at open without scrolling the page, the problems panel sits beside the grid (laptop) or in a
// bottom sheet under it (tablet) where a fix is one tap away, "Skip to the grid" comes first by
// keyboard, and axe-core finds nothing serious.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cell, checkFile, checkMappedFile, fixturePath } from './helpers.ts';
import { writeBigFile } from './big-file.ts';
import { seriousViolations } from './axe.ts';

async function openMessyDraft(page: Page) {
	await page.goto('/');
	await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
	await expect(cell(page, 0, 'email_address')).toHaveText(/Oliver\.Grant/);
}

async function box(locator: Locator) {
	const b = await locator.boundingBox();
	if (!b) throw new Error('not laid out');
	return b;
}

/** Row 1's cells from Row to Email lie wholly inside the viewport, and the page is not scrolled. */
async function expectFirstRowsOnScreen(page: Page, height: number) {
	for (const key of ['select', 'status', 'email_address']) {
		const b = await box(cell(page, 0, key));
		expect(b.y, key).toBeGreaterThanOrEqual(0);
		expect(b.y + b.height, key).toBeLessThanOrEqual(height);
	}
	const last = await box(cell(page, 4, 'email_address'));
	expect(last.y + last.height).toBeLessThanOrEqual(height);
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

test.describe('on a 1280×900 laptop', () => {
	test.use({ viewport: { width: 1280, height: 900 } });

	test('the grid starts above the fold and the problems panel sits beside it', async ({ page }) => {
		await openMessyDraft(page);
		await expectFirstRowsOnScreen(page, 900);
		const grid = await box(page.getByRole('grid'));
		const panel = await box(page.getByRole('complementary', { name: 'Problems' }));
		expect(panel.x).toBeGreaterThanOrEqual(grid.x + grid.width);
		expect(Math.abs(panel.y - grid.y)).toBeLessThan(4);
		// The grid reaches down to the viewport's bottom edge: its height is the screen's.
		expect(grid.y + grid.height).toBeGreaterThan(860);
		expect(grid.y + grid.height).toBeLessThanOrEqual(900);
		await expect(page.getByTestId('problems-sheet')).toHaveCount(0);
		expect(await seriousViolations(page)).toEqual([]);
	});

	test('the bar keeps to two lines; the downloads and columns wait under File', async ({
		page,
	}) => {
		await openMessyDraft(page);
		const back = await box(page.getByRole('button', { name: '← All drafts' }));
		const summary = await box(page.getByTestId('summary'));
		const reading = await box(page.getByTestId('file-reading'));
		expect(summary.y).toBeLessThan(back.y + back.height + 30);
		expect(
			Math.abs(reading.y + reading.height / 2 - (summary.y + summary.height / 2)),
		).toBeLessThan(6);
		const download = page.getByRole('button', { name: /^Download clean CSV/ });
		await expect(download).toBeHidden();
		const file = page.getByRole('button', { name: 'File', exact: true });
		await file.click();
		await expect(file).toHaveAttribute('aria-expanded', 'true');
		await expect(download).toBeVisible();
		await expect(page.getByTestId('columns-note')).toBeVisible();
		// The menu floats over the grid: opening it moves no row.
		await expectFirstRowsOnScreen(page, 900);
		expect(await seriousViolations(page)).toEqual([]);
		await page.keyboard.press('Escape');
		await expect(download).toBeHidden();
		await expect(file).toBeFocused();
	});

	test('Tab reaches "Skip to the grid" first; Enter puts the focus on the grid', async ({
		page,
	}) => {
		await openMessyDraft(page);
		// Tab from the top of the page: the focus on the body itself, as after a page loads.
		await page.evaluate(() => {
			document.body.tabIndex = -1;
			document.body.focus();
			document.body.removeAttribute('tabindex');
		});
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to the grid' });
		await expect(skip).toBeFocused();
		const b = await box(skip);
		expect(b.y).toBeGreaterThanOrEqual(0);
		expect(b.height).toBeGreaterThanOrEqual(44);
		await page.keyboard.press('Enter');
		await expect(cell(page, 0, 'email_address')).toBeFocused();
		// Unfocused, it is out of sight again.
		const after = await box(skip);
		expect(after.y + after.height).toBeLessThanOrEqual(0);
	});
});

test.describe('on an 820×1180 tablet', () => {
	test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: false });

	test('the first rows show above the problems sheet, which folds to its handle', async ({
		page,
	}) => {
		await openMessyDraft(page);
		await expectFirstRowsOnScreen(page, 1180);
		const sheet = page.getByTestId('problems-sheet');
		const panel = page.getByRole('complementary', { name: 'Problems' });
		await expect(panel).toBeVisible();
		const grid = await box(page.getByRole('grid'));
		const open = await box(sheet);
		expect(open.y).toBeGreaterThanOrEqual(grid.y + grid.height - 1);
		expect(open.y + open.height).toBeLessThanOrEqual(1181);
		expect(await seriousViolations(page)).toEqual([]);

		await page.getByRole('button', { name: /Hide problems/ }).tap();
		await expect(panel).toBeHidden();
		const folded = await box(sheet);
		expect(folded.height).toBeLessThan(70);
		// The grid takes the room back.
		await expect
			.poll(async () => (await box(page.getByRole('grid'))).height)
			.toBeGreaterThan(grid.height + 200);
		await page.getByRole('button', { name: /Show problems/ }).tap();
		await expect(panel).toBeVisible();
	});

	test('a fix without scrolling the page: tap a cell with an error, then its fix', async ({
		page,
	}) => {
		await openMessyDraft(page);
		const gender = cell(page, 2, 'gender');
		await expect(gender).toHaveText(/Female/);
		await gender.tap();
		const sheet = page.getByTestId('problems-sheet');
		await expect(sheet.getByRole('heading', { name: 'Row 4', exact: true })).toBeVisible();
		const fix = sheet.getByRole('button', { name: 'Fix: use female' });
		await expect(fix).toBeInViewport({ ratio: 1 });
		// The row tapped stays in sight above the sheet.
		const row = await box(gender);
		expect(row.y + row.height).toBeLessThanOrEqual((await box(sheet)).y);
		await fix.tap();
		await expect(gender).toHaveText(/^\W*female$/);
		expect(await page.evaluate(() => window.scrollY)).toBe(0);
	});
});

test.describe('on a draft of 100,000 clients', () => {
	for (const viewport of [
		{ width: 1280, height: 900 },
		{ width: 820, height: 1180 },
	])
		test(`the last row's number and birthdate show whole at ${viewport.width}×${viewport.height}`, async ({
			page,
		}) => {
			await page.setViewportSize(viewport);
			await page.goto('/');
			await checkFile(page, writeBigFile(100_000));
			await cell(page, 0, 'first_name').click();
			await page.keyboard.press('ControlOrMeta+End');
			const last = cell(page, 99_999, 'select');
			// Row 100001: the header is row 1. Read whole, not cut to "1000…" by the column.
			const number = last.locator('.rownum');
			await expect(number).toHaveText('100001');
			const cellBox = await box(last);
			const numberBox = await box(number);
			expect(numberBox.x + numberBox.width).toBeLessThanOrEqual(cellBox.x + cellBox.width);
			// Its birthdate reads whole too, not "198111…".
			const birthdate = cell(page, 99_999, 'birthdate').locator('.value');
			await expect(birthdate).toHaveText('19811120');
			expect(await birthdate.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
		});
});
