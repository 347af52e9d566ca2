// Pasted cells on the home screen (issue 12): a range copied from a spreadsheet and pasted with
// Ctrl/Cmd+V (a synthetic paste event carrying both clipboard flavours) starts a draft through the
// same path as a chosen file; the "Paste cells" box does the same on a touch tablet.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { cell, columnSelect, importMapped, summaryText } from './helpers.ts';

const HEADER = [
	'email_address',
	'initial_password',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
];
const CLIENTS = [
	['maria.rossi@example.com', 'Hb4#Yq8!Nz2k', 'Maria', 'Rossi', '19811120', 'female'],
	['li.wei@example.com', 'Tr6$Pm3@Xc9v', 'Wei', 'Li', '20020108', 'male'],
];

/** Cells as a spreadsheet copies them: tab-separated text and an HTML table. */
function clipboard(rows: string[][]): { text: string; html: string } {
	const escape = (v: string) =>
		v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
	// A cell with a line break, a tab or a quote is quoted, its quotes doubled.
	const quoted = (v: string) => (/[\t\n"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	return {
		text: rows.map((r) => r.map(quoted).join('\t')).join('\r\n') + '\r\n',
		html:
			`<meta charset='utf-8'><google-sheets-html-origin><style type="text/css"><!--td {border: 1px solid #cccccc;}--></style>` +
			`<table data-sheets-root="1"><tbody>` +
			rows
				.map(
					(r) => `<tr style="height:21px;">${r.map((v) => `<td>${escape(v)}</td>`).join('')}</tr>`,
				)
				.join('') +
			`</tbody></table>`,
	};
}

/** Dispatches a paste event carrying both flavours at `target` (the focused element by default). */
async function paste(target: Locator, flavours: { text: string; html: string }): Promise<void> {
	await target.evaluate((el, { text, html }) => {
		const data = new DataTransfer();
		data.setData('text/plain', text);
		data.setData('text/html', html);
		el.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
		);
	}, flavours);
}

async function expectClients(page: Page): Promise<void> {
	await expect(page.getByTestId('summary')).toHaveText(summaryText(2, 0, 0));
	for (const [position, client] of CLIENTS.entries()) {
		await expect(cell(page, position, 'email_address')).toHaveText(client[0] as string);
		await expect(cell(page, position, 'first_name')).toHaveText(client[2] as string);
		await expect(cell(page, position, 'last_name')).toHaveText(client[3] as string);
		await expect(cell(page, position, 'birthdate')).toHaveText(client[4] as string);
	}
}

test.describe('on a desktop', () => {
	test.beforeEach(async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('button', { name: 'Paste cells' })).toBeVisible();
	});

	test('pasting a range with its header row starts a draft of those clients', async ({ page }) => {
		await paste(page.locator('body'), clipboard([HEADER, ...CLIENTS]));
		await expect(page.getByTestId('save-status')).toHaveText(/Saved/, { timeout: 60_000 });
		await expectClients(page);
		await page.getByRole('button', { name: '← All drafts' }).click();
		await expect(page.getByRole('heading', { level: 3, name: /^Pasted cells/ })).toBeVisible();
	});

	test('pasting rows without a header opens the mapping step with the pasted cells', async ({
		page,
	}) => {
		// A cell with a line break and an ampersand: the HTML table carries it exactly.
		const rows = CLIENTS.map((c, i) => [...c, i === 0 ? 'knee & back\nsince May' : '']);
		await paste(page.locator('body'), clipboard(rows));
		const email = columnSelect(page, 'A', 'Column A');
		await expect(email).toBeVisible({ timeout: 60_000 });
		// Every pasted row is a client: the first is a sample, not a header.
		await expect(page.locator('#map-column-0-samples')).toContainText('maria.rossi@example.com');
		await expect(page.locator('#map-column-6-samples')).toContainText('knee & back');
		await expect(email).toHaveValue('email_address');
		await columnSelect(page, 'C', 'Column C').selectOption('first_name');
		await columnSelect(page, 'D', 'Column D').selectOption('last_name');
		await columnSelect(page, 'E', 'Column E').selectOption('birthdate');
		await columnSelect(page, 'F', 'Column F').selectOption('gender');
		await columnSelect(page, 'B', 'Column B').selectOption('initial_password');
		await columnSelect(page, 'G', 'Column G').selectOption('');
		await importMapped(page);
		await expectClients(page);
	});

	test('a paste without cells says so and starts nothing; the box opens and closes by keyboard', async ({
		page,
	}) => {
		await paste(page.locator('body'), { text: '\r\n\t\r\n', html: '<p>nothing</p>' });
		await expect(page.getByTestId('file-problem')).toHaveText(/The paste held no cells/);
		await expect(page.getByRole('heading', { name: 'Check a client list' })).toBeVisible();

		await page.getByRole('button', { name: 'Paste cells' }).focus();
		await page.keyboard.press('Enter');
		const box = page.getByRole('textbox', { name: 'Cells' });
		await expect(box).toBeFocused();
		// A paste in the box is the box's: no draft starts until "Use these cells".
		await paste(box, clipboard([HEADER, ...CLIENTS]));
		await expect(page.getByTestId('paste-shape')).toHaveText('3 rows of 6 cells');
		await page.keyboard.press('Escape');
		await expect(box).toBeHidden();
		await expect(page.getByRole('button', { name: 'Paste cells' })).toBeFocused();
	});
});

test.describe('on a touch tablet', () => {
	test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: false });

	test('the Paste cells box takes a paste, says its shape, and starts the draft', async ({
		page,
	}) => {
		await page.goto('/');
		const opener = page.getByRole('button', { name: 'Paste cells' });
		await opener.tap();
		const dialog = page.getByRole('dialog', { name: 'Paste cells' });
		await expect(dialog).toBeVisible();
		expect(await seriousViolations(page)).toEqual([]);

		// Nothing pasted yet: the box says what to do and stays open.
		await dialog.getByRole('button', { name: 'Use these cells' }).tap();
		await expect(dialog.getByRole('alert')).toHaveText(/Paste the cells first/);

		// Cancel closes it and gives the focus back to the button that opened it.
		await dialog.getByRole('button', { name: 'Cancel' }).tap();
		await expect(dialog).toBeHidden();
		await expect(opener).toBeFocused();

		await opener.tap();
		const box = dialog.getByRole('textbox', { name: 'Cells' });
		await paste(box, clipboard([HEADER, ...CLIENTS]));
		await expect(box).toHaveValue([HEADER, ...CLIENTS].map((r) => r.join('\t')).join('\n') + '\n');
		await expect(dialog.getByTestId('paste-shape')).toHaveText('3 rows of 6 cells');
		expect(await seriousViolations(page)).toEqual([]);
		await dialog.getByRole('button', { name: 'Use these cells' }).tap();
		await expect(page.getByTestId('save-status')).toHaveText(/Saved/, { timeout: 60_000 });
		await expectClients(page);
	});
});
