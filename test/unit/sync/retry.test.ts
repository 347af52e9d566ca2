// The retry schedule: full-jitter backoff within its bounds and cap, Retry-After in seconds and
// as an HTTP date, and which answers are worth retrying.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	backoffDelay,
	DEFAULT_RETRY,
	isRetryableStatus,
	parseRetryAfter,
	retryDelay,
} from '../../../src/sync/retry.ts';

describe('backoffDelay', () => {
	it('doubles its ceiling each attempt up to the cap, drawing below it', () => {
		const top = (attempt: number) => backoffDelay(attempt, () => 0.999999);
		expect(top(0)).toBe(999);
		expect(top(1)).toBe(1999);
		expect(top(3)).toBe(7999);
		expect(top(10)).toBe(59_999);
		expect(top(50)).toBe(59_999);
		expect(backoffDelay(4, () => 0)).toBe(0);
	});

	it('stays within [0, min(cap, base · 2^attempt)) for any draw', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 100 }),
				fc.double({ min: 0, max: 0.9999999, noNaN: true, noDefaultInfinity: true }),
				(a, r) => {
					const d = backoffDelay(a, () => r);
					const ceiling = Math.min(DEFAULT_RETRY.capMs, DEFAULT_RETRY.baseMs * 2 ** a);
					return d >= 0 && d < ceiling && Number.isInteger(d);
				},
			),
		);
	});

	it('spreads retries: many draws are not all the same', () => {
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, random)));
		expect(delays.size).toBeGreaterThan(40);
	});
});

describe('Retry-After', () => {
	const now = Date.parse('2026-12-03T10:00:00Z');

	it('reads delta-seconds and HTTP dates', () => {
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter(' 0 ', now)).toBe(0);
		expect(parseRetryAfter('Thu, 03 Dec 2026 10:00:07 GMT', now)).toBe(7000);
		// A date already past means "now".
		expect(parseRetryAfter('Thu, 03 Dec 2026 09:59:00 GMT', now)).toBe(0);
		expect(parseRetryAfter(null, now)).toBeNull();
		expect(parseRetryAfter('soon', now)).toBeNull();
		expect(parseRetryAfter('-5', now)).toBeNull();
	});

	it('is honoured over backoff, within the cap', () => {
		expect(retryDelay(0, 5000, () => 0)).toBe(5000);
		expect(retryDelay(6, 0, () => 0.9)).toBe(0);
		expect(retryDelay(0, 3_600_000, () => 0)).toBe(DEFAULT_RETRY.capMs);
		expect(retryDelay(2, null, () => 0.5)).toBe(2000);
	});
});

describe('isRetryableStatus', () => {
	it('retries throttling, conflicts in progress and server faults, not client errors', () => {
		for (const s of [408, 409, 425, 429, 500, 502, 503, 504])
			expect(isRetryableStatus(s)).toBe(true);
		for (const s of [400, 401, 403, 404, 413, 422]) expect(isRetryableStatus(s)).toBe(false);
	});
});
