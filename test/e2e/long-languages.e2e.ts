// German, the longest of Roster's languages, on the draft screen at 1280×900 and on an 820×1180
// touch tablet: every button and label holds its text (and so do the menus' ones), the row of
// actions above the grid keeps to a few lines (four on the tablet, three on the laptop, as in
// English) and the grid's first row is in sight at open without scrolling.
import { expect, test, type Page } from '@playwright/test';
import { cell, fixturePath } from './helpers.ts';
import { allMessages } from './language-text.ts';

const de = allMessages('de');

/** A plain German message (the menus' names and the mapping step's Import have no variants). */
function say(key: string): string {
	const message = de[key];
	if (typeof message !== 'string') throw new Error(`${key} is not a plain message`);
	return message;
}

const MENUS = ['draft_file_menu', 'draft_pw_menu', 'draft_sync_label'].map(say);

const CASES = [
	{ width: 1280, height: 900, touch: false, maxLines: 3 },
	{ width: 820, height: 1180, touch: true, maxLines: 4 },
];

/** Opens a draft in German: the messy file through the mapping step, the other one straight. */
async function openDraft(page: Page, fixture: string): Promise<void> {
	await page.addInitScript(() => localStorage.setItem('roster.locale', 'de'));
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await page.locator('input#csv-file').setInputFiles(fixturePath(fixture));
	if (fixture.startsWith('messy'))
		await page.getByRole('button', { name: say('import_mapping_import'), exact: true }).click();
	await expect(page.getByTestId('summary')).toBeVisible({ timeout: 60_000 });
	await expect(cell(page, 0, 'email_address')).toBeVisible();
}

/** Buttons and labels on screen whose text is wider or taller than their box. */
function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('button, [role=button], label')) {
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || el.closest('.visually-hidden')) continue;
			if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
				out.push(
					`"${(el.textContent ?? '').trim().slice(0, 60)}": ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`,
				);
		}
		return out;
	});
}

/** How many lines the row of actions takes: its visible controls' distinct tops. */
function actionLines(page: Page): Promise<{ lines: number; height: number }> {
	return page.evaluate(() => {
		const row = document.querySelector('.actions-row');
		if (!row) throw new Error('no row of actions');
		const tops: number[] = [];
		for (const el of row.querySelectorAll('button, select, input')) {
			if (el.closest('[hidden]')) continue;
			const box = el.getBoundingClientRect();
			if (box.width === 0) continue;
			if (!tops.some((top) => Math.abs(top - box.top) < 10)) tops.push(box.top);
		}
		return { lines: tops.length, height: row.getBoundingClientRect().height };
	});
}

for (const { width, height, touch, maxLines } of CASES) {
	test.describe(`in German at ${width}×${height}`, () => {
		test.use({ viewport: { width, height }, hasTouch: touch, isMobile: false });

		for (const fixture of ['messy_mixed_problems.csv', 'missing_passwords.csv']) {
			test(`${fixture}: the text fits, the actions keep to ${maxLines} lines, row 1 in sight`, async ({
				page,
			}) => {
				await openDraft(page, fixture);
				const first = await cell(page, 0, 'email_address').boundingBox();
				expect(first).not.toBeNull();
				expect(first!.y).toBeGreaterThanOrEqual(0);
				expect(first!.y + first!.height).toBeLessThanOrEqual(height);
				expect(await page.evaluate(() => window.scrollY)).toBe(0);

				const { lines, height: rowHeight } = await actionLines(page);
				expect(lines).toBeLessThanOrEqual(maxLines);
				// Each line one 44 px control high: no button grew a second line of text.
				expect(rowHeight).toBeLessThanOrEqual(maxLines * 44 + (maxLines - 1) * 8);
				expect(await overflowing(page)).toEqual([]);

				for (const name of MENUS) {
					const menu = page.getByRole('button', { name, exact: true });
					await menu.click();
					await expect(menu).toHaveAttribute('aria-expanded', 'true');
					expect(await overflowing(page), name).toEqual([]);
					expect(
						await page.evaluate(() => document.documentElement.scrollWidth),
					).toBeLessThanOrEqual(width);
					await page.keyboard.press('Escape');
					await expect(menu).toHaveAttribute('aria-expanded', 'false');
				}
			});
		}
	});
}
