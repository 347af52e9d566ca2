// Batches cut into chunks with their own keys, and the server's answers mapped to rows.
import { describe, expect, it } from 'vitest';
import { buildBatch, chunked } from '../../../src/sync/chunks.ts';
import { mapResults, ResultMismatchError } from '../../../src/sync/results.ts';
import { clientRecord } from '../storage/harness.ts';

describe('chunks', () => {
	it('cuts into runs of the chunk size, the last one shorter', () => {
		expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunked([], 500)).toEqual([]);
		expect(chunked([1, 2], 500)).toEqual([[1, 2]]);
		expect(() => chunked([1], 0)).toThrow(RangeError);
	});

	it('gives each chunk its own idempotency key, its rows and their clients', () => {
		let n = 0;
		const rows = Array.from({ length: 1201 }, (_, i) => i * 2);
		const batch = buildBatch({
			draftId: 'd',
			batchId: 'b',
			rows,
			record: (i) => clientRecord(i, { tags: i === 0 ? ['vip'] : [] }),
			chunkSize: 500,
			now: 1000,
			newKey: () => `key-${n++}`,
		});
		expect(batch.map((c) => c.rows.length)).toEqual([500, 500, 201]);
		expect(batch.map((c) => c.key)).toEqual(['key-0', 'key-1', 'key-2']);
		expect(batch.map((c) => [c.id, c.index, c.count])).toEqual([
			['b:0', 0, 3],
			['b:1', 1, 3],
			['b:2', 2, 3],
		]);
		expect(batch[1]!.rows[0]).toBe(1000);
		expect(batch[0]!.clients[0]).toMatchObject({
			email_address: 'client0@example.com',
			tags: ['vip'],
		});
		expect(batch[0]!.clients[1]).not.toHaveProperty('tags');
		expect(batch[0]!.clients[1]).not.toHaveProperty('external_id');
		expect(batch.flatMap((c) => c.rows)).toEqual(rows);
	});
});

describe('mapResults', () => {
	const chunk = buildBatch({
		draftId: 'd',
		batchId: 'b',
		rows: [4, 7, 9],
		record: (i) => clientRecord(i),
		chunkSize: 10,
		now: 0,
		newKey: () => 'k',
	})[0]!;

	it('maps created, exists and rejected to row states, keeping the reasons', () => {
		const out = mapResults(
			chunk,
			{
				results: [
					{ email_address: 'client4@example.com', status: 'created' },
					{ email_address: 'CLIENT7@example.com', status: 'exists' },
					{
						email_address: 'client9@example.com',
						status: 'rejected',
						issues: [{ code: 'tag.unknown', message: "tag 'x' does not exist" }],
					},
				],
			},
			55,
		);
		expect(out.patches).toEqual([
			{ index: 4, credential: { sync: 'synced', syncedAt: 55 } },
			{ index: 7, credential: { sync: 'exists', syncedAt: 55 } },
			{ index: 9, credential: { sync: 'rejected', syncedAt: 55 } },
		]);
		expect(out.issues).toEqual([
			{
				draftId: 'd',
				index: 9,
				issues: [{ code: 'tag.unknown', message: "tag 'x' does not exist" }],
			},
		]);
		expect(out.cleared).toEqual([4, 7]);
		expect([out.created, out.exists, out.rejected]).toEqual([1, 1, 1]);
	});

	it('refuses an answer that does not match what was sent', () => {
		const short = {
			results: [{ email_address: 'client4@example.com', status: 'created' as const }],
		};
		expect(() => mapResults(chunk, short, 0)).toThrow(ResultMismatchError);
		const swapped = {
			results: [
				{ email_address: 'client7@example.com', status: 'created' as const },
				{ email_address: 'client4@example.com', status: 'created' as const },
				{ email_address: 'client9@example.com', status: 'created' as const },
			],
		};
		expect(() => mapResults(chunk, swapped, 0)).toThrow(/row 1 is client7/);
	});
});
