// The message files, read where project.inlang/settings.json says they are: every language has
// every message, with the same placeholders, no empty text and a catch-all plural case; and the
// compiled plurals choose the form each language needs.
import { afterEach, describe, expect, it } from 'vitest';
import {
	allMessages,
	messageFiles,
	projectSettings,
	type RawMessage,
} from '../../e2e/language-text.ts';
import { loadMessages, m } from '../../../src/i18n/messages.ts';

const { locales, baseLocale } = projectSettings();
const others = locales.filter((l) => l !== baseLocale);
const english = allMessages(baseLocale);

/** What a caller passes: the `{x}` of plain text, the `input x` of a message with variants. */
function inputs(message: RawMessage): string[] {
	if (typeof message === 'string')
		return [...new Set([...message.matchAll(/\{\s*([\w]+)\s*\}/g)].map((x) => x[1]!))].sort();
	const declared = message.flatMap((v) =>
		v.declarations.flatMap((d) => /^input\s+(\w+)/.exec(d)?.[1] ?? []),
	);
	return [...new Set(declared)].sort();
}

/** The names a variant's text may use: its inputs and its locals. */
function declaredNames(message: RawMessage): Set<string> {
	if (typeof message === 'string') return new Set(inputs(message));
	return new Set(
		message.flatMap((v) =>
			v.declarations.flatMap((d) => /^(?:input|local)\s+(\w+)/.exec(d)?.[1] ?? []),
		),
	);
}

function patterns(message: RawMessage): string[] {
	return typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
}

afterEach(async () => {
	await loadMessages('en');
});

describe('message files', () => {
	it('are found for every language, and English has messages', () => {
		for (const locale of locales) expect(messageFiles(locale).length, locale).toBeGreaterThan(0);
		expect(Object.keys(english).length).toBeGreaterThan(50);
	});

	it('keep one file per language, so a translator has the whole language in one place', () => {
		for (const locale of locales) {
			const files = messageFiles(locale).map((f) => f.path.split('/').slice(-2).join('/'));
			expect(files, locale).toEqual([`messages/${locale}.json`]);
		}
	});

	it.each(others)('%s has every English key and no key English lacks', (locale) => {
		const theirs = allMessages(locale);
		const missing = Object.keys(english).filter((k) => theirs[k] === undefined);
		const extra = Object.keys(theirs).filter((k) => english[k] === undefined);
		expect({ missing, extra }).toEqual({ missing: [], extra: [] });
	});

	it.each(others)('%s asks for the same placeholders as English', (locale) => {
		const theirs = allMessages(locale);
		const differ: string[] = [];
		for (const [key, message] of Object.entries(english)) {
			const other = theirs[key];
			if (other === undefined) continue;
			const a = inputs(message).join(',');
			const b = inputs(other).join(',');
			if (a !== b) differ.push(`${key}: en {${a}} vs ${locale} {${b}}`);
		}
		expect(differ).toEqual([]);
	});

	it.each(locales)('%s uses only placeholders it declares, and no text is empty', (locale) => {
		const problems: string[] = [];
		for (const [key, message] of Object.entries(allMessages(locale))) {
			const names = declaredNames(message);
			for (const p of patterns(message)) {
				if (p.trim() === '') problems.push(`${key}: empty text`);
				for (const [, name] of p.matchAll(/\{\s*(\w+)\s*\}/g))
					if (!names.has(name!)) problems.push(`${key}: {${name}} is not declared`);
			}
			if (typeof message !== 'string' && message.length === 0) problems.push(`${key}: no variants`);
		}
		expect(problems).toEqual([]);
	});

	it.each(locales)('%s: every plural message has a catch-all ("other" or "*") case', (locale) => {
		const missing: string[] = [];
		for (const [key, message] of Object.entries(allMessages(locale))) {
			if (typeof message === 'string') continue;
			for (const variant of message) {
				// One variant must match whatever each selector says: other (or *) for all of them.
				const catchAll = Object.keys(variant.match).some((when) =>
					when
						.split(',')
						.map((part) => part.split('=')[1]?.trim())
						.every((value) => value === 'other' || value === '*'),
				);
				if (!catchAll) missing.push(key);
			}
		}
		expect(missing).toEqual([]);
	});
});

