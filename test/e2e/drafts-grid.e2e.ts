// The draft grid by keyboard: moving, editing, cancelling, undoing, and fixing the rows a filter
// shows from the problems panel.
import { expect, test } from '@playwright/test';
import {
	activeCell,
	cell,
	checkFile,
	checkMappedFile,
	fixturePath,
	summaryText,
} from './helpers.ts';

test('the grid by keyboard: move, edit, cancel, undo, and fix the errors shown', async ({
	page,
}) => {
	await page.goto('/');
	await checkMappedFile(page, fixturePath('messy_mixed_problems.csv'));
	await cell(page, 0, 'email_address').click();
	const steps: [string, number, string][] = [
		['ArrowDown', 1, 'email_address'],
		['ArrowRight', 1, 'initial_password'],
		['Tab', 1, 'first_name'],
		['Shift+Tab', 1, 'initial_password'],
		['ArrowLeft', 1, 'email_address'],
		['ArrowUp', 0, 'email_address'],
		['Tab', 0, 'initial_password'],
		['ArrowRight', 0, 'first_name'],
	];
	expect(await activeCell(page)).toEqual({ pos: '0', key: 'email_address' });
	for (const [key, pos, field] of steps) {
		await page.keyboard.press(key);
		expect(await activeCell(page), key).toEqual({ pos: String(pos), key: field });
	}

	// Typing a letter starts editing with that letter; Esc puts the cell back as it was.
	await page.keyboard.press('Z');
	const editor = page.getByRole('textbox', { name: 'First name, row 2' });
	await expect(editor).toBeFocused();
	await expect(editor).toHaveValue('Z');
	await page.keyboard.press('Escape');
	await expect(editor).toHaveCount(0);
	await expect(cell(page, 0, 'first_name')).toHaveText('Oliver');
	expect(await activeCell(page)).toEqual({ pos: '0', key: 'first_name' });
	await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled();

	// Enter edits; Enter commits and moves down. (Typing a word: see the next test.)
	await page.keyboard.press('Enter');
	await expect(editor).toHaveValue('Oliver');
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('Olly');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
	await expect(cell(page, 0, 'first_name')).toHaveText('Olly');
	expect(await activeCell(page)).toEqual({ pos: '1', key: 'first_name' });
	await expect(page.getByRole('button', { name: 'Undo: Edit first name on row 2' })).toBeEnabled();
	await page.keyboard.press('ControlOrMeta+Z');
	await expect(cell(page, 0, 'first_name')).toHaveText('Oliver');
	await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Redo' })).toBeEnabled();

	// Only the rows with errors; fixing a row's last error takes it out of the view.
	await page.getByRole('combobox', { name: /^Show/ }).selectOption('errors');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '6');
	await cell(page, 0, 'email_address').click();
	const panel = page.getByRole('complementary', { name: 'Problems' });
	await panel.getByRole('button', { name: 'Fix: use oliver.grant@example.com' }).click();
	await expect(cell(page, 0, 'email_address')).toHaveText('oliver.grant@example.com');
	await expect(page.getByTestId('summary')).toHaveText(summaryText(0, 5, 0));
	await expect(panel.getByRole('button', { name: /^Fix: use/ })).toHaveText(['Fix: use 19800506']);
	await panel.getByRole('button', { name: 'Fix: use 19800506' }).click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(1, 4, 0));
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
	await expect(page.getByRole('combobox', { name: /^Show/ })).toContainText('Rows with errors (4)');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '5');
	await expect(cell(page, 0, 'select')).toHaveText('3');
	// Two: 'Female' and, since issue 11, the English word 'woman'.
	await expect(page.getByRole('button', { name: 'Apply all safe fixes (2)' })).toBeEnabled();
});

test('typing a word into a cell replaces its value with the whole word', async ({ page }) => {
	await page.goto('/');
	await checkFile(page, fixturePath('clean_google_sheets.csv'));
	await cell(page, 0, 'last_name').click();
	// At a person's pace: the first letter starts the edit, the rest follow it.
	await page.keyboard.type('Bianchi', { delay: 80 });
	await expect(page.getByRole('textbox', { name: 'Last name, row 2' })).toHaveValue('Bianchi');
	await page.keyboard.press('Enter');
	await expect(cell(page, 0, 'last_name')).toHaveText('Bianchi');
});
