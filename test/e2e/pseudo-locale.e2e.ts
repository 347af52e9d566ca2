// The pseudo-locale (English accented, 40 % longer, in ⟦ ⟧): every text a pro reads on the home
// screen, a draft with its menus open, Settings and the notices' print screen comes from a
// message (a hard-coded string shows without the marks), and the longer text still fits at
// 1280×900 and 820×1180: no sideways scroll, no clipped button, the grid's first row in sight.
import { expect, test, type Page } from '@playwright/test';
import { fixturePath } from './helpers.ts';
import { clientData, shownTexts } from './language-text.ts';
import { PSEUDO_OPEN, pseudoText } from '../../src/i18n/pseudo.ts';
import { LOCALE_NAMES } from '../../src/i18n/locales.ts';

const FIXTURE = 'clean_google_sheets.csv';
/** The client's data (cells, headers, file name): shown as it is, in no language of Roster's. */
const CLIENT_DATA = clientData(FIXTURE, fixturePath(FIXTURE));
/** Never translated on purpose: the app's name, each language named in itself. */
const NAMES = ['Roster', ...Object.values(LOCALE_NAMES)];
/**
 * Not the pro's screen: the notices are printed for the clients, in the language the print run
 * chose (their own test covers them). Nor is <code>: literal tokens (a notice placeholder such
 * as {practice_name}, an example password, a URL path) that the pro types as they are.
 */
const SKIP = ['.sheets', '[data-testid=notice]', 'code'];

/** A message without placeholders, as the pseudo-locale shows it (the accessible name). */
const pseudo = (english: string) => pseudoText(english);
/** Its accented words alone, to match a message that has placeholders around them. */
const accented = (english: string) =>
	pseudoText(english).slice(PSEUDO_OPEN.length, english.length + 1);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What is left of a text once the pseudo-locale's messages are taken out: ⟦…⟧ (nested, for a
 * message passed into another), and the part of a message that an element split off (an open
 * mark without its close, or a close without its open).
 */
function outsideMessages(text: string): string {
	let rest = text;
	const pair = /⟦[^⟦⟧]*⟧/g;
	while (pair.test(rest)) rest = rest.replace(pair, ' ');
	return rest.replace(/⟦[^⟧]*$/, ' ').replace(/^[^⟦]*⟧/, ' ');
}

/** The texts on screen that are not (wholly) messages, client data and names taken out. */
async function unmarked(page: Page, screen: string): Promise<string[]> {
	const shown = await shownTexts(page, SKIP);
	const out = new Set<string>();
	for (const s of shown) {
		let rest = outsideMessages(s.text);
		for (const d of [...CLIENT_DATA, ...NAMES])
			rest = rest.replace(new RegExp(`(?<!\\p{L})${escape(d)}(?!\\p{L})`, 'gu'), ' ');
		// Numbers, dates in digits, punctuation, a URL's start: nothing to translate.
		rest = rest.replace(/\bhttps?:\/\/\S*/g, ' ');
		if (!/\p{L}/u.test(rest)) continue;
		out.add(`${screen}: "${s.text.slice(0, 100)}" (${s.where})`);
	}
	return [...out];
}

/**
 * Layout faults: sideways scroll, buttons whose text does not fit. Read as painted: after a whole
 * frame, whose ResizeObservers may still resize what the last task added (the notice sheets are
 * scaled to the screen's width by one, FitWidth.svelte, before they are first painted).
 */
