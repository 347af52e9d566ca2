// Workbooks on a tablet (issue 12): an .xlsx export with a notes sheet and a title above the
// header goes straight in, read as the pro sees it; a workbook with two client sheets asks which
// one; a workbook is told by its content, not its name; files Roster cannot read say how to
// export them. The workbooks are built at test time.
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriousViolations } from './axe.ts';
import { cell, openMenu, summaryText } from './helpers.ts';
import { buildXlsLike, buildXlsx, type CellInput } from '../workbooks/build-xlsx.ts';

test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: false });

const dir = mkdtempSync(join(tmpdir(), 'roster-workbook-'));
function file(name: string, bytes: Uint8Array): string {
	const path = join(dir, name);
	writeFileSync(path, bytes);
	return path;
}

const HEADER = [
	'Email',
	'Password',
	'First name',
	'Last name',
	'Date of birth',
	'Gender',
	'External ID',
];
const date = (y: number, m: number, d: number): CellInput => ({
	value: new Date(Date.UTC(y, m - 1, d)),
	style: 'date',
});
function client(n: number, born: CellInput, id: CellInput): CellInput[] {
	return [`client${n}@example.com`, `Str0ng-pass-${n}!`, `Ana${n}`, 'Silva', born, 'female', id];
}

test.beforeEach(async ({ page }) => {
	await page.goto('/');
});

test('a workbook with a notes sheet and a title row goes straight in, read as the pro sees it', async ({
	page,
}) => {
	const path = file(
		// Named .csv on purpose: Roster goes by the bytes.
		'practice-export.csv',
		buildXlsx({
			sheets: [
				{ name: 'Read me', rows: [['Exported from the practice software'], ['Do not edit']] },
				{
					name: 'Clients',
					rows: [
						['Client list — March 2026'],
						[],
						HEADER,
						client(1, date(1990, 5, 17), 12345678901234),
						client(2, date(1985, 1, 2), { value: '00123', style: 'text' }),
						client(3, date(1972, 12, 31), 77),
					],
				},
			],
		}),
	);
	await page.getByLabel('Choose a CSV file').setInputFiles(path);
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0), { timeout: 60_000 });
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
	await expect(page.getByTestId('file-reading')).toContainText('sheet “Clients”');
	// The bar says there is a note; the note itself is under File.
	await expect(page.getByText('1 note about the file under File')).toBeVisible();
	await openMenu(page, 'File');
	await expect(page.getByRole('list', { name: 'About the file' })).toContainText(
		'The header is row 3: row 1 above it was skipped',
	);
	// Row numbers are the sheet's: the first client is on row 4.
	await expect(page.getByRole('checkbox', { name: 'Select row 4', exact: true })).toBeVisible();
	await expect(cell(page, 0, 'birthdate')).toHaveText('19900517');
	await expect(cell(page, 0, 'external_id')).toHaveText('12345678901234');
	await expect(cell(page, 1, 'external_id')).toHaveText('00123');
	await expect(cell(page, 2, 'birthdate')).toHaveText('19721231');
});

test('a workbook with two client sheets asks which one, by touch', async ({ page }) => {
	const path = file(
		'two-clinics.xlsx',
		buildXlsx({
			sheets: [
				{ name: 'Lyon', rows: [HEADER, client(1, date(1990, 5, 17), 'L1')] },
				{
					name: 'Madrid',
					rows: [HEADER, client(7, date(1980, 3, 4), 'M7'), client(8, date(1981, 3, 4), 'M8')],
				},
			],
		}),
	);
	await page.getByLabel('Choose a CSV file').setInputFiles(path);
	const choice = page.getByRole('group', { name: 'Choose the sheet with your clients' });
	await expect(choice).toBeVisible({ timeout: 60_000 });
	await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('radio', { name: /Madrid/ }).tap();
	await expect(page.getByRole('combobox', { name: 'Column A · Email' })).toBeVisible();
	await expect(page.getByRole('radio', { name: /Madrid/ })).toBeChecked();
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Import', exact: true }).tap();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(2, 0, 0), { timeout: 60_000 });
	await expect(page.getByTestId('file-reading')).toContainText('sheet “Madrid”');
	await expect(cell(page, 0, 'email_address')).toHaveText('client7@example.com');
});

test('an old .xls workbook says how to export it, and makes no draft', async ({ page }) => {
	await page.getByLabel('Choose a CSV file').setInputFiles(file('old.xls', buildXlsLike()));
	await expect(page.getByTestId('file-problem')).toContainText('old Excel workbook (.xls)');
	await expect(page.getByTestId('file-problem')).toContainText('Excel Workbook (.xlsx)');
	await page.reload();
	await expect(page.getByRole('heading', { level: 3, name: /old\.xls/ })).toHaveCount(0);
});
