// Fixes where the problem is, in Chromium: a duplicate email's row shows the row that has the
// email first ("Go to the other row"), and is deleted from the problems panel without a question
// ("Delete this row"), Undo bringing it back; the keyboard stays on the grid after each.
import { expect, test } from '@playwright/test';
import { activeCell, cell } from './helpers.ts';

const HEADER = 'email_address,initial_password,first_name,last_name,birthdate,gender';
const CSV = [
	HEADER,
	'ann@example.com,Hb4#Yq8!Nz2k,Ann,Lee,19811120,female',
	'bo@example.com,Hb4#Yq8!Nz2k,Bo,Berg,19790302,male',
	'ann@example.com,Hb4#Yq8!Nz2k,Anna,Lind,19850611,female',
	'cy@example.com,Hb4#Yq8!Nz2k,Cy,Chan,19900101,male',
].join('\r\n');

test.use({ viewport: { width: 1280, height: 900 } });

test('a duplicate email: go to the other row, delete this row, Undo brings it back', async ({
	page,
}) => {
	await page.goto('/');
	await page
		.getByLabel('Choose a CSV file')
		.setInputFiles({ name: 'duplicates.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/, { timeout: 60_000 });
	const panel = page.getByRole('complementary', { name: 'Problems' });

	await cell(page, 2, 'email_address').click();
	await expect(panel.getByRole('heading', { name: 'Row 4' })).toBeVisible();
	await expect(panel.getByText('already used on row 2', { exact: false })).toBeVisible();

	await panel.getByRole('button', { name: 'Go to the other row' }).click();
	await expect(panel.getByRole('heading', { name: 'Row 2' })).toBeVisible();
	await expect.poll(() => activeCell(page)).toEqual({ pos: '0', key: 'email_address' });

	await cell(page, 2, 'email_address').click();
	await panel.getByRole('button', { name: 'Delete this row (row 4)' }).click();
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '4');
	await expect(cell(page, 2, 'first_name')).toHaveText('Cy');
	await expect(page.getByText('Row 4 deleted. Undo brings it back.')).toBeAttached();
	await expect.poll(() => activeCell(page)).toEqual({ pos: '2', key: 'email_address' });

	await panel.getByRole('button', { name: 'Undo', exact: true }).click();
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '5');
	await expect(cell(page, 2, 'first_name')).toHaveText('Anna');
	await expect(panel.getByRole('heading', { name: 'Row 4' })).toBeVisible();
	await expect.poll(() => activeCell(page)).toEqual({ pos: '2', key: 'email_address' });
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
});
