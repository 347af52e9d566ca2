// Test seams of the draft worker, set by serving its script with the flag first:
// `self.rosterTwoWorkers` makes the app read any file with two workers, or none with two (it
// reads files from 48 MB on with two otherwise, on 3 cores or more: src/worker/parse-spawn.ts; the
// two-worker test and the bench set it), and `self.rosterHoldImport` stops an import after its
// first saved rows (src/worker/draft-import.ts). The cores the worker sees can be set too.
import type { BrowserContext } from 'playwright-core';

const DRAFT_WORKER = /\/assets\/draft\.worker-[\w-]+\.js$/;

/** Serves the draft worker's script with `prelude` first. */
async function prelude(context: BrowserContext, prelude: string): Promise<void> {
	await context.route(DRAFT_WORKER, async (route) => {
		try {
			const response = await route.fetch();
			await route.fulfill({ response, body: `${prelude}\n${await response.text()}` });
		} catch (error) {
			// The service worker precaches the script too, and a test that is done closes its
			// page while that fetch may still be under way: the script is no one's then.
			if (!/disposed|closed/i.test(String(error))) throw error;
		}
	});
}

function setFlag(context: BrowserContext, flag: string, value = true): Promise<void> {
	return prelude(context, `self.${flag} = ${String(value)};`);
}

/** The draft worker sees `cores` in navigator.hardwareConcurrency. */
export function workerCores(context: BrowserContext, cores: number): Promise<void> {
	return prelude(
		context,
		`Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: ${cores} });`,
	);
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
