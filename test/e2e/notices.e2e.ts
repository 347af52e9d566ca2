// Passwords and credential notices in the browser: create the missing passwords, print notices
// to PDF (one client per page, their name, email and password on it, a QR code of the sign-in
// address that decodes), record what was printed, and wipe the passwords from IndexedDB. Nothing
// here is sent to a platform, so each print run says "Print anyway".
import { expect, test, type Page } from '@playwright/test';
import { cell, checkFile, fixturePath, openMenu, summaryText } from './helpers.ts';
import { decodeQr, pagePng, pageText, savePdf, squeeze } from './pdf.ts';
import { printAnyway, setUpNotice, SIGN_IN } from './notices-steps.ts';

interface Client {
	name: string;
	email: string;
	password: string;
}

/** The clients of the grid rows without errors, passwords revealed. */
async function readyClients(page: Page, positions: number[]): Promise<Client[]> {
	await page.getByRole('button', { name: 'Show passwords' }).click();
	const out: Client[] = [];
	for (const p of positions) {
		const first = await cell(page, p, 'first_name').textContent();
		const last = await cell(page, p, 'last_name').textContent();
		out.push({
			name: `${first?.trim()} ${last?.trim()}`,
			email: ((await cell(page, p, 'email_address').textContent()) ?? '').trim(),
			password: (
				(await cell(page, p, 'initial_password').locator('.value').textContent()) ?? ''
			).trim(),
		});
	}
	await page.getByRole('button', { name: 'Hide passwords' }).click();
	return out;
}

/** Every value IndexedDB holds for the app's rows and undo history, read straight from it. */
function storedText(page: Page): Promise<{ text: string; origins: number[] }> {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('roster');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['blocks', 'historyChanges', 'history'], 'readonly');
					const blocks = tx.objectStore('blocks').getAll();
					const changes = tx.objectStore('historyChanges').getAll();
					tx.oncomplete = () => {
						type Block = { text: string; credentials?: { origin: Uint8Array } };
						const all = blocks.result as Block[];
						resolve({
							text: all.map((b) => b.text).join('\n') + JSON.stringify(changes.result),
							origins: all.flatMap((b) => [...(b.credentials?.origin ?? [])]),
						});
						db.close();
					};
				};
			}),
	);
}

