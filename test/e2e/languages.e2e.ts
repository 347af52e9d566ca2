// Roster in French, Spanish, German and Portuguese: a first visit follows the browser's language
// (no choice stored); the home screen and a draft are in it, <html lang> says so, axe finds
// nothing serious, and no English phrase is left outside the client's data; a switch in Settings
// redraws the app in the new language while the draft, its rows and the grid's place stay.
import { expect, test, type Page } from '@playwright/test';
import { fixturePath } from './helpers.ts';
import { seriousViolations } from './axe.ts';
import {
	allMessages,
	englishLeftovers,
	findEnglish,
	shownTexts,
	type RawMessage,
	clientData,
} from './language-text.ts';

type Lang = 'en' | 'fr' | 'es' | 'de' | 'pt';
/** The browser's language for each, and the language a switch goes to next. */
const CASES: { lang: Exclude<Lang, 'en'>; browser: string; next: Lang }[] = [
	{ lang: 'fr', browser: 'fr-FR', next: 'es' },
	{ lang: 'es', browser: 'es-MX', next: 'de' },
	{ lang: 'de', browser: 'de-DE', next: 'pt' },
	{ lang: 'pt', browser: 'pt-BR', next: 'fr' },
];

const FIXTURE = 'clean_google_sheets.csv';
/** The fixture's cells and name: the client's data, never translated, never counted as English. */
const CLIENT_DATA = clientData(FIXTURE, fixturePath(FIXTURE));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A plain message's text in a language (the tests ask only for messages without variants). */
function say(lang: string, key: string): string {
	const message: RawMessage | undefined = allMessages(lang)[key];
	if (typeof message !== 'string') throw new Error(`${key} is not a plain message in ${lang}`);
	return message;
}

async function englishOnScreen(page: Page, lang: Lang): Promise<string[]> {
	const shown = await shownTexts(page, []);
	// Client values are taken out as whole words (a first name "Li" inside "Liste" stays).
	const stripped = shown.map((s) => ({
		...s,
		text: CLIENT_DATA.reduce(
			(t, d) => t.replace(new RegExp(`(?<!\\p{L})${escape(d)}(?!\\p{L})`, 'gu'), ' \u2063 '),
			s.text,
		),
	}));
	return findEnglish(stripped, englishLeftovers(lang));
}

async function homeShown(page: Page, lang: Lang): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await expect(page.locator('#picker-title')).toHaveText(say(lang, 'import_picker_title'));
}

async function importFixture(page: Page, lang: Lang): Promise<void> {
	await page.locator('input#csv-file').setInputFiles(fixturePath(FIXTURE));
	await expect(page.getByTestId('summary')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('save-status')).toHaveText(
		new RegExp(escape(say(lang, 'draft_save_saved'))),
	);
	await expect(page.locator('[role=gridcell][data-key=email_address]')).toHaveCount(3);
}

for (const { lang, browser, next } of CASES) {
	test.describe(`${lang} (browser says ${browser})`, () => {
		test.use({ locale: browser, viewport: { width: 1280, height: 900 } });

		test(`home and a draft are in ${lang}, with no English left`, async ({ page }) => {
			await page.goto('/');
			// Nothing is stored yet: the language is the browser's.
			expect(await page.evaluate(() => localStorage.getItem('roster.locale'))).toBeNull();
			await homeShown(page, lang);
			expect.soft(await seriousViolations(page), 'axe, home').toEqual([]);
			expect.soft(await englishOnScreen(page, lang), 'English on the home screen').toEqual([]);

			await importFixture(page, lang);
			expect.soft(await seriousViolations(page), 'axe, draft').toEqual([]);
			expect.soft(await englishOnScreen(page, lang), 'English on the draft').toEqual([]);
		});

		test(`switching from ${lang} to ${next} in Settings keeps the draft`, async ({ page }) => {
			await page.goto('/');
			await homeShown(page, lang);
			await importFixture(page, lang);
			// The pro is on the second client's row.
			const cell = page.locator('[role=gridcell][data-pos="1"][data-key="email_address"]');
			await cell.click();
			await expect(cell).toHaveAttribute('tabindex', '0');

			await page
				.getByRole('button', { name: say(lang, 'shell_app_settings'), exact: true })
				.click();
			await page.locator('select#app-language').selectOption(next);
			await expect(page.locator('html')).toHaveAttribute('lang', next);
			await expect(page.locator('#app-language')).toHaveValue(next);
			await expect(
				page.getByText(say(next, 'settings_language_legend'), { exact: true }),
			).toBeVisible();
			expect(await page.evaluate(() => localStorage.getItem('roster.locale'))).toBe(next);
			expect.soft(await englishOnScreen(page, next), 'English on Settings').toEqual([]);

			await page.getByRole('button', { name: say(next, 'shell_settings_back_draft') }).click();
			await expect(page.getByTestId('save-status')).toHaveText(
				new RegExp(escape(say(next, 'draft_save_saved'))),
			);
			await expect(page.locator('[role=gridcell][data-key=email_address]')).toHaveText([
				/maria\.rossi@example\.com/,
				/li\.wei@example\.com/,
				/./,
			]);
			// The grid's place is kept: the same row has the keyboard's cell.
			await expect(
				page.locator('[role=gridcell][tabindex="0"]:not([data-key=select])').first(),
			).toHaveAttribute('data-pos', '1');
			await expect(
				page.getByRole('button', { name: say(next, 'shell_app_settings'), exact: true }),
			).toBeVisible();
			expect
				.soft(await englishOnScreen(page, next), 'English on the draft after a switch')
				.toEqual([]);

			// A reload keeps the choice over the browser's language.
			await page.reload();
			await expect(page.locator('html')).toHaveAttribute('lang', next);
		});
	});
}

test.describe('the English check itself', () => {
	test.use({ locale: 'en-US' });

	test('finds the English phrases on an English screen', async ({ page }) => {
		await page.goto('/');
		await homeShown(page, 'en');
		await importFixture(page, 'en');
		// Run against French: every English phrase shown counts; a blind check would pass all above.
		const found = await englishOnScreen(page, 'fr');
		expect(found.length).toBeGreaterThan(5);
		// Attributes count too: the password cells' Reveal buttons are named in English.
		const reveal = say('en', 'grid_cell_reveal_label').split('{')[0]!.trim();
		expect(found.some((f) => f.includes(reveal) && f.includes('@aria-label'))).toBe(true);
	});
});
