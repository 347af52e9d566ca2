// A temporary password as a client reads it off paper: groups of four, each character classified,
// look-alikes named ("zero", "capital O"), and a spoken spelling for screen readers.

export interface Glyph {
	char: string;
	kind: 'upper' | 'lower' | 'digit' | 'symbol' | 'space' | 'other';
	/** A caption for characters easily misread on paper; null when the shape speaks for itself. */
	name: string | null;
}

export const GROUP_SIZE = 4;

// The characters people mix up copying from print: digit/letter shapes, capitals shaped like their
// small letter, and marks so small they vanish on a poor printout. Other digits need no caption:
// the printed password underlines every digit.
const LOOK_ALIKE_NAMES: Record<string, string> = {
	'0': 'zero',
	O: 'capital O',
	o: 'small o',
	'1': 'one',
	l: 'small L',
	I: 'capital i',
	'|': 'bar',
	S: 'capital S',
	s: 'small s',
	Z: 'capital Z',
	z: 'small z',
	U: 'capital U',
	u: 'small u',
	V: 'capital V',
	v: 'small v',
	' ': 'space',
	'\t': 'tab',
	'.': 'full stop',
	',': 'comma',
	':': 'colon',
	';': 'semicolon',
	"'": 'apostrophe',
	'`': 'backtick',
	'"': 'double quote',
	// Sits on the box's bottom edge, where it is easily taken for part of the box.
	_: 'underscore',
};

const SYMBOL_NAMES: Record<string, string> = {
	'!': 'exclamation mark',
	'"': 'double quote',
	'#': 'hash',
	$: 'dollar sign',
	'%': 'percent sign',
	'&': 'ampersand',
	"'": 'apostrophe',
	'(': 'left parenthesis',
	')': 'right parenthesis',
	'*': 'asterisk',
	'+': 'plus',
	',': 'comma',
	'-': 'hyphen',
	'.': 'full stop',
	'/': 'slash',
	':': 'colon',
	';': 'semicolon',
	'<': 'less-than sign',
	'=': 'equals',
	'>': 'greater-than sign',
	'?': 'question mark',
	'@': 'at sign',
	'[': 'left square bracket',
	'\\': 'backslash',
	']': 'right square bracket',
	'^': 'caret',
	_: 'underscore',
	'`': 'backtick',
	'{': 'left curly bracket',
	'|': 'vertical bar',
	'}': 'right curly bracket',
	'~': 'tilde',
};

function codePointLabel(char: string): string {
	return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function classify(char: string): Glyph['kind'] {
	if (/^[0-9]$/.test(char)) return 'digit';
	if (/^[!-/:-@[-`{-~]$/.test(char)) return 'symbol';
	if (/^\s$/u.test(char)) return 'space';
	if (/^\p{Lu}$/u.test(char)) return 'upper';
	if (/^\p{Ll}$/u.test(char)) return 'lower';
	return 'other';
}

function glyph(char: string): Glyph {
	const kind = classify(char);
	const ascii = (char.codePointAt(0) ?? 0) < 0x80;
	// Outside ASCII the shape may copy a plain letter (é, Cyrillic а): the code point tells them apart.
	const name = LOOK_ALIKE_NAMES[char] ?? (ascii ? null : codePointLabel(char));
	return { char, kind, name };
}

/** Code points (an emoji is one glyph), in groups of four for reading aloud and typing. */
export function passwordGlyphs(password: string): Glyph[][] {
	const glyphs = Array.from(password, glyph);
	const groups: Glyph[][] = [];
	for (let i = 0; i < glyphs.length; i += GROUP_SIZE) groups.push(glyphs.slice(i, i + GROUP_SIZE));
	return groups;
}

/** How to say one character: "capital K", "small k", "digit 7", "hash". */
export function describeGlyph(g: Glyph): string {
	switch (g.kind) {
		case 'upper':
			return `capital ${g.char}`;
		case 'lower':
			return `small ${g.char}`;
		case 'digit':
			return `digit ${g.char}`;
		case 'symbol':
			return SYMBOL_NAMES[g.char] ?? `symbol ${g.char}`;
		case 'space':
			return g.char === ' ' ? 'space' : `space character ${codePointLabel(g.char)}`;
		case 'other':
			return `character ${g.char} (${codePointLabel(g.char)})`;
	}
}
