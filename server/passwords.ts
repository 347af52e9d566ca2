// Password storage: the server keeps only scrypt hashes, written as
// `scrypt$N$r$p$saltB64$hashB64` so the cost travels with each hash and can be raised later.
// Hashes run on libuv's pool (crypto.scrypt), never on the event loop, a few at a time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/**
 * Hashes computed at once, across all requests. At the production cost each takes 128 MiB and
 * one core for ~0.7 s: two keep both cores of a small server busy and its memory bounded
 * (256 MiB), and leave libuv's other pool threads (4 by default) free for file work.
 */
export const HASH_CONCURRENCY = 2;

/** A counting semaphore: at most `limit` callers inside `run` at once, the rest wait in order. */
export class Semaphore {
	readonly #limit: number;
	#active = 0;
	readonly #waiting: (() => void)[] = [];

	constructor(limit: number) {
		this.#limit = limit;
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.#active >= this.#limit) await new Promise<void>((r) => this.#waiting.push(r));
		else this.#active++;
		try {
			return await task();
		} finally {
			// The slot passes straight to the next waiter, so a newcomer cannot jump the queue.
			const next = this.#waiting.shift();
			if (next) next();
			else this.#active--;
		}
	}
}

/**
 * Hashes at once when each is cheap (at most 1 MiB, a low test cost): such a hash holds a pool
 * thread for well under a millisecond, so the wait is the round trip to the pool, not the work.
 * Four in flight took 100,000 test-cost hashes through 15–20 % faster than two on 2 cores.
 */
export const CHEAP_HASH_CONCURRENCY = 4;
const CHEAP_HASH_BYTES = 1024 * 1024;

/** How many hashes of cost `n` run at once. */
export function hashConcurrency(n: number): number {
	return 128 * n * R <= CHEAP_HASH_BYTES ? CHEAP_HASH_CONCURRENCY : HASH_CONCURRENCY;
}

const hashing = new Semaphore(HASH_CONCURRENCY);
const cheapHashing = new Semaphore(CHEAP_HASH_CONCURRENCY);

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
 * Hashes a chunk's passwords, hashConcurrency(n) at a time across every request in flight, so
 * two large chunks cannot ask for 4 × 128 MiB at once or starve the pool's other work.
 * `afterEach` runs in the hash's slot once it is done (progress, and the fault switch's pause).
 */
export function hashPasswords(
	passwords: readonly string[],
	n: number,
	limiter: Semaphore = hashConcurrency(n) === HASH_CONCURRENCY ? hashing : cheapHashing,
	afterEach: () => Promise<void> | void = () => {},
): Promise<string[]> {
	return Promise.all(
		passwords.map((p) =>
			limiter.run(async () => {
				const hash = await hashPassword(p, n);
				await afterEach();
				return hash;
			}),
		),
	);
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
