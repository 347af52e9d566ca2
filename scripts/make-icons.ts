// Renders the app icons (PNG, incl. maskable) from public/icons/favicon.svg with Chromium.
// Run once after changing the SVG: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/chromium.ts';

const svg = readFileSync('public/icons/favicon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
const targets = [
	{ file: 'icon-192.png', size: 192, padding: 0, background: 'transparent' },
	{ file: 'icon-512.png', size: 512, padding: 0, background: 'transparent' },
	// Maskable icons keep their content inside the central 80 % safe zone.
	{ file: 'icon-maskable-512.png', size: 512, padding: 0.14, background: '#1d4f91' },
];
for (const t of targets) {
	await page.setViewportSize({ width: t.size, height: t.size });
	const inner = Math.round(t.size * (1 - 2 * t.padding));
	await page.setContent(
		`<body style="margin:0;background:${t.background};display:grid;place-items:center;height:${t.size}px">` +
			svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `) +
			'</body>',
	);
	await page.screenshot({
		path: `public/icons/${t.file}`,
		omitBackground: t.background === 'transparent',
	});
}
await browser.close();
