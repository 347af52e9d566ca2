// Build, dev server, PWA and test configuration.
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { APP_CSP } from './server/csp.ts';
import { intlCache } from './scripts/intl-cache-plugin.ts';

// The built app may talk only to its own origin; the server sends the same policy as a header.
const CSP = APP_CSP;

function contentSecurityPolicy(): Plugin {
	return {
		name: 'roster-csp',
		apply: 'build',
		transformIndexHtml: () => [
			{
				tag: 'meta',
				attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
				injectTo: 'head-prepend',
			},
		],
	};
}

export default defineConfig({
	plugins: [
		// Messages compile to one module per language (src/paraglide/messages/<locale>.js), so the
		// app loads only the chosen one; the same options as `npm run messages`.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/paraglide',
			outputStructure: 'locale-modules',
			emitTsDeclarations: true,
		}),
		intlCache(),
		svelte(),
		svelteTesting(),
		contentSecurityPolicy(),
		VitePWA({
			// A new version waits for the pro's "Reload now" (src/ui/UpdatePrompt.svelte).
			registerType: 'prompt',
			includeAssets: ['icons/favicon.svg'],
			manifest: {
				name: 'Roster — client import assistant',
				short_name: 'Roster',
				description:
					'Check and fix a client CSV file before you import it. Works offline; the file never leaves your device.',
				theme_color: '#1d4f91',
				background_color: '#ffffff',
				display: 'standalone',
				start_url: '.',
				icons: [
					{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: 'icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable',
					},
				],
			},
			workbox: {
				globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
				navigateFallback: 'index.html',
				// The first install controls the open page at once (offline from the first visit);
				// later versions wait (registerType 'prompt').
				clientsClaim: true,
			},
		}),
	],
	// Workers are bundled apart: they need the registry's cache too (they word issues and counts).
	worker: { format: 'es', plugins: () => [intlCache()] },
	optimizeDeps: { include: ['papaparse', 'zod'] },
	test: {
		// A hang guard, not a speed target: property tests and CLI spawns slow down on a busy CI box.
		testTimeout: 30_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['test/unit/**/*.test.ts'],
					setupFiles: ['test/setup-messages.ts'],
				},
			},
			{
				extends: true,
				test: {
					name: 'server',
					environment: 'node',
					include: ['test/server/**/*.test.ts'],
					setupFiles: ['test/setup-messages.ts'],
				},
			},
			{
				extends: true,
				test: {
					name: 'component',
					environment: 'jsdom',
					include: ['test/component/**/*.test.ts'],
					setupFiles: ['test/setup-messages.ts', 'test/component/setup.ts'],
				},
			},
		],
	},
});
