// Passwords as printed: groups of four code points, look-alikes named, spoken descriptions.
import { describe, expect, it } from 'vitest';
import { describeGlyph, passwordGlyphs } from '../../../src/notices/password-glyphs.ts';

const chars = (password: string) => passwordGlyphs(password).map((g) => g.map((x) => x.char));

describe('passwordGlyphs', () => {
	it('splits into groups of four', () => {
		expect(chars('Kx7#pQ2rZ')).toEqual([['K', 'x', '7', '#'], ['p', 'Q', '2', 'r'], ['Z']]);
		expect(passwordGlyphs('')).toEqual([]);
	});

	it('counts code points, not UTF-16 units', () => {
		const groups = passwordGlyphs('a😀b🔑cd');
		expect(groups.map((g) => g.length)).toEqual([4, 2]);
		expect(groups[0]?.[1]).toEqual({ char: '😀', kind: 'other', name: 'U+1F600' });
	});

	it('classifies each character', () => {
		const kinds = passwordGlyphs('Kk7# é').flat();
		expect(kinds.map((g) => g.kind)).toEqual([
			'upper',
			'lower',
			'digit',
			'symbol',
			'space',
			'lower',
		]);
	});

	it('names the characters read wrongly off paper', () => {
		const names = Object.fromEntries(
			passwordGlyphs('0Oo1lI| Kk')
				.flat()
				.map((g) => [g.char, g.name]),
		);
		expect(names).toEqual({
			'0': 'zero',
			O: 'capital O',
			o: 'small o',
			'1': 'one',
			l: 'small L',
			I: 'capital i',
			'|': 'bar',
			' ': 'space',
			K: null,
			k: null,
		});
		// A letter outside ASCII can pass for a plain one: its code point is the caption.
		expect(passwordGlyphs('а')[0]?.[0]?.name).toBe('U+0430');
	});
});

describe('describeGlyph', () => {
	const say = (password: string) => passwordGlyphs(password).flat().map(describeGlyph);

	it('says case, digit and symbol names', () => {
		expect(say('Kk7#@!-_=+?')).toEqual([
			'capital K',
			'small k',
			'digit 7',
			'hash',
			'at sign',
			'exclamation mark',
			'hyphen',
			'underscore',
			'equals',
			'plus',
			'question mark',
		]);
		expect(say('%&*^$ ')).toEqual([
			'percent sign',
			'ampersand',
			'asterisk',
			'caret',
			'dollar sign',
			'space',
		]);
	});

	it('spells out characters that are not on a keyboard', () => {
		expect(say('😀')).toEqual(['character 😀 (U+1F600)']);
	});
});
