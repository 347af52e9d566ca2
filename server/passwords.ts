// Password storage: the server keeps only scrypt hashes, written as
// `scrypt$N$r$p$saltB64$hashB64` so the cost travels with each hash and can be raised later.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function scryptAsync(
	password: string,
	salt: Buffer,
	n: number,
	r: number,
	p: number,
): Promise<Buffer> {
	// scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) would refuse N ≥ 32768.
	const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
	return new Promise((resolve, reject) =>
		scrypt(password, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
	);
}

export async function hashPassword(password: string, n: number): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await scryptAsync(password, salt, n, R, P);
	return `scrypt$${n}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Hashes a chunk's passwords. Each call runs on libuv's thread pool, which already bounds how
 * many run at once (UV_THREADPOOL_SIZE, 4 by default), so starting them all together keeps the
 * pool busy without more machinery and leaves the event loop free to answer other requests.
 */
export function hashPasswords(passwords: readonly string[], n: number): Promise<string[]> {
	return Promise.all(passwords.map((p) => hashPassword(p, n)));
}

/** For sign-in (and the tests that prove a stored hash is real). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [n, r, p] = parts.slice(1, 4).map(Number);
	if (n === undefined || r === undefined || p === undefined) return false;
	const salt = Buffer.from(parts[4] ?? '', 'base64');
	const expected = Buffer.from(parts[5] ?? '', 'base64');
	const key = await scryptAsync(password, salt, n, r, p);
	return key.length === expected.length && timingSafeEqual(key, expected);
}
