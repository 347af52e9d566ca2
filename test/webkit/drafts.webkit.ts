// WebKit smoke tests of a draft, in WebKitGTK's MiniBrowser (Safari's engine): import a file and
// see its rows, an edit that survives a reload, the app and the draft served by the service worker
// with the server gone, the print preview of notices, and the Home Screen hint an iPhone's Safari
// gets (MiniBrowser told to say it is one).
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { By, Key, type WebDriver } from 'selenium-webdriver';
import { openBrowser, startDriver, type DriverProcess } from './webkit-driver.ts';
import { startPreview, type Preview } from './preview.ts';
import {
	byLabel,
	cell,
	cellCss,
	chooseFile,
	click,
	fixturePath,
	summaryText,
	waitFor,
	waitForServiceWorker,
	waitForText,
} from './page.ts';

let wd: DriverProcess;
let preview: Preview;
const open: { browser?: WebDriver; previews: Preview[] } = { previews: [] };

beforeAll(async () => {
	wd = await startDriver();
	preview = await startPreview(Number(process.env.ROSTER_WEBKIT_PORT ?? 0) || undefined);
});

afterEach(async () => {
	await open.browser?.quit().catch(() => undefined);
	open.browser = undefined;
	for (const p of open.previews.splice(0)) await p.stop();
});

afterAll(async () => {
	await preview?.stop();
	await wd?.stop();
});

async function browser(userAgent?: string): Promise<WebDriver> {
	open.browser = await openBrowser(wd, { userAgent });
	return open.browser;
}

/** Opens the app and waits for its home screen. */
async function home(driver: WebDriver, origin: string): Promise<void> {
	await driver.get(`${origin}/`);
	await byLabel(driver, /^Choose a CSV file/);
}

/** A cell's text once its row has loaded (the grid shows "…" while it reads a row). */
function cellText(driver: WebDriver, position: number, key: string): Promise<string> {
	return waitForText(driver, cellCss(position, key), /^[^…]+$/);
}

test('a CSV file chosen in the file input shows its rows in the grid', async () => {
	const driver = await browser();
	await home(driver, preview.origin);
	await chooseFile(driver, fixturePath('clean_google_sheets.csv'));
	await waitForText(driver, '[data-testid=summary]', summaryText(3, 0, 0));
	expect(await cellText(driver, 0, 'email_address')).toBe('maria.rossi@example.com');
	expect(await cellText(driver, 2, 'last_name')).toBe('Adeyemi');
	const rowCount = await driver.executeScript<string | null>(
		"return document.querySelector('[role=grid]').getAttribute('aria-rowcount')",
	);
	expect(Number(rowCount)).toBeGreaterThanOrEqual(3);
});

test('an edited cell keeps its new value across a reload', async () => {
	const driver = await browser();
	await home(driver, preview.origin);
	await chooseFile(driver, fixturePath('clean_google_sheets.csv'));
	await (await cell(driver, 1, 'first_name')).click();
	await driver.switchTo().activeElement().sendKeys(Key.ENTER);
	const editor = await waitFor(driver, 'the cell editor', async () => {
		const active = await driver.switchTo().activeElement();
		return (await active.getAttribute('class'))?.includes('editor') ? active : null;
	});
	// Keyboard actions, not Element Send Keys: WebKitWebDriver drops the text typed after a chord.
	await driver
		.actions()
		.keyDown(Key.CONTROL)
		.sendKeys('a')
		.keyUp(Key.CONTROL)
		.sendKeys('Weiwei', Key.ENTER)
		.perform();
	await waitFor(
		driver,
		'the editor to close',
		async () => !(await editor.isDisplayed().catch(() => false)),
	);
	await waitForText(driver, cellCss(1, 'first_name'), 'Weiwei');
	await waitForText(driver, '[data-testid=save-status]', /Saved/);

	await driver.navigate().refresh();
	await waitForText(driver, cellCss(1, 'first_name'), 'Weiwei');
	expect(await cellText(driver, 1, 'last_name')).toBe('Li');
});

