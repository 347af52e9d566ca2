// "Never shown, never logged" in the app (issue 13): a file whose passwords trip every password
// rule is imported, its problems read in the panel (a live region) and a problem cell hovered
// for its tooltip; then the page's whole text, every title, aria-label and aria-description,
// and the live regions hold no password, nor any 6-character piece of one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { cell, checkFile, columnSelect, importMapped, mapFile } from './helpers.ts';

/**
 * One client per password rule: the first formula character, length, kinds, blanks. (A password
 * equal to the email is in the unit test only: here the grid shows the email, as it should.)
 */
const PASSWORDS: readonly string[] = [
	'=Zq9Marker1!',
	'-Secr3t!pass',
	'+Plu5Marker!x',
	'@At7Marker!yz',
	'\tTab8Marker!q',
	'Vy4!kj',
	'zqweakmarkerx',
	' Spac3dMarker! ',
	`Lg7!${'Zx9#Qv'.repeat(50)}`,
	'P\u00e4ssw\u00f6rt9!Mk',
];

const TEMPLATE_HEADER = 'email_address,initial_password,first_name,last_name,birthdate,gender';

/** RFC 4180 quoting, for the tab and the spaces. */
const field = (v: string) => (/[",\r\n\t ]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV file of one client per password, under `header` (none: no header row). */
function writeClients(header: string | null = TEMPLATE_HEADER): string {
	const lines = [
		...(header === null ? [] : [header]),
		...PASSWORDS.map((p, i) =>
			[`client${i}@example.com`, p, `Name${i}`, 'Lee', '19811120', 'female'].map(field).join(','),
		),
	];
	const path = join(mkdtempSync(join(tmpdir(), 'roster-never-shown-')), 'clients.csv');
	writeFileSync(path, lines.join('\r\n') + '\r\n');
	return path;
}

/** Every 6-character piece of every password (the whole of a shorter one). */
const PIECES: readonly string[] = [
	...new Set(
		PASSWORDS.flatMap((p) =>
			p.length <= 6 ? [p] : Array.from({ length: p.length - 5 }, (_, i) => p.slice(i, i + 6)),
		),
	),
];

/** What the page says in any way a person or a screen reader can get at. */
async function everythingShown(page: Page): Promise<{ kind: string; text: string }[]> {
	return page.evaluate(() => {
		const out: { kind: string; text: string }[] = [
			{ kind: 'text', text: document.body.innerText },
			{ kind: 'textContent', text: document.body.textContent ?? '' },
			{ kind: 'title', text: document.title },
		];
		for (const el of document.querySelectorAll('*')) {
			for (const name of ['title', 'aria-label', 'aria-description', 'placeholder', 'alt'])
				if (el.hasAttribute(name))
					out.push({ kind: `${el.tagName}[${name}]`, text: el.getAttribute(name) ?? '' });
		}
		for (const el of document.querySelectorAll('[aria-live], [role=status], [role=alert]'))
			out.push({ kind: 'live region', text: el.textContent ?? '' });
		return out;
	});
}

function leaks(shown: { kind: string; text: string }[]): string[] {
	return shown.flatMap(({ kind, text }) =>
		PIECES.filter((piece) => text.includes(piece)).map((piece) => `${kind}: ${piece}`),
	);
}

test('no password in the page text, tooltips, labels or live regions', async ({ page }) => {
	await page.goto('/');
	await checkFile(page, writeClients());

	// The row of '-Secr3t!pass' (row 3, second in the grid): its formula warning is in the
	// password cell's tooltip and, once the cell is chosen, in the problems panel.
	await cell(page, 1, 'email_address').click();
	await page.keyboard.press('ArrowRight');
	const password = cell(page, 1, 'initial_password');
	await expect(password).toBeFocused();
	const panel = page.getByRole('complementary', { name: 'Problems' });
	await expect(panel.getByRole('region', { name: 'Row 3' }).getByRole('listitem')).toHaveCount(1);
	await password.hover({ position: { x: 8, y: 8 } });

	const shown = await everythingShown(page);
	expect(shown.filter((s) => s.kind.endsWith('[title]')).length).toBeGreaterThan(3);
	expect(leaks(shown)).toEqual([]);
	// What it says instead: the first character, in the tooltip and in the panel.
	await expect(password).toHaveAttribute('title', /initial_password starts with -/);
	await expect(panel).toContainText('Row 3: initial_password starts with -, which a spreadsheet');

	// Each row with a problem in turn, so the panel's live region has said every row's problems.
	for (let position = 0; position < PASSWORDS.length; position++) {
		await cell(page, position, 'email_address').click();
		await expect(panel.getByRole('region', { name: `Row ${position + 2}` })).toBeVisible();
		expect(leaks(await everythingShown(page)), `row ${position + 2}`).toEqual([]);
	}
});

test('no password in the mapping step of a column Roster cannot name', async ({ page }) => {
	await page.goto('/');
	// "Contact" is no template name: the step asks, and shows a few values of every column.
	await mapFile(page, writeClients(TEMPLATE_HEADER.replace('email_address', 'Contact')));
	await expect(columnSelect(page, 'B', 'initial_password')).toHaveValue('initial_password');
	await expect(page.locator('.samples').nth(1)).toContainText('••••••••');
	expect(leaks(await everythingShown(page))).toEqual([]);
	await importMapped(page);
	expect(leaks(await everythingShown(page))).toEqual([]);
});

test('no password in the mapping step of a file without a header row', async ({ page }) => {
	await page.goto('/');
	// The first client is read as the header: its cells are not shown as column names.
	await mapFile(page, writeClients(null));
	await expect(page.getByRole('combobox', { name: 'Column B · (no header)' })).toHaveValue(
		'initial_password',
	);
	expect(leaks(await everythingShown(page))).toEqual([]);
	await importMapped(page);
	await expect(page.getByTestId('columns-note')).toContainText('column B → initial_password');
	expect(leaks(await everythingShown(page))).toEqual([]);
});
