// Exit codes and the failures the CLI explains instead of crashing: bad usage, a --map that
// fits no column, a workbook sheet to choose, a file that cannot be read or written, and standard output that cannot be
// written. Everything else that throws is a bug and keeps its stack. The words are the pro's
// language (--lang), read when an error is described, after the language is loaded.
import { m } from '../i18n/messages.ts';

export const EXIT_OK = 0;
/** The file was read but has errors (validate), or fix refused to write. */
export const EXIT_INVALID = 1;
/** Bad usage, a file that cannot be read or written, or output that cannot be written. */
export const EXIT_FAILURE = 2;

/** The command line itself is wrong: main prints the message and the usage. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

/** A --map names a header the file does not have, or has twice: main prints the message. */
export class MapError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MapError';
	}
}

/**
 * The workbook's sheet cannot be settled: --sheet names none of its sheets, several sheets
 * could hold the clients, or --sheet was given for a CSV file. main prints the message.
 */
export class SheetError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SheetError';
	}
}

/** A file cannot be read or written (missing, a directory, no permission, disk full). */
export class FileAccessError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FileAccessError';
	}
}

/** Plain words for the common Node file-system error codes. */
export function describeFsError(error: unknown, path: string, action: 'read' | 'write'): string {
	const reason = fsReason(error, action);
	return action === 'read'
		? m.core_cli_fs_cannot_read({ path, reason })
		: m.core_cli_fs_cannot_write({ path, reason });
}

function errorCode(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | null)?.code;
}

function fsReason(error: unknown, action: 'read' | 'write'): string {
	switch (errorCode(error)) {
		case 'ENOENT':
			return action === 'read' ? m.core_cli_fs_no_file() : m.core_cli_fs_no_folder();
		case 'EISDIR':
			return m.core_cli_fs_is_dir();
		case 'EACCES':
		case 'EPERM':
			return m.core_cli_fs_denied();
		case 'ENOTDIR':
			return m.core_cli_fs_not_dir();
		case 'ENOSPC':
		case 'EDQUOT':
			return m.core_cli_fs_full();
		case 'EROFS':
			return m.core_cli_fs_read_only();
		default:
			return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
	}
}

/** Why a write failed and what the pro can do about it, for a one-line message. */
export interface WriteProblem {
	reason: string;
	hint: string;
}

/** `folderExists`: ENOENT with the folder present means it takes no new files (e.g. /proc). */
export function writeProblem(error: unknown, folderExists = false): WriteProblem {
	const reason = fsReason(error, 'write');
	switch (errorCode(error)) {
		case 'ENOENT':
			return folderExists
				? { reason: m.core_cli_fs_no_new_files(), hint: m.core_cli_fs_hint_other_folder() }
				: { reason, hint: m.core_cli_fs_hint_create_folder() };
		case 'EISDIR':
			return { reason, hint: m.core_cli_fs_hint_file_name() };
		case 'EACCES':
		case 'EPERM':
			return { reason, hint: m.core_cli_fs_hint_writable() };
		case 'ENOTDIR':
			return { reason, hint: m.core_cli_fs_hint_check_path() };
		case 'ENOSPC':
		case 'EDQUOT':
			return { reason, hint: m.core_cli_fs_hint_free_space() };
		case 'EROFS':
			return { reason, hint: m.core_cli_fs_hint_writable_disk() };
		default:
			return { reason, hint: m.core_cli_fs_hint_retry() };
	}
}

/** Standard output failed (a full disk behind `>`); a closed pipe is not one of these. */
export class OutputError extends Error {
	constructor(cause: unknown) {
		super(`Cannot write the standard output: ${fsReason(cause, 'write')}`, { cause });
		this.name = 'OutputError';
	}
}

export function isBrokenPipe(error: unknown): boolean {
	return errorCode(error) === 'EPIPE';
}
