// Notices in the clients' language: from an English app, a print run in French gives a PDF whose
// text holds the French title, legend and labels and none of the English notice's wording; with
// the app in French, the run is French from the start.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { checkFile, fixturePath, summaryText } from './helpers.ts';
import { pagePng, pageText, savePdf, type PdfFile } from './pdf.ts';
import { printAnyway, setUpNotice } from './notices-steps.ts';

type Catalog = Record<string, unknown>;
const catalog = (locale: string): Catalog =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Catalog;
const en = catalog('en');
const fr = catalog('fr');

/** The English notice's own words: its default texts and message, and its glyph captions. */
const ENGLISH_CHROME = [
	...Object.keys(en)
		.filter((key) => key.startsWith('notices_default_') && key !== 'notices_default_message')
		.map((key) => String(en[key])),
	'Hello ',
	'has set up an account for you',
	'The first time you sign in',
	'scan the code on this notice',
	'capital ',
	'small ',
];

/** pdftotext keeps French no-break spaces; compared as plain spaces. */
function plain(text: string): string {
	return text.replace(/\u00a0/g, ' ');
}

/** Lines joined: a long text wraps over several lines on paper. */
function flat(text: string): string {
	return plain(text).replace(/\s+/g, ' ');
}

async function draftWithPasswords(page: Page): Promise<void> {
	await page.goto('/');
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await setUpNotice(page);
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(4, 1, 0));
}

function printPdf(page: Page): Promise<PdfFile> {
	return page
		.pdf({ preferCSSPageSize: true, printBackground: true })
		.then((bytes) => savePdf(bytes));
}

test('a French print run from an English app prints French notices, with no English on them', async ({
	page,
}) => {
	test.setTimeout(180_000);
	await draftWithPasswords(page);
	await page.getByRole('button', { name: 'Print notices (4 not printed)' }).click();
	await printAnyway(page, 4);
	const language = page.getByLabel('Notice language');
	await expect(language).toHaveValue('en');
	await language.selectOption('fr');
	const preview = page.getByLabel('Print preview');
	await expect(
		preview.getByRole('heading', { name: plain(String(fr.notices_default_title)) }).first(),
	).toBeVisible();
	// The screen itself stays in the app's language.
	await expect(page.getByRole('button', { name: 'Print 4 notices' })).toBeEnabled();

	const pdf = await printPdf(page);
	expect(pdf.pages).toBe(4);
	for (let p = 1; p <= 4; p++) {
		const text = flat(pageText(pdf, p));
		expect(text).toContain('Votre compte : comment vous connecter');
		expect(text).toContain('Mot de passe temporaire');
		expect(text).toContain('souligné = chiffre');
		expect(text).toContain('Gardez ce document pour vous.');
		expect(text).toContain('vous a créé un compte');
		for (const english of ENGLISH_CHROME) expect(text, `page ${p}`).not.toContain(english);
	}

	// Two and four to a page: French words are longer; the pages are looked at (PNGs kept in
	// the test's output) and their text must still hold each notice's title and footer.
	for (const perPage of ['2', '4'] as const) {
		await page.getByLabel('Layout').selectOption(perPage);
		const sheets = await printPdf(page);
		expect(sheets.pages).toBe(4 / Number(perPage));
		const text = flat(pageText(sheets, 1));
		expect(text.match(/Votre compte : comment vous connecter/g)).toHaveLength(Number(perPage));
		expect(text.match(/Gardez ce document pour vous/g)).toHaveLength(Number(perPage));
		await test.info().attach(`french-${perPage}-per-page.png`, {
			path: pagePng(sheets, 1, 100),
			contentType: 'image/png',
		});
	}
});

test.describe('with the app in French', () => {
	test('a print run is in French from the start', async ({ page }) => {
		test.setTimeout(180_000);
		await draftWithPasswords(page);
		// The app's language, as Settings keeps it; the draft reopens after the reload.
		await page.evaluate(() => localStorage.setItem('roster.locale', 'fr'));
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
		await page.getByRole('button', { name: /^(Imprimer les (avis|fiches)|Print notices)/ }).click();
		await expect(page.getByRole('heading', { name: 'Imprimer les fiches' })).toBeVisible();
		await expect(page.getByLabel('Langue des fiches')).toHaveValue('fr');
		await page.getByRole('radio', { name: /^Imprimer quand même/ }).check();
		await expect(
			page.getByLabel('Aperçu avant impression').getByRole('heading', { level: 2 }).first(),
		).toHaveText(/^Votre compte\s:\scomment vous connecter$/);
	});
});
