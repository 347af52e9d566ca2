// HTML character references as the spreadsheet apps write them on the clipboard (markup
// characters, spaces, accented letters, typographic marks), decoded without a DOM: the pasted
// cells are read in Node tests and the worker too.

// The names Excel, Google Sheets and Numbers use; an unknown name stays as written, as a
// browser shows it.
const NAMED: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ensp: ' ',
	emsp: ' ',
	thinsp: ' ',
	shy: '',
	zwnj: '',
	zwj: '',
	ndash: '–',
	mdash: '—',
	lsquo: '‘',
	rsquo: '’',
	sbquo: '‚',
	ldquo: '“',
	rdquo: '”',
	bdquo: '„',
	hellip: '…',
	bull: '•',
	middot: '·',
	euro: '€',
	pound: '£',
	yen: '¥',
	cent: '¢',
	copy: '©',
	reg: '®',
	trade: '™',
	deg: '°',
	plusmn: '±',
	times: '×',
	divide: '÷',
	sect: '§',
	para: '¶',
	laquo: '«',
	raquo: '»',
	iexcl: '¡',
	iquest: '¿',
	ordf: 'ª',
	ordm: 'º',
	micro: 'µ',
	szlig: 'ß',
	OElig: 'Œ',
	oelig: 'œ',
	Scaron: 'Š',
	scaron: 'š',
	Yuml: 'Ÿ',
	yuml: 'ÿ',
	AElig: 'Æ',
	aelig: 'æ',
	ETH: 'Ð',
	eth: 'ð',
	THORN: 'Þ',
	thorn: 'þ',
	Oslash: 'Ø',
	oslash: 'ø',
	Aring: 'Å',
	aring: 'å',
};
// Accented letters by entity name: `eacute` → é, `Ntilde` → Ñ.
const MARKS: Record<string, string> = {
	acute: '\u0301',
	grave: '\u0300',
	circ: '\u0302',
	tilde: '\u0303',
	uml: '\u0308',
	cedil: '\u0327',
};
const ACCENTED = /^([AEIOUYCNaeiouycn])(acute|grave|circ|tilde|uml|cedil)$/;

function namedEntity(name: string): string | null {
	const known = NAMED[name];
	if (known !== undefined) return known;
	const m = ACCENTED.exec(name);
	if (!m) return null;
	const letter = `${m[1]}${MARKS[m[2] as string]}`.normalize('NFC');
	return letter.length === 1 ? letter : null;
}

/** Decodes `&name;`, `&#10;` and `&#x41;`; anything else stays as written. */
export function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(
		/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/g,
		(all, body: string) => {
			if (body.startsWith('#')) {
				const hex = body[1] === 'x' || body[1] === 'X';
				const code = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
				// As browsers do: NUL, surrogates and beyond Unicode read as the replacement character.
				if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
				return String.fromCodePoint(code);
			}
			if (!all.endsWith(';')) return all;
			return namedEntity(body) ?? all;
		},
	);
}
