// Packs values one at a time as they arrive, as `packValues` packs a block's values at once
// (narrow-text.ts): strings from rows read as text, or the bytes of a plain row (plain-rows.ts),
// which go in as they are in the file, without a string per cell. A block being filled and a
// parse worker's batch hold one; its values can be read while it fills.
import type { NarrowText } from './narrow-text.ts';

/**
 * Whether the bytes are written as UTF-8 (Node) or Latin-1 (elsewhere), whichever decodes
 * fastest where the code runs (per 1,024-row block of the bench file): Chromium's windows-1252
 * decoder after a byte loop took 0.2 ms, encoding to UTF-8 and decoding it 0.5–1.1 ms; Node's
 * windows-1252 decoder is slow (1.3 ms), its UTF-8 one fast (0.15 ms there and back). Both
 * decoders return one byte per character when it fits (V8, JavaScriptCore).
 */
export const IN_NODE =
	(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !==
	undefined;
const utf8 = new TextDecoder();
const latin1 = new TextDecoder('windows-1252');
const EMPTY = new Uint8Array(0);

/** The byte buffer of the last builder finished: the next block's builder takes it. */
let spare: Uint8Array | null = null;

export class NarrowBuilder {
	#bytes: Uint8Array;
	/** Bytes written. */
	#at = 0;
	/** Characters of the text so far (the values set apart hold none). */
	#chars = 0;
	/** Each value's end in the text (characters) and in #bytes. */
	#ends: Uint32Array;
	#byteEnds: Uint32Array;
	#count = 0;
	#wide: Map<number, string> | null = null;
	readonly #utf8: boolean;

	/** `values`: how many values to make room for; `utf8`: UTF-8 bytes, else Latin-1. */
	constructor(values = 4096, utf8Bytes = IN_NODE) {
		this.#utf8 = utf8Bytes;
		this.#bytes = spare ?? new Uint8Array(1 << 17);
		spare = null;
		this.#ends = new Uint32Array(Math.max(values, 16));
		this.#byteEnds = new Uint32Array(this.#ends.length);
	}

	/** How many values it holds. */
	get count(): number {
		return this.#count;
	}

	/**
	 * Appends a value. Set apart (as `packValues` does): a value with a character past U+00FF,
	 * or a C1 control (U+0080–U+009F), which windows-1252 decodes to other characters.
	 */
	pushString(v: string): void {
		const k = this.#count;
		if (k === this.#ends.length) this.#growValues();
		// UTF-8 takes at most two bytes for each character kept.
		const bytes =
			this.#bytes.length - this.#at < v.length * 2 ? this.#grow(v.length * 2) : this.#bytes;
		let at = this.#at;
		const from = at;
		let kept = true;
		for (let i = 0; i < v.length; i++) {
			const c = v.charCodeAt(i);
			if (c < 0x80) bytes[at++] = c;
			else if (c < 0xa0 || c > 0xff) {
				(this.#wide ??= new Map()).set(k, v);
				at = from;
				kept = false;
				break;
			} else if (!this.#utf8) bytes[at++] = c;
			else {
				bytes[at++] = 0xc0 | (c >> 6);
				bytes[at++] = 0x80 | (c & 0x3f);
			}
		}
		if (kept) this.#chars += v.length;
		this.#end(k, at);
	}

	/**
	 * Appends the value whose UTF-8 bytes are `src[from, to)`, `chars` characters: ASCII and
	 * U+00A0–U+00FF only (two bytes each, 0xC2 or 0xC3 and one more), as plain-rows.ts checks.
	 */
	pushUtf8(src: Uint8Array, from: number, to: number, chars: number): void {
		const k = this.#count;
		if (k === this.#ends.length) this.#growValues();
		const n = to - from;
		const bytes = this.#bytes.length - this.#at < n ? this.#grow(n) : this.#bytes;
		let at = this.#at;
		if (this.#utf8 || n === chars) {
			// Short values are copied faster by hand than through a subarray and `set`.
			if (n < 48) for (let i = from; i < to; i++) bytes[at++] = src[i] as number;
			else {
				bytes.set(src.subarray(from, to), at);
				at += n;
			}
		} else {
			for (let i = from; i < to; i++) {
				const b = src[i] as number;
				bytes[at++] = b < 0x80 ? b : ((b & 0x1f) << 6) | ((src[++i] as number) & 0x3f);
			}
		}
		this.#chars += chars;
		this.#end(k, at);
	}

	/** Value `k`, read while the builder fills. */
	value(k: number): string {
		const from = k === 0 ? 0 : (this.#byteEnds[k - 1] as number);
		const to = this.#byteEnds[k] as number;
		if (from === to) return this.#wide?.get(k) ?? '';
		return this.#decoder().decode(this.#bytes.subarray(from, to));
	}

	/** The values so far, packed; the builder goes on filling. */
	snapshot(): NarrowText {
		return { ...this.#text(), wide: this.#wide && new Map(this.#wide) };
	}

	/** The values packed; the builder is done (its buffer goes to the next one). */
	finish(): NarrowText {
		const packed = { ...this.#text(), wide: this.#wide };
		if (!spare || spare.length < this.#bytes.length) spare = this.#bytes;
		this.#bytes = EMPTY;
		return packed;
	}

	#text(): { text: string; ends: Uint32Array<ArrayBuffer> } {
		const text = this.#at === 0 ? '' : this.#decoder().decode(this.#bytes.subarray(0, this.#at));
		return { text, ends: this.#ends.slice(0, this.#count) };
	}

	#decoder(): TextDecoder {
		return this.#utf8 ? utf8 : latin1;
	}

	#end(k: number, at: number): void {
		this.#at = at;
		this.#ends[k] = this.#chars;
		this.#byteEnds[k] = at;
		this.#count = k + 1;
	}

	#grow(room: number): Uint8Array {
		let length = Math.max(this.#bytes.length * 2, 1 << 12);
		while (length - this.#at < room) length *= 2;
		const bytes = new Uint8Array(length);
		bytes.set(this.#bytes.subarray(0, this.#at));
		this.#bytes = bytes;
		return bytes;
	}

	#growValues(): void {
		const ends = new Uint32Array(this.#ends.length * 2);
		ends.set(this.#ends);
		this.#ends = ends;
		const byteEnds = new Uint32Array(ends.length);
		byteEnds.set(this.#byteEnds);
		this.#byteEnds = byteEnds;
	}
}
