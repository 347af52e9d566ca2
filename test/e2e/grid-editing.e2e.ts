// Spreadsheet habits in the draft grid (issue 12): a range stretched with Shift+arrows and copied
// as tab-separated text, a block pasted from Excel (both clipboard flavours) as one undo step,
// Delete, find-and-replace with its preview count and undo, and "Set value" on selected rows —
// on a tablet's viewport, with axe on the open dialogs.
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { writeBigFile } from './big-file.ts';
import { cell, checkFile, fixturePath } from './helpers.ts';

/** Dispatches a paste on the focused element, as the browser does for Ctrl/Cmd+V. */
async function paste(page: Page, text: string, html: string): Promise<void> {
	await page.evaluate(
		({ plain, table }) => {
			const data = new DataTransfer();
			data.setData('text/plain', plain);
			data.setData('text/html', table);
			const target = document.activeElement ?? document.body;
			target.dispatchEvent(
				new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
			);
		},
		{ plain: text, table: html },
	);
}

/** Starts recording what copy handlers put on the clipboard (read after they ran). */
async function recordCopies(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { copied: string[] };
		w.copied = [];
		// On window, bubbling: after the grid's handler (on the document) has set the data.
		window.addEventListener('copy', (e) =>
			w.copied.push(e.clipboardData?.getData('text/plain') ?? ''),
		);
	});
}

function copied(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { copied: string[] }).copied);
}

/** 44 px or more in both directions (a finger's target). */
async function expectTouchSized(page: Page, names: string[]): Promise<void> {
	for (const name of names) {
		const box = await page.getByRole('button', { name, exact: true }).boundingBox();
		expect(box?.height, name).toBeGreaterThanOrEqual(44);
		expect(box?.width, name).toBeGreaterThanOrEqual(44);
	}
}

/** A tablet's viewport, with `file` imported. */
async function openDraft(page: Page, file: string): Promise<void> {
	await page.setViewportSize({ width: 820, height: 1180 });
	await page.goto('/');
	await checkFile(page, file);
}

