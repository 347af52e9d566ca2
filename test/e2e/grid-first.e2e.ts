// The grid of issue 14 in Chromium: Row, Status and Email stay when the grid scrolls sideways,
// "Next problem" reaches an error far off screen, arrow keys keep the focused cell in view, and
// on a tablet a first tap selects and a second tap edits.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { activeCell, cell, checkFile, fixturePath, checkMappedFile } from './helpers.ts';

const ROWS = 2000;
/** Data rows (0-based) whose email is invalid: the first, and one far below the first screen. */
const BAD = [0, 1499];

/** A valid client file of ROWS rows but for an invalid email on the rows in BAD. */
function fileWithFarError(): string {
	const path = join(tmpdir(), `roster-e2e-far-error-${ROWS}.csv`);
	const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
	for (let i = 0; i < ROWS; i++) {
		const email = BAD.includes(i) ? `client${i}-at-example.com` : `client${i}@example.com`;
		lines.push(`${email},Hb4#Yq8!Nz2k${i},Ana,Silva ${i},19811120,female`);
	}
	writeFileSync(path, lines.join('\r\n') + '\r\n');
	return path;
}

/** The grid's own scroller (the element that scrolls its rows and columns). */
async function scrollGrid(page: Page, left: number): Promise<number> {
	return page.evaluate((x) => {
		const scroller = document.querySelector<HTMLElement>('[role=grid] .scroller');
		if (!scroller) throw new Error('No grid scroller');
		scroller.scrollLeft = x;
		return scroller.scrollLeft;
	}, left);
}

/** The element drawn at the middle of a locator's box (what the pro sees there). */
async function drawnAt(page: Page, selector: string): Promise<string | null> {
	return page.evaluate((sel) => {
		const el = document.querySelector<HTMLElement>(sel);
		if (!el) return null;
		const box = el.getBoundingClientRect();
		const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
		return top?.closest<HTMLElement>('[data-key]')?.dataset.key ?? null;
	}, selector);
}

test('Row, Status and Email stay in view when the grid scrolls sideways (1280×900)', async ({
	page,
}) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/');
	await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
	const frozen = ['select', 'status', 'email_address'];
	const before = await Promise.all(frozen.map((k) => cell(page, 0, k).boundingBox()));
	const scrolled = await scrollGrid(page, 10_000);
	expect(scrolled).toBeGreaterThan(100);
	// The last column came into view, and the frozen ones did not move.
	await expect(cell(page, 0, 'notice')).toBeInViewport();
	const after = await Promise.all(frozen.map((k) => cell(page, 0, k).boundingBox()));
	for (const [k, box] of after.entries()) {
		expect(box?.x, frozen[k]).toBeCloseTo(before[k]?.x ?? -1, 0);
		expect(await drawnAt(page, `[data-pos="0"][data-key="${frozen[k]}"]`)).toBe(frozen[k]);
	}
	// Opaque: where a scrolled column passes under Email, Email is what shows.
	const header = page.getByRole('columnheader', { name: 'Email' });
	await expect(header).toBeInViewport();
	expect((await header.boundingBox())?.x).toBeCloseTo(before[2]?.x ?? -1, 0);
});

test('Next problem reaches an error 1,500 rows down, and F8 wraps back to the first', async ({
	page,
}) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/');
	await checkFile(page, fileWithFarError());
	await page.getByRole('button', { name: 'Next problem' }).click();
	// The first press starts before the row on screen: the first row's own error.
	await expect.poll(() => activeCell(page)).toEqual({ pos: '0', key: 'email_address' });
	await page.getByRole('button', { name: 'Next problem' }).click();
	await expect.poll(() => activeCell(page)).toEqual({ pos: '1499', key: 'email_address' });
	const far = cell(page, 1499, 'email_address');
	await expect(far).toBeInViewport();
	await expect(far).toHaveClass(/error/);
	await expect(far).toBeFocused();
	// From the grid, F8 goes on: past the last error, back to the first, and it says so.
	await page.keyboard.press('F8');
	await expect.poll(() => activeCell(page)).toEqual({ pos: '0', key: 'email_address' });
	await expect(page.getByText('Past the last problem: back to the first.')).toBeVisible();
	await expect(cell(page, 0, 'email_address')).toBeInViewport();
	await page.keyboard.press('Shift+F8');
	await expect.poll(() => activeCell(page)).toEqual({ pos: '1499', key: 'email_address' });
});

test('arrow keys keep the focused cell in view, clear of the frozen columns', async ({ page }) => {
	// A short window: the grid reaches below the fold, so the page has to follow too.
	await page.setViewportSize({ width: 1280, height: 560 });
	await page.goto('/');
	await checkFile(page, fileWithFarError());
	await cell(page, 0, 'first_name').click();
	const inView = () =>
		page.evaluate(() => {
			const el = document.activeElement?.closest<HTMLElement>('[role=gridcell]');
			const scroller = document.querySelector<HTMLElement>('[role=grid] .scroller');
			const edge = document.querySelector<HTMLElement>('[role=gridcell].edge');
			if (!el || !scroller || !edge) return 'no focused cell';
			const box = el.getBoundingClientRect();
			const grid = scroller.getBoundingClientRect();
			const frozenRight = edge.getBoundingClientRect().right;
			const problems = [];
			if (box.top < 0 || box.bottom > window.innerHeight) problems.push('off the page');
			if (box.top < grid.top + 43 || box.bottom > grid.bottom + 1) problems.push('off the grid');
			if (
				el.dataset.key !== 'select' &&
				!el.classList.contains('frozen') &&
				box.left < frozenRight - 1
			)
				problems.push('under the frozen columns');
			if (box.right > grid.right + 1) problems.push('past the right edge');
			return problems.join(', ') || 'in view';
		});
	for (let k = 0; k < 25; k++) {
		await page.keyboard.press('ArrowDown');
		expect(await inView(), `after ${k + 1} × ArrowDown`).toBe('in view');
	}
	expect(await activeCell(page)).toEqual({ pos: '25', key: 'first_name' });
	await page.keyboard.press('End');
	expect(await inView(), 'End').toBe('in view');
	for (let k = 0; k < 6; k++) {
		await page.keyboard.press('ArrowLeft');
		expect(await inView(), `after ${k + 1} × ArrowLeft`).toBe('in view');
	}
	expect(await activeCell(page)).toEqual({ pos: '25', key: 'initial_password' });
});

test.describe('on a tablet (820×1180, touch)', () => {
	test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true });

	test('a first tap selects the cell, a second tap edits it', async ({ page }) => {
		await page.goto('/');
		await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
		const target = cell(page, 1, 'first_name');
		await target.tap();
		await expect.poll(() => activeCell(page)).toEqual({ pos: '1', key: 'first_name' });
		await expect(target.locator('input.editor')).toHaveCount(0);
		// The problems panel (or sheet) shows this row: it names it.
		await expect(page.getByText(/Row 3\b/).first()).toBeVisible();
		await target.tap();
		const editor = target.locator('input.editor');
		await expect(editor).toBeFocused();
		// Another cell: one tap selects it (and keeps the edit), no editor there.
		await cell(page, 2, 'last_name').tap();
		await expect(editor).toHaveCount(0);
		await expect.poll(() => activeCell(page)).toEqual({ pos: '2', key: 'last_name' });
		await expect(cell(page, 2, 'last_name').locator('input.editor')).toHaveCount(0);
	});
});
