// The server's pure pieces: the fault switch's parsing and seeded sequence, canonical request
// hashing (key order must not change the idempotency hash) and body-size parsing.
import { describe, expect, it } from 'vitest';
import { FaultInjector, parseFaultSpec, seededRandom } from '../../server/faults.ts';
import { canonicalJson, requestHash, utcToday } from '../../server/imports.ts';
import { parseSize } from '../../server/options.ts';
import { clients, request } from './helpers.ts';

describe('fault switch', () => {
	it('parses every kind and refuses nonsense', () => {
		const s = parseFaultSpec(
			'500:0.1,429:0.05,503:0.2,drop:0.05,delay:200,hold-commit:900,retry-after:3,seed:9',
		);
		expect(s).toEqual({
			error500: 0.1,
			throttle429: 0.05,
			unavailable503: 0.2,
			drop: 0.05,
			delayMs: 200,
			holdCommitMs: 900,
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

describe('request hash', () => {
	it('ignores key order and notices any change', () => {
		expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
		const body = request('b', 0, clients(0, 2));
		const reordered = { clients: body.clients, chunk: body.chunk, batch_id: body.batch_id };
		expect(requestHash(reordered)).toBe(requestHash(body));
		expect(requestHash(request('b', 1, clients(0, 2)))).not.toBe(requestHash(body));
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
});
