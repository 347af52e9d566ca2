// patchBlock with patches that set no cells (a sync answer's credentials, a deleted mark): the
// block's values stay exactly as stored and packed, only what the patch names changes.
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../../src/core/record-store.ts';
import { patchBlock } from '../../../src/storage/block-patch.ts';
import { clientRecord, storeOf } from './harness.ts';

describe('patchBlock without cells', () => {
	it('keeps the packed values, sets credentials and deleted marks of the rows named', () => {
		const over = (i: number) => ({ tags: i % 3 === 1 ? ['vip', 'é'] : [] });
		const stored = storeOf(BLOCK_SIZE * 2, over);
		const block = stored.sealedBlock(1);
		const { block: out, rows } = patchBlock(block, 1, [
			{ index: BLOCK_SIZE + 3, credential: { sync: 'synced', syncedAt: 42 } },
			{ index: BLOCK_SIZE + 700, deleted: true },
			{ index: BLOCK_SIZE * 2 - 1, credential: { printedAt: 7 } },
		]);
		expect(out.text).toBe(block.text);
		expect([...out.ends]).toEqual([...block.ends]);
		expect([...out.starts]).toEqual([...block.starts]);
		expect(rows.map((r) => [r.index, r.rec, r.deleted])).toEqual([
			[BLOCK_SIZE + 3, clientRecord(BLOCK_SIZE + 3, over(BLOCK_SIZE + 3)), false],
			[BLOCK_SIZE + 700, clientRecord(BLOCK_SIZE + 700, over(BLOCK_SIZE + 700)), true],
			[BLOCK_SIZE * 2 - 1, clientRecord(BLOCK_SIZE * 2 - 1, over(BLOCK_SIZE * 2 - 1)), false],
		]);
		expect(rows[0]?.credential).toMatchObject({ sync: 'synced', syncedAt: 42 });
		expect(rows[2]?.credential).toMatchObject({ printedAt: 7, sync: 'none' });
		expect(out.deleted[700]).toBe(1);
		expect(out.credentials?.syncedAt?.[3]).toBe(42);
	});

	it('refuses a row the block does not hold', () => {
		const block = storeOf(10).sealedBlock(0);
		expect(() => patchBlock(block, 0, [{ index: 10, credential: { printedAt: 1 } }])).toThrow(
			'Row 10 is not in the draft',
		);
	});
});
