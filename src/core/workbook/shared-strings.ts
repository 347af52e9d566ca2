// The shared strings table (`sharedStrings.xml`), read as it is inflated. A million-row client
// list has millions of distinct strings (emails, names); kept as millions of string objects they
// cost more in garbage collection than reading them, so a plain item is kept as a range of the
// decoded text it came in, and made a string when a cell asks for it.
import { rootPrefix } from './scan.ts';
import { stringItemText } from './xml.ts';
import { xmlDecoder } from './parts.ts';
import { streamEntry, type ZipEntry } from './zip.ts';
import type { RandomAccessSource } from './types.ts';

export class SharedStrings {
	/** The decoded pieces items point into. */
	#pieces: string[] = [];
	/** Per item: its piece, or -(n + 1) for `#texts[n]` (an item that needed decoding). */
	#piece = new Int32Array(1024);
	#start = new Int32Array(1024);
	#end = new Int32Array(1024);
	#texts: string[] = [];
	length = 0;

	/** The text of item `index`; '' for an index the table does not have. */
	get(index: number): string {
		if (index < 0 || index >= this.length) return '';
		const piece = this.#piece[index]!;
		if (piece < 0) return this.#texts[-piece - 1]!;
		return this.#pieces[piece]!.slice(this.#start[index], this.#end[index]);
	}

	/** Room for `count` items (the table's `uniqueCount`), so the ranges never grow by copying. */
	reserve(count: number): void {
		// A damaged count must not allocate gigabytes: 16M items is past any real workbook.
		const size = Math.min(count, 1 << 24);
		if (size > this.#piece.length) this.#resize(size);
	}

	/** Registers a piece of text that items may point into; returns its number. */
	piece(text: string): number {
		return this.#pieces.push(text) - 1;
	}

	addRange(piece: number, start: number, end: number): void {
		const i = this.#slot();
		this.#piece[i] = piece;
		this.#start[i] = start;
		this.#end[i] = end;
	}

	addText(text: string): void {
		const i = this.#slot();
		this.#piece[i] = -this.#texts.push(text);
	}

	#slot(): number {
		if (this.length === this.#piece.length) this.#resize(this.length * 2);
		return this.length++;
	}

	#resize(size: number): void {
		const grow = (a: Int32Array) => {
			const b = new Int32Array(size);
			b.set(a.subarray(0, this.length));
			return b;
		};
		this.#piece = grow(this.#piece);
		this.#start = grow(this.#start);
		this.#end = grow(this.#end);
	}
}

/**
 * Where the text of an item that is one plain `<t>` needing no decoding starts, or -1. (Its
 * end is the next `<`.)
 */
function plainTextStart(s: string, from: number, to: number): number {
	// `<t>` or `<t xml:space="preserve">`, in the default namespace.
	if (s.charCodeAt(from) !== 60 || s.charCodeAt(from + 1) !== 116) return -1;
	const c = s.charCodeAt(from + 2);
	if (c !== 62 && c !== 32) return -1;
	const start = (c === 62 ? from + 2 : s.indexOf('>', from)) + 1;
	if (start <= 0 || s.charCodeAt(start - 2) === 47) return -1;
	for (let i = start; i < to; i++) {
		const ch = s.charCodeAt(i);
		if (ch === 60) {
			// Only `</t>` closing the item may follow.
			return i + 4 === to && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 116 ? start : -1;
		}
		// Entities, `_xHHHH_` escapes and CRs need decoding.
		if (ch === 38 || ch === 95 || ch === 13) return -1;
	}
	return -1;
}

/**
 * The `<si>` items of `s` from `from`, complete ones only, added to `table`. Returns where the
 * first incomplete one starts (or the end).
 */
function stringItems(s: string, from: number, open: string, close: string, table: SharedStrings) {
	let piece = -1;
	let pos = from;
	for (;;) {
		const i = s.indexOf(open, pos);
		if (i < 0) return s.length - pos > open.length ? s.length - open.length : pos;
		if (i + open.length >= s.length) return i; // `<si` cut at the end: its next character decides
		const c = s.charCodeAt(i + open.length);
		if (c !== 62 && c !== 32 && c !== 47 && c !== 9 && c !== 10 && c !== 13) {
			pos = i + open.length;
			continue;
		}
		const gt = s.indexOf('>', i);
		if (gt < 0) return i;
		if (s.charCodeAt(gt - 1) === 47) {
			table.addText('');
			pos = gt + 1;
			continue;
		}
		const end = s.indexOf(close, gt);
		if (end < 0) return i;
		const start = open.length === 3 ? plainTextStart(s, gt + 1, end) : -1;
		if (start >= 0) {
			if (piece < 0) piece = table.piece(s);
			table.addRange(piece, start, end - 4);
		} else table.addText(stringItemText(s, gt + 1, end));
		pos = end + close.length;
	}
}

/**
 * The shared strings table, read as it is inflated. As with sheets, a piece is never joined
 * whole to the item left incomplete by the previous one (see SheetScanner#data).
 */
export async function readSharedStrings(
	source: RandomAccessSource,
	entry: ZipEntry,
	signal?: AbortSignal,
): Promise<SharedStrings> {
	const table = new SharedStrings();
	let decoder: TextDecoder | null = null;
	let carry = '';
	let open = '';
	let close = '';
	const feed = (text: string) => {
		if (!open) {
			carry += text;
			const prefix = rootPrefix(carry);
			if (prefix === null) return;
			open = `<${prefix}si`;
			close = `</${prefix}si>`;
			const root = carry.indexOf(`<${prefix}sst`);
			const rootEnd = root < 0 ? -1 : carry.indexOf('>', root);
			const count = rootEnd < 0 ? null : /uniqueCount="(\d+)"/.exec(carry.slice(root, rootEnd));
			if (count) table.reserve(Number(count[1]));
			text = carry;
			carry = '';
		}
		let from = 0;
		if (carry.length) {
			const end = text.indexOf(close);
			if (end < 0) {
				carry += text;
				return;
			}
			const head = carry + text.slice(0, end + close.length);
			stringItems(head, 0, open, close, table);
			from = end + close.length;
		}
		carry = text.slice(stringItems(text, from, open, close, table));
	};
	await streamEntry(
		source,
		entry,
		(bytes) => {
			decoder ??= xmlDecoder(bytes);
			feed(decoder.decode(bytes, { stream: true }));
		},
		{ signal },
	);
	if (decoder) feed((decoder as TextDecoder).decode());
	return table;
}
