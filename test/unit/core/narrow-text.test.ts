import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { narrowValue, packValues, storedWide, wideMap } from '../../../src/core/narrow-text.ts';
import { NarrowBuilder } from '../../../src/core/narrow-builder.ts';
import { RecordStore } from '../../../src/core/record-store.ts';
import type { ClientRecord } from '../../../src/core/record.ts';
import { emptyRecord } from '../../../src/core/fields.ts';

// Latin-1 values, and values with a character past U+00FF (CJK, emoji, a lone surrogate).
const value = fc.oneof(
	fc.string({ maxLength: 6 }),
	fc.string({ unit: 'grapheme', maxLength: 6 }),
	fc.constantFrom('', 'Zoë', 'Łukasz', '陈娜', 'Ana 🌟', '\ud800', 'ÿ', '\x80€', '\x9f', 'Zoë 陈'),
);

describe('packed block values', () => {
	it('gives back every value exactly, both ways, and keeps the values set apart through storage', () => {
		fc.assert(
			fc.property(fc.array(value, { maxLength: 60 }), fc.boolean(), (values, viaBuffer) => {
				const n = packValues(values, viaBuffer);
				values.forEach((v, k) => expect(narrowValue(n.text, n.ends, n.wide, k)).toBe(v));
				if (n.wide) expect(wideMap(structuredClone(storedWide(n.wide)))).toEqual(n.wide);
				// Only the values past Latin-1 (or with a C1 control) are set apart; the rest stays in
				// the one string.
				const apart = /[^\0-\x7f\xa0-\xff]/;
				expect([...(n.wide?.keys() ?? [])]).toEqual(
					values.flatMap((v, k) => (apart.test(v) ? [k] : [])),
				);
				expect(apart.test(n.text)).toBe(false);
			}),
			{ numRuns: 500 },
		);
	});
});

describe('values packed as they come', () => {
	// What plain rows hold (plain-rows.ts): ASCII and U+00A0–U+00FF, as UTF-8 bytes.
	const plainValue = fc.string({
		unit: fc
			.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
			.map((c) => String.fromCharCode(c)),
		maxLength: 70,
	});
	const entry = fc.oneof(
		{ weight: 3, arbitrary: plainValue.map((v) => ({ v, bytes: true })) },
		{ weight: 1, arbitrary: value.map((v) => ({ v, bytes: false })) },
	);

	it('from bytes or strings, both ways, pack as packValues does and read back while filling', () => {
		fc.assert(
			fc.property(fc.array(entry, { maxLength: 80 }), fc.boolean(), (entries, viaBuffer) => {
				const builder = new NarrowBuilder(4, viaBuffer);
				const encoder = new TextEncoder();
				entries.forEach(({ v, bytes }, k) => {
					if (bytes) {
						// Within a larger array, as a line of the file holds it.
						const src = encoder.encode(`,${v},`);
						builder.pushUtf8(src, 1, src.length - 1, v.length);
					} else builder.pushString(v);
					expect(builder.value(k)).toBe(v);
				});
				const values = entries.map((e) => e.v);
				expect(builder.snapshot()).toEqual(packValues(values, !viaBuffer));
				values.forEach((v, k) => expect(builder.value(k)).toBe(v));
				expect(builder.finish()).toEqual(packValues(values, !viaBuffer));
			}),
			{ numRuns: 300 },
		);
	});

	it('fill their buffer to its last byte and grow, one character at a time', () => {
		// Values are copied four bytes at a time: the buffer must have room past the last one
		// (and the line, as a file's chunk does, goes on past the value).
		const builder = new NarrowBuilder(4, true);
		const src = new TextEncoder().encode(',abcdefgh,Zoë,1234');
		const count = 600_000;
		for (let k = 0; k < count; k++) builder.pushUtf8(src, 1 + (k % 8), 2 + (k % 8), 1);
		const { text, ends } = builder.finish();
		expect(ends.length).toBe(count);
		expect(text.length).toBe(count);
		expect(text.slice(0, 10)).toBe('abcdefghab');
		expect(text.slice(-8)).toBe('abcdefgh'.slice(count % 8) + 'abcdefgh'.slice(0, count % 8));
	});
});

function client(row: number, first_name: string, initial_password = 'Pw#12345678'): ClientRecord {
	return {
		...emptyRecord(row),
		email_address: `c${row}@example.com`,
		initial_password,
		first_name,
	};
}

describe('search over blocks holding names past Latin-1', () => {
	it('finds a needle in a set-apart value, skips passwords, and still finds Latin-1 ones', () => {
		const records = Array.from({ length: 2_100 }, (_, i) => client(i + 2, `Ana ${i}`));
		records[5] = client(7, '陈娜');
		records[1_500] = client(1_502, 'Zoë 🌟');
		records[9] = client(11, 'Ana 9', '陈#Pw1234567');
		const store = RecordStore.from(records);
		// Seal every full block as storage would, then read it back the same way.
		const stored = Array.from({ length: store.blockCount }, (_, b) =>
			structuredClone(store.sealedBlock(b)),
		);
		for (const s of [store, RecordStore.fromBlocks(stored)]) {
			const hits = (needle: string) =>
				[...s.search(needle)].flatMap((hit, i) => (hit === 1 ? [i] : []));
			expect(hits('陈')).toEqual([5]);
			expect(hits('🌟')).toEqual([1_500]);
			expect(hits('zoë')).toEqual([1_500]);
			expect(hits('ana 1499')).toEqual([1_499]);
			expect(s.at(5)?.first_name).toBe('陈娜');
		}
	});
});
