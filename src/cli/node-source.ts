// A ByteSource over a file on disk for importCsv: streamed in 1 MiB chunks, and readable again
// from the start (importCsv reads a file twice when it turns out not to be UTF-8).
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ByteSource } from '../core/import-csv.ts';
import { describeFsError, FileAccessError } from './errors.ts';

export const CHUNK_BYTES = 1 << 20;

/** Checks that `path` is a readable file up front, so a bad path fails before any parsing. */
export async function openFileSource(path: string): Promise<ByteSource> {
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
	return { size, chunks: () => readChunks(path) };
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
