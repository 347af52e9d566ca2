// axe-core in the page under test: its serious and critical violations, as readable lines.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8',
);

interface AxeResults {
	violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

export async function seriousViolations(page: Page): Promise<string[]> {
	// Evaluated rather than added as a <script>: the app's CSP rightly forbids inline scripts.
	await page.evaluate(axeSource);
	const results = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
		const r = await axe.run();
		// Only what crosses back: plain data.
		return {
			violations: r.violations.map((v) => ({
				id: v.id,
				impact: v.impact,
				nodes: v.nodes.map((n) => ({ target: n.target.map(String) })),
			})),
		};
	});
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
