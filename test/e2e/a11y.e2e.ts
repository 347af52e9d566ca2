// axe-core finds no serious or critical violation on the upload screen, before and after a file.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { checkFile, fixturePath } from './helpers.ts';

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8',
);

async function seriousViolations(page: Page) {
	// Evaluated rather than added as a <script>: the app's CSP rightly forbids inline scripts.
	await page.evaluate(axeSource);
	const results = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run: () => Promise<{
						violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
					}>;
				};
			}
		).axe;
		return axe.run();
	});
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the start screen is accessible', async ({ page }) => {
	await page.goto('/');
	expect(await seriousViolations(page)).toEqual([]);
});

test('the results of a messy file are accessible, issue details open', async ({ page }) => {
	await page.goto('/');
	await checkFile(page, fixturePath('messy_mixed_problems.csv'));
	for (const summary of await page.locator('details summary').all()) await summary.click();
	expect(await seriousViolations(page)).toEqual([]);
});

test('keyboard: tab to the file input, and touch targets are at least 44 px', async ({ page }) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Choose a CSV file')).toBeFocused();
	await checkFile(page, fixturePath('messy_mixed_problems.csv'));
	// The file input's visible face is its label (class "button").
	const targets = await page.locator('button, .button, summary, select').all();
	expect(targets.length).toBeGreaterThan(5);
	for (const target of targets) {
		if (!(await target.isVisible())) continue;
		const box = await target.boundingBox();
		if (!box) continue;
		expect(box.height, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(44);
	}
});

test('on a tablet the page does not scroll sideways; the rows table scrolls on its own', async ({
	page,
}) => {
	await page.setViewportSize({ width: 820, height: 1180 });
	await page.goto('/');
	await checkFile(page, fixturePath('messy_mixed_problems.csv'));
	await expect(page.getByRole('rowheader', { name: '6' })).toBeVisible();
	const widths = await page.evaluate(() => ({
		page: document.documentElement.scrollWidth,
		table: (document.querySelector('[role=region][aria-labelledby=rows-title]') as HTMLElement)
			.scrollWidth,
	}));
	expect(widths.page).toBeLessThanOrEqual(820);
	expect(widths.table).toBeGreaterThan(820);
	// The problems stay in view without scrolling the table.
	const problems = page.getByRole('row', { name: /^6 / }).getByRole('cell').first();
	await expect(problems).toContainText("gender 'woman' is not accepted");
	expect((await problems.boundingBox())?.x ?? 9999).toBeLessThan(400);
});
