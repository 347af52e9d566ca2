// Packs values one at a time as they arrive, as `packValues` packs a block's values at once
// (narrow-text.ts): strings from rows read as text, or the bytes of a plain row (plain-rows.ts),
// which go in as they are in the file, without a string per cell. A block being filled and a
// parse worker's batch hold one; its values can be read while it fills.
import type { NarrowText } from './narrow-text.ts';

type LatinBuffer = {
	from(buffer: ArrayBufferLike, offset: number, length: number): { toString(as: 'latin1'): string };
};
/**
 * Node's Buffer, where there is one. The values are written one byte a character (Latin-1), and
 * each engine's fastest way makes a string of them: Chromium's windows-1252 TextDecoder (0.2 ms a
 * 1,024-row block of the bench file), and in Node a Buffer's latin1 string, a copy, where Node's
 * windows-1252 decoder took 1.3 ms and its UTF-8 one 0.15 ms. Both give strings of one byte a
 * character (V8, JavaScriptCore).
 */
const NODE_BUFFER = (globalThis as { Buffer?: LatinBuffer }).Buffer;
const latin1 = new TextDecoder('windows-1252');
const EMPTY = new Uint8Array(0);
const EMPTY_ENDS = new Uint32Array(0);

/**
 * The byte buffer and value ends of the last builder finished: the next block's builder takes
 * them (a million-row file fills a thousand blocks, and fresh buffers each time made the
 * garbage collector run for the memory outside the heap).
 */
let spare: Uint8Array | null = null;
let spareEnds: Uint32Array | null = null;

/** A view of the source `pushUtf8` copied from last (a file's chunk: one view per megabyte). */
const EMPTY_VIEW = new DataView(EMPTY.buffer);
let viewed: Uint8Array = EMPTY;
let viewedAs: DataView<ArrayBufferLike> = EMPTY_VIEW;
function viewOf(src: Uint8Array): DataView<ArrayBufferLike> {
	if (src !== viewed) {
		viewed = src;
		viewedAs = new DataView(src.buffer, src.byteOffset, src.byteLength);
	}
	return viewedAs;
}

/** Room `pushUtf8` keeps past a value: it copies four bytes at a time. */
const SLACK = 4;

export class NarrowBuilder {
	#bytes: Uint8Array;
	#view: DataView<ArrayBufferLike>;
	/** Bytes written: the text's characters, one byte each (the values set apart hold none). */
	#at = 0;
	/** Each value's end in the text. */
	#ends: Uint32Array;
	#count = 0;
	#wide: Map<number, string> | null = null;
	readonly #buffer: LatinBuffer | undefined;

	/**
	 * `values`: how many values to make room for. `viaBuffer`: strings made through Node's Buffer
	 * where there is one, else through a TextDecoder (the tests, which run in Node, do both).
	 */
	constructor(values = 4096, viaBuffer = true) {
		this.#buffer = viaBuffer ? NODE_BUFFER : undefined;
		this.#bytes = spare ?? new Uint8Array(1 << 17);
		spare = null;
		this.#view = new DataView(this.#bytes.buffer);
		const size = Math.max(values, 16);
		this.#ends = spareEnds && spareEnds.length >= size ? spareEnds : new Uint32Array(size);
		spareEnds = null;
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
		const bytes = this.#bytes.length - this.#at < v.length ? this.#grow(v.length) : this.#bytes;
		let at = this.#at;
		const from = at;
		for (let i = 0; i < v.length; i++) {
			const c = v.charCodeAt(i);
			if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) bytes[at++] = c;
			else {
				(this.#wide ??= new Map()).set(k, v);
				at = from;
				break;
			}
		}
		this.#end(k, at);
	}

	/**
	 * Appends the value whose UTF-8 bytes are `src[from, to)`, `chars` characters: ASCII and
	 * U+00A0–U+00FF only (two bytes each, 0xC2 or 0xC3 and one more), as plain-rows.ts checks.
	 */
	pushUtf8(src: Uint8Array, from: number, to: number, chars: number): void {
		const k = this.#count;
		if (k === this.#ends.length) this.#growValues();
		const room = chars + SLACK;
		const bytes = this.#bytes.length - this.#at < room ? this.#grow(room) : this.#bytes;
		let at = this.#at;
		if (to - from === chars) {
			// ASCII: short values are copied faster by hand than through a subarray and `set`, and
			// four bytes at a time faster than one (a million-row file: 60 ms of 1.2 s in Node).
			// The last word may take up to three bytes past the value, which the next overwrites.
			if (chars < 48 && to + SLACK <= src.length) {
				const source = viewOf(src);
				const view = this.#view;
				for (let i = from, w = at; i < to; i += 4, w += 4)
					view.setUint32(w, source.getUint32(i, true), true);
				at += chars;
			} else if (chars < 48) for (let i = from; i < to; i++) bytes[at++] = src[i] as number;
			else {
				bytes.set(src.subarray(from, to), at);
				at += chars;
			}
		} else {
			for (let i = from; i < to; i++) {
				const b = src[i] as number;
				bytes[at++] = b < 0x80 ? b : ((b & 0x1f) << 6) | ((src[++i] as number) & 0x3f);
			}
		}
		this.#end(k, at);
	}

	/** Value `k`, read while the builder fills. */
	value(k: number): string {
		const from = k === 0 ? 0 : (this.#ends[k - 1] as number);
		const to = this.#ends[k] as number;
		if (from === to) return this.#wide?.get(k) ?? '';
		return this.#string(from, to);
	}

	/** The values so far, packed; the builder goes on filling. */
	snapshot(): NarrowText {
		return { ...this.#text(), wide: this.#wide && new Map(this.#wide) };
	}

	/** The values packed; the builder is done (its buffer goes to the next one). */
	finish(): NarrowText {
		const packed = { ...this.#text(), wide: this.#wide };
		if (!spare || spare.length < this.#bytes.length) spare = this.#bytes;
		if (!spareEnds || spareEnds.length < this.#ends.length) spareEnds = this.#ends;
		this.#bytes = EMPTY;
		this.#ends = EMPTY_ENDS;
		// Nor does the chunk read last outlive the block (a megabyte kept by a module's cache).
		viewed = EMPTY;
		viewedAs = EMPTY_VIEW;
		return packed;
	}

	#text(): { text: string; ends: Uint32Array<ArrayBuffer> } {
		const text = this.#at === 0 ? '' : this.#string(0, this.#at);
		return { text, ends: this.#ends.slice(0, this.#count) };
	}

	#string(from: number, to: number): string {
		const bytes = this.#bytes;
		if (this.#buffer)
			return this.#buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
		return latin1.decode(bytes.subarray(from, to));
	}

	#end(k: number, at: number): void {
		this.#at = at;
		this.#ends[k] = at;
		this.#count = k + 1;
	}

	#grow(room: number): Uint8Array {
		let length = Math.max(this.#bytes.length * 2, 1 << 12);
		while (length - this.#at < room) length *= 2;
		const bytes = new Uint8Array(length);
		bytes.set(this.#bytes.subarray(0, this.#at));
		this.#bytes = bytes;
		this.#view = new DataView(bytes.buffer);
		return bytes;
	}

	#growValues(): void {
		const ends = new Uint32Array(this.#ends.length * 2);
		ends.set(this.#ends);
		this.#ends = ends;
	}
}
