// Test seams of the draft worker, set by serving its script with the flag first: the app reads a
// file with one worker unless `self.rosterTwoWorkers` is set (src/worker/parse-spawn.ts; the
// two-worker test and the bench set it), and `self.rosterHoldImport` stops an import after its
// first saved rows (src/worker/draft-import.ts).
import type { BrowserContext } from 'playwright-core';

const DRAFT_WORKER = /\/assets\/draft\.worker-[\w-]+\.js$/;

async function setFlag(context: BrowserContext, flag: string): Promise<void> {
	await context.route(DRAFT_WORKER, async (route) => {
		const response = await route.fetch();
		const body = `self.${flag} = true;\n${await response.text()}`;
		await route.fulfill({ response, body });
	});
}

export function allowTwoWorkers(context: BrowserContext): Promise<void> {
	return setFlag(context, 'rosterTwoWorkers');
}

/** New imports stop once their first rows are saved; resumed ones run (src/worker/draft-import.ts). */
export function holdNewImports(context: BrowserContext): Promise<void> {
	return setFlag(context, 'rosterHoldImport');
}
