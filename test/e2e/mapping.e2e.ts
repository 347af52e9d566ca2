// The mapping step (issue 11) on a tablet: files whose columns are named in another language, not
// at all, or missing, mapped by tapping; remembered mappings; the attention file keeping the
// columns left out; files that cannot be read; and the step's accessibility.
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import {
	cell,
	checkFile,
	columnSelect,
	download,
	editCell,
	fixtureBytes,
	fixturePath,
	importMapped,
	mapFile,
	openMenu,
	summaryText,
} from './helpers.ts';

const mapping = (name: string) => fixturePath(`mapping/${name}`);
const CONTACT_COLUMNS = [
	'Contact',
	'initial_password',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
	'Notes',
];

test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: false });

test.beforeEach(async ({ page }) => {
	await page.goto('/');
});

async function applySafeFixes(page: Page): Promise<void> {
	await page.getByRole('button', { name: /^Apply all safe fixes \([1-9]\d*\)$/ }).tap();
	await expect(page.getByRole('button', { name: 'Apply all safe fixes (0)' })).toBeDisabled();
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
}

async function backHome(page: Page): Promise<void> {
	await page.getByRole('button', { name: '← All drafts' }).tap();
	await expect(page.getByRole('heading', { name: 'Drafts on this device' })).toBeVisible();
}

test('a French file is matched by its aliases, and one with an unknown column is mapped by tapping', async ({
	page,
}) => {
	// Every column has a French alias: certain, so no step, and the header says how it was read.
	await checkFile(page, mapping('french.csv'));
	await expect(page.getByRole('combobox', { name: /^Column A · / })).toHaveCount(0);
	await expect(page.getByTestId('columns-note')).toContainText('Columns matched');
	await expect(page.getByTestId('columns-note')).not.toContainText('as last time');
	await applySafeFixes(page);
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
	await expect(cell(page, 0, 'email_address')).toHaveText('claire.martin@example.fr');
	await expect(cell(page, 0, 'birthdate')).toHaveText('19811120');
	await expect(cell(page, 1, 'gender')).toHaveText('male');

	// `Remarques` matches nothing and has content: the step shows, the aliases pre-selected.
	await backHome(page);
	await mapFile(page, mapping('french-remarques.csv'));
	await expect(columnSelect(page, 'A', 'Courriel')).toHaveValue('email_address');
	await expect(columnSelect(page, 'B', 'Mot de passe')).toHaveValue('initial_password');
	await expect(columnSelect(page, 'C', 'Prénom')).toHaveValue('first_name');
	await expect(page.getByText('French for first name')).toBeVisible();
	await expect(columnSelect(page, 'D', 'Nom')).toHaveValue('last_name');
	await expect(columnSelect(page, 'E', 'Date de naissance')).toHaveValue('birthdate');
	await expect(columnSelect(page, 'F', 'Sexe')).toHaveValue('gender');
	await expect(columnSelect(page, 'G', 'Remarques')).toHaveValue('');
	await columnSelect(page, 'G', 'Remarques').tap();
	await columnSelect(page, 'G', 'Remarques').selectOption({ label: 'Leave out' });
	await importMapped(page);
	await applySafeFixes(page);
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
	await expect(cell(page, 2, 'gender')).toHaveText('female');
});

test('a Contact column is mapped to email_address by its content, and the attention file keeps Notes', async ({
	page,
}) => {
	await mapFile(page, mapping('contact.csv'));
	await expect(columnSelect(page, 'A', 'Contact')).toHaveValue('email_address');
	await expect(page.getByText(/looks like email addresses/i)).toBeVisible();
	await expect(columnSelect(page, 'G', 'Notes')).toHaveValue('');
	await importMapped(page);
	await expect(page.getByTestId('summary')).toHaveText(summaryText(2, 1, 0));
	await expect(cell(page, 0, 'email_address')).toHaveText('maya.okafor@example.com');
	await expect(cell(page, 1, 'email_address')).toHaveText('sam.riley@example.com');
	await expect(cell(page, 2, 'email_address')).toHaveText('theo.laurent@example.com');

	const rest = await download(page, /Download rows needing attention \(1\)/);
	expect(rest.fileName).toBe('contact-needs-attention.csv');
	expect(rest.bytes.toString('utf8')).toBe(
		fixtureBytes('mapping/contact-needs-attention.csv').toString('utf8'),
	);
	expect(rest.bytes.equals(fixtureBytes('mapping/contact-needs-attention.csv'))).toBe(true);
});

