// Notices that cannot mislead, in Chromium: printing refused (and saying what to set, and where)
// without a practice name and sign-in address; the password's hints and notes at 8 pt or more and
// the sign-in host name on one line in every layout, read off real PDFs; the print preview
// within an 820 px tablet's width. PNGs of the 4-per-page sheets go to ROSTER_NOTICE_PNG_DIR
// when set, to be looked at.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkFile, fixturePath, summaryText } from './helpers.ts';
import { pagePng, pageText, savePdf } from './pdf.ts';
import { printAnyway, setUpNotice } from './notices-steps.ts';

/** A host long enough to need the smaller size on a quarter sheet (40 characters). */
const LONG_HOST = 'https://signin.harbour-physio-clinic.com';
const LONG_SIGN_IN = `${LONG_HOST}/patients/start?practice=harbour`;

async function passwordsCreated(page: Page): Promise<void> {
	await page.goto('/');
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(4, 1, 0));
}

/**
 * In print media: the smallest hint, note or legend of a password in pt, and the notices whose
 * sign-in host wraps or runs past its caption. Read after every notice is laid out.
 */
function printedSizes(page: Page) {
	return page.evaluate(() => {
		const toPt = (px: number) => (px * 72) / 96;
		const small = [...document.querySelectorAll<HTMLElement>('.password .name, .legend, .note')];
		const hosts = [...document.querySelectorAll<HTMLElement>('.url')].map((url) => {
			const host = url.querySelector<HTMLElement>('.piece');
			const caption = url.closest('figcaption');
			if (!host || !caption) return 'missing';
			const lines = host.getClientRects().length;
			const past = host.getBoundingClientRect().right - caption.getBoundingClientRect().right;
			return lines === 1 && past <= 0.5 ? 'ok' : `lines ${lines}, ${past.toFixed(1)} px past`;
		});
		// The address said in the message: its host on one line too.
		const said = [
			...document.querySelectorAll<HTMLElement>('.message .in-message .piece:first-child'),
		];
		return {
			hostLinesInMessage: said.map((piece) => piece.getClientRects().length),
			hints: small.filter((el) => el.classList.contains('name')).length,
			smallestPt: Math.min(...small.map((el) => toPt(parseFloat(getComputedStyle(el).fontSize)))),
			urlPt: Math.min(
				...[...document.querySelectorAll<HTMLElement>('.url')].map((el) =>
					toPt(parseFloat(getComputedStyle(el).fontSize)),
				),
			),
			hosts,
		};
	});
}

test('printing is refused without a practice name and sign-in address, and says where to set them', async ({
	page,
}) => {
	await passwordsCreated(page);
	await page.getByRole('button', { name: 'Print notices (4 not printed)' }).click();
	const guard = page.getByTestId('print-guard');
	await expect(guard).toContainText('Notices cannot be printed yet.');
	await expect(guard).toContainText('The practice name is missing');
	await expect(guard).toContainText('The sign-in address is missing');
	await page
		.getByTestId('sending-choice')
		.getByRole('radio', { name: /^Print anyway/ })
		.check();
	const print = page.getByRole('button', { name: 'Print 4 notices' });
	await expect(print).toBeDisabled();
	await expect(print).toHaveAccessibleDescription(
		'Add the practice name and sign-in address first.',
	);
	// The browser's own Print menu gives the reason, not notices that name no practice.
	const refused = savePdf(await page.pdf({ preferCSSPageSize: true }), 'refused.pdf');
	const text = pageText(refused, 1);
	expect(text).toContain('Notices cannot be printed yet');
	expect(text).not.toContain('@example.com');

	await guard.getByRole('button', { name: 'Add them in the notice settings' }).click();
	await expect(page.getByLabel('Practice name')).toBeFocused();
	const address = page.getByLabel(/^Sign-in address/);
	await address.fill('signin.harbour-physio-clinic.com');
	await address.blur();
	await expect(address).toHaveAttribute('aria-invalid', 'true');
	await expect(
		page.getByText('Start the address with https://, e.g. https://app.example.com'),
	).toBeVisible();
	await page.getByRole('button', { name: '← Back to the draft' }).click();

	await setUpNotice(page, LONG_SIGN_IN);
	await page.getByRole('button', { name: 'Print notices (4 not printed)' }).click();
	await expect(page.getByTestId('print-guard')).toHaveCount(0);
	await printAnyway(page, 4);
});

