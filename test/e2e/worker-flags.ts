// The app reads a file with one worker unless `self.rosterTwoWorkers` is set in the draft worker
// (src/worker/parse-spawn.ts): the two-worker test and the bench set it by serving the worker's
// script with the flag first.
import type { BrowserContext } from 'playwright-core';

export async function allowTwoWorkers(context: BrowserContext): Promise<void> {
	await context.route(/\/assets\/draft\.worker-[\w-]+\.js$/, async (route) => {
		const response = await route.fetch();
		const body = `self.rosterTwoWorkers = true;\n${await response.text()}`;
		await route.fulfill({ response, body });
	});
}
