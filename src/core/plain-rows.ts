// Rows read straight from the file's bytes. Most rows of a client list are plain: one line, its
// quotes (if any) around whole cells, ASCII and Latin-1 letters (names and tags may hold any
// character), and every value as the rules want it. Such a row goes from the bytes into a block
// (narrow-builder.ts) with no string per cell (but a name past Latin-1), no record from papaparse
// and no pass of the rules over strings: in Node that work was two thirds of an import (issue
// 16). Anything else (a quote within a cell, a character past U+00FF outside a name or a tag, a
// space to trim, any issue at all) leaves the line to the text path (decode.ts, csv-reader.ts,
// validate.ts), which reads it as it always did. So what is accepted here must be exactly what
// that path stores and finds nothing to say about: test/unit/properties/plain-rows.property.test.ts
// holds the two to it.
import type { ClientRecord } from './record.ts';
import { recordOf, type ColumnIndexes } from './row-cells.ts';
import type { NarrowBuilder } from './narrow-builder.ts';
import type { BytesRow } from './record-store.ts';
import { FNV_OFFSET, FNV_PRIME } from './key-index.ts';
import { isRealDate } from './dates.ts';
import { MAX_LENGTH } from './limits.ts';
import { EXAMPLE_EMAIL } from './template-example.ts';
import { EARLIEST_BIRTH_YEAR, isFormulaStart, MIN_PASSWORD_LENGTH } from './rules.ts';
import { NOT_LOCAL_CHARACTERS } from './email-shape.ts';
import type { Delimiter } from './csv-reader.ts';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const AT = 0x40;
const DOT = 0x2e;
const HYPHEN = 0x2d;
const NBSP_LEAD = 0xc2;
const NBSP_TAIL = 0xa0;

/**
 * What each byte is to an address's local part: text, or not (the bytes the address check
 * refuses there, email-shape.ts NOT_LOCAL, `@` among them; an upper-case letter, which the rules
 * report; anything past ASCII, which they read through Unicode).
 */
const LOCAL_TEXT = 0;
const LOCAL = new Uint8Array(256).fill(1, 0x80);
for (const ch of NOT_LOCAL_CHARACTERS) LOCAL[ch.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) LOCAL[c] = 1;
/** And to its domain: a lower-case letter, a digit or a hyphen (not in a top level), a dot, or
 * anything else. */
const DOMAIN_LETTER = 0;
const DOMAIN_INNER = 1;
const DOMAIN_DOT = 2;
const DOMAIN_OTHER = 3;
const DOMAIN = new Uint8Array(256).fill(DOMAIN_OTHER);
for (let c = 97; c <= 122; c++) DOMAIN[c] = DOMAIN_LETTER;
for (let c = 48; c <= 57; c++) DOMAIN[c] = DOMAIN_INNER;
DOMAIN[HYPHEN] = DOMAIN_INNER;
DOMAIN[DOT] = DOMAIN_DOT;

const EXAMPLE = new TextEncoder().encode(EXAMPLE_EMAIL);
const utf8 = new TextDecoder();

/** `c` follows lead byte `kind` (LEAD_C2, LEAD_C3) in a character of U+00A0–U+00FF. */
const latin1Tail = (kind: number, c: number) =>
	kind === LEAD_C3 ? (c & 0xc0) === 0x80 : c >= 0xa0 && c <= 0xbf;

/**
 * The length of the UTF-8 character at `i` whose first byte is of `kind` (WIDE_2 … WIDE_4), or 0
 * when the bytes are not one as a fatal TextDecoder reads them (the text path's): no overlong
 * form, no surrogate, nothing past U+10FFFF.
 */
function wideLength(kind: number, src: Uint8Array, i: number): number {
	const b = src[i] as number;
	const c1 = src[i + 1] ?? 0;
	if (kind === WIDE_2) return (c1 & 0xc0) === 0x80 ? 2 : 0;
	const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
	const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
	if (c1 < low || c1 > high || ((src[i + 2] ?? 0) & 0xc0) !== 0x80) return 0;
	if (kind === WIDE_3) return 3;
	return ((src[i + 3] ?? 0) & 0xc0) === 0x80 ? 4 : 0;
}

