// Writing many small strings (one per CSV row or JSON issue) to a file or to stdout without
// joining them into one giant string: batched into ~256 KiB writes through a stream pipeline,
// which waits for the destination to drain and stops on the first error.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describeFsError, FileAccessError } from './errors.ts';

const BATCH_CHARS = 1 << 18;

function* batched(parts: Iterable<string>): Generator<string> {
	let batch = '';
	for (const part of parts) {
		batch += part;
		if (batch.length >= BATCH_CHARS) {
			yield batch;
			batch = '';
		}
	}
	if (batch !== '') yield batch;
}

/** Writes the parts to stdout (left open: a command may print more after them). */
export async function writeToStdout(parts: Iterable<string>): Promise<void> {
	await pipeline(Readable.from(batched(parts)), process.stdout, { end: false });
}

/**
 * Writes the parts to `path` as UTF-8. The bytes go to a temporary file next to it that is
 * renamed at the end, so a failed write never leaves half a file, and OUT may be the input file.
 */
export async function writeFileParts(path: string, parts: Iterable<string>): Promise<void> {
	const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
	try {
		await pipeline(Readable.from(batched(parts)), createWriteStream(temp, { encoding: 'utf8' }));
		await rename(temp, path);
	} catch (error) {
		await rm(temp, { force: true }).catch(() => undefined);
		throw new FileAccessError(describeFsError(error, path, 'write'));
	}
}
