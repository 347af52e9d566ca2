// Temporary passwords: classes, look-alikes, formula-safe first character, unbiased draws.
import { describe, expect, it } from 'vitest';
import {
	cryptoRandom,
	DEFAULT_PASSWORD_OPTIONS,
	generatePassword,
	normalizePasswordOptions,
	passwordClasses,
	PasswordOptionsSchema,
	RandomPool,
	randomIndex,
	strengthBits,
	type PasswordOptions,
	type RandomSource,
} from '../../src/core/password.ts';
import { validateCells } from '../../src/core/validate.ts';
import { cells, HEADER, issuesOf, TODAY } from './helpers.ts';

/** A seeded xorshift32 filling the buffer: deterministic "random" values. */
function xorshift(seed: number): RandomSource {
	let x = seed >>> 0 || 1;
	return (buffer) => {
		for (let i = 0; i < buffer.length; i++) {
			x = (x ^ (x << 13)) >>> 0;
			x = (x ^ (x >>> 17)) >>> 0;
			x = (x ^ (x << 5)) >>> 0;
			buffer[i] = x;
		}
	};
}

/** Hands out `values` first, then xorshift values. */
function sequence(values: number[]): RandomSource {
	const rest = xorshift(7);
	let next = 0;
	return (buffer) => {
		rest(buffer);
		for (let i = 0; i < buffer.length && next < values.length; i++)
			buffer[i] = values[next++] as number;
	};
}

const CLASSES = passwordClasses(DEFAULT_PASSWORD_OPTIONS);
const ALPHABET = CLASSES.join('');
const indexes = (text: string) => [...text].map((c) => ALPHABET.indexOf(c));

/** Upper critical value of chi-square (Wilson–Hilferty), for p = 0.0001 (z = 3.719). */
function critical(df: number): number {
	const a = 2 / (9 * df);
	return df * (1 - a + 3.719 * Math.sqrt(a)) ** 3;
}

