// The zip container of a workbook, read through a RandomAccessSource: the central directory at the
// end gives every entry's sizes and offset (so data descriptors never matter), and an entry is
// inflated slice by slice, so a 150 MB sheet never sits in memory whole.
import { Inflate, inflateSync } from 'fflate';
import { WorkbookError, type RandomAccessSource } from './types.ts';

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	size: number;
	/** Offset of the entry's local header. */
	offset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes inflated per step: a few MB of text at a time, read without stalling. */
export const SLICE = 256 << 10;

function damaged(detail: string): WorkbookError {
	return new WorkbookError('damaged', `The workbook is damaged: ${detail}`);
}

function u16(b: Uint8Array, at: number): number {
	return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
	return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function u64(b: Uint8Array, at: number): number {
	return u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;
}

const utf8 = new TextDecoder('utf-8');
const cp437 = new TextDecoder('latin1');

/** Reads the central directory. Throws `damaged` when the file is not a readable zip. */
export async function readZipEntries(source: RandomAccessSource): Promise<ZipEntry[]> {
	const tailStart = Math.max(0, source.size - (65535 + 22));
	const tail = await source.read(tailStart, source.size);
	let at = -1;
	for (let i = tail.length - 22; i >= 0; i--) {
		if (tail[i] === 0x50 && u32(tail, i) === EOCD) {
			at = i;
			break;
		}
	}
	if (at < 0) throw damaged('it is not a complete zip file (its end is missing).');
	let count = u16(tail, at + 10);
	let dirSize = u32(tail, at + 12);
	let dirOffset = u32(tail, at + 16);
	if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
		const loc = at - 20;
		if (loc >= 0 && u32(tail, loc) === EOCD64_LOCATOR) {
			const recAt = u64(tail, loc + 8);
			const rec = await source.read(recAt, recAt + 56);
			if (rec.length < 56 || u32(rec, 0) !== EOCD64)
				throw damaged('its zip64 directory is missing.');
			count = u64(rec, 32);
			dirSize = u64(rec, 40);
			dirOffset = u64(rec, 48);
		}
	}
	if (dirOffset + dirSize > source.size) throw damaged('its directory points past its end.');
	const dir = await source.read(dirOffset, dirOffset + dirSize);
	const entries: ZipEntry[] = [];
	let p = 0;
	for (let n = 0; n < count; n++) {
		if (p + 46 > dir.length || u32(dir, p) !== CENTRAL)
			throw damaged('its directory is cut short.');
		const flags = u16(dir, p + 8);
		const method = u16(dir, p + 10);
		let compressedSize = u32(dir, p + 20);
		let size = u32(dir, p + 24);
		const nameLength = u16(dir, p + 28);
		const extraLength = u16(dir, p + 30);
		const commentLength = u16(dir, p + 32);
		let offset = u32(dir, p + 42);
		const nameBytes = dir.subarray(p + 46, p + 46 + nameLength);
		// Bit 11: the name is UTF-8; otherwise code page 437, read as Latin-1 (names are ASCII here).
		const name = ((flags & 0x800) !== 0 ? utf8 : cp437).decode(nameBytes).replace(/\\/g, '/');
		let e = p + 46 + nameLength;
		const extraEnd = e + extraLength;
		while (e + 4 <= extraEnd) {
			const id = u16(dir, e);
			const len = u16(dir, e + 2);
			if (id === 1) {
				// Zip64: only the fields that overflowed are present, in this order.
				let q = e + 4;
				if (size === 0xffffffff) {
					size = u64(dir, q);
					q += 8;
				}
				if (compressedSize === 0xffffffff) {
					compressedSize = u64(dir, q);
					q += 8;
				}
				if (offset === 0xffffffff) offset = u64(dir, q);
			}
			e += 4 + len;
		}
		entries.push({ name, method, compressedSize, size, offset });
		p = extraEnd + commentLength;
	}
	return entries;
}

/** Where the entry's compressed bytes start (after its local header). */
async function dataStart(source: RandomAccessSource, entry: ZipEntry): Promise<number> {
	const head = await source.read(entry.offset, entry.offset + 30);
	if (head.length < 30 || u32(head, 0) !== LOCAL) throw damaged(`entry ${entry.name} is missing.`);
	const start = entry.offset + 30 + u16(head, 26) + u16(head, 28);
	if (start + entry.compressedSize > source.size)
		throw damaged(`entry ${entry.name} is cut short.`);
	return start;
}

function checkMethod(entry: ZipEntry): void {
	if (entry.method !== 0 && entry.method !== 8)
		throw damaged(`entry ${entry.name} uses a compression Roster cannot read (${entry.method}).`);
}

