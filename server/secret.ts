// The idempotency secret: ROSTER_IDEMPOTENCY_SECRET, or a file beside the database created on
// first start with mode 600. Outside the database on purpose: a copy of the database alone
// (a backup, a stolen disk image of the data folder) then gives nothing to test guesses with.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const SECRET_ENV = 'ROSTER_IDEMPOTENCY_SECRET';
const MIN_LENGTH = 32;

export interface LoadedSecret {
	key: Buffer;
	/** Where it came from, for the start-up notes: the file's path or the variable's name. */
	source: string;
	/** Said at start: a file others can read, a file just created. */
	notes: string[];
}

export function secretFileFor(database: string): string {
	return `${database}.hmac-secret`;
}

/** Group or others may read or write it (Windows has no such bits: never reported there). */
export function isOpenToOthers(file: string): boolean {
	return process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0;
}

export function loadIdempotencySecret(database: string, fromEnv: string | undefined): LoadedSecret {
	if (fromEnv !== undefined)
		return { key: Buffer.from(fromEnv, 'utf8'), source: SECRET_ENV, notes: [] };
	// An in-memory database (tests) forgets its records on exit: a secret of its own is enough.
	if (database === ':memory:') return { key: randomBytes(32), source: 'memory', notes: [] };
	const file = secretFileFor(database);
	const notes: string[] = [];
	mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
	try {
		// 'wx': never overwrite a secret another start wrote a moment ago.
		writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
		notes.push(
			`roster: created the idempotency secret ${file} (mode 600); back it up with the database.`,
		);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
	}
	const text = readFileSync(file, 'utf8').trim();
	if (text.length < MIN_LENGTH)
		throw new Error(
			`${file} holds no usable secret (${text.length} characters, at least ${MIN_LENGTH} needed). Delete it and start again to make a new one, or set ${SECRET_ENV}.`,
		);
	if (isOpenToOthers(file))
		notes.push(`roster: WARNING: ${file} can be read by other users; run: chmod 600 ${file}`);
	return { key: Buffer.from(text, 'utf8'), source: file, notes };
}