test.describe('on a draft of three clients', () => {
	test.beforeEach(async ({ page }) => {
		await openDraft(page, fixturePath('clean_google_sheets.csv'));
	});

	test('a range copies as tab-separated text; a masked password is never copied', async ({
		page,
	}) => {
		await recordCopies(page);
		await cell(page, 0, 'first_name').click();
		await page.keyboard.press('Shift+ArrowDown');
		await page.keyboard.press('Shift+ArrowRight');
		const picked = page.locator('[role=gridcell][aria-selected=true]');
		await expect(picked).toHaveCount(4);
		await expect(picked).toHaveText(['Maria', 'Rossi', 'Wei', 'Li']);
		await page.keyboard.press('ControlOrMeta+C');
		await expect.poll(() => copied(page)).toEqual(['Maria\tRossi\nWei\tLi']);

		// A plain move drops the range; Shift+click stretches one too, and Escape drops it.
		await page.keyboard.press('ArrowLeft');
		await expect(picked).toHaveCount(0);
		await cell(page, 2, 'birthdate').click({ modifiers: ['Shift'] });
		await expect(picked).toHaveCount(6);
		await expect(picked.first()).toHaveText('Wei');
		await page.keyboard.press('Escape');
		await expect(picked).toHaveCount(0);

		// The password column is masked: the copy is refused and says so, nothing is copied.
		await cell(page, 1, 'initial_password').click();
		await page.keyboard.press('Shift+ArrowLeft');
		await page.keyboard.press('ControlOrMeta+C');
		await expect(page.getByRole('status').filter({ hasText: 'is masked' })).toContainText(
			'Nothing copied: the password on row 3 is masked',
		);
		await expect.poll(() => copied(page)).toHaveLength(2);
		expect((await copied(page))[1]).toBe('');
	});

	test('a pasted block is one undo step; what does not fit is said; Delete clears a cell', async ({
		page,
	}) => {
		await cell(page, 1, 'first_name').click();
		// Excel puts both flavours on the clipboard; the HTML table keeps the ë exact.
		await paste(
			page,
			'Zoe\tLee\r\nBo\tBerg\r\n',
			'<table><tr><td>Zo&euml;</td><td>Lee</td></tr><tr><td>Bo</td><td>Berg</td></tr></table>',
		);
		await expect(cell(page, 1, 'first_name')).toHaveText('Zoë');
		await expect(cell(page, 1, 'last_name')).toHaveText('Lee');
		await expect(cell(page, 2, 'first_name')).toHaveText('Bo');
		await expect(cell(page, 2, 'last_name')).toHaveText('Berg');
		await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
		await page.getByRole('button', { name: /^Undo/ }).click();
		await expect(cell(page, 1, 'first_name')).toHaveText('Wei');
		await expect(cell(page, 1, 'last_name')).toHaveText('Li');
		await expect(cell(page, 2, 'first_name')).toHaveText('Samuel');
		await expect(cell(page, 2, 'last_name')).toHaveText('Adeyemi');
		await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled();

		// Three columns from Gender, the last client column here: two are left out, and said.
		await cell(page, 2, 'gender').click();
		await paste(page, 'female\tvip\t42', '');
		await expect(cell(page, 2, 'gender')).toHaveText('female');
		await expect(page.getByText('2 columns did not fit and were left out.')).toBeVisible();

		await expect(cell(page, 0, 'birthdate')).toContainText('19811120');
		await cell(page, 0, 'birthdate').click();
		await page.keyboard.press('Delete');
		await expect(cell(page, 0, 'birthdate')).not.toContainText('19811120');
		const undoDelete = page.getByRole('button', { name: 'Undo: Edit birthdate on row 2' });
		await expect(undoDelete).toBeEnabled();

		// A range clears as one step (Backspace too): one Undo brings every cell back.
		await cell(page, 1, 'first_name').click();
		await page.keyboard.press('Shift+ArrowDown');
		await page.keyboard.press('Shift+ArrowRight');
		await page.keyboard.press('Backspace');
		const cleared: [number, string, string][] = [
			[1, 'first_name', 'Wei'],
			[1, 'last_name', 'Li'],
			[2, 'first_name', 'Samuel'],
			[2, 'last_name', 'Adeyemi'],
		];
		for (const [pos, key, was] of cleared) {
			await expect(cell(page, pos, key)).not.toContainText(was);
			await expect(cell(page, pos, key)).toContainText('Error:');
		}
		await page.getByRole('button', { name: /^Undo/ }).click();
		for (const [pos, key, was] of cleared) await expect(cell(page, pos, key)).toHaveText(was);
		await expect(undoDelete).toBeEnabled();
	});

	test('find and replace previews its count, replaces as one step, and undoes', async ({
		page,
	}) => {
		const open = page.getByRole('button', { name: 'Find and replace' });
		await open.click();
		const dialog = page.getByRole('dialog', { name: 'Find and replace' });
		await dialog.getByLabel('Find').fill('EXAMPLE.com');
		await dialog.getByLabel('Replace with').fill('example.org');
		await dialog.getByLabel('Column').selectOption({ label: 'Email' });
		await expect(dialog.getByRole('status')).toHaveText('3 cells in 3 rows will change.');
		await dialog.getByLabel('Match case').check();
		await expect(dialog.getByRole('status')).toHaveText('No cell matches.');
		await expect(dialog.getByRole('button', { name: 'Replace all' })).toBeDisabled();
		await dialog.getByLabel('Match case').uncheck();
		await expect(dialog.getByRole('status')).toHaveText('3 cells in 3 rows will change.');
		await expectTouchSized(page, ['Replace all', 'Cancel']);
		expect(await seriousViolations(page)).toEqual([]);

		await dialog.getByRole('button', { name: 'Replace all' }).click();
		await expect(dialog).toBeHidden();
		await expect(open).toBeFocused();
		await expect(cell(page, 0, 'email_address')).toHaveText(/maria\.rossi@example\.org/);
		await expect(cell(page, 2, 'email_address')).toHaveText(/samuel\.adeyemi@example\.org/);
		const undo = page.getByRole('button', { name: /^Undo: Replace/ });
		await expect(undo).toBeEnabled();
		await undo.click();
		await expect(cell(page, 0, 'email_address')).toHaveText(/maria\.rossi@example\.com/);
		await expect(cell(page, 2, 'email_address')).toHaveText(/samuel\.adeyemi@example\.com/);

		// Ctrl/Cmd+H opens it too; Escape closes it without a change.
		await cell(page, 0, 'first_name').click();
		await page.keyboard.press('ControlOrMeta+H');
		await expect(dialog).toBeVisible();
		await expect(dialog.getByLabel('Find')).toBeFocused();
		// It keeps the last query and counts it again over the rows as they are now.
		await expect(dialog.getByRole('status')).toHaveText('3 cells in 3 rows will change.');
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
	});

	test('Set value gives the selected rows one value, as one undo step', async ({ page }) => {
		const set = page.getByRole('button', { name: 'Set value…' });
		await expect(set).toBeDisabled();
		await page.getByRole('checkbox', { name: 'Select row 3' }).check();
		await page.getByRole('checkbox', { name: 'Select row 4' }).check();
		await set.click();
		const dialog = page.getByRole('dialog', { name: 'Set a value for the selected rows' });
		await dialog.getByLabel('Column').selectOption({ label: 'Gender' });
		await dialog.getByLabel('Value').selectOption('female');
		await expectTouchSized(page, ['Set for 2 rows', 'Cancel']);
		expect(await seriousViolations(page)).toEqual([]);
		await dialog.getByRole('button', { name: 'Set for 2 rows' }).click();
		await expect(dialog).toBeHidden();
		await expect(set).toBeFocused();
		await expect(cell(page, 1, 'gender')).toHaveText('female');
		await expect(cell(page, 2, 'gender')).toHaveText('female');
		await expect(cell(page, 0, 'gender')).toHaveText('female');
		await page.getByRole('button', { name: /^Undo/ }).click();
		await expect(cell(page, 1, 'gender')).toHaveText('male');
		await expect(cell(page, 2, 'gender')).toHaveText('male');
	});

	test('rows being sent keep their cells: a paste names them, find and replace counts them', async ({
		page,
		context,
	}) => {
		// Offline, the batch waits in the outbox and its rows stay locked.
		await context.setOffline(true);
		await page.getByRole('button', { name: 'Set up sync' }).click();
		await page.getByLabel('Import API address').fill('/api/v1');
		await page.getByLabel('Import API address').press('Tab');
		await page.getByLabel('Access token').fill('dev-token');
		await page.getByLabel('Access token').press('Tab');
		await page.getByRole('button', { name: /^← / }).click();
		await page.getByRole('button', { name: 'Send 3 clients to the platform' }).click();
		// Offline nothing is on its way: the rows wait to be sent.
		await expect(cell(page, 0, 'platform')).toHaveText('Waiting to send (locked)');

		// A locked cell opens no editor, and the note above the rows says why.
		await cell(page, 0, 'first_name').click();
		await page.keyboard.press('Enter');
		await expect(
			page.getByText('Row 2: Being sent to the platform — editable again when the answer arrives.'),
		).toBeVisible();
		await expect(cell(page, 0, 'first_name').locator('input.editor')).toHaveCount(0);
		await paste(page, 'Ann\tLee', '');
		await expect(
			page.getByText('Not pasted: row 2 is being sent (First name, Last name).'),
		).toBeVisible();
		await expect(cell(page, 0, 'first_name')).toHaveText('Maria');

		await page.getByRole('button', { name: 'Find and replace' }).click();
		const dialog = page.getByRole('dialog', { name: 'Find and replace' });
		await dialog.getByLabel('Find').fill('example.com');
		await expect(dialog.getByRole('status')).toHaveText(
			'No cell will change: 3 cells match on rows being sent.',
		);
		await expect(dialog.getByRole('button', { name: 'Replace all' })).toBeDisabled();
	});
});

test('a long range copies rows the grid has not loaded yet', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openDraft(page, writeBigFile(300));
	await cell(page, 0, 'first_name').click();
	await page.keyboard.press('Shift+ArrowRight');
	await page.keyboard.press('ControlOrMeta+Shift+End');
	await expect(cell(page, 299, 'last_name')).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.press('ControlOrMeta+C');
	await expect(page.locator('[aria-live=polite]').filter({ hasText: 'copied' })).toHaveText(
		'600 cells copied.',
	);
	const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
	expect(lines).toHaveLength(300);
	expect(lines[0]).toBe('Ana, Maria\tSilva 0');
	expect(lines[150]).toBe('Ana, Maria\tSilva 150');
	expect(lines[299]).toBe('Ana, Maria\tSilva 299');
});