test('with the server gone, the service worker serves the app and the draft reopens', async () => {
	const driver = await browser();
	// A server of this test's own: stopping it takes the origin offline (see docs/safari.md).
	const own = await startPreview();
	open.previews.push(own);
	await home(driver, own.origin);
	await waitForServiceWorker(driver);
	await chooseFile(driver, fixturePath('clean_google_sheets.csv'));
	await waitForText(driver, '[data-testid=summary]', summaryText(3, 0, 0));
	await own.stop();
	const down = await fetch(own.origin).then(
		() => 'answered',
		() => 'refused',
	);
	expect(down).toBe('refused');

	await driver.navigate().refresh();
	await waitForText(driver, '[data-testid=summary]', summaryText(3, 0, 0));
	expect(await cellText(driver, 0, 'email_address')).toBe('maria.rossi@example.com');
});

test('the print preview shows one notice per client with a password', async () => {
	const driver = await browser();
	await home(driver, preview.origin);
	await chooseFile(driver, fixturePath('missing_passwords.csv'));
	// The app header's Settings, there on every screen (the draft's own link sits in a menu).
	await click(driver, 'Settings');
	for (const [label, value] of [
		['Practice name', 'Harbour Physio'],
		[/^Sign-in address/, 'https://app.example-health.com/signup?practice=harbour'],
	] as const) {
		const input = await byLabel(driver, label);
		await input.clear();
		// Tab leaves the field, which is when the setting is taken.
		await input.sendKeys(value, Key.TAB);
	}
	await waitFor(driver, 'the notice preview to name the practice', () =>
		driver.executeScript<boolean>(
			"const p = document.querySelector('[aria-label=\"Preview of a notice\"]'); return !!p && p.textContent.includes('Harbour Physio');",
		),
	);
	await click(driver, '← Back to the draft');
	await click(driver, 'Create passwords for 4 clients without one');
	await waitForText(driver, '[data-testid=summary]', summaryText(4, 1, 0));

	await click(driver, /^Print notices/);
	// Nothing was sent: "Print after sending" (the default) would hold all four back.
	await (await byLabel(driver, /^Print anyway/)).click();
	await waitForText(driver, '[data-testid=notice-status]', /4 notices to print/);
	const notices = await waitFor(driver, '4 notices on the preview', async () => {
		const texts = await driver.executeScript<string[]>(
			"return [...document.querySelectorAll('[data-testid=notice]')].map((n) => n.textContent)",
		);
		return texts.length === 4 ? texts : null;
	});
	const names = ['Amélie Dubois', 'Ben Carter', 'Chloé Nguyen', 'Dan Okafor'];
	names.forEach((name, k) => {
		expect(notices[k]).toContain(name);
		expect(notices[k]).toContain('Harbour Physio');
	});
	expect(notices[1]).toContain('ben.carter@example.com');
	// The sheets fit the iPad's width: nothing of a notice is cut off on the right. Waited for, as
	// the preview scales its sheets down once it has measured them (FitWidth).
	await waitFor(
		driver,
		'the preview to fit the window’s width',
		() =>
			driver.executeScript<boolean>(
				'return document.documentElement.scrollWidth <= window.innerWidth',
			),
		10_000,
	);
});

test('Safari on an iPhone is asked to add Roster to the Home Screen, once', async () => {
	const driver = await browser(
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
	);
	await home(driver, preview.origin);
	await waitForText(
		driver,
		'[data-testid=safari-keep-hint] h2',
		'Add Roster to the Home Screen to keep your drafts: Safari may erase them after 7 days without use.',
	);
	await click(driver, 'Got it');
	await waitFor(
		driver,
		'the hint to go',
		async () => (await driver.findElements(By.css('[data-testid=safari-keep-hint]'))).length === 0,
	);
	await driver.navigate().refresh();
	await byLabel(driver, /^Choose a CSV file/);
	// The home screen is back; the hint, dismissed, is not.
	expect(await driver.findElements(By.css('[data-testid=safari-keep-hint]'))).toHaveLength(0);
});
