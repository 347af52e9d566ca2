import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, RecordStore } from '../../src/core/record-store.ts';
import type { ClientRecord } from '../../src/core/record.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const record = fc.record({
	row: fc.integer({ min: 2, max: 2_000_000 }),
	email_address: text,
	initial_password: text,
	first_name: text,
	last_name: text,
	birthdate: text,
	gender: text,
	tags: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 3 }),
	external_id: text,
	extra: fc.array(fc.constantFrom<string>('G', 'H', 'AA'), { maxLength: 2 }),
}) satisfies fc.Arbitrary<ClientRecord>;

describe('RecordStore', () => {
	it('gives back every record as stored, across sealed blocks', () => {
		fc.assert(
			fc.property(
				fc.array(record, { maxLength: 40 }),
				fc.integer({ min: 0, max: 3 }),
				(records, fill) => {
					// Pad with copies so the records span full (sealed) blocks and the open last one.
					const all = [
						...Array.from({ length: fill * 700 }, (_, i) => records[i % records.length]).filter(
							(r): r is ClientRecord => r !== undefined,
						),
						...records,
					];
					const store = RecordStore.from(all);
					expect(store.length).toBe(all.length);
					expect(store.toArray()).toEqual(all);
					all.forEach((r, i) => {
						expect(store.field(i, 'email_address')).toBe(r.email_address);
						expect(store.rowNumber(i)).toBe(r.row);
						expect(store.tagCount(i)).toBe(r.tags.length);
					});
				},
			),
			{ numRuns: 40 },
		);
	});

	it('answers undefined outside its range, and returns copies', () => {
		const store = RecordStore.from([
			{
				row: 2,
				email_address: 'a@x.co',
				initial_password: 'p',
				first_name: 'A',
				last_name: 'B',
				birthdate: '19811120',
				gender: 'male',
				tags: [],
				external_id: '',
				extra: [],
			},
		]);
		expect(store.at(1)).toBeUndefined();
		expect(store.at(-1)).toBeUndefined();
		const copy = store.at(0) as ClientRecord;
		copy.first_name = 'changed';
		expect(store.at(0)?.first_name).toBe('A');
		expect(BLOCK_SIZE).toBe(1024);
	});
});