test('create passwords, print one notice per client, record it, then wipe the passwords', async ({
	page,
}) => {
	test.setTimeout(180_000);
	await page.goto('/');
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await expect(page.getByTestId('summary')).toHaveText(summaryText(1, 4, 0));
	await setUpNotice(page);

	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(4, 1, 0));
	await expect(page.getByRole('button', { name: 'Undo: Create 4 passwords' })).toBeEnabled();
	// Masked, with where each password came from.
	await expect(cell(page, 0, 'initial_password')).toContainText('••••••••');
	await expect(cell(page, 0, 'initial_password')).toContainText(/created \d+ \w{3}/);
	await expect(cell(page, 1, 'initial_password')).toContainText('from file');
	// One cell revealed on its own.
	await page.getByRole('button', { name: 'Reveal password, row 2' }).click();
	await expect(cell(page, 0, 'initial_password').locator('.value')).toHaveText(/^[^•]{14}$/);
	await page.getByRole('button', { name: 'Hide password, row 2' }).click();
	await expect(cell(page, 0, 'initial_password')).toContainText('••••••••');

	const clients = await readyClients(page, [0, 1, 2, 3]);
	expect(clients.map((c) => c.name)).toEqual([
		'Amélie Dubois',
		'Ben Carter',
		'Chloé Nguyen',
		'Dan Okafor',
	]);
	expect(clients[1]!.password).toBe('Vt7#Qp2!Hx9m');

	await page.getByRole('button', { name: 'Print notices (4 not printed)' }).click();
	await printAnyway(page, 4);
	await expect(page.getByTestId('notice-status')).toContainText('4 notices to print.');
	await expect(page.getByTestId('notice-status')).toContainText('1 row was left out');
	await expect(page.getByTestId('unsent-mark')).toHaveCount(4);
	const print = page.getByRole('button', { name: 'Print 4 notices' });
	await expect(print).toBeEnabled();

	const pdf = savePdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
	expect(pdf.pages).toBe(4);
	expect(pdf.pageSize).toContain('(A4)');
	clients.forEach((c, k) => {
		const text = pageText(pdf, k + 1);
		expect(text).toContain(c.name);
		expect(text).toContain(c.email);
		expect(squeeze(text)).toContain(c.password);
		expect(text).toContain('Harbour Physio');
		expect(text).toContain('0161 555 0100');
		// The on-screen "not sent yet" mark stays off the paper.
		expect(text).not.toContain('Not sent yet');
		// Another client's details are not on this page.
		for (const other of clients) if (other !== c) expect(text).not.toContain(other.email);
	});
	expect(decodeQr(pagePng(pdf, 1))).toBe(SIGN_IN);
	expect(decodeQr(pagePng(pdf, 4))).toBe(SIGN_IN);

	// The browser's dialog is not part of the test; what Roster does after it is.
	await page.evaluate(() => {
		window.print = () => undefined;
	});
	await print.click();
	await page.getByRole('button', { name: 'Yes, mark as printed' }).click();
	await expect(page.getByText('4 notices marked as printed.')).toBeVisible();
	await page.getByRole('button', { name: '← Back to the draft' }).click();
	await expect(cell(page, 0, 'notice')).toHaveText(/^Printed \d+ \w{3}$/);
	await expect(cell(page, 4, 'notice')).toHaveText('—');
	await page.getByLabel('Show').selectOption('notice.printed');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '5');
	await page.getByLabel('Show').selectOption('all');

	// Printed status survives a reload.
	await page.reload();
	await expect(cell(page, 3, 'notice')).toHaveText(/^Printed/);

	const before = await storedText(page);
	for (const c of clients) expect(before.text).toContain(c.password);
	await openMenu(page, 'Passwords');
	await page.getByRole('button', { name: 'Remove passwords from this device…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove passwords from this device?' });
	await expect(dialog).toContainText('The clean file has not been downloaded');
	await dialog.getByRole('button', { name: 'Remove passwords' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(0, 5, 0));
	await expect(cell(page, 0, 'initial_password')).toContainText(/removed \d+ \w{3}/);

	const after = await storedText(page);
	for (const c of clients) expect(after.text).not.toContain(c.password);
	expect(after.origins).toEqual([3, 3, 3, 3, 3]);
	await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled();

	// Printing again asks for new passwords.
	await page.getByRole('button', { name: 'Print notices' }).click();
	await expect(page.getByTestId('notice-status')).toContainText('0 notices to print.');
	await expect(page.getByTestId('notice-status')).toContainText('create new passwords');
});

test('several notices per US Letter page, with cut lines', async ({ page }) => {
	await page.goto('/');
	await checkFile(page, fixturePath('missing_passwords.csv'));
	await setUpNotice(page);
	await page.getByRole('button', { name: 'Create passwords for 4 clients without one' }).click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(4, 1, 0));
	await page.getByRole('button', { name: 'Print notices (4 not printed)' }).click();
	await printAnyway(page, 4);
	await page.getByLabel('Paper').selectOption('letter');
	await page.getByLabel('Layout').selectOption('2');
	await expect(page.getByRole('button', { name: 'Print 4 notices' })).toBeEnabled();
	const pdf = savePdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
	expect(pdf.pages).toBe(2);
	expect(pdf.pageSize).toContain('(letter)');
	expect(pageText(pdf, 1)).toContain('Amélie Dubois');
	expect(pageText(pdf, 1)).toContain('Ben Carter');
	expect(pageText(pdf, 2)).toContain('Dan Okafor');
});
