// A source over a file on disk for importTable: streamed in 1 MiB chunks, readable again from
// the start (a file that turns out not to be UTF-8 is read twice), and at any offset (a
// workbook's zip directory).
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { TableSource } from '../core/import-table.ts';
import { describeFsError, FileAccessError } from './errors.ts';

export const CHUNK_BYTES = 1 << 20;

/** Checks that `path` is a readable file up front, so a bad path fails before any parsing. */
export async function openFileSource(path: string): Promise<TableSource> {
	let size: number;
	try {
		const info = await stat(path);
		if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
		size = info.size;
		// Opening proves the permission before any parsing starts.
		await (await open(path, 'r')).close();
	} catch (error) {
		throw new FileAccessError(describeFsError(error, path, 'read'));
	}
	return { size, chunks: () => readChunks(path), read: (start, end) => readAt(path, start, end) };
}

/** Bytes `start` to `end` (a workbook's zip directory and entries are read where they are). */
async function readAt(path: string, start: number, end: number): Promise<Uint8Array> {
	try {
		const handle = await open(path, 'r');
		try {
			const out = new Uint8Array(Math.max(0, end - start));
			const { bytesRead } = await handle.read(out, 0, out.length, start);
			return out.subarray(0, bytesRead);
		} finally {
			await handle.close();
		}
	} catch (error) {
		throw new FileAccessError(describeFsError(error, path, 'read'));
	}
}

async function* readChunks(path: string): AsyncGenerator<Uint8Array> {
	const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
	try {
		for await (const chunk of stream) yield chunk as Buffer;
	} catch (error) {
		throw new FileAccessError(describeFsError(error, path, 'read'));
	} finally {
		stream.destroy();
	}
}
