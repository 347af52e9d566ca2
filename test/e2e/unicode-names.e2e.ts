// Names past Latin-1 (Chinese, emoji) among Latin-1 ones: each full block keeps the Latin-1
// values in a one-byte string and sets the others apart (src/core/narrow-text.ts). Every name
// must read back as typed, be found by search, and survive storage and a reload.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { cell, summaryText } from './helpers.ts';

const CLIENTS = 3_000;

function firstName(i: number): string {
	return ['陈娜', 'Ana 🌟', 'Zoë', 'ÿvonne'][i % 50] ?? 'Ana';
}

function writeFile(): string {
	const path = join(tmpdir(), 'roster-e2e-unicode-names.csv');
	const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
	for (let i = 0; i < CLIENTS; i++)
		lines.push(
			`client${i}@example.com,Hb4#Yq8!Nz2k${i},${firstName(i)},Öztürk ${i},19811120,female`,
		);
	writeFileSync(path, lines.join('\r\n') + '\r\n');
	return path;
}

async function expectNames(page: Page): Promise<void> {
	const search = page.getByRole('searchbox', { name: 'Search' });
	const grid = page.getByRole('grid');
	// Rows 1,100–1,103 lie in the second block, full and packed.
	for (const i of [1_100, 1_101, 1_102, 1_103]) {
		await search.fill(`Öztürk ${i}`);
		await expect(grid).toHaveAttribute('aria-rowcount', '2');
		await expect(cell(page, 0, 'first_name')).toHaveText(firstName(i));
		await expect(cell(page, 0, 'select')).toHaveText(String(i + 2));
	}
	// One row in 50 has each name.
	for (const needle of ['陈', '🌟', 'zoë', 'ÿvonne']) {
		await search.fill(needle);
		await expect(grid).toHaveAttribute('aria-rowcount', String(CLIENTS / 50 + 1));
	}
	await search.fill('');
}

test('names in any script read back, are found, and survive a reload', async ({ page }) => {
	await page.goto('/');
	await page.getByLabel('Choose a CSV file').setInputFiles(writeFile());
	await expect(page.getByTestId('summary')).toHaveText(summaryText(CLIENTS, 0, 0));
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/, { timeout: 30_000 });
	await expectNames(page);

	await page.reload();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(CLIENTS, 0, 0));
	await expectNames(page);
});
