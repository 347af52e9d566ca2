// The passphrase lock in the built app: turned on in Settings for an imported draft, Lock now
// leaves no client email, name or password anywhere in the origin's storage (every IndexedDB
// store and index, Cache Storage, localStorage), a reload stays locked, a wrong passphrase stays
// locked and says so, the right one opens the draft with its rows. Screenshots of the lock screen
// and the Settings section go to /tmp/shots13/ (desktop, and a tablet by touch).
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cell, checkFile } from './helpers.ts';
import { seriousViolations } from './axe.ts';
import { originStorage } from './origin-storage.ts';

const SHOTS = '/tmp/shots13';
const PASSPHRASE = 'harbour lantern 42 cobalt';
/** Long, unusual values: random ciphertext never spells them by chance. */
const CLIENTS = [
	[
		'ottoline.marchbanks@example.com',
		'Kv8#Wq3!Lz7pRt',
		'Ottoline',
		'Marchbanks',
		'19811120',
		'female',
	],
	[
		'peregrine.thistlewood@example.com',
		'Jm4$Xc9@Hn2sQd',
		'Peregrine',
		'Thistlewood',
		'19790302',
		'male',
	],
	[
		'wilhelmina.fairweather@example.com',
		'Bt6&Yr5*Gp8kMv',
		'Wilhelmina',
		'Fairweather',
		'20020108',
		'female',
	],
];
const SECRETS = CLIENTS.flatMap(([email, password, first, last]) => [
	email!,
	password!,
	first!,
	last!,
]);

function clientsFile(): string {
	const path = join(tmpdir(), `roster-lock-${process.pid}.csv`);
	const header = 'email_address,initial_password,first_name,last_name,birthdate,gender';
	writeFileSync(path, [header, ...CLIENTS.map((c) => c.join(','))].join('\n') + '\n');
	return path;
}

function found(text: string): string[] {
	return SECRETS.filter((secret) => text.includes(secret));
}

/** Buttons and fields in view shorter than a finger's 44 px (a checkbox is tapped by its label). */
async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('button, input:not([type=file]), select')]
			.filter((el) => el.offsetParent !== null)
			.filter((el) => {
				const label = el.closest('label');
				const target = el.getAttribute('type') === 'checkbox' && label ? label : el;
				return target.getBoundingClientRect().height < 44;
			})
			.map((el) => el.getAttribute('aria-label') ?? (el.textContent?.trim() || el.outerHTML)),
	);
}

async function turnOnLock(page: Page, tap: boolean) {
	const press = (name: string) => {
		const button = page.getByRole('button', { name, exact: true });
		return tap ? button.tap() : button.click();
	};
	const section = page.getByRole('group', { name: 'Lock this device' });
	await section.getByLabel('New passphrase').fill(PASSPHRASE);
	await expect(section.getByText('Strong.')).toBeVisible();
	await section.getByLabel('Repeat passphrase').fill(PASSPHRASE);
	await press('Turn on lock');
	await expect(
		section.getByText(/^Lock turned on: every draft on this device is encrypted\./),
	).toBeVisible({
		timeout: 60_000,
	});
	await expect(section.getByLabel('Idle time before locking')).toHaveValue('5');
	return press;
}

async function expectLocked(page: Page) {
	await expect(page.getByLabel('Passphrase', { exact: true })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('button')).toHaveText(['Unlock']);
	await expect(page.getByTestId('summary')).toHaveCount(0);
	expect(found(await page.locator('body').innerText())).toEqual([]);
}

