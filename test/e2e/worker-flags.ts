// Test seams of the draft worker, set by serving its script with the flag first:
// `self.rosterTwoWorkers` makes the app read any file with two workers, or none with two (it
// reads files from 48 MB on with two otherwise: src/worker/parse-spawn.ts; the two-worker test
// and the bench set it), and `self.rosterHoldImport` stops an import after its first saved rows
// (src/worker/draft-import.ts).
import type { BrowserContext } from 'playwright-core';

const DRAFT_WORKER = /\/assets\/draft\.worker-[\w-]+\.js$/;

async function setFlag(context: BrowserContext, flag: string, value = true): Promise<void> {
	await context.route(DRAFT_WORKER, async (route) => {
		const response = await route.fetch();
		const body = `self.${flag} = ${String(value)};\n${await response.text()}`;
		await route.fulfill({ response, body });
	});
}

export function allowTwoWorkers(context: BrowserContext): Promise<void> {
	return setFlag(context, 'rosterTwoWorkers');
}

/** Every file is read by one worker, however big. */
export function forbidTwoWorkers(context: BrowserContext): Promise<void> {
	return setFlag(context, 'rosterTwoWorkers', false);
}

/** New imports stop once their first rows are saved; resumed ones run (src/worker/draft-import.ts). */
export function holdNewImports(context: BrowserContext): Promise<void> {
	return setFlag(context, 'rosterHoldImport');
}
