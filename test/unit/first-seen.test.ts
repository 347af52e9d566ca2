import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstSeen } from '../../src/core/first-seen.ts';

describe('FirstSeen', () => {
	it('answers the first row of a repeated key and -1 for a new one', () => {
		const keys = ['ana@example.com', 'bo@example.com', 'ana@example.com', 'ana@example.com'];
		const seen = new FirstSeen((i) => keys[i] as string);
		expect(seen.claim('ana@example.com', 0)).toBe(-1);
		expect(seen.claim('bo@example.com', 1)).toBe(-1);
		expect(seen.claim('ana@example.com', 2)).toBe(0);
		expect(seen.claim('ana@example.com', 3)).toBe(0);
		expect(seen.size).toBe(2);
	});

	it('agrees with a Map for any keys, across many resizes', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 5000 }), (keys) => {
				const seen = new FirstSeen((i) => keys[i] as string);
				const map = new Map<string, number>();
				keys.forEach((key, row) => {
					const expected = map.get(key) ?? -1;
					if (expected === -1) map.set(key, row);
					expect(seen.claim(key, row)).toBe(expected);
				});
				expect(seen.size).toBe(map.size);
			}),
			{ numRuns: 50 },
		);
	});
});
