// The pseudo-locale of the browser tests: English with accents, 40 % longer and in brackets, so
// a hard-coded string (no accents, no brackets) and a layout that breaks with longer text both
// show. Placeholders stay untouched: numbers still count and plurals still choose.

const ACCENTS: Record<string, string> = {
	a: 'á',
	b: 'ƀ',
	c: 'ç',
	d: 'đ',
	e: 'é',
	f: 'ƒ',
	g: 'ĝ',
	h: 'ĥ',
	i: 'í',
	j: 'ĵ',
	k: 'ķ',
	l: 'ľ',
	m: 'ɱ',
	n: 'ñ',
	o: 'ó',
	p: 'þ',
	q: 'ʠ',
	r: 'ŕ',
	s: 'š',
	t: 'ţ',
	u: 'ú',
	v: 'ṽ',
	w: 'ŵ',
	x: 'ẋ',
	y: 'ý',
	z: 'ž',
	A: 'Á',
	B: 'Ɓ',
	C: 'Ç',
	D: 'Đ',
	E: 'É',
	F: 'Ƒ',
	G: 'Ĝ',
	H: 'Ĥ',
	I: 'Í',
	J: 'Ĵ',
	K: 'Ķ',
	L: 'Ľ',
	M: 'Ṁ',
	N: 'Ñ',
	O: 'Ó',
	P: 'Þ',
	Q: 'Ǫ',
	R: 'Ŕ',
	S: 'Š',
	T: 'Ţ',
	U: 'Ú',
	V: 'Ṽ',
	W: 'Ŵ',
	X: 'Ẋ',
	Y: 'Ý',
	Z: 'Ž',
};

/** Marks the pseudo text opens and closes with: a test finds unmarked English by their absence. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

function accent(text: string): string {
	let out = '';
	for (const ch of text) out += ACCENTS[ch] ?? ch;
	return out;
}

/** One piece of message text, accented and padded to 140 % (at least one extra character). */
export function pseudoText(text: string): string {
	if (text.trim() === '') return text;
	const pad = '~'.repeat(Math.max(1, Math.round(text.length * 0.4)));
	return `${PSEUDO_OPEN}${accent(text)}${pad}${PSEUDO_CLOSE}`;
}

// Private-use characters cannot come from a message or a client's cell.
const SLOT = (i: number) => `\uE000${i}\uE001`;
const SLOTS = /\uE000(\d+)\uE001/g;

type MessageFn = (inputs?: Record<string, unknown>, options?: unknown) => string;

/**
 * A message function whose text is pseudo-localised and whose string placeholders come through
 * as they were (a client's name stays readable; numbers are passed on for plurals).
 */
export function pseudoMessage(fn: MessageFn): MessageFn {
	return (inputs, options) => {
		const kept: string[] = [];
		const slotted: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(inputs ?? {})) {
			if (typeof value === 'string') {
				slotted[key] = SLOT(kept.length);
				kept.push(value);
			} else slotted[key] = value;
		}
		const text = fn(slotted, options);
		// split() with a capture group alternates text and slot numbers.
		const body = text
			.split(SLOTS)
			.map((part, i) => (i % 2 === 1 ? (kept[Number(part)] ?? '') : accent(part)))
			.join('');
		return `${PSEUDO_OPEN}${body}${'~'.repeat(Math.max(1, Math.round(text.length * 0.4)))}${PSEUDO_CLOSE}`;
	};
}
