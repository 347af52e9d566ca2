// Shared steps for the browser tests.
import { expect, type Locator, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

export function fixturePath(name: string): string {
	return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function fixtureBytes(name: string): Buffer {
	return readFileSync(fixturePath(name));
}

/** The summary line of a draft: "3 clients ready · 0 need attention · 0 rows with warnings only". */
export function summaryText(ready: number, attention: number, warningRows: number): string {
	const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return (
		`${n(ready)} ${ready === 1 ? 'client' : 'clients'} ready · ${n(attention)} need attention · ` +
		`${n(warningRows)} ${warningRows === 1 ? 'row' : 'rows'} with warnings only`
	);
}

/** Chooses a file on the home screen; resolves once its draft's summary is on screen. */
export async function checkFile(page: Page, path: string): Promise<void> {
	await page.getByLabel('Choose a CSV file').setInputFiles(path);
	await expect(page.getByTestId('summary')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
}

/**
 * Opens one of the draft screen's menus ("File", "Passwords", "Platform"): the downloads, the
 * columns and the less used actions wait under them. Already open, it stays open.
 */
export async function openMenu(page: Page, name: string): Promise<void> {
	const button = page.getByRole('button', { name, exact: true });
	if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
	await expect(button).toHaveAttribute('aria-expanded', 'true');
}

/**
 * Clicks a download button (a draft's are under its File menu, the home screen's in sight) and
 * returns the downloaded bytes and file name.
 */
export async function download(
	page: Page,
	name: RegExp,
): Promise<{ bytes: Buffer; fileName: string }> {
	if ((await page.getByRole('button', { name: 'File', exact: true }).count()) > 0)
		await openMenu(page, 'File');
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name }).click(),
	]);
	const path = await file.path();
	return { bytes: readFileSync(path), fileName: file.suggestedFilename() };
}

/** A grid cell by its position in the current view and its column key. */
export function cell(page: Page, position: number, key: string): Locator {
	return page.locator(`[role=gridcell][data-pos="${position}"][data-key="${key}"]`);
}

/** Edits a cell by keyboard: click, Enter, select all, type, Enter; waits for "Saved". */
export async function editCell(
	page: Page,
	position: number,
	key: string,
	value: string,
): Promise<void> {
	await cell(page, position, key).click();
	await page.keyboard.press('Enter');
	const editor = cell(page, position, key).locator('input.editor');
	await expect(editor).toBeFocused();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(value);
	await page.keyboard.press('Enter');
	await expect(editor).toHaveCount(0);
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
}

/** The grid cell that has the keyboard focus (the cell itself or its editor/checkbox). */
export async function activeCell(page: Page): Promise<{ pos: string; key: string } | null> {
	return page.evaluate(() => {
		const el = document.activeElement?.closest<HTMLElement>('[role=gridcell]');
		return el ? { pos: el.dataset.pos ?? '', key: el.dataset.key ?? '' } : null;
	});
}

/** The home screen's entry (an <li>) for the draft named `name` (exactly, or matching). */
export function draftItem(page: Page, name: string | RegExp): Locator {
	return page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
}

/** Waits until the service worker controls the page (it then serves the app offline). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller !== null;
	});
}

/** A select of the mapping step, by its column's letter and header ("Column A · Contact"). */
export function columnSelect(page: Page, letter: string, header: string): Locator {
	return page.getByRole('combobox', { name: `Column ${letter} · ${header}` });
}

/** Chooses a file whose columns need the mapping step; resolves once the step is on screen. */
export async function mapFile(page: Page, path: string): Promise<void> {
	await page.getByLabel('Choose a CSV file').setInputFiles(path);
	await expect(page.getByRole('combobox', { name: /^Column A · / })).toBeVisible({
		timeout: 60_000,
	});
}

/** Presses the mapping step's Import; resolves once the draft's summary is saved on screen. */
export async function importMapped(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page.getByTestId('summary')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
}

/** Chooses a file that needs the mapping step and imports it with the columns Roster suggests. */
export async function checkMappedFile(page: Page, path: string): Promise<void> {
	await mapFile(page, path);
	await importMapped(page);
}
