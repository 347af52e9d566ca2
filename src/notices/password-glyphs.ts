// A temporary password as a client reads it off paper: groups of four, each character classified,
// look-alikes named ("zero", "capital O"), and a spoken spelling for screen readers, in the
// notice's language (`t`: the app's unless a print run chose another).
import { m, type Messages } from '../i18n/messages.ts';

export interface Glyph {
	char: string;
	kind: 'upper' | 'lower' | 'digit' | 'symbol' | 'space' | 'other';
	/** A caption for characters easily misread on paper; null when the shape speaks for itself. */
	name: string | null;
}

export const GROUP_SIZE = 4;

type Say = (t: Messages) => string;

// The characters people mix up copying from print: digit/letter shapes, capitals shaped like their
// small letter, and marks so small they vanish on a poor printout. Other digits need no caption:
// the printed password underlines every digit. Captions are in the notice's language, and short
// where its word is long ("min." for "minuscule"): a wide caption widens its character's column
// and pushes a long password onto a second line (the spoken spelling says the words in full).
const LOOK_ALIKE_NAMES: Record<string, Say> = {
	'0': (t) => t.notices_glyph_zero(),
	O: (t) => t.notices_glyph_caption_capital({ char: 'O' }),
	o: (t) => t.notices_glyph_caption_small({ char: 'o' }),
	'1': (t) => t.notices_glyph_one(),
	l: (t) => t.notices_glyph_caption_small({ char: 'L' }),
	I: (t) => t.notices_glyph_caption_capital({ char: 'i' }),
	'|': (t) => t.notices_glyph_bar(),
	S: (t) => t.notices_glyph_caption_capital({ char: 'S' }),
	s: (t) => t.notices_glyph_caption_small({ char: 's' }),
	Z: (t) => t.notices_glyph_caption_capital({ char: 'Z' }),
	z: (t) => t.notices_glyph_caption_small({ char: 'z' }),
	U: (t) => t.notices_glyph_caption_capital({ char: 'U' }),
	u: (t) => t.notices_glyph_caption_small({ char: 'u' }),
	V: (t) => t.notices_glyph_caption_capital({ char: 'V' }),
	v: (t) => t.notices_glyph_caption_small({ char: 'v' }),
	' ': (t) => t.notices_glyph_space(),
	'\t': (t) => t.notices_glyph_tab(),
	'.': (t) => t.notices_symbol_full_stop(),
	',': (t) => t.notices_symbol_comma(),
	':': (t) => t.notices_symbol_colon(),
	';': (t) => t.notices_symbol_semicolon(),
	"'": (t) => t.notices_symbol_apostrophe(),
	'`': (t) => t.notices_symbol_backtick(),
	'"': (t) => t.notices_symbol_double_quote(),
	// Sits on the box's bottom edge, where it is easily taken for part of the box.
	_: (t) => t.notices_symbol_underscore(),
};

const SYMBOL_NAMES: Record<string, Say> = {
	'!': (t) => t.notices_symbol_exclamation_mark(),
	'"': (t) => t.notices_symbol_double_quote(),
	'#': (t) => t.notices_symbol_hash(),
	$: (t) => t.notices_symbol_dollar_sign(),
	'%': (t) => t.notices_symbol_percent_sign(),
	'&': (t) => t.notices_symbol_ampersand(),
	"'": (t) => t.notices_symbol_apostrophe(),
	'(': (t) => t.notices_symbol_left_parenthesis(),
	')': (t) => t.notices_symbol_right_parenthesis(),
	'*': (t) => t.notices_symbol_asterisk(),
	'+': (t) => t.notices_symbol_plus(),
	',': (t) => t.notices_symbol_comma(),
	'-': (t) => t.notices_symbol_hyphen(),
	'.': (t) => t.notices_symbol_full_stop(),
	'/': (t) => t.notices_symbol_slash(),
	':': (t) => t.notices_symbol_colon(),
	';': (t) => t.notices_symbol_semicolon(),
	'<': (t) => t.notices_symbol_less_than(),
	'=': (t) => t.notices_symbol_equals(),
	'>': (t) => t.notices_symbol_greater_than(),
	'?': (t) => t.notices_symbol_question_mark(),
	'@': (t) => t.notices_symbol_at_sign(),
	'[': (t) => t.notices_symbol_left_square_bracket(),
	'\\': (t) => t.notices_symbol_backslash(),
	']': (t) => t.notices_symbol_right_square_bracket(),
	'^': (t) => t.notices_symbol_caret(),
	_: (t) => t.notices_symbol_underscore(),
	'`': (t) => t.notices_symbol_backtick(),
	'{': (t) => t.notices_symbol_left_curly_bracket(),
	'|': (t) => t.notices_symbol_vertical_bar(),
	'}': (t) => t.notices_symbol_right_curly_bracket(),
	'~': (t) => t.notices_symbol_tilde(),
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

function glyph(char: string, t: Messages): Glyph {
	const kind = classify(char);
	const ascii = (char.codePointAt(0) ?? 0) < 0x80;
	// Outside ASCII the shape may copy a plain letter (é, Cyrillic а): the code point tells them apart.
	const say = LOOK_ALIKE_NAMES[char];
	const name = say ? say(t) : ascii ? null : codePointLabel(char);
	return { char, kind, name };
}

/** Code points (an emoji is one glyph), in groups of four for reading aloud and typing. */
export function passwordGlyphs(password: string, t: Messages = m): Glyph[][] {
	const glyphs = Array.from(password, (char) => glyph(char, t));
	const groups: Glyph[][] = [];
	for (let i = 0; i < glyphs.length; i += GROUP_SIZE) groups.push(glyphs.slice(i, i + GROUP_SIZE));
	return groups;
}

/** How to say one character: "capital K", "small k", "digit 7", "hash". */
export function describeGlyph(g: Glyph): string {
	return describeGlyphIn(g, m);
}

/** describeGlyph in the language of `t`. */
export function describeGlyphIn(g: Glyph, t: Messages): string {
	const char = g.char;
	switch (g.kind) {
		case 'upper':
			return t.notices_glyph_capital({ char });
		case 'lower':
			return t.notices_glyph_small({ char });
		case 'digit':
			return t.notices_glyph_digit({ char });
		case 'symbol':
			return SYMBOL_NAMES[char]?.(t) ?? t.notices_glyph_symbol({ char });
		case 'space':
			return char === ' '
				? t.notices_glyph_space()
				: t.notices_glyph_space_character({ code: codePointLabel(char) });
		case 'other':
			return t.notices_glyph_character({ char, code: codePointLabel(char) });
	}
}
