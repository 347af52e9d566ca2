// A print run of 130 notices in Chromium, built a slice at a time: whenever Print could be
// clicked, every notice was on the page; the PDF has one page per notice (no page lost or blank
// where the preview's groups of sheets meet, nor at the end), each client on their own page in
// order; four to a page and another language build them all again before Print comes back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkFile, summaryText } from './helpers.ts';
import { pageText, savePdf } from './pdf.ts';
import { printAnyway, setUpNotice } from './notices-steps.ts';

const COUNT = 130;

function clientsFile(): string {
	const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
	for (let i = 0; i < COUNT; i++)
		lines.push(`client${i}@example.com,,Client${i},Lee,19800115,${i % 2 ? 'male' : 'female'}`);
	const path = join(mkdtempSync(join(tmpdir(), 'roster-many-')), 'many.csv');
	writeFileSync(path, lines.join('\r\n') + '\r\n');
	return path;
}

/**
 * Records, each time the Print button becomes clickable, how many notices the page holds and in
 * which language, checked in the page itself as the button changes (not polled afterwards).
 */
async function watchPrint(page: Page): Promise<void> {
	await page.evaluate(() => {
		const seen: { notices: number; langs: string[] }[] = [];
		(window as unknown as { __printSeen: typeof seen }).__printSeen = seen;
		const button = [...document.querySelectorAll('button')].find((b) =>
			/^Print [\d,]+ notices?$/.test(b.textContent?.trim() ?? ''),
		)!;
		let was = button.disabled;
		new MutationObserver(() => {
			if (was && !button.disabled) {
				const notices = [...document.querySelectorAll<HTMLElement>('[data-testid=notice]')];
				seen.push({ notices: notices.length, langs: [...new Set(notices.map((n) => n.lang))] });
			}
			was = button.disabled;
		}).observe(button, { attributes: true, attributeFilter: ['disabled'] });
	});
}

const printSeen = (page: Page) =>
	page.evaluate(
		() =>
			(window as unknown as { __printSeen: { notices: number; langs: string[] }[] }).__printSeen,
	);

const pdfOf = async (page: Page) =>
	savePdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));

test('130 notices: Print waits for all of them, one page each, again after a layout or language change', async ({
	page,
}) => {
	await page.goto('/');
	await checkFile(page, clientsFile());
	await setUpNotice(page);
	await page
		.getByRole('button', { name: `Create passwords for ${COUNT} clients without one` })
		.click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(COUNT, 0, 0));
	await page.getByRole('button', { name: `Print notices (${COUNT} not printed)` }).click();
	await expect(page.getByRole('button', { name: 'Print 0 notices' })).toBeDisabled();
	await watchPrint(page);
	await printAnyway(page, COUNT);
	const print = page.getByRole('button', { name: `Print ${COUNT} notices` });

	const rows = await page.getByTestId('notice').evaluateAll((ns) => ns.map((n) => n.dataset.row));
	expect(rows).toEqual(Array.from({ length: COUNT }, (_, i) => String(i + 2)));
	// Each notice is named by its own "For …" line: ids stay unique across the copies.
	const names = await page
		.getByTestId('notice')
		.evaluateAll((ns) =>
			ns.map((n) => document.getElementById(n.getAttribute('aria-labelledby') ?? '')?.textContent),
		);
	expect(names).toEqual(Array.from({ length: COUNT }, (_, i) => `For Client${i} Lee`));
	let pdf = await pdfOf(page);
	expect(pdf.pages).toBe(COUNT);
	// Pages 10 and 11 are the last sheet of the preview's first group and the first of the next.
	for (const p of [1, 10, 11, 21, COUNT]) {
		const text = pageText(pdf, p);
		expect(text).toContain(`Client${p - 1} Lee`);
		expect(text).toContain(`client${p - 1}@example.com`);
		expect(text).not.toContain(`client${p}@example.com`);
	}

	await page.getByLabel('Layout').selectOption('4');
	await expect(page.getByTestId('notice')).toHaveCount(COUNT);
	await expect(print).toBeEnabled();
	pdf = await pdfOf(page);
	expect(pdf.pages).toBe(Math.ceil(COUNT / 4));
	expect(pageText(pdf, 11)).toContain('client43@example.com');
	expect(pageText(pdf, pdf.pages)).toContain(`client${COUNT - 1}@example.com`);

	await page.getByLabel('Notice language').selectOption('fr');
	await expect(page.locator('[data-testid=notice][lang=fr]')).toHaveCount(COUNT);
	await expect(print).toBeEnabled();
	expect(pageText(await pdfOf(page), 1)).toContain('Mot de passe');

	// Print became clickable three times (first build, four to a page, French), each time with
	// every notice on the page and, the last time, all of them in French.
	const seen = await printSeen(page);
	expect(seen.length).toBeGreaterThanOrEqual(3);
	expect(seen.every((s) => s.notices === COUNT)).toBe(true);
	expect(seen.at(-1)?.langs).toEqual(['fr']);
});
