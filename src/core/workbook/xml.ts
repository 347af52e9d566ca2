// Just enough XML for the small parts of a workbook package (rels, workbook, styles) and the text
// of strings: tags with their attributes, namespace prefixes stripped, entities and OOXML's
// `_xHHHH_` escapes decoded. Sheets are scanned by sheet.ts without building tags.

export interface Tag {
	/** Local name: `x:row` → `row`. */
	local: string;
	closing: boolean;
	selfClosing: boolean;
	/** Index of `<` and just past `>`. */
	start: number;
	end: number;
	/** The text between the name and `>` (attributes). */
	attrs: string;
}

/** Index of the `>` that ends the tag starting at `from`, skipping quoted attribute values. */
export function tagEnd(xml: string, from: number): number {
	let quote = 0;
	for (let i = from; i < xml.length; i++) {
		const c = xml.charCodeAt(i);
		if (quote) {
			if (c === quote) quote = 0;
		} else if (c === 34 || c === 39) quote = c;
		else if (c === 62) return i;
	}
	return -1;
}

function isNameEnd(c: number): boolean {
	return c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62 || Number.isNaN(c);
}

/** Every element tag in order; comments, processing instructions and doctype are skipped. */
export function* tags(xml: string, from = 0, to = xml.length): Generator<Tag> {
	let i = xml.indexOf('<', from);
	while (i >= 0 && i < to) {
		const next = xml.charCodeAt(i + 1);
		if (next === 33 /* ! */) {
			const close = xml.startsWith('<!--', i)
				? xml.indexOf('-->', i + 4) + 2
				: xml.startsWith('<![CDATA[', i)
					? xml.indexOf(']]>', i + 9) + 2
					: tagEnd(xml, i + 2);
			if (close < 2) return;
			i = xml.indexOf('<', close + 1);
			continue;
		}
		if (next === 63 /* ? */) {
			const close = xml.indexOf('?>', i + 2);
			if (close < 0) return;
			i = xml.indexOf('<', close + 2);
			continue;
		}
		const closing = next === 47;
		const nameStart = closing ? i + 2 : i + 1;
		let nameEnd = nameStart;
		while (nameEnd < xml.length && !isNameEnd(xml.charCodeAt(nameEnd))) nameEnd++;
		const end = tagEnd(xml, nameEnd);
		if (end < 0) return;
		const name = xml.slice(nameStart, nameEnd);
		const colon = name.indexOf(':');
		yield {
			local: colon >= 0 ? name.slice(colon + 1) : name,
			closing,
			selfClosing: xml.charCodeAt(end - 1) === 47,
			start: i,
			end: end + 1,
			attrs: xml.slice(nameEnd, xml.charCodeAt(end - 1) === 47 ? end - 1 : end),
		};
		i = xml.indexOf('<', end + 1);
	}
}

/** Attributes by their full name (`r:id`), values decoded. */
export function attributes(attrs: string): Map<string, string> {
	const out = new Map<string, string>();
	let i = 0;
	while (i < attrs.length) {
		const eq = attrs.indexOf('=', i);
		if (eq < 0) break;
		const name = attrs.slice(i, eq).trim();
		let q = eq + 1;
		while (q < attrs.length && attrs[q] !== '"' && attrs[q] !== "'") q++;
		const quote = attrs[q];
		if (quote === undefined) break;
		const close = attrs.indexOf(quote, q + 1);
		if (close < 0) break;
		out.set(name, decodeEntities(attrs.slice(q + 1, close)));
		i = close + 1;
	}
	return out;
}

/** An attribute by local name, whatever its prefix (`r:id`, `relationships:id` → `id`). */
export function attrByLocal(map: Map<string, string>, local: string, prefixed = false) {
	for (const [name, value] of map) {
		const colon = name.indexOf(':');
		if (prefixed && colon < 0) continue;
		if ((colon >= 0 ? name.slice(colon + 1) : name) === local) return value;
	}
	return undefined;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePoint(n: number, raw: string): string {
	return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : raw;
}

/** `&amp;`, `&#233;`, `&#xE9;`; an unknown entity is kept as written. */
export function decodeEntities(text: string): string {
	if (text.indexOf('&') < 0) return text;
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (raw, body: string) => {
		if (body.charCodeAt(0) === 35) {
			const hex = body.charCodeAt(1) === 120;
			return codePoint(parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10), raw);
		}
		return NAMED[body] ?? raw;
	});
}

