// Exit codes and the two failures the CLI explains instead of crashing: bad usage, and a file
// that cannot be read or written. Everything else that throws is a bug and keeps its stack.

export const EXIT_OK = 0;
/** The file was read but has errors (validate), or fix refused to write. */
export const EXIT_INVALID = 1;
/** Bad usage, or a file that cannot be read or written. */
export const EXIT_FAILURE = 2;

/** The command line itself is wrong: main prints the message and the usage. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
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
	const code = (error as NodeJS.ErrnoException | null)?.code;
	switch (code) {
		case 'ENOENT':
			return action === 'read'
				? `Cannot read ${path}: no such file.`
				: `Cannot write ${path}: its folder does not exist.`;
		case 'EISDIR':
			return `Cannot ${action} ${path}: it is a directory, not a file.`;
		case 'EACCES':
		case 'EPERM':
			return `Cannot ${action} ${path}: permission denied.`;
		case 'ENOTDIR':
			return `Cannot ${action} ${path}: a part of the path is not a directory.`;
		case 'ENOSPC':
			return `Cannot write ${path}: the disk is full.`;
		case 'EROFS':
			return `Cannot write ${path}: the file system is read-only.`;
		default:
			return `Cannot ${action} ${path}: ${error instanceof Error ? error.message : String(error)}`;
	}
}
