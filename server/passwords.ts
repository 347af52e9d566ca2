// Password storage: the server keeps only scrypt hashes, written as
// `scrypt$N$r$p$saltB64$hashB64` so the cost travels with each hash and can be raised later.
// Hashes run in a small pool of worker threads (server/hash-worker.mjs), never on the event
// loop, a few at a time across all requests.
import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Worker } from 'node:worker_threads';

const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/**
 * Hashes computed at once, across all requests: one per worker thread. At the production cost
 * each takes 128 MiB and one core for ~0.7 s: two keep both cores of a small server busy and its
 * memory bounded (256 MiB).
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

/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) would refuse N ≥ 32768. */
function maxmem(n: number, r: number): number {
	return 256 * n * r + 1024 * 1024;
}

/**
 * scrypt memory one batch of cheap hashes may walk through: at the tests' cost (N = 16) 256 go to
 * a message, so a thread's round trip is paid per batch, not per password (64 a message made the
 * server alone take 4.45 s for 100k clients, 256 4.06–4.16 s: docs/decisions.md).
 */
const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * From this cost up (3 ms and more a hash) each goes alone: progress and the fault switch's
 * pause move hash by hash.
 */
const ALONE_FROM = 1024;

/** Passwords sent to a hash thread in one message at cost `n`. */
export function hashBatch(n: number): number {
	if (n >= ALONE_FROM) return 1;
	return Math.max(1, Math.floor(BATCH_BYTES / (128 * n * R)));
}

interface HashAnswer {
	salts?: string[];
	keys?: string[];
	error?: string;
}

interface Pending {
	resolve(a: HashAnswer): void;
	reject(e: Error): void;
}

/** One worker thread, one batch at a time; referenced only while it hashes. */
class HashThread {
	readonly #worker = new Worker(new URL('./hash-worker.mjs', import.meta.url));
	#pending: Pending | null = null;
	dead = false;

	constructor() {
		this.#worker.unref();
		this.#worker.on('message', (a: HashAnswer) => this.#settle((p) => p.resolve(a)));
		this.#worker.on('error', (e) => this.#die(e));
		this.#worker.on('exit', (code) => this.#die(new Error(`the hash thread exited (${code})`)));
	}

	hash(passwords: string[], n: number): Promise<HashAnswer> {
		return new Promise((resolve, reject) => {
			this.#pending = { resolve, reject };
			this.#worker.ref();
			this.#worker.postMessage({
				passwords,
				n,
				r: R,
				p: P,
				saltBytes: SALT_BYTES,
				keyBytes: KEY_BYTES,
				maxmem: maxmem(n, R),
			});
		});
	}

	terminate(): Promise<number> {
		this.dead = true;
		return this.#worker.terminate();
	}

	#settle(how: (p: Pending) => void): void {
		const p = this.#pending;
		this.#pending = null;
		this.#worker.unref();
		if (p) how(p);
	}

	#die(e: Error): void {
		this.dead = true;
		this.#settle((p) => p.reject(e));
	}
}

/**
 * Worker threads hashing for every request at once, `size` at a time in request order; a thread
 * that dies fails its batch and is replaced on the next one. Threads start when first needed.
 */
export class HashPool {
	readonly #slots: Semaphore;
	readonly #size: number;
	readonly #idle: HashThread[] = [];
	/** Passwords given to the pool and not hashed yet, across all calls. */
	#waiting = 0;
	/** Milliseconds a hash took lately, by cost (a moving average over batches). */
	readonly #msPerHash = new Map<number, number>();
	readonly #now: () => number;

	constructor(size: number = HASH_CONCURRENCY, now: () => number = () => performance.now()) {
		this.#slots = new Semaphore(size);
		this.#size = size;
		this.#now = now;
	}

	/**
	 * How long `count` more hashes at cost `n` would take from now, the pool's queue included:
	 * from the hashes timed lately at that cost, or else from the cost alone (~5 µs per unit of
	 * N, which is ~0.65 s at the production cost: on the slow side, so an unknown server load
	 * is taken for a slow one).
	 */
	expectedMs(count: number, n: number): number {
		const each = this.#msPerHash.get(n) ?? n * 0.005;
		return ((this.#waiting + count) * each) / this.#size;
	}

	/**
	 * The passwords' hashes, in order. `afterEach` runs once per hash when its batch is back, in
	 * the batch's slot (progress, and the fault switch's pause). The first failure rejects, and
	 * the call's batches not yet started are skipped.
	 */
	async hash(
		passwords: readonly string[],
		n: number,
		afterEach: () => Promise<void> | void = () => {},
	): Promise<string[]> {
		const size = hashBatch(n);
		let failed = false;
		const batches: Promise<string[]>[] = [];
		this.#waiting += passwords.length;
		for (let at = 0; at < passwords.length; at += size) {
			const batch = passwords.slice(at, at + size);
			batches.push(
				this.#slots.run(async () => {
					try {
						if (failed) return [];
						const started = this.#now();
						const hashes = await this.#hashBatch(batch, n);
						this.#timed(n, (this.#now() - started) / batch.length);
						for (let i = 0; i < hashes.length; i++) await afterEach();
						return hashes;
					} catch (e) {
						failed = true;
						throw e;
					} finally {
						this.#waiting -= batch.length;
					}
				}),
			);
		}
		return (await Promise.all(batches)).flat();
	}

	#timed(n: number, ms: number): void {
		const before = this.#msPerHash.get(n);
		this.#msPerHash.set(n, before === undefined ? ms : before * 0.7 + ms * 0.3);
	}

	/** Ends the idle threads (busy ones end with the process: they are not referenced once idle). */
	async close(): Promise<void> {
		await Promise.all(this.#idle.splice(0).map((t) => t.terminate()));
	}

	async #hashBatch(passwords: string[], n: number): Promise<string[]> {
		const thread = this.#idle.pop() ?? new HashThread();
		try {
			const answer = await thread.hash(passwords, n);
			const { salts, keys } = answer;
			if (!salts || !keys || keys.length !== passwords.length)
				throw new Error(`hashing failed: ${answer.error ?? 'no hashes came back'}`);
			return keys.map((key, i) => `scrypt$${n}$${R}$${P}$${salts[i] ?? ''}$${key}`);
		} finally {
			if (!thread.dead) this.#idle.push(thread);
		}
	}
}

const pool = new HashPool();

/** How long `count` more hashes at cost `n` would take in the shared pool (HashPool.expectedMs). */
export function expectedHashMs(count: number, n: number): number {
	return pool.expectedMs(count, n);
}

/**
 * Hashes a chunk's passwords in the shared pool, HASH_CONCURRENCY batches at a time across every
 * request in flight, so two large chunks cannot ask for 4 × 128 MiB at once.
 */
export function hashPasswords(
	passwords: readonly string[],
	n: number,
	afterEach?: () => Promise<void> | void,
): Promise<string[]> {
	return pool.hash(passwords, n, afterEach);
}

function scryptAsync(
	password: string,
	salt: Buffer,
	n: number,
	r: number,
	p: number,
): Promise<Buffer> {
	const options: ScryptOptions = { N: n, r, p, maxmem: maxmem(n, r) };
	return new Promise((resolve, reject) =>
		scrypt(password, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
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
