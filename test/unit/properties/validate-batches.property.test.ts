// Rows added a batch at a time claim their keys after the batch's checks (validate.ts, addRows),
// or all at `finish` while a file is read (claimAtFinish): the issues, their order and the rows
// they point at must be those of rows added one by one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Validator, validateCells } from '../../../src/core/validate.ts';
import type { CsvRecord } from '../../../src/core/csv-reader.ts';
import { cells, HEADER, TODAY } from '../helpers.ts';

const opts = { today: TODAY };
const HEAD = [...HEADER.split(','), 'external_id'];

function row(email: string, id: string, gender = 'female', birthdate = '19900102'): string[] {
	return [...cells({ email_address: email, gender, birthdate }), id];
}

function inBatches(
	rows: string[][],
	cuts: number[],
	claimAtFinish = false,
): ReturnType<Validator['finish']> {
	const records: CsvRecord[] = rows.map((cells, i) => ({ cells, row: i + 1 }));
	const at = [...new Set(cuts.map((c) => c % (records.length + 1)))].sort((a, b) => a - b);
	const v = new Validator({ ...opts, claimAtFinish });
	let from = 0;
	for (const to of [...at, records.length]) {
		v.addRows(records.slice(from, Math.max(from, to)));
		from = Math.max(from, to);
	}
	return v.finish();
}

describe('Validator.addRows', () => {
	it('reports what adding the rows one by one reports, wherever the batches end', () => {
		const client = fc.record({
			email: fc.constantFrom(
				'ann@example.com',
				'ANN@example.com',
				'bo@example.com',
				'',
				'not mail',
			),
			id: fc.constantFrom('', 'C1', 'c1', 'C2'),
			gender: fc.constantFrom('female', 'M', 'x'),
			blank: fc.boolean(),
		});
		fc.assert(
			fc.property(fc.array(client, { maxLength: 40 }), fc.array(fc.nat()), (clients, cuts) => {
				const rows = [
					HEAD,
					...clients.map((c) => (c.blank ? ['', ''] : row(c.email, c.id, c.gender))),
				];
				expect(inBatches(rows, cuts)).toEqual(validateCells(rows, opts));
			}),
			{ numRuns: 300 },
		);
	});

	it('reports the same when every claim waits for finish, ambiguous dates settled after', () => {
		const client = fc.record({
			email: fc.constantFrom('ann@example.com', 'ANN@example.com', 'bo@example.com', ''),
			id: fc.constantFrom('', 'C1', 'c1', 'C2'),
			gender: fc.constantFrom('female', 'M', 'x'),
			// 03/04/1990 waits for the column to settle its order; 25/04/1990 settles it.
			birthdate: fc.constantFrom('19900102', '03/04/1990', '25/04/1990', ''),
		});
		fc.assert(
			fc.property(fc.array(client, { maxLength: 40 }), fc.array(fc.nat()), (clients, cuts) => {
				const rows = [HEAD, ...clients.map((c) => row(c.email, c.id, c.gender, c.birthdate))];
				expect(inBatches(rows, cuts, true)).toEqual(validateCells(rows, opts));
			}),
			{ numRuns: 300 },
		);
	});

	it('points duplicates at the first holder across more rows than one batch queues', () => {
		// 4,096 rows' keys queue before they are claimed: these repeat past that.
		const rows = [HEAD];
		for (let i = 0; i < 10_000; i++)
			rows.push(row(`c${i % 4_500}@example.com`, i % 3_000 === 7 ? 'same' : `id${i}`));
		const batched = inBatches(rows, [6_000]);
		expect(batched).toEqual(validateCells(rows, opts));
		expect(inBatches(rows, [6_000], true)).toEqual(batched);
		const duplicates = batched.recordIssues.flatMap((list) => list ?? []);
		expect(duplicates.filter((i) => i.code === 'email.duplicate')).toHaveLength(10_000 - 4_500);
		expect(duplicates.filter((i) => i.code === 'external_id.duplicate').map((i) => i.row)).toEqual([
			3_009, 6_009, 9_009,
		]);
	});

	it('checks a held draft again with the same duplicates (checkStored)', () => {
		const rows = [HEAD];
		for (let i = 0; i < 9_000; i++) rows.push(row(`c${i % 5_000}@example.com`, `id${i % 8_000}`));
		const imported = validateCells(rows, opts);
		const again = Validator.over(imported.records, imported.header, opts);
		again.checkStored(0);
		expect(again.finish().recordIssues).toEqual(imported.recordIssues);
	});
});