async function layoutFaults(page: Page, screen: string): Promise<string[]> {
	await page.evaluate(
		() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
	);
	const faults = await page.evaluate(() => {
		const out: string[] = [];
		const doc = document.documentElement;
		if (doc.scrollWidth > doc.clientWidth + 1) {
			// Name the elements the overflow starts from: past the edge, inside a parent that is not.
			// An element past the edge, or whose content (a long word) overflows past it.
			const past = (el: Element) => {
				const box = el.getBoundingClientRect();
				return box.right > doc.clientWidth + 1 || box.left + el.scrollWidth > doc.clientWidth + 1;
			};
			const all = [...document.body.querySelectorAll('*')].filter(past);
			const starts = all.filter((el) => el.parentElement && !past(el.parentElement));
			// None: the body itself is too wide; its deepest too-wide elements say why.
			const deepest = all.filter((el) => ![...el.children].some(past));
			const origins = (starts.length > 0 ? starts : deepest).slice(0, 4).map((el) => {
				const cls = el.getAttribute('class')?.split(' ')[0];
				const text = (el.textContent ?? '').trim().slice(0, 40);
				return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} "${text}"`;
			});
			out.push(
				`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth}), from ${origins.join('; ')}`,
			);
		}
		for (const b of document.querySelectorAll<HTMLElement>('button, [role=button], summary')) {
			const box = b.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || getComputedStyle(b).visibility === 'hidden')
				continue;
			if (b.closest('.visually-hidden')) continue;
			if (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
				out.push(
					`button clipped: "${(b.textContent ?? '').trim().slice(0, 60)}" (${b.scrollWidth}×${b.scrollHeight} in ${b.clientWidth}×${b.clientHeight})`,
				);
		}
		return out;
	});
	return faults.map((f) => `${screen}: ${f}`);
}

async function check(page: Page, screen: string, found: string[], layout: string[]) {
	found.push(...(await unmarked(page, screen)));
	layout.push(...(await layoutFaults(page, screen)));
}

async function openMenu(page: Page, english: string) {
	const button = page.getByRole('button', { name: pseudo(english), exact: true });
	if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
	await expect(button).toHaveAttribute('aria-expanded', 'true');
}

for (const viewport of [
	{ width: 1280, height: 900 },
	{ width: 820, height: 1180 },
]) {
	test(`pseudo-locale at ${viewport.width}×${viewport.height}: every text is a message, and longer text fits`, async ({
		page,
	}) => {
		await page.setViewportSize(viewport);
		await page.addInitScript(() => localStorage.setItem('roster.pseudo', '1'));
		const found: string[] = [];
		const layout: string[] = [];

		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
		await expect(page.locator('#picker-title')).toContainText(PSEUDO_OPEN);
		await check(page, 'home', found, layout);

		await page.locator('input#csv-file').setInputFiles(fixturePath(FIXTURE));
		await expect(page.getByTestId('summary')).toBeVisible({ timeout: 60_000 });
		await expect(page.getByTestId('save-status')).toContainText(accented('Saved'));
		// The grid's first row is in sight when the draft opens.
		const first = page.locator('[role=gridcell][data-pos="0"][data-key="email_address"]');
		await expect(first).toBeInViewport();
		await check(page, 'draft', found, layout);
		for (const menu of ['File', 'Passwords', 'Platform']) {
			await openMenu(page, menu);
			await check(page, `draft, ${menu} menu open`, found, layout);
			await page.keyboard.press('Escape');
		}

		await page.getByRole('button', { name: pseudo('Settings'), exact: true }).click();
		await expect(page.locator('#app-language')).toBeVisible();
		await check(page, 'settings', found, layout);
		await page.getByRole('button', { name: pseudo('← Back to the draft'), exact: true }).click();
		await expect(page.getByTestId('summary')).toBeVisible();

		await openMenu(page, 'Passwords');
		await page
			.getByRole('button', { name: new RegExp(escape(accented('Print notices'))) })
			.first()
			.click();
		await expect(
			page.getByRole('heading', { level: 2, name: pseudo('Print notices'), exact: true }),
		).toBeVisible({ timeout: 30_000 });
		// Nothing was sent to a platform: "Print anyway" shows the notices held back.
		await page.getByRole('radio').nth(1).check();
		await check(page, 'notices', found, layout);

		expect.soft(found, 'text on screen that is no message (hard-coded)').toEqual([]);
		expect.soft(layout, 'layout with 40 % longer text').toEqual([]);
	});
}
