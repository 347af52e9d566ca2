// The edit log in Chromium (issue 16): typed cells are stored as small records beside their block
// and folded into it later. The page is closed before any fold, and the worker is killed in the
// middle of one (its transaction held open, then the worker ended): the draft opened again has
// every edit, once, and Undo takes back exactly the last one.
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { cell, checkFile, editCell, fixturePath } from './helpers.ts';

const EDITS = [
	{ position: 0, key: 'first_name', value: 'Amelia' },
	{ position: 2, key: 'last_name', value: 'Nguyen-Tran' },
	{ position: 0, key: 'first_name', value: 'Amalia' },
	{ position: 3, key: 'first_name', value: 'Daniel' },
];

/** How many rows wait in the edit log, read from the page's own IndexedDB. */
function loggedRows(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('roster');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const count = db.transaction('edits').objectStore('edits').count();
					count.onsuccess = () => {
						db.close();
						resolve(count.result);
					};
					count.onerror = () => reject(count.error);
				};
			}),
	);
}

/** Types every edit and waits until each is saved (no cell is still marked saving). */
async function typeEdits(page: Page): Promise<void> {
	for (const { position, key, value } of EDITS) {
		await editCell(page, position, key, value);
		await expect(cell(page, position, key)).toContainText(value);
	}
	await expect(page.getByTestId('cell-saving')).toHaveCount(0);
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
}

/** The draft, opened again in a new page: every edit once, and Undo takes back only the last. */
async function expectEditsOnce(page: Page): Promise<void> {
	await expect(cell(page, 0, 'first_name')).toHaveText('Amalia', { timeout: 30_000 });
	await expect(cell(page, 2, 'last_name')).toHaveText('Nguyen-Tran');
	await expect(cell(page, 3, 'first_name')).toHaveText('Daniel');
	await expect(cell(page, 1, 'first_name')).toHaveText('Ben');
	await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '6');
	await page.getByRole('button', { name: 'Undo: Edit first name on row 5' }).click();
	await expect(cell(page, 3, 'first_name')).toHaveText('Dan');
	await expect(cell(page, 0, 'first_name')).toHaveText('Amalia');
	await page.getByRole('button', { name: 'Undo: Edit first name on row 2' }).click();
	await expect(cell(page, 0, 'first_name')).toHaveText('Amelia');
}

/**
 * Runs expressions in the page's draft worker through CDP (a worker target of the page's
 * session), as worker-restart.e2e.ts ends it.
 */
async function draftWorker(page: Page) {
	const cdp: CDPSession = await page.context().newCDPSession(page);
	const attached = new Promise<string>((resolve) =>
		cdp.on('Target.attachedToTarget', (e) => {
			if (e.targetInfo.type === 'worker' && e.targetInfo.title.includes('roster-drafts'))
				resolve(e.sessionId);
		}),
	);
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false,
	});
	const sessionId = await attached;
	const answers = new Map<number, (value: unknown) => void>();
	cdp.on('Target.receivedMessageFromTarget', (e) => {
		if (e.sessionId !== sessionId) return;
		const message = JSON.parse(e.message) as {
			id?: number;
			result?: { result?: { value?: unknown } };
		};
		if (message.id !== undefined) answers.get(message.id)?.(message.result?.result?.value);
	});
	let next = 1;
	const send = (expression: string) => {
		const id = next++;
		const answered = new Promise<unknown>((resolve) => answers.set(id, resolve));
		void cdp.send('Target.sendMessageToTarget', {
			sessionId,
			message: JSON.stringify({
				id,
				method: 'Runtime.evaluate',
				params: { expression, returnByValue: true },
			}),
		});
		return answered;
	};
	const gone = new Promise<void>((resolve) =>
		cdp.on('Target.detachedFromTarget', (e) => {
			if (e.sessionId === sessionId) resolve();
		}),
	);
	return {
		evaluate: send,
		/** Ends the worker at once (no error event), as running out of memory does. */
		async kill() {
			void send('close()');
			await gone;
			await cdp.detach();
		},
	};
}

/**
 * Steers the worker's writes that delete from the edit log (only a fold does, in these steps,
 * and it puts the folded blocks in the same transaction). `self.foldMode`: 'fail' makes the fold
 * fail (its rows stay in the log, as before any fold); 'hold' makes its request, then keeps the
 * transaction busy so it never commits, and says so in `self.foldHeld`.
 */
const STEER_FOLDS = `(() => {
	const remove = IDBObjectStore.prototype.delete;
	self.foldMode = 'fail';
	IDBObjectStore.prototype.delete = function (key) {
		if (this.name !== 'edits') return remove.call(this, key);
		if (self.foldMode === 'fail') throw new DOMException('held by the test', 'AbortError');
		const request = remove.call(this, key);
		self.foldHeld = true;
		const spin = () => { this.count().onsuccess = spin; };
		spin();
		return request;
	};
	return true;
})()`;

/** The draft imported, with the worker's folds failing until the test says otherwise. */
async function importWithoutFolds(page: Page) {
	await page.goto('/');
	await checkFile(page, fixturePath('missing_passwords.csv'));
	const worker = await draftWorker(page);
	expect(await worker.evaluate(STEER_FOLDS)).toBe(true);
	await typeEdits(page);
	// In the log (three rows: row 2 was edited twice), not folded into their block.
	expect(await loggedRows(page)).toBe(3);
	return worker;
}

test('edits in the log survive the page closing before they are folded', async ({ context }) => {
	test.setTimeout(120_000);
	const page = await context.newPage();
	await importWithoutFolds(page);
	await page.close();

	const again = await context.newPage();
	await again.goto('/');
	await expectEditsOnce(again);
});

test('edits in the log survive the worker killed in the middle of folding them', async ({
	context,
}) => {
	test.setTimeout(120_000);
	const page = await context.newPage();
	const worker = await importWithoutFolds(page);
	await worker.evaluate(`self.foldMode = 'hold'`);
	// Closing the draft folds its log: the fold's transaction starts and is held open.
	await page.getByRole('button', { name: '← All drafts' }).click();
	await expect.poll(() => worker.evaluate('self.foldHeld === true')).toBe(true);
	await worker.kill();
	await page.close();

	const again = await context.newPage();
	await again.goto('/');
	await again.getByRole('button', { name: /^Open missing_passwords/ }).click();
	// The fold never committed: its blocks were not written and the log is still whole.
	expect(await loggedRows(again)).toBe(3);
	await expectEditsOnce(again);
});
