// A file read by two workers (src/worker/parse-split.ts): one of 14 MB with two workers asked
// for (the app itself takes them from 48 MB on, on 3 cores or more, parse-spawn.ts), where the
// parse worker starts and the draft is the one a single reading makes: every row, each at its
// spreadsheet row, and a duplicate email whose two rows lie on either side of the cut; and with
// nothing asked, one of 58 MB, which the app reads with two workers by itself on 4 cores and
// alone on 2, and one of 8.6 MB, which it reads alone.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { cell, summaryText } from './helpers.ts';
import { writeBigFile } from './big-file.ts';
import { allowTwoWorkers, workerCores } from './worker-flags.ts';

const CLIENTS = 150_000;

/** ~14 MB: quoted cells with commas everywhere, and with line breaks now and then. */
function writeSplitFile(): string {
	const path = join(tmpdir(), `roster-e2e-two-workers.csv`);
	const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
	for (let i = 0; i < CLIENTS; i++) {
		const first = i % 997 === 0 ? '"Ana\r\nMaria"' : '"Ana, Maria"';
		lines.push(`client${i}@example.com,Hb4#Yq8!Nz2k${i},${first},Silva ${i},19811120,female`);
	}
	// The first client's email again, in the file's last row: far past the middle.
	lines.push(`client0@example.com,Hb4#Yq8!Nz2kX,Zoë,Lind,19850611,female`);
	writeFileSync(path, lines.join('\r\n') + '\r\n');
	return path;
}

test.use({ viewport: { width: 1280, height: 900 } });

/**
 * Chooses the file on the home screen and waits until it is saved with `summary`, its `rows`
 * listed; true when a parse worker read part of it.
 */
async function readWithParseWorker(
	page: Page,
	path: string,
	summary: string,
	rows: number,
): Promise<boolean> {
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	await page.goto('/');
	await page.getByLabel('Choose a CSV file').setInputFiles(path);
	await expect(page.getByTestId('summary')).toHaveText(summary, { timeout: 120_000 });
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/, { timeout: 60_000 });
	await expect(page.getByLabel('Show')).toContainText(`All rows (${rows.toLocaleString('en')})`);
	return workers.some((url) => url.includes('parse.worker'));
}

test('a big file read by two workers gives every row at its spreadsheet row', async ({ page }) => {
	await allowTwoWorkers(page.context());
	const summary = summaryText(CLIENTS, 1, 0);
	expect(await readWithParseWorker(page, writeSplitFile(), summary, CLIENTS + 1)).toBe(true);

	// A client in the second part keeps its row: line breaks in quoted cells add no rows.
	const search = page.getByRole('searchbox', { name: 'Search' });
	await search.fill('client120000@');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '2');
	await expect(cell(page, 0, 'select')).toHaveText('120002');

	// The duplicate pair: row 2 (first part) and the last row (second part).
	await search.fill('client0@');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '3');
	await expect(cell(page, 0, 'select')).toHaveText('2');
	await expect(cell(page, 1, 'select')).toHaveText(String(CLIENTS + 2));
	await cell(page, 1, 'email_address').click();
	const panel = page.getByRole('complementary', { name: 'Problems' });
	await expect(panel.getByRole('heading', { name: `Row ${CLIENTS + 2}` })).toBeVisible();
	await expect(panel.getByText('already used on row 2', { exact: false })).toBeVisible();
});

for (const [clients, cores, two] of [
	[700_000, 4, true],
	[700_000, 2, false],
	[100_000, 4, false],
] as const)
	test(`the app reads a file of ${clients.toLocaleString('en')} clients on ${cores} cores with ${two ? 'two workers' : 'one'} by itself`, async ({
		page,
	}) => {
		await workerCores(page.context(), cores);
		const summary = summaryText(clients, 0, 0);
		expect(await readWithParseWorker(page, writeBigFile(clients), summary, clients)).toBe(two);
	});