/**
 * Text content as the pro typed it: entities, CDATA, XML's line-end normalisation (a literal CR
 * reads as LF) and OOXML's `_xHHHH_` escapes (Excel writes a CR inside a cell as `_x000D_`;
 * `_x005F_` escapes an underscore that would otherwise start one).
 */
export function decodeText(text: string): string {
	if (text.indexOf('<') >= 0 && text.indexOf('<![CDATA[') >= 0) {
		// CDATA sections are literal; only what is outside them is decoded.
		let out = '';
		let i = 0;
		for (;;) {
			const open = text.indexOf('<![CDATA[', i);
			if (open < 0) break;
			const close = text.indexOf(']]>', open + 9);
			out += decodeText(text.slice(i, open)) + text.slice(open + 9, close < 0 ? undefined : close);
			if (close < 0) return out;
			i = close + 3;
		}
		return out + decodeText(text.slice(i));
	}
	let out = decodeEntities(text);
	if (out.indexOf('\r') >= 0) out = out.replace(/\r\n?/g, '\n');
	if (out.indexOf('_x') >= 0)
		out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
			String.fromCharCode(parseInt(hex, 16)),
		);
	return out;
}

/**
 * The text of a string item (`<si>`, `<is>`): its `<t>` directly, or the `<t>` of each rich-text
 * run `<r>` joined; phonetic guides (`<rPh>`, furigana) are not part of the value.
 */
export function stringItemText(xml: string, from: number, to: number): string {
	// Fast path: a single plain `<t>` (by far the most common), checked going forward only.
	const first = xml.indexOf('<', from);
	if (first >= 0 && first < to && localIs(xml, first + 1, 't')) {
		const gt = xml.indexOf('>', first);
		const next = gt < 0 ? -1 : xml.indexOf('<', gt + 1);
		if (
			next >= 0 &&
			next < to &&
			xml.charCodeAt(gt - 1) !== 47 &&
			xml.charCodeAt(next + 1) === 47 &&
			localIs(xml, next + 2, 't') &&
			xml.indexOf('<', next + 2) >= to
		) {
			return decodeText(xml.slice(gt + 1, next));
		}
	}
	let out = '';
	let skipUntil = -1;
	let textStart = -1;
	for (const tag of tags(xml, from, to)) {
		if (tag.end <= skipUntil) continue;
		if (tag.local === 'rPh' && !tag.closing && !tag.selfClosing) {
			const close = xml.indexOf('rPh>', tag.end);
			skipUntil = close < 0 ? to : close + 4;
		} else if (tag.local === 't' && !tag.closing && !tag.selfClosing) textStart = tag.end;
		else if (tag.local === 't' && tag.closing && textStart >= 0) {
			out += decodeText(xml.slice(textStart, tag.start));
			textStart = -1;
		}
	}
	return out;
}

/**
 * The last occurrence of `needle`, searched forward in growing windows from the end: V8's own
 * lastIndexOf is many times slower on the megabyte strings a sheet is read in.
 */
export function lastIndexOf(s: string, needle: string): number {
	for (let window = 4096; ; window *= 16) {
		const start = Math.max(0, s.length - window);
		let found = -1;
		for (let i = s.indexOf(needle, start); i >= 0; i = s.indexOf(needle, i + 1)) found = i;
		if (found >= 0 || start === 0) return found;
	}
}

/** Whether the element name at `at` (after `<` or `</`) has local name `local`. */
function localIs(xml: string, at: number, local: string): boolean {
	let end = at;
	while (end < xml.length && !isNameEnd(xml.charCodeAt(end))) end++;
	let start = at;
	for (let i = at; i < end; i++) if (xml.charCodeAt(i) === 58) start = i + 1;
	return end - start === local.length && xml.startsWith(local, start);
}
