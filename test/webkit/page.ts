// Shared steps of the WebKit smoke suite: find controls the way a user names them (button text,
// label), and wait on what the page shows, never on a fixed time.
import { By, type WebDriver, type WebElement } from 'selenium-webdriver';
import { fileURLToPath } from 'node:url';

export const WAIT_MS = 30_000;

export function fixturePath(name: string): string {
	return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/**
 * Waits until `probe` returns something other than null/undefined/false and returns it; on timeout
 * the error says what was awaited and what the page last showed, so a failure explains itself.
 */
export async function waitFor<T>(
	driver: WebDriver,
	what: string,
	probe: () => Promise<T | null | undefined | false>,
	timeout = WAIT_MS,
): Promise<T> {
	const deadline = Date.now() + timeout;
	let last: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== null && value !== undefined && value !== false) return value;
			last = value;
		} catch (e) {
			// A node replaced while read (Svelte re-rendered it): look again.
			last = e instanceof Error ? e.message : e;
		}
		if (Date.now() > deadline) {
			const body = await driver
				.executeScript<string>('return document.body ? document.body.innerText : ""')
				.catch(() => '(page unreadable)');
			throw new Error(
				`WebKit: waited ${timeout} ms for ${what}; last seen: ${String(last)}.\nPage text:\n${body.slice(0, 1500)}`,
			);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Polls until the text of the element(s) matched by `css` (the first one) satisfies `want`. */
export function waitForText(
	driver: WebDriver,
	css: string,
	want: string | RegExp,
	timeout = WAIT_MS,
): Promise<string> {
	return waitFor(
		driver,
		`${css} to read ${String(want)}`,
		async () => {
			const text = await driver.executeScript<string | null>(
				'const el = document.querySelector(arguments[0]); return el ? el.textContent : null;',
				css,
			);
			if (text === null) return null;
			const t = text.replace(/\s+/g, ' ').trim();
			return (typeof want === 'string' ? t === want : want.test(t)) ? t : null;
		},
		timeout,
	);
}

/** A visible button (or link) by its accessible name: aria-label, else its text. */
export function button(driver: WebDriver, name: string | RegExp): Promise<WebElement> {
	const source = typeof name === 'string' ? { text: name } : { re: name.source, flags: name.flags };
	return waitFor(driver, `a button named ${String(name)}`, () =>
		driver.executeScript<WebElement | null>(
			`const want = arguments[0];
			 const match = (s) => want.text !== undefined ? s === want.text : new RegExp(want.re, want.flags).test(s);
			 for (const el of document.querySelectorAll('button, [role=button], a[href]')) {
				 const name = (el.getAttribute('aria-label') || el.textContent || '').replace(/\\s+/g, ' ').trim();
				 if (match(name) && el.getClientRects().length > 0) return el;
			 }
			 return null;`,
			source,
		),
	);
}

/** Clicks a button by name once it is enabled. */
export async function click(driver: WebDriver, name: string | RegExp): Promise<void> {
	const el = await button(driver, name);
	await waitFor(driver, `${String(name)} to be enabled`, () => el.isEnabled());
	await el.click();
}

/** A form control by its label's text (a <label> around or for it, or aria-label). */
export function byLabel(driver: WebDriver, label: string | RegExp): Promise<WebElement> {
	const source =
		typeof label === 'string' ? { text: label } : { re: label.source, flags: label.flags };
	return waitFor(driver, `a control labelled ${String(label)}`, () =>
		driver.executeScript<WebElement | null>(
			`const want = arguments[0];
			 const match = (s) => { s = (s || '').replace(/\\s+/g, ' ').trim();
				 return want.text !== undefined ? s === want.text : new RegExp(want.re, want.flags).test(s); };
			 for (const el of document.querySelectorAll('input, select, textarea')) {
				 if (match(el.getAttribute('aria-label'))) return el;
				 for (const l of el.labels || []) if (match(l.textContent)) return el;
			 }
			 return null;`,
			source,
		),
	);
}

/** A grid cell by its position in the current view and its column key. */
export function cellCss(position: number, key: string): string {
	return `[role=gridcell][data-pos="${position}"][data-key="${key}"]`;
}

export function cell(driver: WebDriver, position: number, key: string): Promise<WebElement> {
	return waitFor(driver, `grid cell ${position}/${key}`, async () => {
		const found = await driver.findElements(By.css(cellCss(position, key)));
		return found[0] ?? null;
	});
}

/** Chooses a file on the home screen, as WebDriver does it: the path typed into the file input. */
export async function chooseFile(driver: WebDriver, path: string): Promise<void> {
	const input = await byLabel(driver, /^Choose a CSV file/);
	await input.sendKeys(path);
	await waitForText(driver, '[data-testid=save-status]', /Saved/, 60_000);
}

/** Waits until the service worker controls the page (it then serves the app offline). */
export function waitForServiceWorker(driver: WebDriver): Promise<true> {
	return waitFor(driver, 'the service worker to control the page', () =>
		driver.executeScript<boolean>(
			'return !!navigator.serviceWorker && navigator.serviceWorker.controller !== null;',
		),
	);
}

/** "3 clients ready · 0 need attention · 0 rows with warnings only". */
export function summaryText(ready: number, attention: number, warningRows: number): string {
	return (
		`${ready} ${ready === 1 ? 'client' : 'clients'} ready · ${attention} need attention · ` +
		`${warningRows} ${warningRows === 1 ? 'row' : 'rows'} with warnings only`
	);
}
