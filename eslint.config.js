// Lint rules; the core's import restriction keeps it pure (see ../shared/ARCHITECTURE.md).
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'dist/',
			'node_modules/',
			'.svelte-check/',
			'test-results/',
			'playwright-report/',
			'bench-out/',
			'src/paraglide/',
			'project.inlang/',
			// Throwaway scripts, gitignored.
			'.scratch/',
		],
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
	},
	{
		files: ['src/core/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['dexie', 'svelte', 'svelte/*', 'node:*', 'fs', 'path'],
							message: 'src/core stays pure: no storage, UI or Node APIs.',
						},
						{
							group: [
								'**/worker/**',
								'**/storage/**',
								'**/sync/**',
								'**/state/**',
								'**/ui/**',
								'**/cli/**',
							],
							message: 'src/core imports only src/core.',
						},
					],
				},
			],
			'no-restricted-globals': [
				'error',
				{ name: 'fetch', message: 'src/core does no I/O.' },
				{ name: 'document', message: 'src/core has no DOM.' },
				{ name: 'window', message: 'src/core has no DOM.' },
				{ name: 'indexedDB', message: 'src/core does no storage.' },
			],
			'no-restricted-properties': [
				'error',
				{ object: 'Date', property: 'now', message: 'Pass the clock in.' },
				{ object: 'Math', property: 'random', message: 'Pass the random source in.' },
			],
		},
	},
);
