// The draft worker killed mid-session from DevTools' protocol (as Chromium ends a worker out of
// memory: no error event, no answer ever again): the page finds it silent, starts a new one,
// opens the draft again and tells the pro which change may not have been saved.
import { expect, test, type Page } from '@playwright/test';
import { cell, checkFile, editCell, fixturePath } from './helpers.ts';

/**
 * Ends the page's draft worker through CDP, from inside (a worker target cannot be closed from
 * outside): `close()` ends it at once, with no error event, as running out of memory does.
 * Resolves once the browser says it is gone.
 */
async function killDraftWorker(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const attached = new Promise<{ sessionId: string; targetId: string }>((resolve) =>
		cdp.on('Target.attachedToTarget', (e) => {
			if (e.targetInfo.type === 'worker' && e.targetInfo.title.includes('roster-drafts'))
				resolve({ sessionId: e.sessionId, targetId: e.targetInfo.targetId });
		}),
	);
	// Attaching makes the page's dedicated workers targets of this session.
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false,
	});
	const worker = await attached;
	const gone = new Promise<void>((resolve) =>
		cdp.on('Target.detachedFromTarget', (e) => {
			if (e.sessionId === worker.sessionId) resolve();
		}),
	);
	await cdp.send('Target.sendMessageToTarget', {
		sessionId: worker.sessionId,
		message: JSON.stringify({
			id: 1,
			method: 'Runtime.evaluate',
			params: { expression: 'close()' },
		}),
	});
	await gone;
	await cdp.detach();
}

test('a worker killed mid-session is replaced, the draft reopened, and the lost edit named', async ({
	page,
}) => {
	test.setTimeout(120_000);
	await page.goto('/');
	await checkFile(page, fixturePath('missing_passwords.csv'));
	// Saved before the worker dies.
	await editCell(page, 0, 'first_name', 'Amelia');

	await killDraftWorker(page);
	// This edit goes to the dead worker: it is never answered, so never shown as saved.
	await cell(page, 1, 'first_name').click();
	await page.keyboard.press('Enter');
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('Benedict');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('save-status')).not.toHaveText(/Saved/);

	// The heartbeat finds the worker silent (30 s), a new one opens the draft from storage.
	await expect(page.getByRole('alert').filter({ hasText: 'worker stopped' })).toHaveText(
		"Roster's worker stopped and was restarted. Your last change (Edit first name on row 3) may not have been saved: check it.",
		{ timeout: 60_000 },
	);
	await expect(cell(page, 0, 'first_name')).toHaveText('Amelia');
	await expect(cell(page, 1, 'first_name')).toHaveText('Ben');

	// The new worker takes edits, and they are stored: the draft opened again from the list.
	await editCell(page, 1, 'first_name', 'Benedict');
	await page.getByRole('button', { name: '← All drafts' }).click();
	await page.getByRole('button', { name: /^Open missing_passwords/ }).click();
	await expect(cell(page, 0, 'first_name')).toHaveText('Amelia', { timeout: 30_000 });
	await expect(cell(page, 1, 'first_name')).toHaveText('Benedict');
});
