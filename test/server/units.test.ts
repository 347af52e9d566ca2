// The server's pure pieces: the fault switch's parsing and seeded sequence, canonical request
// fingerprints (key order must not change them; the secret must), body-size and duration
// parsing, the hashing semaphore.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FaultInjector, parseFaultSpec, seededRandom } from '../../server/faults.ts';
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson, requestFingerprint } from '../../server/fingerprint.ts';
import { utcToday } from '../../server/imports.ts';
import { parseDuration, parseSize } from '../../server/options.ts';
import {
	HASH_CONCURRENCY,
	hashBatch,
	HashPool,
	hashPasswords,
	Semaphore,
	verifyPassword,
} from '../../server/passwords.ts';
import { clients, request } from './helpers.ts';

describe('fault switch', () => {
	it('parses every kind and refuses nonsense', () => {
		const s = parseFaultSpec(
			'500:0.1,429:0.05,503:0.2,drop:0.05,delay:200,hold-commit:900,hash-delay:70,retry-after:3,seed:9',
		);
		expect(s).toEqual({
			error500: 0.1,
			throttle429: 0.05,
			unavailable503: 0.2,
			drop: 0.05,
			delayMs: 200,
			holdCommitMs: 900,
			hashDelayMs: 70,
			retryAfterS: 3,
			seed: 9,
		});
		expect(() => parseFaultSpec('500:2')).toThrow(/probability/);
		expect(() => parseFaultSpec('boom:1')).toThrow(/Unknown fault/);
		expect(() => parseFaultSpec('delay:-5')).toThrow(/whole number/);
		expect(() => parseFaultSpec('hold-commit:soon')).toThrow(/whole number/);
	});

	it('gives the same decisions for the same seed', () => {
		const spec = parseFaultSpec('500:0.2,429:0.2,drop:0.2');
		const run = (seed: number) => {
			const f = new FaultInjector(spec, seededRandom(seed));
			return Array.from({ length: 50 }, () => f.decide().kind);
		};
		expect(run(42)).toEqual(run(42));
		expect(run(42)).not.toEqual(run(43));
		expect(new Set(run(42))).toEqual(new Set(['none', 'error', 'retry', 'drop']));
	});
});

describe('request fingerprint', () => {
	it('ignores key order and notices any change', () => {
		expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
		const secret = randomBytes(32);
		const fp = (r: ReturnType<typeof request>) => requestFingerprint(secret, r);
		const body = request('b', 0, clients(0, 2));
		const reordered = { clients: body.clients, chunk: body.chunk, batch_id: body.batch_id };
		expect(fp(reordered)).toBe(fp(body));
		expect(fp(request('b', 1, clients(0, 2)))).not.toBe(fp(body));
	});

	it('writes every value as the first version did, byte for byte (stored fingerprints)', () => {
		// The first version, kept here: a record stored by it must still match a resend.
		const first = (value: unknown): string => {
			if (Array.isArray(value)) return `[${value.map(first).join(',')}]`;
			if (value !== null && typeof value === 'object') {
				const entries = Object.entries(value)
					.filter(([, v]) => v !== undefined)
					.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
				return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${first(v)}`).join(',')}}`;
			}
			return JSON.stringify(value);
		};
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				expect(canonicalJson(value)).toBe(first(value));
			}),
			{ numRuns: 500 },
		);
		const odd = { b: undefined, é: [1, undefined, 'x'], a: { z: null, A: -0 }, '': 2 };
		expect(canonicalJson(odd)).toBe(first(odd));
		const body = request('b', 0, clients(0, 3));
		expect(canonicalJson(body)).toBe(first(body));
	});

	it('is keyed: another secret gives another fingerprint, and none is the plain SHA-256', () => {
		const body = request('b', 0, clients(0, 1));
		const plain = createHash('sha256').update(canonicalJson(body)).digest('hex');
		const a = requestFingerprint(randomBytes(32), body);
		const b = requestFingerprint(randomBytes(32), body);
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(a).not.toBe(b);
		expect([a, b]).not.toContain(plain);
	});

	it('dates today in UTC as YYYYMMDD', () => {
		expect(utcToday(new Date('2026-01-31T23:59:59-05:00'))).toBe('20260201');
	});
});

describe('sizes', () => {
	it('reads bytes and k/m suffixes', () => {
		expect(parseSize('--body-limit', '5m')).toBe(5 * 1024 * 1024);
		expect(parseSize('--body-limit', '512k')).toBe(512 * 1024);
		expect(parseSize('--body-limit', '2048')).toBe(2048);
		expect(() => parseSize('--body-limit', 'lots')).toThrow(/size/);
	});

	it('reads durations in s, m, h and d', () => {
		expect(parseDuration('--idempotency-ttl', '24h')).toBe(86_400_000);
		expect(parseDuration('--idempotency-ttl', '90m')).toBe(5_400_000);
		expect(parseDuration('--idempotency-ttl', '7d')).toBe(604_800_000);
		expect(parseDuration('--idempotency-ttl', '300s')).toBe(300_000);
		expect(() => parseDuration('--idempotency-ttl', '24')).toThrow(/24h, 90m or 7d/);
		expect(() => parseDuration('--idempotency-ttl', 'a day')).toThrow(/not 'a day'/);
	});
});

