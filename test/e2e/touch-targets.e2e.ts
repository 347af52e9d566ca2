// On an 820×1180 tablet every control a finger can hit measures at least 44 × 44 px: buttons,
// links, fields, lists, and check boxes (through the label around them), on the home screen,
// a draft (with its menus open), the settings and the notices. A failure lists each small one.
import { expect, test, type Page } from '@playwright/test';
import { checkFile, checkMappedFile, fixturePath } from './helpers.ts';

test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: false });

const MIN = 44;

/** The visible controls smaller than 44 × 44 px, as "name (width × height)"; and how many. */
async function smallControls(page: Page): Promise<{ checked: number; small: string[] }> {
	return page.evaluate((min) => {
		const selector = [
			'button',
			'a[href]',
			'.button',
			'select',
			'textarea',
			'input:not([type=hidden])',
			'summary',
			'[role=button]',
			'[role=link]',
		].join(',');
		const small: string[] = [];
		let checked = 0;
		for (const el of document.querySelectorAll<HTMLElement>(selector)) {
			// A file input hides behind the label that is its button; a check box or radio
			// button is hit through its label.
			const input = el instanceof HTMLInputElement ? el : null;
			const label =
				input && ['file', 'checkbox', 'radio'].includes(input.type) ? input.labels?.[0] : null;
			const target = label ?? el;
			if (!target.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
			// Off screen until focused (the skip link): not a target until then.
			const box = target.getBoundingClientRect();
			if (box.bottom <= 0 || box.right <= 0) continue;
			checked++;
			if (box.width >= min - 0.5 && box.height >= min - 0.5) continue;
			const name = (
				el.getAttribute('aria-label') ??
				target.textContent ??
				el.getAttribute('placeholder') ??
				el.tagName
			)
				.replace(/\s+/g, ' ')
				.trim()
				.slice(0, 50);
			small.push(
				`${el.tagName.toLowerCase()} "${name}" (${Math.round(box.width)} × ${Math.round(box.height)})`,
			);
		}
		return { checked, small };
	}, MIN);
}

async function expectTargetsLarge(page: Page, where: string, atLeast: number) {
	const { checked, small } = await smallControls(page);
	expect(small, where).toEqual([]);
	expect(checked, where).toBeGreaterThanOrEqual(atLeast);
}

test('home, a draft with its menus, settings and notices: every target is 44 × 44 px', async ({
	page,
}) => {
	await page.goto('/');
	await expect(page.getByText('No drafts yet.')).toBeVisible();
	await expectTargetsLarge(page, 'home, empty', 2);

	await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
	await expectTargetsLarge(page, 'draft', 15);
	for (const menu of ['File', 'Passwords', 'Platform']) {
		const button = page.getByRole('button', { name: menu, exact: true });
		await button.tap();
		await expect(button).toHaveAttribute('aria-expanded', 'true');
		await expectTargetsLarge(page, `draft, ${menu} open`, 16);
		await button.tap();
		await expect(button).toHaveAttribute('aria-expanded', 'false');
	}
	// The grid's own row check boxes and the sheet's fix buttons.
	await page.getByRole('button', { name: 'Hide problems' }).tap();
	await expectTargetsLarge(page, 'draft, sheet folded', 15);

	await page.getByRole('button', { name: '← All drafts' }).tap();
	await expect(page.getByRole('heading', { level: 3 })).toHaveCount(1);
	await expectTargetsLarge(page, 'home, one draft', 5);

	await page.getByRole('button', { name: 'Settings', exact: true }).tap();
	await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
	await expectTargetsLarge(page, 'settings', 8);
	await page.getByRole('button', { name: /^←/ }).first().tap();

	await checkFile(page, fixturePath('missing_passwords.csv'));
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).tap();
	await page.getByRole('button', { name: 'Print notices (4 not printed)' }).tap();
	await expect(page.getByRole('button', { name: '← Back to the draft' })).toBeVisible();
	await expectTargetsLarge(page, 'notices', 4);
});
