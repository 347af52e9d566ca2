// Each shared fixture, uploaded in the built app: the summary and the rows a pro would expect.
import { expect, test } from '@playwright/test';
import { checkFile, fixturePath } from './helpers.ts';

test.beforeEach(async ({ page }) => {
	await page.goto('/');
});

test('a clean Google Sheets export has nothing to fix', async ({ page }) => {
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await expect(page.getByTestId('summary')).toHaveText(
		'3 clients ready · 0 need attention · 0 warnings',
	);
	await expect(page.getByRole('heading', { name: 'What to look at' })).toHaveCount(0);
	await expect(page.getByRole('rowheader', { name: '2' })).toBeVisible();
	await expect(page.getByRole('row', { name: /maria\.rossi@example\.com/ })).toContainText('OK');
});

test('an Excel export with BOM, CRLF and empty trailing cells reads cleanly', async ({ page }) => {
	await checkFile(page, fixturePath('excel_bom_crlf_trailing_cells.csv'));
	await expect(page.getByTestId('summary')).toHaveText(
		'1 client ready · 0 need attention · 0 warnings',
	);
	await expect(page.getByText('Read as UTF-8, comma-separated.')).toBeVisible();
	await expect(page.getByRole('row', { name: /nora\.berg@example\.com/ })).toContainText('Berg');
});

test('a European Excel file is decoded as Windows-1252 with semicolons', async ({ page }) => {
	await checkFile(page, fixturePath('excel_windows_cp1252_semicolon.csv'));
	await expect(page.getByTestId('summary')).toHaveText(
		'0 clients ready · 2 need attention · 0 warnings',
	);
	await expect(
		page.getByText(/Read as Windows-1252 \(Western European Excel\), semicolon-separated/),
	).toBeVisible();
	const ines = page.getByRole('row', { name: /ines\.pena@example\.es/ });
	await expect(ines).toContainText('Inés');
	await expect(ines).toContainText('Peña');
	await expect(ines).toContainText('initial_password is empty');
	await expect(page.getByRole('row', { name: /francois/ })).toContainText(
		"birthdate '12.03.1979' is not YYYYMMDD — use 19790312",
	);
});

test('a messy file explains every problem at its row', async ({ page }) => {
	await checkFile(page, fixturePath('messy_mixed_problems.csv'));
	await expect(page.getByTestId('summary')).toHaveText(
		'0 clients ready · 5 need attention · 7 warnings',
	);
	const groups = page.getByRole('region', { name: 'What to look at' });
	for (const title of [
		'Email not valid — 1',
		'Email has capital letters — 1',
		'Email used more than once — 1',
		'Password shorter than 8 characters — 1',
		'Birthdate could be day-first or month-first — 1',
		'Birthdate is not a real day — 1',
		'Birthdate in the future — 1',
		'Gender value not accepted — 1',
		'Column not in the template (dropped) — 1',
	]) {
		await expect(groups.getByText(title)).toBeVisible();
	}
	await expect(page.getByRole('row', { name: /^4 / })).toContainText('already used on row 3');
	await expect(page.getByRole('row', { name: /^6 / })).toContainText(
		"gender 'woman' is not accepted",
	);
});

test('the bare template says there are no clients yet', async ({ page }) => {
	await checkFile(page, fixturePath('template.csv'));
	await expect(page.getByTestId('summary')).toHaveText(
		'0 clients ready · 0 need attention · 0 warnings',
	);
	await expect(page.getByRole('alert')).toContainText('The file has a header row but no clients.');
	await expect(page.getByRole('button', { name: /Download clean CSV/ })).toBeDisabled();
});