/** A whole (small) entry: package parts, shared strings of a small workbook. */
export async function readEntry(source: RandomAccessSource, entry: ZipEntry): Promise<Uint8Array> {
	checkMethod(entry);
	const start = await dataStart(source, entry);
	const raw = await source.read(start, start + entry.compressedSize);
	if (entry.method === 0) return raw;
	try {
		// No preset output size: the directory's size of a damaged file may be wrong.
		return inflateSync(raw);
	} catch (error) {
		throw damaged(`entry ${entry.name} cannot be decompressed (${(error as Error).message}).`);
	}
}

export interface EntryStreamOptions {
	signal?: AbortSignal;
	onProgress?: (done: number, total: number) => void;
}

export function abortError(): Error {
	const error = new Error('The reading was cancelled');
	error.name = 'AbortError';
	return error;
}

/** The entry's compressed bytes, a slice at a time, with progress and cancellation. */
async function* compressedSlices(
	source: RandomAccessSource,
	entry: ZipEntry,
	start: number,
	options: EntryStreamOptions,
): AsyncGenerator<Uint8Array> {
	const total = entry.compressedSize;
	let done = 0;
	while (done < total) {
		if (options.signal?.aborted) throw abortError();
		const end = Math.min(total, done + SLICE);
		const slice = await source.read(start + done, start + end);
		if (slice.length < end - done) throw damaged(`entry ${entry.name} is cut short.`);
		done = end;
		options.onProgress?.(done, total);
		yield slice;
	}
}

function nativeInflater(): DecompressionStream | null {
	try {
		return typeof DecompressionStream === 'function'
			? new DecompressionStream('deflate-raw' as CompressionFormat)
			: null;
	} catch {
		return null; // a runtime without raw deflate
	}
}

/**
 * Inflates with the platform's DecompressionStream (native zlib: several times faster than
 * JavaScript in the worker and in Node) when it takes raw deflate, else with fflate's Inflate.
 */
async function* inflate(
	input: AsyncGenerator<Uint8Array>,
	name: string,
): AsyncGenerator<Uint8Array> {
	const stream = nativeInflater();
	if (!stream) {
		yield* inflateJs(input, name);
		return;
	}
	const writer = stream.writable.getWriter();
	const reader = stream.readable.getReader();
	let failed: unknown = null;
	const pump = (async () => {
		try {
			for await (const slice of input) await writer.write(slice as Uint8Array<ArrayBuffer>);
			await writer.close();
		} catch (error) {
			failed ??= error;
			await writer.abort(error).catch(() => undefined);
		}
	})();
	try {
		for (;;) {
			let result: ReadableStreamReadResult<Uint8Array>;
			try {
				result = await reader.read();
			} catch (error) {
				await pump;
				// Reading the source failed or was cancelled: that error, not the stream's.
				if (failed instanceof WorkbookError || (failed as Error | null)?.name === 'AbortError')
					throw failed;
				throw damaged(`entry ${name} cannot be decompressed (${(error as Error).message}).`);
			}
			if (result.done) break;
			yield result.value;
		}
	} finally {
		failed ??= abortError();
		await reader.cancel().catch(() => undefined);
		await pump;
	}
}

async function* inflateJs(
	input: AsyncGenerator<Uint8Array>,
	name: string,
): AsyncGenerator<Uint8Array> {
	const pending: Uint8Array[] = [];
	const inflater = new Inflate((chunk) => {
		if (chunk.length) pending.push(chunk);
	});
	let previous: Uint8Array | null = null;
	// One slice behind, so the last one is pushed as final.
	for await (const slice of input) {
		if (previous) yield* push(previous, false);
		previous = slice;
	}
	if (previous) yield* push(previous, true);
	function* push(slice: Uint8Array, final: boolean): Generator<Uint8Array> {
		try {
			inflater.push(slice, final);
		} catch (error) {
			throw damaged(`entry ${name} cannot be decompressed (${(error as Error).message}).`);
		}
		yield* pending.splice(0);
	}
}

/**
 * The entry's bytes, inflated a slice at a time. `onBytes` sees them in order, in the pieces
 * inflate makes (tens of KB: measured faster end to end than joining them into MB pieces, whose
 * text Node holds outside the heap and V8 flattens slowly); it may return `false` to stop early
 * (then this returns false). The signal is checked between slices.
 */
export async function streamEntry(
	source: RandomAccessSource,
	entry: ZipEntry,
	onBytes: (bytes: Uint8Array) => boolean | void | Promise<boolean | void>,
	options: EntryStreamOptions = {},
): Promise<boolean> {
	checkMethod(entry);
	const start = await dataStart(source, entry);
	const slices = compressedSlices(source, entry, start, options);
	const bytes = entry.method === 0 ? slices : inflate(slices, entry.name);
	for await (const chunk of bytes) {
		if ((await onBytes(chunk)) === false) return false;
		if (options.signal?.aborted) throw abortError();
	}
	return true;
}