test('hints stay at 8 pt or more and the host name on one line, on every layout', async ({
	page,
}) => {
	test.setTimeout(180_000);
	await passwordsCreated(page);
	await setUpNotice(page, LONG_SIGN_IN);
	await page.getByRole('button', { name: 'Print notices (4 not printed)' }).click();
	await printAnyway(page, 4);
	const out = process.env.ROSTER_NOTICE_PNG_DIR;
	if (out) mkdirSync(out, { recursive: true });

	for (const paper of ['a4', 'letter'] as const) {
		for (const perPage of ['1', '2', '4'] as const) {
			const where = `${paper}, ${perPage} per page`;
			await page.getByLabel('Paper').selectOption(paper);
			await page.getByLabel('Layout').selectOption(perPage);
			await expect(page.getByRole('button', { name: 'Print 4 notices' })).toBeEnabled();
			await page.emulateMedia({ media: 'print' });
			const sizes = await printedSizes(page);
			await page.emulateMedia({ media: null });
			expect(sizes.hints, where).toBeGreaterThan(0);
			expect(sizes.smallestPt, where).toBeGreaterThanOrEqual(8);
			expect(sizes.hosts, where).toEqual(['ok', 'ok', 'ok', 'ok']);
			expect(sizes.hostLinesInMessage, where).toEqual([1, 1, 1, 1]);
			// Shrunk only as far as the host needs: still legible.
			expect(sizes.urlPt, where).toBeGreaterThan(6);
			if (perPage !== '4') continue;

			const pdf = savePdf(
				await page.pdf({ preferCSSPageSize: true, printBackground: true }),
				`${paper}-4.pdf`,
			);
			expect(pdf.pages, where).toBe(1);
			const text = pageText(pdf, 1);
			// Each notice gives the host under its code, and in its message unless a long password
			// left the message cut short: wherever it is, it is whole on one line (pdftotext keeps
			// the lines).
			const host = LONG_HOST.replace('https://', '');
			const lines = text.split('\n');
			const whole = lines.reduce((n, line) => n + line.split(host).length - 1, 0);
			const started = lines.reduce((n, line) => n + line.split('signin.').length - 1, 0);
			expect(whole, where).toBeGreaterThanOrEqual(4);
			expect(started, where).toBe(whole);
			expect(text, where).toContain('The spaces are only for reading');
			expect(text, where).not.toContain('Not sent yet');
			const png = pagePng(pdf, 1, 100);
			if (out) copyFileSync(png, join(out, `h4-${paper}-4-per-page.png`));
		}
	}
});

test.describe('on an 820 px tablet', () => {
	test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true });

	test('the A4 preview fits the width, and prints at its true size', async ({ page }) => {
		await passwordsCreated(page);
		await setUpNotice(page);
		await page.getByRole('button', { name: 'Print notices (4 not printed)' }).click();
		await printAnyway(page, 4);
		const sheet = page.getByRole('region', { name: 'Page 1' });
		await expect(sheet).toBeVisible();
		const box = await sheet.boundingBox();
		expect(box?.x).toBeGreaterThanOrEqual(0);
		expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(820);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			820,
		);
		const out = process.env.ROSTER_NOTICE_PNG_DIR;
		if (out) await page.screenshot({ path: join(out, 'h4-tablet-preview.png') });

		const pdf = savePdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
		expect(pdf.pages).toBe(4);
		expect(pdf.pageSize).toContain('(A4)');
	});
});
