// The duplicate-key index against a plain model (a Map from key to its records in order): any
// mix of claims and removals, with few distinct keys (long chains, tombstones reused) and
// enough records to make the table grow, answers first/members/size as the model does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString, KeyIndex } from '../../../src/core/key-index.ts';
import { emailKey, emailKeyHash } from '../../../src/core/rules.ts';

/** `pick` chooses among the records claimed so far, so most removals hit one. */
type Op = { kind: 'claim'; key: string; index: number } | { kind: 'remove'; pick: number };

const key = fc.oneof(
	fc.constantFrom('a', 'b', 'ana@example.com', 'ANA', 'é', '中文', ''),
	fc.string({ maxLength: 6 }),
);

const op: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('claim'), key, index: fc.nat(3000) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('remove'), pick: fc.nat() }) },
) as fc.Arbitrary<Op>;

describe('KeyIndex', () => {
	it('claims a queue of rows as it claims them one by one, growing as it goes', () => {
		fc.assert(
			fc.property(
				// Enough rows for the tables to grow mid-queue (1,024 slots hold 768 keys).
				fc.array(fc.record({ email: key, id: key, apart: fc.boolean() }), {
					minLength: 1000,
					maxLength: 3000,
				}),
				fc.nat(1200),
				(drawn, expected) => {
					// Half the keys made distinct by the row number: enough of them to grow the tables.
					const rows = drawn.map((r, i) => ({
						email: r.email && (r.apart ? `${r.email}${i}` : r.email),
						id: r.id && (r.apart ? `${i}${r.id}` : r.id),
					}));
					const at = (k: 'email' | 'id') => (i: number) =>
						(rows[i] as { email: string; id: string })[k];
					const queued = [new KeyIndex(at('email'), expected), new KeyIndex(at('id'), expected)];
					const single = [new KeyIndex(at('email'), expected), new KeyIndex(at('id'), expected)];
					const queue = new Int32Array(3 * rows.length);
					rows.forEach((r, i) => {
						queue.set(
							[i, r.email === '' ? 0 : hashString(r.email), r.id === '' ? 0 : hashString(r.id)],
							3 * i,
						);
					});
					([1, 2] as const).forEach((field, f) => {
						const earlier = new Int32Array(rows.length);
						(queued[f] as KeyIndex).claimQueued(queue, queue.length, field, earlier);
						const one = rows.map((r, i) => {
							const k = field === 1 ? r.email : r.id;
							return k === '' ? -1 : (single[f] as KeyIndex).claim(k, i);
						});
						expect([...earlier]).toEqual(one);
						for (const r of rows) {
							const k = field === 1 ? r.email : r.id;
							expect((queued[f] as KeyIndex).members(k)).toEqual(
								(single[f] as KeyIndex).members(k),
							);
						}
					});
				},
			),
			{ numRuns: 30 },
		);
	});

	it('claims a long queue into large tables as it claims the rows one by one', () => {
		// Past 131,072 slots a long queue is claimed stretch of the table by stretch, out of row
		// order: the answers, chains and sizes must not show it. The tables hold keys already
		// (some of them left by their records), and grow for the queue. Both of a row's keys are
		// queued, as the validator queues them, and each index claims its own.
		const rows = 150_000;
		let seed = 7;
		const random = (n: number) => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return seed % n;
		};
		const keysOf = (shared: string, own: string) =>
			Array.from({ length: rows }, (_, i) =>
				random(4) === 0 ? '' : random(3) === 0 ? `${shared}${random(500)}` : `${own}${i}`,
			);
		const fields = [keysOf('shared', 'own@x.org'), keysOf('ID-', 'C')];
		const before = 20_000;
		const queue = new Int32Array(3 * (rows - before));
		for (let i = before; i < rows; i++) {
			const hashes = fields.map((keys) => (keys[i] === '' ? 0 : hashString(keys[i] as string)));
			queue.set([i, ...hashes], 3 * (i - before));
		}
		([1, 2] as const).forEach((at) => {
			const keys = fields[at - 1] as string[];
			const keyAt = (i: number) => keys[i] as string;
			const queued = new KeyIndex(keyAt, 1000);
			const single = new KeyIndex(keyAt, 1000);
			for (let i = 0; i < before; i++) {
				if (keyAt(i) === '') continue;
				expect(queued.claim(keyAt(i), i)).toBe(single.claim(keyAt(i), i));
			}
			for (let i = 0; i < before; i += 3) {
				if (keyAt(i) === '') continue;
				queued.remove(keyAt(i), i);
				single.remove(keyAt(i), i);
			}
			const earlier = new Int32Array(rows - before);
			queued.claimQueued(queue, queue.length, at, earlier);
			const one = keys.slice(before).map((k, r) => (k === '' ? -1 : single.claim(k, before + r)));
			expect([...earlier]).toEqual(one);
			expect(one.filter((e) => e !== -1).length).toBeGreaterThan(10_000);
			expect(queued.size).toBe(single.size);
			for (const k of new Set(keys)) expect(queued.members(k)).toEqual(single.members(k));
		});
	});

	it('answers as a map of keys to their records in order, through claims and removals', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 400 }), fc.nat(2000), (ops, expected) => {
				const keys = new Map<number, string>();
				const index = new KeyIndex((i) => keys.get(i) as string, expected);
				const model = new Map<string, number[]>();
				for (const o of ops) {
					if (o.kind === 'claim') {
						if (keys.has(o.index)) continue;
						keys.set(o.index, o.key);
						const holders = model.get(o.key) ?? [];
						const first = holders.length === 0 ? -1 : Math.min(...holders);
						expect(index.claim(o.key, o.index)).toBe(first);
						model.set(
							o.key,
							[...holders, o.index].sort((x, y) => x - y),
						);
					} else {
						if (keys.size === 0) continue;
						const gone = [...keys.keys()][o.pick % keys.size] as number;
						const k = keys.get(gone) as string;
						index.remove(k, gone);
						keys.delete(gone);
						const left = (model.get(k) ?? []).filter((i) => i !== gone);
						if (left.length === 0) model.delete(k);
						else model.set(k, left);
					}
				}
				expect(index.size).toBe(model.size);
				for (const k of new Set([...model.keys(), 'a', 'zz', ''])) {
					const holders = model.get(k) ?? [];
					expect(index.members(k)).toEqual(holders);
					expect(index.first(k)).toBe(holders[0] ?? -1);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('keeps each chain whole when records leave or join at its ends', () => {
		const keys = new Map<number, string>();
		const index = new KeyIndex((i) => keys.get(i) as string);
		const claim = (key: string, i: number) => {
			keys.set(i, key);
			return index.claim(key, i);
		};
		const remove = (i: number) => {
			index.remove(keys.get(i) as string, i);
			keys.delete(i);
		};
		for (const i of [1, 2, 3]) claim('k', i);
		remove(1); // the head leaves: the chain's last record is still 3
		expect(claim('k', 4)).toBe(2);
		expect(index.members('k')).toEqual([2, 3, 4]);
		remove(4); // the last record leaves
		expect(claim('k', 9)).toBe(2);
		expect(index.members('k')).toEqual([2, 3, 9]);
		expect(claim('k', 0)).toBe(2); // a new head before the others
		expect(claim('k', 10)).toBe(0);
		expect(index.members('k')).toEqual([0, 2, 3, 9, 10]);
		for (const i of [0, 2, 3, 9, 10]) remove(i);
		expect(index.members('k')).toEqual([]);
		expect(claim('k', 3)).toBe(-1); // a record claimed again after it left
		expect(claim('k', 5)).toBe(3);
		expect(index.members('k')).toEqual([3, 5]);
	});

	it('keeps 200,000 distinct keys apart while it grows, and finds each again', () => {
		const n = 200_000;
		const keyOf = (i: number) => `client${i}@example.com`;
		const index = new KeyIndex(keyOf, 1000);
		for (let i = 0; i < n; i++) expect(index.claim(keyOf(i), i)).toBe(-1);
		expect(index.size).toBe(n);
		for (let i = 0; i < n; i += 997) expect(index.first(keyOf(i))).toBe(i);
		expect(index.first('nobody@example.com')).toBe(-1);
	});
});

describe('an email key hashed in one pass', () => {
	// The import claims emails by emailKeyHash; lookups, edits and removals hash emailKey's
	// string: a difference would file a duplicate under another key.
	it('is the hash of the email key, whatever the case and characters', () => {
		const email = fc.oneof(
			fc.string({ maxLength: 12 }),
			fc.string({ unit: 'grapheme', maxLength: 8 }),
			fc.constantFrom('Ana@Example.COM', 'ZOË@example.com', 'İstanbul@x.tr', 'ẞ@x.de', '@[]', ''),
		);
		fc.assert(
			fc.property(email, (v) => {
				expect(emailKeyHash(v)).toBe(hashString(emailKey(v)));
			}),
			{ numRuns: 2000 },
		);
	});
});
