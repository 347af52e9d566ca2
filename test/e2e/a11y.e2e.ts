// axe-core finds no serious or critical violation on the home screen and on a draft with its
// grid; everything works by keyboard; touch targets are 44 px; a tablet never scrolls sideways.
import { expect, test, type Page } from '@playwright/test';
import { activeCell, cell, checkFile, checkMappedFile, fixturePath, openMenu } from './helpers.ts';
import { seriousViolations } from './axe.ts';

async function openMessyDraft(page: Page) {
	await page.goto('/');
	await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
	await expect(cell(page, 0, 'email_address')).toHaveText(/Oliver\.Grant/);
}

test('the home screen is accessible, empty and with drafts', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByText('No drafts yet.')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await page.getByRole('button', { name: '← All drafts' }).click();
	await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
	await page.getByRole('button', { name: '← All drafts' }).click();
	await expect(page.getByRole('heading', { level: 3 })).toHaveCount(2);
	await page.getByRole('button', { name: /^Rename messy/ }).click();
	await expect(page.getByRole('textbox', { name: /^New name for messy/ })).toBeFocused();
	expect(await seriousViolations(page)).toEqual([]);
});

test('a draft with its grid and problems panel is accessible', async ({ page }) => {
	await openMessyDraft(page);
	await cell(page, 4, 'gender').click();
	await expect(page.getByRole('heading', { name: 'Row 6', exact: true })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// While a cell is edited, and with a filter on.
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Gender, row 6' })).toBeFocused();
	expect(await seriousViolations(page)).toEqual([]);
	await page.keyboard.press('Escape');
	await page.getByRole('combobox', { name: /^Show/ }).selectOption('errors');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '6');
	expect(await seriousViolations(page)).toEqual([]);
});

test('keyboard: tab to the file input, into the grid and out of it again', async ({ page }) => {
	await page.goto('/');
	// The header's Settings comes first (once the app knows the drafts are not locked), then the
	// home screen's file input.
	await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Choose a CSV file')).toBeFocused();
	await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
	// The last control of the row of actions above the grid (the platform's menu).
	await page.getByRole('button', { name: 'Platform', exact: true }).focus();
	// One cell of the grid is in the Tab order: the focused one (the first email at the start).
	await page.keyboard.press('Tab');
	expect(await activeCell(page)).toEqual({ pos: '0', key: 'email_address' });
	await page.keyboard.press('End');
	expect(await activeCell(page)).toEqual({ pos: '0', key: 'notice' });
	// Tab at the last column leaves the grid (no keyboard trap) for the problems panel.
	await page.keyboard.press('Tab');
	expect(await activeCell(page)).toBeNull();
	await expect(page.getByRole('complementary', { name: 'Problems' }).locator(':focus')).toHaveCount(
		1,
	);
	await page.keyboard.press('Shift+Tab');
	expect(await activeCell(page)).toEqual({ pos: '0', key: 'notice' });
});

/** Visible controls (and grid cells) less than 44 px high, by name. */
async function smallTargets(page: Page): Promise<string[]> {
	const selector = 'button, .button, select, input:not([type=file]), [role=gridcell]';
	const targets = await page.locator(selector).all();
	expect(targets.length).toBeGreaterThan(6);
	const small: string[] = [];
	for (const target of targets) {
		if (!(await target.isVisible())) continue;
		// A checkbox inside a label is tapped through its label: that is its target.
		const label = target.locator('xpath=ancestor::label[1]');
		const box =
			(await target.getAttribute('type')) === 'checkbox' && (await label.count()) === 1
				? await label.boundingBox()
				: await target.boundingBox();
		if (!box || box.height >= 44) continue;
		const name = (await target.getAttribute('aria-label')) ?? (await target.textContent());
		small.push(`${name?.trim()} (${Math.round(box.height)} px)`);
	}
	return small;
}

test('touch targets are at least 44 px high, at home and on a draft', async ({ page }) => {
	await openMessyDraft(page);
	// A focused row shows its one-click fixes in the panel.
	await cell(page, 0, 'last_name').click();
	await expect(page.getByRole('button', { name: /^Fix: use/ })).toHaveCount(2);
	expect(await smallTargets(page)).toEqual([]);
	await page.getByRole('button', { name: '← All drafts' }).click();
	await expect(page.getByRole('heading', { level: 3 })).toHaveCount(1);
	expect(await smallTargets(page)).toEqual([]);
});

test('on a tablet the page does not scroll sideways; the grid scrolls on its own', async ({
	page,
}) => {
	await page.setViewportSize({ width: 820, height: 1180 });
	await openMessyDraft(page);
	const widths = () =>
		page.evaluate(() => {
			const scroller = document.querySelector('[role=grid] > div') as HTMLElement;
			return {
				page: document.documentElement.scrollWidth,
				pageX: window.scrollX,
				grid: scroller.scrollWidth,
				gridVisible: scroller.clientWidth,
				gridX: scroller.scrollLeft,
			};
		});
	const before = await widths();
	expect(before.page).toBeLessThanOrEqual(820);
	expect(before.grid).toBeGreaterThan(before.gridVisible);
	// Each row's status stays in view without scrolling the grid.
	const status = cell(page, 4, 'status');
	await expect(status).toHaveText(/3 errors/);
	expect((await status.boundingBox())?.x ?? 9999).toBeLessThan(400);
	// Going to the last column by keyboard scrolls the grid, not the page.
	await cell(page, 4, 'email_address').click();
	await page.keyboard.press('End');
	expect(await activeCell(page)).toEqual({ pos: '4', key: 'notice' });
	await expect(cell(page, 4, 'notice')).toBeInViewport();
	const after = await widths();
	expect(after.page).toBeLessThanOrEqual(820);
	expect(after.pageX).toBe(0);
	expect(after.gridX).toBeGreaterThan(0);
	await expect(page.getByRole('complementary', { name: 'Problems' })).toContainText(
		"gender 'woman' must be written female",
	);
});

test('settings, the print preview and the remove dialog are accessible', async ({ page }) => {
	await page.goto('/');
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await expect(page.getByRole('button', { name: 'Print notices (4 not printed)' })).toBeEnabled();
	expect(await seriousViolations(page)).toEqual([]);
	expect(await smallTargets(page)).toEqual([]);

	await openMenu(page, 'Passwords');
	await page.getByRole('button', { name: 'Password and notice settings' }).click();
	await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	expect(await smallTargets(page)).toEqual([]);
	await page.getByRole('button', { name: '← Back to the draft' }).click();

	await page.getByRole('button', { name: 'Print notices (4 not printed)' }).click();
	// Nothing set up and nothing sent: the guard and the choice are on screen with the preview.
	await expect(page.getByTestId('print-guard')).toBeVisible();
	await page.getByRole('radio', { name: /^Print anyway/ }).check();
	await expect(page.getByRole('button', { name: 'Print 4 notices' })).toBeDisabled();
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('button', { name: '← Back to the draft' }).click();

	// The dialog by keyboard: it takes the focus, Esc closes it.
	await openMenu(page, 'Passwords');
	await page.getByRole('button', { name: 'Remove passwords from this device…' }).focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Remove passwords from this device?' });
	await expect(dialog).toBeVisible();
	await expect(dialog.locator(':focus')).toHaveCount(1);
	expect(await seriousViolations(page)).toEqual([]);
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
});