describe('password hashing', () => {
	it('lets only a few tasks run at once, and every one finishes, in order', async () => {
		const gate = new Semaphore(2);
		let active = 0;
		let most = 0;
		const started: number[] = [];
		const release: (() => void)[] = [];
		const tasks = Array.from({ length: 6 }, (_, i) =>
			gate.run(async () => {
				started.push(i);
				active++;
				most = Math.max(most, active);
				await new Promise<void>((r) => release.push(r));
				active--;
				return i;
			}),
		);
		// Let each admitted task finish once it has started, one at a time.
		while (started.length < 6 || release.length > 0) {
			await new Promise((r) => setImmediate(r));
			release.shift()?.();
		}
		expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(most).toBe(2);
		expect(started).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('hashes each password with its own salt, in order, in the worker threads', async () => {
		const passwords = Array.from({ length: 600 }, (_, i) => `pw-${i}`);
		let after = 0;
		const hashes = await hashPasswords(passwords, 16, () => void after++);
		expect(hashes).toHaveLength(600);
		expect(new Set(hashes.map((h) => h.split('$')[4])).size).toBe(600);
		expect(after).toBe(600);
		// Three batches of 256: a hash given back at another password's place would not verify.
		for (const i of [0, 255, 256, 511, 512, 599]) {
			expect(hashes[i]).toMatch(/^scrypt\$16\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
			expect(await verifyPassword(`pw-${i}`, hashes[i] ?? '')).toBe(true);
			expect(await verifyPassword(`pw-${i + 1}`, hashes[i] ?? '')).toBe(false);
		}
	});

	it('works on at most HASH_CONCURRENCY batches at once across requests, in request order', async () => {
		expect(HASH_CONCURRENCY).toBe(2);
		const pool = new HashPool();
		let active = 0;
		let most = 0;
		const order: string[] = [];
		// A pause after each hash holds its batch's slot, as the fault switch's hash-delay does.
		const pause = (who: string) => async () => {
			most = Math.max(most, ++active);
			order.push(who);
			await new Promise((r) => setTimeout(r, 5));
			active--;
		};
		const one = Array.from({ length: 3 }, (_, i) => `a${i}`);
		const two = Array.from({ length: 3 }, (_, i) => `b${i}`);
		try {
			// At N = 2048 each password is its own batch.
			const [a, b] = await Promise.all([
				pool.hash(one, 2048, pause('a')),
				pool.hash(two, 2048, pause('b')),
			]);
			expect(a).toHaveLength(3);
			expect(b).toHaveLength(3);
			expect(await verifyPassword('b2', b[2] ?? '')).toBe(true);
		} finally {
			await pool.close();
		}
		expect(most).toBe(2);
		// The first request's batches were queued first, so they all began before the second's.
		expect(order.slice(0, 2)).toEqual(['a', 'a']);
	});

	it('expects the time of more hashes from the cost, then from hashes timed, the queue included', async () => {
		// One thread, and a clock that moves 4 ms at each look: each hash (alone in its batch at
		// N = 2048) seems to take 4 ms.
		let clock = 0;
		const pool = new HashPool(1, () => (clock += 4));
		try {
			// Nothing timed yet: 5 µs per unit of N (0.65 s a hash at 2^17).
			expect(pool.expectedMs(10, 2 ** 17)).toBeCloseTo(10 * 655.36);
			expect(pool.expectedMs(1000, 16)).toBeCloseTo(80);
			// While a request's hashes wait or run, they count before the next one's.
			let release = () => {};
			const held = new Promise<void>((r) => (release = r));
			const hashing = pool.hash(['a', 'b', 'c'], 2048, () => held);
			expect(pool.expectedMs(0, 2048)).toBeCloseTo(3 * 10.24);
			expect(pool.expectedMs(1, 2048)).toBeCloseTo(4 * 10.24);
			release();
			await hashing;
			expect(pool.expectedMs(0, 2048)).toBe(0);
			// Timed now: 4 ms a hash, not the guess of 10.24 ms; the cost of 16 is still guessed.
			expect(pool.expectedMs(2, 2048)).toBeCloseTo(8);
			expect(pool.expectedMs(1000, 16)).toBeCloseTo(80);
			// A failed request leaves nothing counted as waiting.
			await expect(pool.hash(['x', 'y'], 15)).rejects.toThrow();
			expect(pool.expectedMs(0, 15)).toBe(0);
		} finally {
			await pool.close();
		}
	});

	it('sends cheap hashes 256 to a batch and costly ones alone', () => {
		expect(hashBatch(16)).toBe(256);
		expect(hashBatch(256)).toBe(16);
		expect(hashBatch(512)).toBe(8);
		expect(hashBatch(1024)).toBe(1);
		expect(hashBatch(2 ** 17)).toBe(1);
	});

	it('fails a request whose hashing fails with the reason, and goes on hashing for others', async () => {
		const pool = new HashPool();
		try {
			// scrypt refuses a cost that is not a power of two.
			await expect(pool.hash(['x', 'y'], 15)).rejects.toThrow(/^hashing failed: .*scrypt/i);
			const [h] = await pool.hash(['z'], 16);
			expect(await verifyPassword('z', h ?? '')).toBe(true);
		} finally {
			await pool.close();
		}
	});
});
