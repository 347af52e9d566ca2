// Exit codes and the failures the CLI explains instead of crashing: bad usage, a --map that
// fits no column, a workbook sheet to choose, a file that cannot be read or written, and standard output that cannot be
// written. Everything else that throws is a bug and keeps its stack.

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
	return `Cannot ${action} ${path}: ${fsReason(error, action)}.`;
}

function errorCode(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | null)?.code;
}

function fsReason(error: unknown, action: 'read' | 'write'): string {
	switch (errorCode(error)) {
		case 'ENOENT':
			return action === 'read' ? 'no such file' : 'its folder does not exist';
		case 'EISDIR':
			return 'it is a directory, not a file';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'ENOTDIR':
			return 'a part of the path is not a directory';
		case 'ENOSPC':
		case 'EDQUOT':
			return 'the disk is full';
		case 'EROFS':
			return 'the file system is read-only';
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
				? { reason: 'its folder does not accept new files', hint: 'choose another folder' }
				: { reason, hint: 'create the folder first or choose another path' };
		case 'EISDIR':
			return { reason, hint: 'give a file name' };
		case 'EACCES':
		case 'EPERM':
			return { reason, hint: 'choose a folder you can write to' };
		case 'ENOTDIR':
			return { reason, hint: 'check the path' };
		case 'ENOSPC':
		case 'EDQUOT':
			return { reason, hint: 'free some space or write to another disk' };
		case 'EROFS':
			return { reason, hint: 'choose a folder on a disk you can write to' };
		default:
			return { reason, hint: 'check the path and try again' };
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