test('the same headers again are matched as last time, until the mapping is forgotten', async ({
	page,
}) => {
	await mapFile(page, mapping('contact.csv'));
	await importMapped(page);
	await backHome(page);

	await checkFile(page, mapping('contact-again.csv'));
	await expect(page.getByTestId('columns-note')).toContainText('Columns matched as last time');
	await openMenu(page, 'File');
	await expect(page.getByRole('button', { name: 'Change the columns' })).toBeVisible();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(2, 0, 0));
	await expect(cell(page, 0, 'email_address')).toHaveText('nora.haddad@example.com');

	await openMenu(page, 'Passwords');
	await page.getByRole('button', { name: 'Password and notice settings' }).tap();
	const forget = page.getByRole('button', {
		name: `Forget the columns of ${CONTACT_COLUMNS.join(', ')}`,
	});
	await expect(forget).toBeVisible();
	await forget.tap();
	await expect(page.getByText('No remembered columns yet.')).toBeVisible();
	await page.getByRole('button', { name: '← Back to the draft' }).tap();
	await backHome(page);

	await mapFile(page, mapping('contact-again.csv'));
	await expect(columnSelect(page, 'A', 'Contact')).toHaveValue('email_address');
});

test('a missing gender column is filled with one value for every row', async ({ page }) => {
	await mapFile(page, mapping('no-gender.csv'));
	await expect(page.getByText('No column for gender')).toBeVisible();
	await page.getByRole('radio', { name: 'Same value for every row' }).tap();
	await page.getByRole('combobox', { name: /for every row/ }).selectOption('female');
	await importMapped(page);
	await expect(page.getByTestId('summary')).toHaveText(summaryText(3, 0, 0));
	for (const position of [0, 1, 2])
		await expect(cell(page, position, 'gender')).toHaveText('female');
});

test('a missing gender column left empty is filled in the grid like any other cell', async ({
	page,
}) => {
	await mapFile(page, mapping('no-gender.csv'));
	await page.getByRole('radio', { name: 'Leave empty and fill in the grid' }).tap();
	await importMapped(page);
	await expect(page.getByTestId('summary')).toHaveText(summaryText(0, 3, 0));
	await expect(cell(page, 0, 'gender')).toHaveClass(/\berror\b/);
	await cell(page, 0, 'gender').click();
	const rowProblems = page.getByRole('complementary', { name: 'Problems' });
	await expect(rowProblems.getByRole('heading', { name: 'Row 2' })).toBeVisible();
	await expect(rowProblems.getByRole('listitem')).toHaveText([
		/Row 2: gender is empty\. The platform accepts male or female\./,
		/^Gender missing \(3\)/,
	]);

	await editCell(page, 0, 'gender', 'female');
	await expect(page.getByTestId('summary')).toHaveText(summaryText(1, 2, 0));
	await expect(cell(page, 0, 'gender')).toHaveText('female');
	await expect(cell(page, 0, 'gender')).not.toHaveClass(/\berror\b/);
	await expect(cell(page, 1, 'gender')).toHaveClass(/\berror\b/);
	// The panel agrees with the grid: two rows still miss a gender, the edited one has none.
	await expect(rowProblems.getByRole('button', { name: 'Gender missing (2)' })).toBeVisible();
	await cell(page, 0, 'gender').click();
	await expect(rowProblems.getByRole('heading', { name: 'Row 2' })).toBeVisible();
	await expect(rowProblems.getByText('No problems in this row.')).toBeVisible();
});

test('a file that cannot be read gets its message and creates no draft', async ({ page }) => {
	const problem = page.getByTestId('file-problem');
	const cases: [string, RegExp][] = [
		['picture.png', /^picture\.png cannot be imported: This file is not text/],
		// A zip with no workbook in it (issue 12 reads real ones).
		[
			'clients.xlsx',
			/^clients\.xlsx cannot be imported: This workbook is damaged or is not a real \.xlsx file/,
		],
		[
			'header-only.csv',
			/^header-only\.csv cannot be imported: The file has a header row but no clients/,
		],
	];
	for (const [name, message] of cases) {
		await page.getByLabel('Choose a CSV file').setInputFiles(mapping(name));
		await expect(problem).toHaveText(message);
		await expect(page.getByRole('combobox', { name: /^Column A · / })).toHaveCount(0);
		await expect(page.getByTestId('summary')).toHaveCount(0);
		await expect(page.getByText('No drafts yet.', { exact: false })).toBeVisible();
		await expect(page.getByRole('button', { name: /^Open / })).toHaveCount(0);
	}
	// Not even after a reload: nothing was stored.
	await page.reload();
	await expect(page.getByText('No drafts yet.', { exact: false })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Open / })).toHaveCount(0);
});

test('the mapping step is axe-clean and Tab goes through the columns in order', async ({
	page,
}) => {
	await mapFile(page, mapping('contact.csv'));
	expect(await seriousViolations(page)).toEqual([]);

	// From the top of the page, Tab reaches every column's select, in the file's order.
	await page.locator('body').focus();
	const visited: string[] = [];
	for (let presses = 0; presses < 60 && visited.length < CONTACT_COLUMNS.length; presses++) {
		await page.keyboard.press('Tab');
		const id = await page.evaluate(() => {
			const el = document.activeElement;
			return el instanceof HTMLSelectElement && el.labels?.[0] ? el.labels[0].textContent : null;
		});
		if (id !== null) visited.push(id.replace(/\s+/g, ' ').trim());
	}
	expect(visited).toEqual(
		CONTACT_COLUMNS.map((header, i) => `Column ${String.fromCharCode(65 + i)} · ${header}`),
	);
});
