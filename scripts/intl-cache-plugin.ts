// Paraglide's generated registry (src/paraglide/registry.js) builds a new Intl.PluralRules or
// Intl.NumberFormat on every message call with a count. Building one costs ~15 µs in V8 and
// reading it again ~0.5 µs; a sync of 100,000 clients redraws the grid's counts and the sync line
// often enough that the page spent ~0.6 s in those constructors (Chromium trace, issue 16). This
// transform keeps one formatter per locale and options. A registry whose shape changed (a
// paraglide upgrade) fails the build here instead of silently losing the cache.
import type { Plugin } from 'vite';

const FORMATTERS = ['PluralRules', 'NumberFormat', 'DateTimeFormat', 'RelativeTimeFormat'];

const HELPER = `
const __rosterIntl = new Map();
function __rosterCachedIntl(Kind, locale, options) {
	const key = Kind.name + '|' + String(locale) + '|' + JSON.stringify(options ?? null);
	let made = __rosterIntl.get(key);
	if (made === undefined) {
		made = new Kind(locale, options);
		__rosterIntl.set(key, made);
	}
	return made;
}
`;

/** The registry's source with every `new Intl.X(locale, options)` read from the cache. */
export function cacheIntl(code: string): string {
	let out = code;
	for (const kind of FORMATTERS) {
		const pattern = new RegExp(`new Intl\\.${kind}\\((\\w+), (\\w+)\\)`, 'g');
		if (!pattern.test(out))
			throw new Error(
				`intl-cache: src/paraglide/registry.js no longer builds Intl.${kind} as this transform expects; update scripts/intl-cache-plugin.ts.`,
			);
		out = out.replace(pattern, (_, locale: string, options: string) => {
			return `__rosterCachedIntl(Intl.${kind}, ${locale}, ${options})`;
		});
	}
	return HELPER + out;
}

export function intlCache(): Plugin {
	return {
		name: 'roster-intl-cache',
		transform(code, id) {
			if (!/[\\/]src[\\/]paraglide[\\/]registry\.js$/.test(id.split('?')[0] ?? '')) return null;
			return { code: cacheIntl(code), map: null };
		},
	};
}
