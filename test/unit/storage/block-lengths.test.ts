// Blocks keep their value lengths, each row's count of values and its row numbers as strings in
// IndexedDB (block-lengths.ts): every block comes back as it went in, blocks stored with the
// arrays (before, or with a number too large for a character) still read, and with the lock on
// the strings are sealed with the rest. So are a block's values past Latin-1, kept apart from
// its one-byte text (narrow-text.ts).
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openedBlock, storedBlock, type StoredBlock } from '../../../src/storage/block-lengths.ts';
import { openDatabase, type BlockRecord } from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { Vault } from '../../../src/storage/vault.ts';
import { RecordStore } from '../../../src/core/record-store.ts';
import { joinValues } from '../../../src/core/left-out-cells.ts';
import { narrowValue, wideMap } from '../../../src/core/narrow-text.ts';
import { clientRecord, draftRecord, putDraft, storedRows, storeOf, uniqueName } from './harness.ts';

function blockOf(store: RecordStore, b = 0): BlockRecord {
	return { ...store.sealedBlock(b), draftId: 'd', index: b };
}

describe('stored block lengths', () => {
	it('stores lengths instead of ends, and gives the same block back', () => {
		const long = (n: number) => 'x'.repeat(n);
		const store = RecordStore.from([
			clientRecord(0, { first_name: '', last_name: long(255), tags: [long(256)] }),
			// 0xD800 characters: a length that is a lone surrogate as a character.
			clientRecord(1, { first_name: long(0xd800), last_name: '中村 Zoë 😀' }),
			clientRecord(2, { first_name: long(0xffff) }),
		]);
		const block = blockOf(store);
		const stored = storedBlock(block);
		expect(stored.ends).toBeUndefined();
		expect(stored.lens).toHaveLength(block.ends.length);
		const back = openedBlock(stored);
		expect(back).toEqual(block);
		expect(RecordStore.fromBlocks([back]).toArray()).toEqual(store.toArray());
	});

	it('keeps ends for a block with a value longer than a character can count', () => {
		const store = RecordStore.from([clientRecord(0, { last_name: 'y'.repeat(0x10000) })]);
		const block = blockOf(store);
		const stored = storedBlock(block);
		expect(stored.lens).toBeUndefined();
		expect(stored.ends).toEqual(block.ends);
		expect(openedBlock(stored)).toEqual(block);
	});

	it('stores row numbers as the first and its steps, and each row by its count of values', () => {
		// Rows 2…1025 with a tag every third row: numbers in a row, counts of 8 and 9 values.
		const store = storeOf(1500, (i) => (i % 3 === 0 ? { tags: ['vip'] } : {}));
		const block = blockOf(store);
		const stored = storedBlock(block);
		expect(stored).not.toHaveProperty('rows');
		expect(stored).not.toHaveProperty('starts');
		expect(stored).not.toHaveProperty('rowSteps');
		expect(stored.rowsFrom).toBe(2);
		expect(stored.counts).toHaveLength(1024);
		expect(openedBlock(structuredClone(stored))).toEqual(block);

		// Blank lines in the file leave gaps between row numbers: the steps are kept.
		const gaps = RecordStore.from([0, 1, 5, 6, 30_000].map((row) => clientRecord(row)));
		const withGaps = storedBlock(blockOf(gaps));
		expect(withGaps.rowSteps).toBeTypeOf('string');
		expect(RecordStore.fromBlocks([openedBlock(withGaps)]).toArray()).toEqual(gaps.toArray());
	});

	it('keeps the arrays for row numbers that go back, or steps too large for a character', () => {
		for (const rows of [
			[5, 3, 9],
			[2, 2 + 0x10000],
		]) {
			const store = RecordStore.from(rows.map((row) => clientRecord(row - 2)));
			const block = blockOf(store);
			const stored = storedBlock(block);
			expect(stored.rows).toEqual(block.rows);
			expect(stored).not.toHaveProperty('rowsFrom');
			expect(openedBlock(stored)).toEqual(block);
		}
	});

	it('gives back any block it stores', () => {
		const block = fc.record({
			rows: fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 40 }),
			sorted: fc.boolean(),
			tags: fc.array(fc.nat(3), { minLength: 40, maxLength: 40 }),
		});
		fc.assert(
			fc.property(block, ({ rows, sorted, tags }) => {
				const order = sorted ? [...rows].sort((a, b) => a - b) : rows;
				const store = RecordStore.from(
					order.map((row, i) =>
						clientRecord(row - 2, {
							tags: Array.from({ length: tags[i] ?? 0 }, (_, t) => `t${t}`),
						}),
					),
				);
				const sealed = blockOf(store);
				expect(openedBlock(structuredClone(storedBlock(sealed)))).toEqual(sealed);
			}),
			{ numRuns: 300 },
		);
	});

	it('reads a block stored with ends, as every block was before', async () => {
		const db = openDatabase(uniqueName('block-lengths-old'));
		const repo = new DraftRepository(db);
		const store = storeOf(1500);
		await repo.create(draftRecord('d'));
		await db.blocks.bulkPut([blockOf(store, 0), blockOf(store, 1)]);
		expect((await storedRows(repo, 'd')).toArray()).toEqual(store.toArray());
	});

	it('writes lengths through the repository, and seals them with the lock on', async () => {
		const db = openDatabase(uniqueName('block-lengths-lock'));
		// Names past Latin-1 in the full block: kept apart from its text (narrow-text.ts), and
		// sealed like the rest of it.
		const store = storeOf(1500, (i) => (i % 7 === 0 ? { first_name: '陈娜 🌟' } : {}));
		expect(store.sealedBlock(0).wide?.values).toContain('陈娜 🌟');
		const repo = new DraftRepository(db);
		await putDraft(repo, draftRecord('d'), store);
		const clear = (await db.blocks.get(['d', 0])) as StoredBlock;
		expect(clear.lens).toBeTypeOf('string');
		expect(clear.ends).toBeUndefined();

		const vault = await Vault.load(db);
		await vault.turnOn('correct horse battery staple', 1);
		await vault.setState('on');
		const locked = new DraftRepository(db, vault);
		await putDraft(locked, draftRecord('e'), store);
		expect(Object.keys((await db.blocks.get(['e', 0])) ?? {}).sort()).toEqual([
			'draftId',
			'index',
			'sealed',
		]);
		expect((await storedRows(locked, 'e')).toArray()).toEqual(store.toArray());
		expect((await storedRows(repo, 'd')).toArray()).toEqual(store.toArray());
	});

	it('reads a block stored with every value in its text, as every block was before', () => {
		const store = storeOf(1100, (i) => (i % 3 === 0 ? { last_name: `中村 ${i}` } : {}));
		const packed = store.sealedBlock(0);
		const values = Array.from(packed.ends, (_, k) =>
			narrowValue(packed.text, packed.ends, packed.wide ? wideMap(packed.wide) : null, k),
		);
		const old = { ...packed, ...joinValues(values) };
		delete old.wide;
		expect(old.text).toContain('中村 3');
		const back = RecordStore.fromBlocks([old, store.sealedBlock(1)]);
		expect(back.toArray()).toEqual(store.toArray());
		expect([...back.search('中村 99')].indexOf(1)).toBe(99);
	});
});