test('locked, the origin keeps no client data in clear; reload stays locked; only the right passphrase opens the draft', async ({
	page,
}) => {
	mkdirSync(SHOTS, { recursive: true });
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto('/');
	await checkFile(page, clientsFile());
	// The scan sees the clients while the lock is off: it can tell.
	expect(found(await originStorage(page))).toEqual(SECRETS);

	// The first draft brings the offer; it opens Settings at the lock section.
	await page.getByRole('button', { name: 'Set up a lock' }).click();
	await expect(
		page.getByRole('group', { name: 'Lock this device' }).getByLabel('New passphrase'),
	).toBeFocused();
	await page
		.getByRole('group', { name: 'Lock this device' })
		.screenshot({ path: `${SHOTS}/settings-off-1280.png` });
	expect(await seriousViolations(page)).toEqual([]);
	await turnOnLock(page, false);
	await page
		.getByRole('group', { name: 'Lock this device' })
		.screenshot({ path: `${SHOTS}/settings-on-1280.png` });
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('button', { name: '← Back to the draft' }).click();
	await expect(cell(page, 0, 'email_address')).toHaveText(CLIENTS[0]![0]!);
	await page.getByRole('button', { name: 'Lock now', exact: true }).click();
	await expectLocked(page);
	await page.screenshot({ path: `${SHOTS}/lock-screen-1280.png` });
	expect(await seriousViolations(page)).toEqual([]);
	expect(found(await originStorage(page))).toEqual([]);

	await page.reload();
	await expectLocked(page);
	await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();

	await page.getByLabel('Passphrase', { exact: true }).fill('harbour lantern 41 cobalt');
	await page.keyboard.press('Enter');
	await expect(
		page.getByText('That passphrase does not open the drafts on this device.'),
	).toBeVisible();
	await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
	await expectLocked(page);

	await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
	const unlocking = Date.now();
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(cell(page, 0, 'email_address')).toHaveText(CLIENTS[0]![0]!, { timeout: 30_000 });
	// Measured, not judged (the target is 2 s): the report reads it.
	test.info().annotations.push({
		type: 'unlock to rows shown',
		description: `${Date.now() - unlocking} ms`,
	});
	await expect(page.getByTestId('summary')).toHaveText(/^3 clients ready/);
	for (const [i, [email]] of CLIENTS.entries())
		await expect(cell(page, i, 'email_address')).toHaveText(email!);
	await expect(page.getByRole('button', { name: 'Lock now', exact: true })).toBeVisible();
	await page.screenshot({
		path: `${SHOTS}/draft-header-1280.png`,
		clip: { x: 0, y: 0, width: 1280, height: 360 },
	});
});

test('after five idle minutes the page locks itself, and a reload keeps it locked', async ({
	page,
}) => {
	// The page's clock is Playwright's: five minutes pass in an instant.
	await page.clock.install();
	await page.goto('/');
	await checkFile(page, clientsFile());
	await page.getByRole('button', { name: 'Settings', exact: true }).click();
	await turnOnLock(page, false);
	await page.getByRole('button', { name: '← Back to the draft' }).click();
	await expect(cell(page, 0, 'email_address')).toHaveText(CLIENTS[0]![0]!);

	await page.clock.fastForward('04:00');
	await expect(page.getByTestId('summary')).toBeVisible();
	await page.mouse.move(200, 300);
	await page.clock.fastForward('04:00');
	// Activity four minutes ago: still open.
	await expect(page.getByTestId('summary')).toBeVisible();
	await page.clock.fastForward('01:30');
	await expectLocked(page);
	await page.reload();
	await expectLocked(page);
});

test.describe('on a tablet', () => {
	test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: false });

	test('the lock is turned on, locked and opened by touch, with 44 px targets', async ({
		page,
	}) => {
		mkdirSync(SHOTS, { recursive: true });
		await page.goto('/');
		await checkFile(page, clientsFile());
		await page.getByRole('button', { name: 'Settings', exact: true }).tap();
		const section = page.getByRole('group', { name: 'Lock this device' });
		await section.scrollIntoViewIfNeeded();
		expect(await smallTargets(page)).toEqual([]);
		await section.screenshot({ path: `${SHOTS}/settings-off-820-touch.png` });
		const press = await turnOnLock(page, true);
		expect(await smallTargets(page)).toEqual([]);
		await section.screenshot({ path: `${SHOTS}/settings-on-820-touch.png` });

		await press('Lock now');
		await expectLocked(page);
		expect(await smallTargets(page)).toEqual([]);
		await page.screenshot({ path: `${SHOTS}/lock-screen-820-touch.png` });
		await page.getByLabel('Passphrase', { exact: true }).tap();
		await page.keyboard.type(PASSPHRASE);
		await press('Unlock');
		await expect(page.getByTestId('summary')).toHaveText(/^3 clients ready/, { timeout: 30_000 });
	});
});