/** What `String#trim` takes off in ASCII (LF and CR never reach a cell here). */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * What each byte is to a line's cells (PlainRow's `#kinds`): a character of text, the
 * delimiter, a line's end (LF, or the CR of a CRLF), the first byte of a two-byte character of
 * Latin-1, of another character (WIDE_2 … WIDE_4: its length in bytes), a quote, or anything
 * else (a byte that starts no character): not plain.
 */
const TEXT = 0;
const SEPARATOR = 1;
const LINE_END = 2;
const CR_END = 3;
const LEAD_C2 = 4;
const LEAD_C3 = 5;
const NOT_PLAIN = 6;
/** A quote: plain only as a cell's first byte, quoting it whole (`#cells`). */
const QUOTED = 7;
/**
 * The first byte of a character past U+00FF (CJK names, an emoji): a name or a tag may hold them
 * (the value is then stored apart, as a string: narrow-text.ts), no other field.
 */
const WIDE_2 = 8;
const WIDE_3 = 9;
const WIDE_4 = 10;

/** The stored fields a plain row reads from its columns, in stored order (record-store.ts). */
const EMAIL = 0;
const PASSWORD = 1;
const FIRST = 2;
const LAST = 3;
const BIRTHDATE = 4;
const GENDER = 5;
const EXTERNAL_ID = 6;

/**
 * Reads plain rows under one header: `read` checks a line, and the row it accepted is then
 * added to a block by the caller (`build`, through RecordStore.pushBytes).
 */
export class PlainRow implements BytesRow {
	row = 0;
	/** `hashString` of the email key, and of the external ID (0: none). */
	emailHash = 0;
	idHash = 0;
	#src: Uint8Array = new Uint8Array(0);
	// No more fields than these (the line's width is #from's length, the wide cells' state one
	// object): with a fifteenth, V8 read the usual rows 10–15 % slower (Node 20, 200,000 rows).
	readonly #at: ColumnIndexes;
	/** What each byte value is (TEXT … NOT_PLAIN). */
	readonly #kinds = new Uint8Array(256);
	readonly #today: number;
	/** Column of each stored field (EMAIL … EXTERNAL_ID), -1 for an external ID without one. */
	readonly #fields: Int32Array;
	readonly #tags: Int32Array;
	/** Columns whose cells must be empty: blank-header columns and the ones left out. */
	readonly #empty: Int32Array;
	/** Per column of the line read last: its bytes [from, to) and its characters. */
	readonly #from: Int32Array;
	readonly #to: Int32Array;
	readonly #chars: Int32Array;
	readonly #wide: WideCells;