function chiSquare(counts: number[]): number {
	const total = counts.reduce((s, c) => s + c, 0);
	const expected = total / counts.length;
	return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

describe('the alphabet', () => {
	it('has four classes without look-alikes and without CSV-breaking symbols', () => {
		expect(CLASSES).toEqual([
			'ABCDEFGHJKLMNPQRSTUVWXYZ',
			'abcdefghijkmnopqrstuvwxyz',
			'23456789',
			'!#$%&*+-=?@^_',
		]);
		expect(ALPHABET).not.toMatch(/[Il1O0"',;\\\s]/);
	});

	it('keeps look-alikes when asked', () => {
		expect(
			passwordClasses({ ...DEFAULT_PASSWORD_OPTIONS, avoidLookAlikes: false }).join(''),
		).toHaveLength(75);
	});
});

describe('generatePassword', () => {
	it('makes 14 characters with every class, no look-alike, no formula start (2000 seeds)', () => {
		for (let seed = 1; seed <= 2000; seed++) {
			const p = generatePassword(xorshift(seed));
			expect(p).toHaveLength(14);
			for (const c of CLASSES) expect([...p].some((ch) => c.includes(ch))).toBe(true);
			expect(p).not.toMatch(/[Il1O0]/);
			expect(p).not.toMatch(/^[=+\-@]/);
			expect([...p].every((ch) => ALPHABET.includes(ch))).toBe(true);
		}
	});

	it.each(['=', '+', '-', '@'])('draws again when the first character would be %j', (first) => {
		const rejected = `${first}Ab2!cdEF3#ghJ`;
		const accepted = 'Kb3$mnPQ4%rsTu';
		expect(indexes(rejected + accepted).every((i) => i >= 0)).toBe(true);
		expect(generatePassword(sequence(indexes(rejected + accepted)))).toBe(accepted);
	});

	it('draws again when a class is missing', () => {
		const accepted = 'Kb3$mnPQ4%rsTu';
		expect(
			generatePassword(sequence(indexes('abcdefghijkmno' + 'ABCDEFGH234567' + accepted))),
		).toBe(accepted);
	});

	it('follows the options', () => {
		const random = xorshift(42);
		expect(generatePassword(random, { ...DEFAULT_PASSWORD_OPTIONS, length: 20 })).toHaveLength(20);
		expect(generatePassword(random, { ...DEFAULT_PASSWORD_OPTIONS, length: 3 })).toHaveLength(8);
		const digits: PasswordOptions = {
			length: 10,
			upper: false,
			lower: false,
			digits: true,
			symbols: false,
			avoidLookAlikes: true,
		};
		expect(generatePassword(random, digits)).toMatch(/^[2-9]{10}$/);
		const noSymbols = { ...DEFAULT_PASSWORD_OPTIONS, symbols: false };
		for (let i = 0; i < 200; i++)
			expect(generatePassword(random, noSymbols)).toMatch(/^[A-Za-z2-9]{14}$/);
		expect(() => generatePassword(random, { ...digits, digits: false })).toThrow(RangeError);
	});

	it('uses every character of the alphabet, look-alikes included when allowed', () => {
		const random = xorshift(3);
		const seen = new Set<string>();
		const options = { ...DEFAULT_PASSWORD_OPTIONS, avoidLookAlikes: false };
		for (let i = 0; i < 500; i++) for (const ch of generatePassword(random, options)) seen.add(ch);
		expect(seen.size).toBe(75);
	});

	it('makes passwords the rules accept without a warning', () => {
		const random = xorshift(9);
		const rows = Array.from({ length: 300 }, (_, i) =>
			cells({ email_address: `c${i}@example.com`, initial_password: generatePassword(random) }),
		);
		expect(issuesOf(validateCells([HEADER.split(','), ...rows], { today: TODAY }))).toEqual([]);
	});
});

describe('randomIndex', () => {
	it.each([70, 3, 10, 2 ** 31 + 1])(
		'rejects every draw in the biased top range for n = %i',
		(n) => {
			const limit = 2 ** 32 - (2 ** 32 % n);
			const top = [limit, limit + 1, 2 ** 32 - 1].filter((x) => x < 2 ** 32);
			for (const x of top) expect(randomIndex(n, sequence([x, 5]))).toBe(5 % n);
			expect(randomIndex(n, sequence([limit - 1]))).toBe(n - 1);
			expect(randomIndex(n, sequence([0]))).toBe(0);
		},
	);

	it('rejects all 46 top values for n = 70, one after another', () => {
		const rejected = Array.from({ length: 2 ** 32 % 70 }, (_, i) => 2 ** 32 - 1 - i);
		expect(rejected).toHaveLength(46);
		const pool = new RandomPool(sequence([...rejected, 11, 12]));
		expect(randomIndex(70, cryptoRandom, pool)).toBe(11);
		expect(randomIndex(70, cryptoRandom, pool)).toBe(12);
	});

	it('accepts every value when n divides 2^32, and refuses impossible ranges', () => {
		expect(randomIndex(2 ** 32, sequence([2 ** 32 - 1]))).toBe(2 ** 32 - 1);
		expect(randomIndex(1, sequence([2 ** 32 - 1]))).toBe(0);
		expect(() => randomIndex(0, cryptoRandom)).toThrow(RangeError);
		expect(() => randomIndex(2 ** 32 + 1, cryptoRandom)).toThrow(RangeError);
	});
});

describe('distribution with the real source (chi-square, p = 0.0001)', () => {
	it('uses a critical value close to the tables', () => {
		expect(critical(10)).toBeGreaterThan(35.5);
		expect(critical(10)).toBeLessThan(36.5);
		expect(critical(69)).toBeGreaterThan(120);
		expect(critical(69)).toBeLessThan(125);
	});

	it('detects the modulo bias it guards against', () => {
		const random = xorshift(5);
		const counts = new Array<number>(70).fill(0);
		const buffer = new Uint32Array(1);
		for (let i = 0; i < 200_000; i++) {
			random(buffer);
			counts[((buffer[0] as number) & 0xff) % 70]!++;
		}
		expect(chiSquare(counts)).toBeGreaterThan(critical(69));
	});

	it('draws randomIndex(n) uniformly for n = alphabet length', () => {
		const n = ALPHABET.length;
		const counts = new Array<number>(n).fill(0);
		const pool = new RandomPool(cryptoRandom);
		for (let i = 0; i < 200_000; i++) counts[randomIndex(n, cryptoRandom, pool)]!++;
		expect(chiSquare(counts)).toBeLessThan(critical(n - 1));
	});

	it('uses every character of a class equally often at positions after the first', () => {
		const counts = CLASSES.map((c) => new Map([...c].map((ch) => [ch, 0])));
		for (let i = 0; i < 20_000; i++) {
			const p = generatePassword(cryptoRandom);
			for (let j = 1; j < p.length; j++) {
				const ch = p[j] as string;
				const map = counts.find((m) => m.has(ch));
				map?.set(ch, (map.get(ch) ?? 0) + 1);
			}
		}
		for (const map of counts) {
			const values = [...map.values()];
			expect(values.reduce((s, c) => s + c, 0)).toBeGreaterThan(20_000);
			expect(chiSquare(values)).toBeLessThan(critical(values.length - 1));
		}
	});
});

describe('strengthBits', () => {
	it('counts bits of a uniform draw', () => {
		expect(strengthBits(DEFAULT_PASSWORD_OPTIONS)).toBe(Math.floor(14 * Math.log2(70)));
		expect(strengthBits(DEFAULT_PASSWORD_OPTIONS)).toBe(85);
		expect(strengthBits({ ...DEFAULT_PASSWORD_OPTIONS, length: 20 })).toBeGreaterThan(85);
		expect(
			strengthBits({
				...DEFAULT_PASSWORD_OPTIONS,
				upper: false,
				lower: false,
				symbols: false,
				length: 8,
			}),
		).toBe(24);
		expect(
			strengthBits({
				...DEFAULT_PASSWORD_OPTIONS,
				upper: false,
				lower: false,
				digits: false,
				symbols: false,
			}),
		).toBe(0);
	});
});

describe('generator settings', () => {
	it('clamps a typed length to 8–64 and keeps it whole', () => {
		const at = (length: number) =>
			normalizePasswordOptions({ ...DEFAULT_PASSWORD_OPTIONS, length });
		expect(at(3).length).toBe(8);
		expect(at(200).length).toBe(64);
		expect(at(12.6).length).toBe(13);
		expect(at(Number.NaN).length).toBe(14);
	});

	it('accepts the defaults and refuses no kind of character or a short length', () => {
		expect(PasswordOptionsSchema.safeParse(DEFAULT_PASSWORD_OPTIONS).success).toBe(true);
		const none = {
			...DEFAULT_PASSWORD_OPTIONS,
			upper: false,
			lower: false,
			digits: false,
			symbols: false,
		};
		expect(PasswordOptionsSchema.safeParse(none).success).toBe(false);
		expect(
			PasswordOptionsSchema.safeParse({ ...DEFAULT_PASSWORD_OPTIONS, length: 7 }).success,
		).toBe(false);
	});

	it('makes passwords of the chosen length and kinds only', () => {
		const options = { ...DEFAULT_PASSWORD_OPTIONS, length: 20, symbols: false, upper: false };
		for (let i = 0; i < 50; i++)
			expect(generatePassword(cryptoRandom, options)).toMatch(/^[a-km-z2-9]{20}$/);
		const withLookAlikes = { ...DEFAULT_PASSWORD_OPTIONS, avoidLookAlikes: false, length: 64 };
		const seen = new Set(
			Array.from({ length: 200 }, () => generatePassword(cryptoRandom, withLookAlikes)).join(''),
		);
		for (const c of 'Il1O0') expect(seen.has(c)).toBe(true);
	});

	it('estimates fewer bits when look-alikes are left out', () => {
		const avoid = strengthBits(DEFAULT_PASSWORD_OPTIONS);
		const keep = strengthBits({ ...DEFAULT_PASSWORD_OPTIONS, avoidLookAlikes: false });
		expect(keep).toBe(Math.floor(14 * Math.log2(75)));
		expect(avoid).toBeLessThan(keep);
	});
});
