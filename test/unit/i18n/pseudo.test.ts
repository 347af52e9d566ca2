// The pseudo-locale the browser tests use to find hard-coded English and layouts that break with
// longer text: accented, 40 % longer, in marks; a client's name passed in stays as it was, and a
// count still chooses the plural.
import { afterEach, describe, expect, it } from 'vitest';
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoMessage, pseudoText } from '../../../src/i18n/pseudo.ts';
import { isPseudo, loadMessages, m } from '../../../src/i18n/messages.ts';

afterEach(async () => {
	await loadMessages('en');
});

const inner = (s: string) => s.slice(PSEUDO_OPEN.length, -PSEUDO_CLOSE.length);

describe('pseudoText', () => {
	it('accents every letter and keeps the rest', () => {
		const out = pseudoText('Save 3 drafts, now!');
		expect(out.startsWith(PSEUDO_OPEN) && out.endsWith(PSEUDO_CLOSE)).toBe(true);
		expect(inner(out).replace(/~+$/, '')).toBe('Šáṽé 3 đŕáƒţš, ñóŵ!');
		expect(out).not.toMatch(/[a-zA-Z]/);
	});

	it('is at least 40 % longer than the English', () => {
		for (const text of ['OK', 'Import', 'Choose a CSV file', 'x'.repeat(100)]) {
			const padded = inner(pseudoText(text));
			expect(padded.length, text).toBeGreaterThanOrEqual(Math.round(text.length * 1.4));
			expect(padded.length, text).toBeGreaterThan(text.length);
		}
	});

	it('leaves blank text blank (no marks around nothing)', () => {
		expect(pseudoText('')).toBe('');
		expect(pseudoText('  ')).toBe('  ');
	});
});

describe('pseudoMessage', () => {
	const greet = (inputs?: Record<string, unknown>) => `Hello ${String(inputs?.name)}, welcome`;

	it('keeps string placeholders verbatim (a client name is not accented)', () => {
		const out = pseudoMessage(greet)({ name: 'Zoë Baker <b>x</b>' });
		expect(out).toContain('Zoë Baker <b>x</b>');
		expect(out).toContain('Ĥéľľó');
		expect(out).toContain('ŵéľçóɱé');
		expect(out.startsWith(PSEUDO_OPEN) && out.endsWith(PSEUDO_CLOSE)).toBe(true);
	});

	it('passes numbers on, so a count still chooses the plural', () => {
		const rows = (inputs?: Record<string, unknown>) =>
			inputs?.count === 1 ? '1 row' : `${String(inputs?.count)} rows`;
		const fn = pseudoMessage(rows);
		expect(inner(fn({ count: 1 }))).toMatch(/^1 ŕóŵ~+$/);
		expect(inner(fn({ count: 4 }))).toMatch(/^4 ŕóŵš~+$/);
	});

	it('the loaded pseudo-locale pseudo-localises the real messages, plurals included', async () => {
		await loadMessages('en', true);
		expect(isPseudo()).toBe(true);
		const one = m.shell_drafts_rows({ count: 1 });
		const many = m.shell_drafts_rows({ count: 1204 });
		expect(one).toMatch(/^⟦1 ŕóŵ~+⟧$/);
		expect(many).toMatch(/^⟦1,204 ŕóŵš~+⟧$/);
		await loadMessages('en');
		expect(isPseudo()).toBe(false);
		expect(m.shell_drafts_rows({ count: 1 })).toBe('1 row');
	});
});
