// Shared steps for the browser tests.
import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

export function fixturePath(name: string): string {
	return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function fixtureBytes(name: string): Buffer {
	return readFileSync(fixturePath(name));
}

/** Opens the app and checks a file; resolves once its summary is on screen. */
export async function checkFile(page: Page, path: string): Promise<void> {
	await page.getByLabel('Choose a CSV file').setInputFiles(path);
	await expect(page.getByTestId('summary')).toBeVisible({ timeout: 60_000 });
}

/** Clicks a download button and returns the downloaded bytes and file name. */
export async function download(
	page: Page,
	name: RegExp,
): Promise<{ bytes: Buffer; fileName: string }> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name }).click(),
	]);
	const path = await file.path();
	return { bytes: readFileSync(path), fileName: file.suggestedFilename() };
}
