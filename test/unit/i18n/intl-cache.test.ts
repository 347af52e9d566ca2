// The build's transform of paraglide's registry (scripts/intl-cache-plugin.ts): the same words
// and numbers as the registry paraglide generates, with one formatter per locale and options.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheIntl, intlCache } from '../../../scripts/intl-cache-plugin.ts';

const REGISTRY = 'src/paraglide/registry.js';
type Registry = {
	plural(locale: string, input: unknown, options?: Intl.PluralRulesOptions): string;
	number(locale: string, input: unknown, options?: Intl.NumberFormatOptions): string;
};

async function load(code: string): Promise<Registry> {
	return (await import(
		`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
	)) as Registry;
}

const RealPluralRules = Intl.PluralRules;
// Intl's members are writable data properties; TypeScript's lib only calls them read-only.
const setPluralRules = (value: typeof Intl.PluralRules) =>
	Object.defineProperty(Intl, 'PluralRules', { value, writable: true, configurable: true });
afterEach(() => {
	setPluralRules(RealPluralRules);
});

describe('Intl formatters in the generated registry', () => {
	it('are built once per locale and options, and answer as before', async () => {
		const source = readFileSync(REGISTRY, 'utf8');
		const cached = await load(cacheIntl(source));
		const plain = await load(source);
		let built = 0;
		setPluralRules(
			class extends RealPluralRules {
				constructor(...args: ConstructorParameters<typeof RealPluralRules>) {
					super(...args);
					built++;
				}
			} as typeof Intl.PluralRules,
		);
		for (let i = 0; i < 200; i++) {
			expect(cached.plural('fr', i % 3, {})).toBe(plain.plural('fr', i % 3, {}));
			expect(cached.number('de', i * 1000.5, {})).toBe(plain.number('de', i * 1000.5, {}));
		}
		// 200 from the plain registry, one from the cached one (and one more for other options).
		expect(built).toBe(201);
		expect(cached.plural('en', 2, { type: 'ordinal' })).toBe('two');
		expect(built).toBe(202);
		expect(cached.plural('en', 1, {})).toBe('one');
		expect(cached.number('fr', 1234.5, {})).toBe(new Intl.NumberFormat('fr').format(1234.5));
	});

	it('leaves no formatter built per call, and refuses a registry of another shape', () => {
		const out = cacheIntl(readFileSync(REGISTRY, 'utf8'));
		expect(out).not.toMatch(/new Intl\./);
		expect(() => cacheIntl('export const plural = () => "other";')).toThrow(
			/no longer builds Intl\.PluralRules/,
		);
	});

	it('applies to the registry only', () => {
		const plugin = intlCache();
		const transform = plugin.transform as (code: string, id: string) => unknown;
		expect(transform('const x = 1;', '/work/src/paraglide/messages/en.js')).toBeNull();
		expect(transform(readFileSync(REGISTRY, 'utf8'), `/work/${REGISTRY}`)).toMatchObject({
			code: expect.stringContaining('__rosterCachedIntl(Intl.PluralRules'),
		});
	});
});
