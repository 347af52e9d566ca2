// Apply safe fixes, then download the clean file and the rows needing attention: compare bytes.
import { expect, test } from '@playwright/test';
import { checkFile, download, fixturePath } from './helpers.ts';

const HEADER = 'email_address,initial_password,first_name,last_name,birthdate,gender\r\n';

test.beforeEach(async ({ page }) => {
	await page.goto('/');
});

test('fixing a European Excel file gives a clean UTF-8 file in template form', async ({ page }) => {
	await checkFile(page, fixturePath('excel_windows_cp1252_semicolon.csv'));
	await page.getByRole('button', { name: 'Apply safe fixes (4)' }).click();
	await expect(page.getByTestId('summary')).toHaveText(
		'1 client ready · 1 need attention · 0 warnings',
	);
	await expect(page.getByText('Safe fixes applied.')).toBeVisible();

	const clean = await download(page, /Download clean CSV/);
	expect(clean.fileName).toBe('excel_windows_cp1252_semicolon-clean.csv');
	expect(
		clean.bytes.equals(
			Buffer.from(
				HEADER + 'francois.leclerc@example.fr,Mk3#Vz8!Qt6w,François,Leclerc,19790312,male\r\n',
				'utf8',
			),
		),
	).toBe(true);

	const rest = await download(page, /Download rows needing attention/);
	expect(rest.bytes.toString('utf8')).toBe(
		'\ufeff' +
			HEADER.replace('\r\n', ',errors\r\n') +
			'ines.pena@example.es,,Inés,Peña,19900715,female,Row 3: initial_password is empty. Type a temporary password or let Roster create one.\r\n',
	);
});

test('the clean file and the attention file together hold every client', async ({ page }) => {
	await checkFile(page, fixturePath('messy_mixed_problems.csv'));
	await page.getByRole('button', { name: /Apply safe fixes/ }).click();
	await expect(page.getByTestId('summary')).toHaveText(
		'1 client ready · 4 need attention · 0 warnings',
	);
	const clean = (await download(page, /Download clean CSV/)).bytes.toString('utf8');
	const rest = (await download(page, /Download rows needing attention/)).bytes.toString('utf8');
	expect(clean).toBe(
		HEADER + 'oliver.grant@example.com,Kw2#Rt9!Lm4x,Oliver,Grant,19800506,male\r\n',
	);
	const restLines = rest.trim().split('\r\n');
	expect(restLines).toHaveLength(5);
	for (const email of ['petra.novak@example.com', 'quentin.blair@example', 'rosa.diaz@example.com'])
		expect(rest).toContain(email);
	expect(rest).toContain("Row 5: email 'quentin.blair@example' is not a valid address.");
});