	private constructor(at: ColumnIndexes, delimiter: Delimiter, today: number) {
		this.#at = at;
		const kinds = this.#kinds;
		kinds.fill(NOT_PLAIN, 0x80);
		kinds[delimiter.charCodeAt(0)] = SEPARATOR;
		kinds[LF] = LINE_END;
		kinds[CR] = CR_END;
		kinds[QUOTE] = QUOTED;
		kinds[0xc2] = LEAD_C2;
		kinds[0xc3] = LEAD_C3;
		kinds.fill(WIDE_2, 0xc4, 0xe0);
		kinds.fill(WIDE_3, 0xe0, 0xf0);
		kinds.fill(WIDE_4, 0xf0, 0xf5);
		this.#today = today;
		this.#fields = Int32Array.from([
			at.email_address,
			at.initial_password,
			at.first_name,
			at.last_name,
			at.birthdate,
			at.gender,
			at.external_id,
		]);
		this.#tags = Int32Array.from(at.tags);
		const empty: number[] = [...at.leftOut];
		for (let i = 0; i < at.width; i++) if (at.blank[i]) empty.push(i);
		this.#empty = Int32Array.from(empty);
		this.#from = new Int32Array(at.width);
		this.#to = new Int32Array(at.width);
		this.#chars = new Int32Array(at.width);
		this.#wide = new WideCells(at);
	}

	/**
	 * A reader for rows under these columns, or null when no row can be plain: a required field
	 * without a column takes the mapping's fill or is missing on every row, which the text path
	 * says. `today`: YYYYMMDD.
	 */
	static under(at: ColumnIndexes, delimiter: Delimiter, today: string): PlainRow | null {
		const required = [at.email_address, at.initial_password, at.first_name, at.last_name];
		if ([...required, at.birthdate, at.gender].includes(-1)) return null;
		if (!/^\d{8}$/.test(today)) return null;
		return new PlainRow(at, delimiter, Number(today));
	}

	/**
	 * Reads the line of `src` that starts at `at` (its break an LF or a CRLF). Returns the next
	 * line's start when the line is a plain row, else -1; `row` is the caller's to set.
	 */
	read(src: Uint8Array, at: number): number {
		const wide = this.#wide;
		wide.count = 0;
		const next = this.#cells(src, at);
		if (next === -1 || (wide.count !== 0 && !wide.plain(src, this.#from, this.#to))) return -1;
		const fields = this.#fields;
		const from = this.#from;
		const to = this.#to;
		const chars = this.#chars;
		const email = fields[EMAIL] as number;
		if (this.emailHash === 0)
			this.emailHash = emailHash(src, from[email] as number, to[email] as number);
		if (this.emailHash === 0 || chars[email] !== (to[email] as number) - (from[email] as number))
			return -1;
		const pw = fields[PASSWORD] as number;
		if (!plainPassword(src, from[pw] as number, to[pw] as number, chars[pw] as number)) return -1;
		if (!this.#plainName(src, fields[FIRST] as number, MAX_LENGTH.first_name)) return -1;
		if (!this.#plainName(src, fields[LAST] as number, MAX_LENGTH.last_name)) return -1;
		const b = fields[BIRTHDATE] as number;
		if (!this.#plainDate(src, from[b] as number, to[b] as number)) return -1;
		const g = fields[GENDER] as number;
		if (!plainGender(src, from[g] as number, to[g] as number)) return -1;
		this.idHash = 0;
		const id = fields[EXTERNAL_ID] as number;
		if (id !== -1 && to[id] !== from[id]) {
			if (
				(chars[id] as number) > MAX_LENGTH.external_id ||
				!plainText(src, from[id] as number, to[id] as number)
			)
				return -1;
			this.idHash = hashUtf8(src, from[id] as number, to[id] as number);
		}
		const tags = this.#tags;
		for (let k = 0; k < tags.length; k++) {
			const t = tags[k] as number;
			if (to[t] !== from[t] && !this.#plainName(src, t, MAX_LENGTH.tag)) return -1;
		}
		const empty = this.#empty;
		for (let k = 0; k < empty.length; k++)
			if (to[empty[k] as number] !== from[empty[k] as number]) return -1;
		this.#src = src;
		return next;
	}

	/**
	 * Puts the row read last into `builder`, in stored order (record-store.ts pushValues); values
	 * past U+00FF go in as the strings `read` checked.
	 */
	build(builder: NarrowBuilder): void {
		const src = this.#src;
		const fields = this.#fields;
		for (let f = EMAIL; f <= EXTERNAL_ID; f++) {
			const c = fields[f] as number;
			if (c === -1) builder.pushUtf8(src, 0, 0, 0);
			else this.#push(builder, src, c);
		}
		builder.pushUtf8(src, 0, 0, 0);
		const tags = this.#tags;
		for (let k = 0; k < tags.length; k++) {
			const t = tags[k] as number;
			if (this.#to[t] !== this.#from[t]) this.#push(builder, src, t);
		}
	}

	#push(builder: NarrowBuilder, src: Uint8Array, c: number): void {
		const v = this.#wide.value(c);
		if (v !== null) return builder.pushString(v);
		builder.pushUtf8(src, this.#from[c] as number, this.#to[c] as number, this.#chars[c] as number);
	}

	/** The row read last as the text path makes it (row-cells.ts recordOf). */
	record(): ClientRecord {
		const cells = Array.from(this.#from, (from, c) =>
			utf8.decode(this.#src.subarray(from, this.#to[c])),
		);
		return recordOf(cells, this.row, this.#at);
	}

	/**
	 * Finds the line's cells: exactly the header's width of them, no CR but the one of a CRLF (a
	 * CR alone breaks a line too: the reader's to split), valid UTF-8 with nothing below U+00A0
	 * past ASCII (the cells with characters past U+00FF noted in #wide, for `read` to check). A
	 * quote may only open a cell and close it, the delimiter inside ("García, Jr.", a quarter of
	 * the bench file's other lines): no quote within, doubled or not, and no line break. Returns
	 * the next line's start, or -1.
	 */
	#cells(src: Uint8Array, at: number): number {
		const kinds = this.#kinds;
		const width = this.#from.length;
		const from = this.#from;
		const to = this.#to;
		const chars = this.#chars;
		const end = src.length;
		let col = 0;
		let start = at;
		// Bytes of the cell so far past its characters (one a two-byte character, and so on).
		let less = 0;
		/** The closing quote of a quoted cell, where its value ends; -1 for a cell not quoted. */
		let close = -1;
		let wide = false;
		// The address is read (and hashed) where its cell starts, in the one pass over it that the
		// other cells get (#emailAt); a quoted one is left to `read`.
		const email = this.#fields[EMAIL] as number;
		this.emailHash = 0;
		let i = at;
		if (email === 0 && (i = this.#emailAt(src, i)) === -1) return -1;
		while (i < end) {
			let kind = kinds[src[i] as number] as number;
			// A cell's text in a loop of its own: through the loop below a byte at a time, its tests
			// took 8–18 % longer (Node, the 1M file's plain rows read and built, alternated).
			if (kind === TEXT) {
				while (++i < end && (kind = kinds[src[i] as number] as number) === TEXT);
				if (i === end) break;
			}
			if (kind === LEAD_C2 || kind === LEAD_C3) {
				if (!latin1Tail(kind, src[i + 1] ?? 0)) return -1;
				less++;
				i += 2;
				continue;
			}
			if (kind >= WIDE_2) {
				const n = wideLength(kind, src, i);
				if (n === 0) return -1;
				less += n - 1;
				wide = true;
				i += n;
				continue;
			}
			if (kind === QUOTED) {
				if (i !== start) return -1;
				start = ++i;
				for (; i < end; i++) {
					kind = kinds[src[i] as number] as number;
					if (kind === TEXT || kind === SEPARATOR) continue;
					if (kind === LEAD_C2 || kind === LEAD_C3) {
						if (!latin1Tail(kind, src[i + 1] ?? 0)) return -1;
						less++;
						i++;
					} else if (kind >= WIDE_2) {
						const n = wideLength(kind, src, i);
						if (n === 0) return -1;
						less += n - 1;
						wide = true;
						i += n - 1;
					} else break;
				}
				if (kind !== QUOTED || i >= end) return -1;
				close = i++;
				kind = kinds[src[i] ?? QUOTE] as number;
				if (kind !== SEPARATOR && kind !== LINE_END && kind !== CR_END) return -1;
			}
			if (kind === SEPARATOR) {
				if (col === width - 1) return -1;
			} else if (kind === LINE_END) {
				if (col !== width - 1) return -1;
			} else if (kind !== CR_END || src[i + 1] !== LF || col !== width - 1) return -1;
			const stop = close === -1 ? i : close;
			from[col] = start;
			to[col] = stop;
			chars[col] = stop - start - less;
			if (wide) {
				this.#wide.add(col);
				wide = false;
			}
			if (kind === LINE_END) return i + 1;
			if (kind === CR_END) return i + 2;
			col++;
			start = ++i;
			less = 0;
			close = -1;
			if (col === email && (i = this.#emailAt(src, i)) === -1) return -1;
		}
		return -1;
	}

	/**
	 * Reads the address whose cell starts at `at`: its end (the byte after it, which must end the
	 * cell), with `emailHash` set; `at` itself for a quoted cell, which `read` hashes once it
	 * is found; -1 for a line that cannot be plain (an address the rules have something to say
	 * about).
	 */
	#emailAt(src: Uint8Array, at: number): number {
		if (src[at] === QUOTE) return at;
		const stop = emailEnd(src, at);
		if (stop === -1) return -1;
		const kind = this.#kinds[src[stop] ?? QUOTE] as number;
		if (kind !== SEPARATOR && kind !== LINE_END && kind !== CR_END) return -1;
		this.emailHash = scanned.hash;
		return stop;
	}

	/** Column `c`'s cell is a non-empty name (or tag) of at most `max` characters the rules take. */
	#plainName(src: Uint8Array, c: number, max: number): boolean {
		const n = this.#chars[c] as number;
		return n !== 0 && n <= max && plainText(src, this.#from[c] as number, this.#to[c] as number);
	}

	/** YYYYMMDD, a real date from 1900 to today (rules.ts checkDateParts, canonical). */
	#plainDate(src: Uint8Array, from: number, to: number): boolean {
		if (to - from !== 8) return false;
		let n = 0;
		for (let i = from; i < to; i++) {
			const d = (src[i] as number) - 48;
			if (d < 0 || d > 9) return false;
			n = n * 10 + d;
		}
		const year = Math.floor(n / 10000);
		return (
			isRealDate(year, Math.floor(n / 100) % 100, n % 100) &&
			year >= EARLIEST_BIRTH_YEAR &&
			n <= this.#today
		);
	}
}

/**
 * `hashString` of the address in `src[from, to)` (its key: it is ASCII in lower case), or 0 when
 * the rules would say something about it (email-shape.ts: the shape, lower case, not the
 * template's example, no formula start, at most 64 bytes so no length limit applies).
 */
function emailHash(src: Uint8Array, from: number, to: number): number {
	return emailEnd(src, from, to) === to ? scanned.hash : 0;
}

/**
 * The hash `emailEnd` found last. A field and not a module's `let`: where V8 compresses pointers
 * (Chromium) a hash past ±2^30 stored in a `let` is a new heap number each time, half the rows;
 * an object's field is written in place.
 */
const scanned = { hash: 0 };

/**
 * Reads an address from `from`, up to `to` at most: where it ends (the first byte that is not
 * part of it), with its hash in `scanned.hash`; or -1 when the rules would say something about
 * it. The hash goes in `scanned`, not in a returned pair, so that the loop allocates nothing.
 */
function emailEnd(src: Uint8Array, from: number, to = src.length): number {
	const first = src[from] as number;
	if (first === 61 || first === 43 || first === 45) return -1;
	let h = FNV_OFFSET;
	let i = from;
	let c = 0;
	for (; i < to; i++) {
		c = src[i] as number;
		if (LOCAL[c] !== LOCAL_TEXT) break;
		h = Math.imul(h ^ c, FNV_PRIME);
	}
	if (i === from || i === to || c !== AT) return -1;
	h = Math.imul(h ^ AT, FNV_PRIME);
	// Labels of lower-case letters, digits and inner hyphens, each ended by a dot; then a top
	// level of two letters or more.
	let label = i + 1;
	let dots = 0;
	let letters = 0;
	for (i = label; i < to; i++) {
		c = src[i] as number;
		const kind = DOMAIN[c] as number;
		if (kind === DOMAIN_LETTER) letters++;
		else if (kind === DOMAIN_DOT) {
			if (i === label || src[label] === HYPHEN || src[i - 1] === HYPHEN) return -1;
			dots++;
			label = i + 1;
			letters = 0;
		} else if (kind === DOMAIN_OTHER) break;
		else letters = -(1 << 30);
		h = Math.imul(h ^ c, FNV_PRIME);
	}
	// `letters` counts the top level's letters, and is negative once it held anything else.
	const n = i - from;
	if (n > MAX_LENGTH.email_local_part || dots === 0 || letters < 2 || letters !== i - label)
		return -1;
	// The template's example address. A loop, not `EXAMPLE.every(…)`: a closure over `src` and
	// `from` made V8 keep both in a context made on every call, ~35–48 bytes a row for the
	// collector; nor a function of its own, with which this ran 2× slower in Chromium here.
	if (n === EXAMPLE.length) {
		let k = 0;
		while (k < n && src[from + k] === EXAMPLE[k]) k++;
		if (k === n) return -1;
	}
	scanned.hash = h | 0 || 1;
	return i;
}

/**
 * What each byte adds to a password's classes (`plainPassword`): an upper-case letter 1, a
 * lower-case one 2, a digit 4, a symbol 8, a space nothing, and DEL or anything past ASCII 16,
 * which no password the rules take as it is has. A table and not a chain of tests: a password's
 * characters are random, and the tests' branches guessed wrong on most of them.
 */
const PASSWORD_CLASS = new Uint8Array(256).fill(16, 127);
for (let c = 33; c < 127; c++) PASSWORD_CLASS[c] = 8;
for (let c = 65; c <= 90; c++) PASSWORD_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) PASSWORD_CLASS[c] = 2;
for (let c = 48; c <= 57; c++) PASSWORD_CLASS[c] = 4;
for (let c = 0; c < 33; c++) if (!isSpace(c)) PASSWORD_CLASS[c] = 8;

/**
 * A password the rules take as it is (rules.ts checkPassword): ASCII, 8 to 128 characters, an
 * upper-case and a lower-case letter, a digit and a symbol, no space at either end, no formula
 * start. DEL and anything past ASCII go to Unicode's classes there: not plain.
 */
function plainPassword(src: Uint8Array, from: number, to: number, chars: number): boolean {
	const n = to - from;
	if (chars !== n || n < MIN_PASSWORD_LENGTH || n > MAX_LENGTH.initial_password) return false;
	if (isFormulaStart(src[from] as number)) return false;
	if (isSpace(src[from] as number) || isSpace(src[to - 1] as number)) return false;
	let bits = 0;
	for (let i = from; i < to; i++) bits |= PASSWORD_CLASS[src[i] as number] as number;
	return bits === 15;
}

/** A name, tag or ID the rules take: no space to trim at either end, no formula start. */
function plainText(src: Uint8Array, from: number, to: number): boolean {
	const first = src[from] as number;
	if (isFormulaStart(first) || isSpace(first) || isSpace(src[to - 1] as number)) return false;
	// A no-break space is what String#trim also takes off in Latin-1.
	if (first === NBSP_LEAD && src[from + 1] === NBSP_TAIL) return false;
	return !(to - from >= 2 && src[to - 2] === NBSP_LEAD && src[to - 1] === NBSP_TAIL);
}

/** "male" or "female", as the template writes them. */
function plainGender(src: Uint8Array, from: number, to: number): boolean {
	const n = to - from;
	if (n === 4)
		return (
			src[from] === 109 && src[from + 1] === 97 && src[from + 2] === 108 && src[from + 3] === 101
		);
	return (
		n === 6 &&
		src[from] === 102 &&
		src[from + 1] === 101 &&
		src[from + 2] === 109 &&
		src[from + 3] === 97 &&
		src[from + 4] === 108 &&
		src[from + 5] === 101
	);
}

/** `hashString` of the value whose bytes these are (ASCII and two-byte Latin-1 only). */
function hashUtf8(src: Uint8Array, from: number, to: number): number {
	let h = FNV_OFFSET;
	for (let i = from; i < to; i++) {
		const b = src[i] as number;
		const c = b < 0x80 ? b : ((b & 0x1f) << 6) | ((src[++i] as number) & 0x3f);
		h = Math.imul(h ^ c, FNV_PRIME);
	}
	return h | 0 || 1;
}

/** The cells of a line that hold characters past U+00FF (PlainRow's). */
class WideCells {
	count = 0;
	readonly #columns: Int32Array;
	readonly #values: string[] = [];
	/** Per column: a name or a tag, whose cells may hold such characters. */
	readonly #mayBe: Uint8Array;

	constructor(at: ColumnIndexes) {
		this.#columns = new Int32Array(at.width);
		this.#mayBe = new Uint8Array(at.width);
		for (const c of [at.first_name, at.last_name, ...at.tags]) this.#mayBe[c] = 1;
	}

	add(column: number): void {
		this.#columns[this.count++] = column;
	}

	/**
	 * They are names or tags, and `trim` (which takes off Unicode's spaces too, U+3000 and the
	 * like) leaves them as they are; their values are kept for `value`. The rest of a name's
	 * checks hold for them as for any (PlainRow counts code points, as the length limits do).
	 */
	plain(src: Uint8Array, from: Int32Array, to: Int32Array): boolean {
		for (let k = 0; k < this.count; k++) {
			const c = this.#columns[k] as number;
			if (this.#mayBe[c] !== 1) return false;
			const v = utf8.decode(src.subarray(from[c], to[c]));
			if (v.trim().length !== v.length) return false;
			this.#values[k] = v;
		}
		return true;
	}

	/** Column `c`'s value when it is one of them, else null. */
	value(c: number): string | null {
		for (let k = 0; k < this.count; k++)
			if (this.#columns[k] === c) return this.#values[k] as string;
		return null;
	}
}
