// Turns the bytes of a spreadsheet export into text: BOM sniffing, UTF-8 with a Windows-1252
// fallback (European Excel), UTF-16 with BOM, and recognising files that are not text at all.

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

/** Recognises common non-CSV uploads by their first bytes, so the message can say what to do. */
export function sniffBinary(head: Uint8Array, encoding: Encoding): BinaryKind | null {
	const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
	if (starts(0x50, 0x4b, 0x03, 0x04)) return 'xlsx';
	if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'xls';
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
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
 * Streaming byte → text decoder. The encoding is settled by the first bytes (BOM) and, for
 * files without one, by whether every byte is valid UTF-8 (NotUtf8Error otherwise).
 */
export class StreamDecoder {
	#encoding: Encoding | null;
	#decoder: TextDecoder | null = null;
	#pending: Uint8Array | null = null;
	#bom = false;
	#binary: BinaryKind | null = null;

	constructor(forced?: Encoding) {
		this.#encoding = forced ?? null;
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
		try {
			return (this.#decoder as TextDecoder).decode(bytes, { stream: !final });
		} catch {
			throw new NotUtf8Error();
		}
	}

	#start(bytes: Uint8Array): Uint8Array {
		const bom = detectBom(bytes);
		// A UTF-8 BOM before bytes that are not UTF-8 (re-read as Windows-1252) is still no text.
		const stray = bom?.encoding === 'utf-8' && this.#encoding === 'windows-1252';
		if (bom && (this.#encoding === null || this.#encoding === bom.encoding || stray)) {
			this.#encoding ??= bom.encoding;
			this.#bom = true;
			bytes = bytes.subarray(bom.length);
		}
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a, 0);
	out.set(b, a.length);
	return out;
}