describe('compiled plurals', () => {
	it('English: 1 row, 0 and 2 rows, numbers grouped', async () => {
		await loadMessages('en');
		expect(m.shell_drafts_rows({ count: 0 })).toBe('0 rows');
		expect(m.shell_drafts_rows({ count: 1 })).toBe('1 row');
		expect(m.shell_drafts_rows({ count: 2 })).toBe('2 rows');
		expect(m.shell_drafts_rows({ count: 1204 })).toBe('1,204 rows');
	});

	it('French: 0 and 1 take the singular, 2 the plural, thousands spaced', async () => {
		await loadMessages('fr');
		expect(m.shell_drafts_rows({ count: 0 })).toBe('0 ligne');
		expect(m.shell_drafts_rows({ count: 1 })).toBe('1 ligne');
		expect(m.shell_drafts_rows({ count: 2 })).toBe('2 lignes');
		// French groups thousands with a narrow no-break space.
		expect(m.shell_drafts_rows({ count: 1204 })).toMatch(/^1[\u202f\u00a0 ]204 lignes$/);
		expect(m.grid_status_errors({ count: 0 })).toBe('0 erreur');
		expect(m.grid_status_errors({ count: 3 })).toBe('3 erreurs');
		// The Passwords button: one notice left to print is "non imprimée", not "non imprimées".
		expect(m.draft_pw_print_pending({ count: 1 })).toBe('Imprimer les fiches (1 non imprimée)');
		expect(m.draft_pw_print_pending({ count: 4 })).toBe('Imprimer les fiches (4 non imprimées)');
		expect(m.draft_line_rejected({ count: 1 })).toBe('1 refusé — à revoir');
		expect(m.draft_line_rejected({ count: 2 })).toBe('2 refusés — à revoir');
	});

	it('German groups with a dot; Spanish says 0 in the plural, Brazilian Portuguese in the singular', async () => {
		await loadMessages('de');
		expect(m.shell_drafts_rows({ count: 1204 })).toMatch(/^1\.204 /);
		const one = m.shell_drafts_rows({ count: 1 });
		expect(m.shell_drafts_rows({ count: 2 })).not.toBe(one.replace('1', '2'));
		// CLDR: Spanish "one" is 1 alone; Portuguese (pt = Brazil) "one" is 0 and 1.
		await loadMessages('es');
		expect(m.shell_drafts_rows({ count: 0 })).toBe(
			m.shell_drafts_rows({ count: 2 }).replace('2', '0'),
		);
		expect(m.shell_drafts_rows({ count: 1 })).not.toBe(
			m.shell_drafts_rows({ count: 2 }).replace('2', '1'),
		);
		await loadMessages('pt');
		expect(m.shell_drafts_rows({ count: 0 })).toBe(
			m.shell_drafts_rows({ count: 1 }).replace('1', '0'),
		);
		expect(m.shell_drafts_rows({ count: 2 })).not.toBe(
			m.shell_drafts_rows({ count: 1 }).replace('1', '2'),
		);
	});

	it('a message with two counts chooses each form on its own', async () => {
		await loadMessages('en');
		expect(m.import_paste_shape({ rows: 1, cells: 1 })).toBe('1 row of 1 cell');
		expect(m.import_paste_shape({ rows: 1, cells: 3 })).toBe('1 row of 3 cells');
		expect(m.import_paste_shape({ rows: 2, cells: 1 })).toBe('2 rows of 1 cell');
		expect(m.import_paste_shape({ rows: 2000, cells: 5 })).toBe('2,000 rows of 5 cells');
	});
});
