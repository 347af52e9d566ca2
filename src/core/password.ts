// Temporary passwords: CSPRNG, rejection sampling (no modulo bias), every class present.
// The random source is injected so tests can drive it; production passes crypto.getRandomValues.

import { z } from 'zod';

export type RandomSource = (buffer: Uint32Array<ArrayBuffer>) => unknown;

export interface PasswordOptions {
	length: number;
	upper: boolean;
	lower: boolean;
	digits: boolean;
	symbols: boolean;
	/** Leave out characters read wrongly off paper: I l 1 O 0. */
	avoidLookAlikes: boolean;
}

export const DEFAULT_PASSWORD_OPTIONS: PasswordOptions = {
	length: 14,
	upper: true,
	lower: true,
	digits: true,
	symbols: true,
	avoidLookAlikes: true,
};

export const MIN_GENERATED_LENGTH = 8;
/** Longer than anyone copies off paper; a guard against a mistyped setting. */
export const MAX_GENERATED_LENGTH = 64;

/** Generator settings as stored on the device and sent to the worker. */
export const PasswordOptionsSchema = z
	.object({
		length: z.number().int().min(MIN_GENERATED_LENGTH).max(MAX_GENERATED_LENGTH),
		upper: z.boolean(),
		lower: z.boolean(),
		digits: z.boolean(),
		symbols: z.boolean(),
		avoidLookAlikes: z.boolean(),
	})
	.refine(
		(o) => o.upper || o.lower || o.digits || o.symbols,
		'Choose at least one kind of character',
	);

/** Settings typed in a form, made safe: the length clamped to 8–64 and whole. */
export function normalizePasswordOptions(options: PasswordOptions): PasswordOptions {
	const length = Number.isFinite(options.length) ? Math.round(options.length) : 14;
	return {
		...options,
		length: Math.min(MAX_GENERATED_LENGTH, Math.max(MIN_GENERATED_LENGTH, length)),
	};
}
const LOOK_ALIKES = /[Il1O0]/g;
// No quotes, commas, semicolons, backslashes or spaces: they break CSV files and are hard to dictate.
const SYMBOLS = '!#$%&*+-=?@^_';
const FORMULA_FIRST = new Set(['=', '+', '-', '@']);

export function passwordClasses(options: PasswordOptions): string[] {
	const classes: string[] = [];
	if (options.upper) classes.push('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
	if (options.lower) classes.push('abcdefghijklmnopqrstuvwxyz');
	if (options.digits) classes.push('0123456789');
	if (options.symbols) classes.push(SYMBOLS);
	return options.avoidLookAlikes ? classes.map((c) => c.replace(LOOK_ALIKES, '')) : classes;
}

/** A uniform integer in [0, n), discarding draws from the incomplete top range. */
export function randomIndex(
	n: number,
	random: RandomSource,
	pool: RandomPool = new RandomPool(random),
): number {
	if (n < 1 || n > 2 ** 32) throw new RangeError(`n must be in 1..2^32, got ${n}`);
	const limit = 2 ** 32 - (2 ** 32 % n);
	for (;;) {
		const x = pool.next();
		if (x < limit) return x % n;
	}
}

/** Draws 32-bit values in batches, so one password costs one call to the random source. */
export class RandomPool {
	#buffer = new Uint32Array(64);
	#used = 64;
	#random: RandomSource;
	constructor(random: RandomSource) {
		this.#random = random;
	}
	next(): number {
		if (this.#used === this.#buffer.length) {
			this.#random(this.#buffer);
			this.#used = 0;
		}
		return this.#buffer[this.#used++] as number;
	}
}

/** Bits of entropy of a password drawn uniformly from the classes (before the class rule). */
export function strengthBits(options: PasswordOptions): number {
	const size = passwordClasses(options).join('').length;
	return size === 0 ? 0 : Math.floor(options.length * Math.log2(size));
}

export function generatePassword(
	random: RandomSource,
	options: PasswordOptions = DEFAULT_PASSWORD_OPTIONS,
): string {
	const classes = passwordClasses(options);
	if (classes.length === 0) throw new RangeError('Choose at least one kind of character');
	const length = Math.max(options.length, MIN_GENERATED_LENGTH, classes.length);
	const alphabet = classes.join('');
	const pool = new RandomPool(random);
	// Whole-password rejection keeps every acceptable password equally likely.
	for (;;) {
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[randomIndex(alphabet.length, random, pool)];
		if (FORMULA_FIRST.has(out[0] as string)) continue;
		if (classes.every((c) => [...out].some((ch) => c.includes(ch)))) return out;
	}
}

/** The production source: the platform CSPRNG (browser, worker and Node 20 all have it). */
export const cryptoRandom: RandomSource = (buffer) => globalThis.crypto.getRandomValues(buffer);
