// Writing many small strings (one per CSV row or JSON issue) to files or to stdout without
// joining them into one giant string: batched into ~256 KiB writes through a stream pipeline,
// which waits for the destination to drain and stops on the first error. The files of one
// command are written together or not at all (docs/decisions.md, "fix writes both files or
// neither").
import { createWriteStream, existsSync } from 'node:fs';
import { realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileAccessError, isBrokenPipe, OutputError, writeProblem } from './errors.ts';
import { m } from '../i18n/messages.ts';

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
	try {
		await pipeline(Readable.from(batched(parts)), process.stdout, { end: false });
	} catch (error) {
		// A closed pipe is passed on as it is: main ends quietly on it.
		throw isBrokenPipe(error) ? error : new OutputError(error);
	}
}

export interface OutputFile {
	path: string;
	parts: Iterable<string>;
}

/**
 * - `replace`: a regular file, or none yet. The bytes go to a temporary file beside the real
 *   file (through any symbolic link) that is renamed over it at the end, so a failed write never
 *   leaves half a file, and OUT may be the input file.
 * - `in-place`: a device or a pipe (/dev/stdout, /dev/full). Renaming over it would replace the
 *   device node itself, so it is written directly, and last.
 */
type Target =
	| { kind: 'replace'; path: string; real: string; temp: string }
	| { kind: 'in-place'; path: string };

async function targetOf(path: string): Promise<Target> {
	const replace = (real: string): Target => ({
		kind: 'replace',
		path,
		real,
		temp: join(dirname(real), `.${basename(real)}.${process.pid}.tmp`),
	});
	let info;
	try {
		info = await stat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return replace(path);
		throw error;
	}
	if (info.isDirectory())
		throw Object.assign(new Error('is a directory'), { code: 'EISDIR', path });
	if (!info.isFile()) return { kind: 'in-place', path };
	return replace(await realpath(path));
}

async function writeParts(path: string, parts: Iterable<string>): Promise<void> {
	await pipeline(Readable.from(batched(parts)), createWriteStream(path, { encoding: 'utf8' }));
}

/** "a", "a and b", "a, b and c". */
function joinPaths(paths: readonly string[]): string {
	return paths.length < 2
		? (paths[0] ?? '')
		: m.core_cli_and({ rest: paths.slice(0, -1).join(', '), last: paths[paths.length - 1] ?? '' });
}

function failure(
	failed: Target,
	error: unknown,
	written: readonly string[],
	unwritten: readonly string[],
): FileAccessError {
	const folder = dirname(failed.kind === 'replace' ? failed.real : failed.path);
	const { reason, hint } = writeProblem(error, existsSync(folder));
	const unwrittenPaths = joinPaths(unwritten);
	const outcome =
		written.length > 0
			? unwritten.length > 0
				? m.core_cli_write_only_not({ written: joinPaths(written), unwritten: unwrittenPaths })
				: m.core_cli_write_only({ written: joinPaths(written) })
			: unwritten.length > 0
				? m.core_cli_write_nothing_not({ unwritten: unwrittenPaths })
				: m.core_cli_write_nothing();
	return new FileAccessError(m.core_cli_write_failed({ path: failed.path, reason, outcome, hint }));
}

/**
 * Writes every file as UTF-8, or — when one cannot be written — none that has not been renamed
 * into place yet: each regular file is first written whole to its temporary file, and the renames
 * come only after all of them succeeded. The error says which files were written and which not.
 */
export async function writeFiles(files: readonly OutputFile[]): Promise<void> {
	const targets: Target[] = [];
	const temps: string[] = [];
	const removeTemps = () =>
		Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
	const others = (i: number) => files.filter((_, k) => k !== i).map((f) => f.path);

	for (const [i, file] of files.entries()) {
		let target: Target = { kind: 'replace', path: file.path, real: file.path, temp: '' };
		try {
			target = await targetOf(file.path);
			targets.push(target);
			if (target.kind === 'replace') {
				temps.push(target.temp);
				await writeParts(target.temp, file.parts);
			}
		} catch (error) {
			await removeTemps();
			throw failure(target, error, [], others(i));
		}
	}

	// Devices and pipes last: what went into them cannot be taken back.
	const order = [...targets.keys()].sort(
		(a, b) => Number(targets[a]?.kind === 'in-place') - Number(targets[b]?.kind === 'in-place'),
	);
	const written: string[] = [];
	for (const [n, i] of order.entries()) {
		const target = targets[i] as Target;
		try {
			if (target.kind === 'replace') await rename(target.temp, target.real);
			else await writeParts(target.path, (files[i] as OutputFile).parts);
			written.push(target.path);
		} catch (error) {
			await removeTemps();
			const unwritten = order.slice(n + 1).map((k) => (files[k] as OutputFile).path);
			throw failure(target, error, written, unwritten);
		}
	}
}
