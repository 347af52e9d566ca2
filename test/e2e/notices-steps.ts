// Steps shared by the notice browser tests: the notice template filled in Settings (reached from
// the app header), and "Print anyway" for notices of clients no platform has created.
import { expect, type Page } from '@playwright/test';

export const SIGN_IN = 'https://app.example-health.com/signup?practice=harbour';

/** Fills the practice name, sign-in address and support contact, then goes back to the draft. */
export async function setUpNotice(page: Page, signIn = SIGN_IN): Promise<void> {
	await page
		.getByRole('navigation', { name: 'App' })
		.getByRole('button', { name: 'Settings' })
		.click();
	await page.getByLabel('Practice name').fill('Harbour Physio');
	await page.getByLabel('Practice name').blur();
	await page.getByLabel(/^Sign-in address/).fill(signIn);
	await page.getByLabel(/^Sign-in address/).blur();
	await page.getByLabel('Support contact').fill('0161 555 0100');
	await page.getByLabel('Support contact').blur();
	await expect(page.getByLabel('Preview of a notice')).toContainText('Harbour Physio');
	await page.getByRole('button', { name: '← Back to the draft' }).click();
}

/**
 * Nothing was sent to a platform: the screen holds every notice back ("Print after sending")
 * until told to print anyway.
 */
export async function printAnyway(page: Page, count: number): Promise<void> {
	const choice = page.getByTestId('sending-choice');
	await expect(choice.getByRole('radio', { name: /^Print after sending/ })).toBeChecked();
	await expect(page.getByRole('button', { name: 'Print 0 notices' })).toBeDisabled();
	await choice.getByRole('radio', { name: /^Print anyway/ }).check();
	await expect(page.getByRole('button', { name: `Print ${count} notices` })).toBeEnabled();
}
