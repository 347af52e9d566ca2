// Turns the bytes of a spreadsheet export into text: BOM sniffing, UTF-8 with a Windows-1252
// fallback (European Excel) for the whole file or for its lines that are not UTF-8, UTF-16 with
// or without a BOM, and recognising files that are not text at all.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Thrown when bytes turn out not to be UTF-8: the caller re-reads the file as Windows-1252. */
export class NotUtf8Error extends Error {
	constructor() {
		super('The file is not valid UTF-8');
		this.name = 'NotUtf8Error';
	}
}

export type BinaryKind = 'xlsx' | 'xls' | 'pdf' | 'binary';

/** How many first bytes decide whether a file is text: the same whatever size the chunks are. */
const SNIFF_LENGTH = 4096;

/** Workbooks (zip, OLE) and PDFs by their first bytes; the importer reads workbooks itself. */
function signature(head: Uint8Array): BinaryKind | null {
	const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
	if (starts(0x50, 0x4b, 0x03, 0x04)) return 'xlsx';
	if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'xls';
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
	return null;
}

/** Recognises common non-CSV uploads by their first bytes, so the message can say what to do. */
export function sniffBinary(head: Uint8Array, encoding: Encoding): BinaryKind | null {
	const kind = signature(head);
	if (kind !== null) return kind;
	if (encoding === 'utf-16le' || encoding === 'utf-16be') return null;
	let control = 0;
	const n = Math.min(head.length, SNIFF_LENGTH);
	for (let i = 0; i < n; i++) {
		const b = head[i] as number;
		if (b === 0) return 'binary';
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
	}
	return n > 0 && control / n > 0.1 ? 'binary' : null;
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node's TextDecoder decodes
// "windows-1252" as Latin-1, so the difference is applied here to behave the same everywhere.
const CP1252_HIGH =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_RANGE = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;
const latin1 = new TextDecoder('latin1');

function decodeWindows1252(bytes: Uint8Array): string {
	const text = latin1.decode(bytes);
	return HAS_C1.test(text)
		? text.replace(C1_RANGE, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string)
		: text;
}

export function detectBom(head: Uint8Array): { encoding: Encoding; length: number } | null {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
		return { encoding: 'utf-8', length: 3 };
	if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
	if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
	return null;
}

/**
 * Starts every line the decoder read as Windows-1252 inside an otherwise UTF-8 file: a
 * private-use character no export writes. CsvStreamReader takes it out of the cells and marks
 * the record `recoded`.
 */
export const RECODED_MARK = '\ue000';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Joins a line held from the chunk before with the chunk's whole lines, in buffers reused chunk
 * after chunk, and on the way turns each CRLF and lone CR into LF (UTF-8, where CR and LF are
 * one byte each). A Chromium profile of a 1M-row CRLF file put 0.43 s in a fresh array per
 * chunk and 0.73 s in the reader's string replace of CRLF and the flattening of the rope it
 * made; on bytes it is one pass. The reader still normalises what is left (a CRLF cut in two).
 */
class LineBytes {
	#joined = new Uint8Array(0);
	#out = new Uint8Array(0);

	/** A view valid until the next call (the decoder copies what it keeps). */
	join(parts: readonly Uint8Array[]): Uint8Array {
		const only = parts.length === 1 ? (parts[0] as Uint8Array) : null;
		if (only && only.indexOf(CR) === -1) return only;
		const bytes = only ?? this.#concat(parts);
		const length = bytes.length;
		let c = bytes.indexOf(CR);
		if (c === -1) return bytes;
		if (this.#out.length < length) this.#out = new Uint8Array(length);
		const out = this.#out;
		// As the reader's /\r\n?/ → \n: CRLF and a lone CR each make one LF, so "\r\r\n" is two
		// line breaks. A CR that ends the bytes stays: its LF may begin the next chunk. The runs
		// between CRs are copied whole: a loop over every byte took a third longer (Chromium and
		// Node, 87 MB), and copyWithin in place fifteen times longer (V8 copies short runs slowly).
		let n = 0;
		let at = 0;
		for (;;) {
			if (c > at) {
				out.set(bytes.subarray(at, c), n);
				n += c - at;
			}
			if (c === length) break;
			if (c === length - 1) {
				out[n++] = CR;
				break;
			}
			if (bytes[c + 1] !== LF) out[n++] = LF;
			at = c + 1;
			c = bytes.indexOf(CR, at);
			if (c === -1) c = length;
		}
		return out.subarray(0, n);
	}

	/**
	 * The parts as one array, line breaks as they are (a view valid until the next call). Always
	 * a Uint8Array: a Node Buffer passed on would make every byte read of its reader polymorphic.
	 */
	concat(parts: readonly Uint8Array[]): Uint8Array {
		const only = parts.length === 1 ? (parts[0] as Uint8Array) : null;
		return only ? new Uint8Array(only.buffer, only.byteOffset, only.length) : this.#concat(parts);
	}

	#concat(parts: readonly Uint8Array[]): Uint8Array {
		let length = 0;
		for (const part of parts) length += part.length;
		if (this.#joined.length < length) this.#joined = new Uint8Array(length);
		const joined = this.#joined.subarray(0, length);
		let at = 0;
		for (const part of parts) {
			joined.set(part, at);
			at += part.length;
		}
		return joined;
	}
}

/**
 * A line is held back until its end so that, if it turns out not to be UTF-8, it can be read
 * again whole. A line longer than this (no client row is) is passed on in pieces instead.
 */
const MAX_HELD = 1 << 20;
/**
 * Bytes from the first line that is not UTF-8 looked through for a later line that is UTF-8
 * with accents, when none came before it: measured from that line, so chunk sizes never change
 * the verdict.
 */
const LOOKAHEAD = 16 << 10;

type Utf8Mode = 'fast' | 'check' | 'mixed';

/** Reads some lines from their bytes itself, and the rest as text (`StreamDecoder.route`). */
export interface LineRouter {
	/**
	 * Reads what it can of the lines of `bytes` (whole lines, their breaks LF) from `at`, a line
	 * start; returns where it stopped, a line start (`at` when it read none).
	 */
	take(bytes: Uint8Array, at: number): number;
	/** Where the lines from `at` that it leaves to be decoded end: after one line at least. */
	leave(bytes: Uint8Array, at: number): number;
	/** The text of the lines it left, in order. */
	text(text: string): void;
}

/**
 * Accented letters, Greek and Cyrillic, typographic quotes and dashes, and the euro sign, as
 * UTF-8 writes them: what tells a UTF-8 file. Windows-1252 text only rarely forms valid UTF-8,
 * and then mostly other characters (`ß¤` reads as NKo U+07E4, `é¤¤` as a CJK ideograph), so
 * those are not counted, and it takes EVIDENCE of these to call a file UTF-8.
 */
const ACCENT_RANGES: readonly (readonly [number, number])[] = [
	[0xa0, 0x24f],
	[0x370, 0x52f],
	[0x2010, 0x2044],
	[0x20ac, 0x20ac],
];
const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
const ACCENTS = new RegExp(
	`[${ACCENT_RANGES.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('')}]`,
	'g',
);
const EVIDENCE = 2;

/** `ACCENTS.test` of one code point. */
function isAccent(c: number): boolean {
	for (const [a, b] of ACCENT_RANGES) if (c >= a && c <= b) return true;
	return false;
}

function countAccents(text: string, upTo: number): number {
	ACCENTS.lastIndex = 0;
	let n = 0;
	while (n < upTo && ACCENTS.test(text)) n++;
	return n;
}

/**
 * Streaming byte → text decoder. The encoding is settled by the first bytes: a BOM, or UTF-16
 * recognised by its NUL bytes, or else UTF-8. A UTF-8 file with a few lines that are not UTF-8
 * (rows pasted from a Windows-1252 source) is read line by line from the first such line: those
 * lines are read as Windows-1252 and start with RECODED_MARK, the others stay UTF-8. A file that
 * shows fewer than EVIDENCE accented UTF-8 characters on its lines before its first bad line
 * (or on the lines within LOOKAHEAD after it) is a Windows-1252 file: NotUtf8Error, and the
 * caller re-reads it whole as Windows-1252. UTF-8 read whole lines at a time comes out with its
 * line breaks already as LF (LineBytes).
 */
export class StreamDecoder {
	#encoding: Encoding | null;
	#decoder: TextDecoder | null = null;
	#pending: Uint8Array | null = null;
	#bom = false;
	#binary: BinaryKind | null = null;
	#mode: Utf8Mode = 'fast';
	/** The start of the line in progress (UTF-8 only). */
	#held: Uint8Array[] = [];
	#heldLength = 0;
	/** True while the start of the line in progress was passed on (a line over MAX_HELD). */
	#flushed = false;
	/** Accented letters (ACCENTS) read as UTF-8 before the first bad line, up to EVIDENCE. */
	#accents = 0;
	/** check mode without evidence: the bad line and the lines after it, waiting for LOOKAHEAD. */
	#suspect: Uint8Array[] = [];
	#suspectLength = 0;
	#strict: TextDecoder | null = null;
	#continuation: boolean;
	#lineBytes = new LineBytes();

	/**
	 * `continuation`: the bytes are the second part of a file cut at a record start (csv-split),
	 * in the `forced` encoding its first part settled: nothing is sniffed at their start (a
	 * U+FEFF or a control character there is text, as in one reading), and in UTF-8 the first
	 * line that is not UTF-8 throws NotUtf8Error, since how one reading would take it depends on
	 * the lines before the cut: the caller reads the file in one piece instead.
	 */
	constructor(forced?: Encoding, options: { continuation?: boolean } = {}) {
		this.#encoding = forced ?? null;
		this.#continuation = options.continuation === true && forced !== undefined;
	}

	get encoding(): Encoding | null {
		return this.#encoding;
	}
	get hadBom(): boolean {
		return this.#bom;
	}
	get binary(): BinaryKind | null {
		return this.#binary;
	}
	/** True once lines are decoded one by one: some may start with RECODED_MARK. */
	get mixed(): boolean {
		return this.#mode !== 'fast';
	}

	/** Decodes one chunk; returns '' while it still needs bytes to decide, or if binary. */
	decode(chunk: Uint8Array, final = false): string {
		let bytes = chunk;
		if (!this.#decoder) {
			bytes = this.#pending ? concat(this.#pending, chunk) : chunk;
			if (bytes.length < SNIFF_LENGTH && !final) {
				this.#pending = bytes;
				return '';
			}
			this.#pending = null;
			bytes = this.#start(bytes);
			if (this.#binary) return '';
		}
		if (this.#binary) return '';
		if (this.#encoding === 'windows-1252') return decodeWindows1252(bytes);
		if (this.#encoding !== 'utf-8')
			return (this.#decoder as TextDecoder).decode(bytes, { stream: !final });
		return this.#mode === 'fast' ? this.#fast(bytes, final) : this.#lines(bytes, final);
	}

	/**
	 * `decode` for a router that reads some lines from their bytes: while the file reads as UTF-8
	 * line for line (no line read as Windows-1252 so far), the chunk's whole lines go to
	 * `router.take` first, their breaks as in the file (a line ends at an LF; a CR before it is
	 * the router's to see, and the reader normalises the text it is given); the lines it leaves
	 * are decoded here and go to `router.text`, in order. Otherwise (and while the first bytes are sniffed) all the text goes
	 * to `router.text`. The end of the file is `decode(new Uint8Array(0), true)` as ever.
	 */
	route(chunk: Uint8Array, router: LineRouter): void {
		const decoder = this.#decoder;
		const end = chunk.lastIndexOf(LF) + 1;
		if (!decoder || this.#binary || this.#encoding !== 'utf-8' || this.#mode !== 'fast') {
			const text = this.decode(chunk);
			if (text !== '') router.text(text);
			return;
		}
		if (end === 0 || this.#flushed) {
			const text = this.#fast(chunk, false);
			if (text !== '') router.text(text);
			return;
		}
		this.#held.push(chunk.subarray(0, end));
		const batch = this.#lineBytes.concat(this.#held);
		this.#held = [];
		this.#heldLength = 0;
		let at = 0;
		while (at < batch.length) {
			const took = router.take(batch, at);
			if (took > at) {
				if (this.#accents < EVIDENCE) this.#countAccentBytes(batch, at, took);
				at = took;
				continue;
			}
			const stop = router.leave(batch, at);
			let text: string;
			try {
				text = decoder.decode(batch.subarray(at, stop), { stream: true });
			} catch {
				// A line here is not UTF-8: from it on, line by line (as #fast goes on).
				if (this.#continuation) throw new NotUtf8Error();
				this.#mode = 'check';
				const rest = this.#lines(concat(batch.subarray(at), chunk.subarray(end)), false);
				if (rest !== '') router.text(rest);
				return;
			}
			if (this.#accents < EVIDENCE && text.length < stop - at)
				this.#accents += countAccents(text, EVIDENCE - this.#accents);
			router.text(text);
			at = stop;
		}
		if (end < chunk.length) this.#hold(chunk.slice(end));
	}

	/**
	 * Accented letters (ACCENTS) in lines a router took, which are valid UTF-8: each byte from
	 * 0xC2 starts a character, and only those ACCENTS names count (not a CJK name's).
	 */
	#countAccentBytes(bytes: Uint8Array, from: number, to: number): void {
		for (let i = from; i < to && this.#accents < EVIDENCE; i++) {
			const b = bytes[i] as number;
			if (b < 0xc2) continue;
			if (b < 0xe0) {
				if (isAccent(((b & 0x1f) << 6) | ((bytes[i + 1] as number) & 0x3f))) this.#accents++;
			} else if (b < 0xf0) {
				const c = ((b & 0x0f) << 12) | (((bytes[i + 1] as number) & 0x3f) << 6);
				if (isAccent(c | ((bytes[i + 2] as number) & 0x3f))) this.#accents++;
			}
		}
	}

	/**
	 * Whole lines through one fatal streaming TextDecoder: clean files pay one lastIndexOf and
	 * a copy of the chunk a chunk (joined to the line held from the one before).
	 */
	#fast(bytes: Uint8Array, final: boolean): string {
		const end = final ? bytes.length : bytes.lastIndexOf(LF) + 1;
		if (end === 0 && !final) {
			this.#hold(bytes);
			if (this.#heldLength <= MAX_HELD) return '';
		}
		const decoder = this.#decoder as TextDecoder;
		const parts = this.#held;
		if (end > 0) parts.push(bytes.subarray(0, end));
		try {
			// One call on one array: the text comes out flat, as the reader and papaparse want it
			// (two calls joined made reading ~10 % slower).
			const batch = this.#lineBytes.join(parts);
			let text = decoder.decode(batch, { stream: true });
			if (final) text += decoder.decode();
			// Counted only while it matters, and only in text with multi-byte characters.
			if (this.#accents < EVIDENCE && text.length < batch.length)
				this.#accents += countAccents(text, EVIDENCE - this.#accents);
			this.#flushed = end === 0;
			this.#held = [];
			this.#heldLength = 0;
			if (end > 0 && end < bytes.length) this.#hold(bytes.slice(end));
			return text;
		} catch {
			// A line here is not UTF-8. One whose start was already passed on cannot be read again.
			if (this.#flushed || this.#continuation) throw new NotUtf8Error();
			this.#mode = 'check';
			// Read again from the line's start: the held bytes, then the chunk (when not held).
			if (end === 0) return this.#lines(new Uint8Array(0), final);
			parts.pop();
			return this.#lines(bytes, final);
		}
	}

	#hold(bytes: Uint8Array): void {
		this.#held.push(bytes.slice());
		this.#heldLength += bytes.length;
	}

	/** check and mixed modes: line by line, each line UTF-8 if it is, Windows-1252 if not. */
	#lines(chunk: Uint8Array, final: boolean): string {
		const bytes = this.#held.length > 0 ? concat(...this.#held, chunk) : chunk;
		this.#held = [];
		this.#heldLength = 0;
		let end = final ? bytes.length : bytes.lastIndexOf(LF) + 1;
		if (!final && bytes.length - end > MAX_HELD) {
			// A line this long is passed on in pieces, cut between two characters.
			end = bytes.length;
			while (end > bytes.length - 4 && (bytes[end - 1] as number) >> 6 === 0b10) end--;
			if ((bytes[end - 1] as number) >= 0xc0) end--;
		}
		if (end < bytes.length) this.#hold(bytes.subarray(end));
		let text = '';
		if (this.#mode === 'mixed') {
			const block = bytes.subarray(0, end);
			// Most blocks hold no bad line at all: one call, as fast as the fast path.
			const whole = this.#tryUtf8(block);
			if (whole !== null) return whole;
		}
		for (let at = 0; at < end;) {
			const next = bytes.indexOf(LF, at);
			const stop = next === -1 || next >= end ? end : next + 1;
			text += this.#line(bytes.subarray(at, stop));
			at = stop;
		}
		if (final && this.#mode === 'check') text += this.#decide();
		return text;
	}

	/** One whole line (with its LF), in check or mixed mode. */
	#line(line: Uint8Array): string {
		if (this.#mode === 'mixed')
			return this.#tryUtf8(line) ?? RECODED_MARK + decodeWindows1252(line);
		if (this.#suspectLength > 0) {
			this.#suspect.push(line);
			this.#suspectLength += line.length;
			return this.#suspectLength >= LOOKAHEAD ? this.#decide() : '';
		}
		const text = this.#tryUtf8(line);
		if (text !== null) {
			if (this.#accents < EVIDENCE && text.length < line.length)
				this.#accents += countAccents(text, EVIDENCE - this.#accents);
			return text;
		}
		if (this.#accents >= EVIDENCE) {
			this.#mode = 'mixed';
			return this.#line(line);
		}
		this.#suspect.push(line);
		this.#suspectLength += line.length;
		return this.#suspectLength >= LOOKAHEAD ? this.#decide() : '';
	}

	/** The first bad line came before any accented UTF-8: a later accented line settles it. */
	#decide(): string {
		const lines = this.#suspect;
		if (lines.length === 0) return '';
		this.#suspect = [];
		this.#suspectLength = 0;
		let accents = this.#accents;
		for (let i = 1; i < lines.length && accents < EVIDENCE; i++) {
			const text = this.#tryUtf8(lines[i] as Uint8Array);
			if (text !== null) accents += countAccents(text, EVIDENCE - accents);
		}
		if (accents < EVIDENCE) throw new NotUtf8Error();
		this.#mode = 'mixed';
		let text = '';
		for (const line of lines) text += this.#line(line);
		return text;
	}

	#tryUtf8(bytes: Uint8Array): string | null {
		this.#strict ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
		try {
			return this.#strict.decode(bytes);
		} catch {
			return null;
		}
	}

	#start(bytes: Uint8Array): Uint8Array {
		if (this.#continuation) {
			this.#decoder =
				this.#encoding === 'windows-1252'
					? latin1
					: new TextDecoder(this.#encoding as Encoding, {
							fatal: this.#encoding === 'utf-8',
							ignoreBOM: true,
						});
			return bytes;
		}
		const bom = detectBom(bytes);
		// A UTF-8 BOM before bytes that are not UTF-8 (re-read as Windows-1252) is still no text.
		const stray = bom?.encoding === 'utf-8' && this.#encoding === 'windows-1252';
		if (bom && (this.#encoding === null || this.#encoding === bom.encoding || stray)) {
			this.#encoding ??= bom.encoding;
			this.#bom = true;
			bytes = bytes.subarray(bom.length);
		}
		// Workbook and PDF signatures first: a zip's header has NUL bytes that look like UTF-16.
		if (!bom && this.#encoding === null && signature(bytes) === null)
			this.#encoding = sniffUtf16(bytes);
		this.#encoding ??= 'utf-8';
		this.#binary = bom ? null : sniffBinary(bytes, this.#encoding);
		this.#decoder =
			this.#encoding === 'windows-1252'
				? latin1
				: // Only UTF-8 falls back to Windows-1252; a damaged UTF-16 file keeps its encoding
					// and shows U+FFFD where bytes are bad.
					new TextDecoder(this.#encoding, { fatal: this.#encoding === 'utf-8', ignoreBOM: true });
		return bytes;
	}
}

/**
 * UTF-16 without a BOM, by its NUL bytes: in text of Latin letters every other byte is NUL.
 * Little-endian when at least 40 % of the first byte pairs are "letter, NUL" and at most a
 * quarter as many "NUL, letter" (big-endian the other way round), and when the text they decode
 * to has no NUL and few control characters: binary formats with small numbers are no text.
 */
export function sniffUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const n = Math.min(head.length, SNIFF_LENGTH) & ~1;
	let le = 0;
	let be = 0;
	for (let i = 0; i < n; i += 2) {
		const a = head[i] as number;
		const b = head[i + 1] as number;
		if (a !== 0 && b === 0) le++;
		else if (a === 0 && b !== 0) be++;
	}
	const pairs = n / 2;
	const encoding =
		le >= pairs * 0.4 && be * 4 <= le
			? 'utf-16le'
			: be >= pairs * 0.4 && le * 4 <= be
				? 'utf-16be'
				: null;
	if (pairs === 0 || encoding === null) return null;
	const text = new TextDecoder(encoding).decode(head.subarray(0, n));
	let control = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0) return null;
		if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
	}
	return control / text.length > 0.1 ? null : encoding;
}

function concat(...parts: Uint8Array[]): Uint8Array {
	let length = 0;
	for (const part of parts) length += part.length;
	const out = new Uint8Array(length);
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}
