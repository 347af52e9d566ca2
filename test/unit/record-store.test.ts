import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, RecordStore } from '../../src/core/record-store.ts';
import type { ClientRecord } from '../../src/core/record.ts';
import { FILE_CREDENTIAL } from '../../src/core/credentials.ts';
import { applyCells, type CellValues } from '../../src/core/row-patch.ts';
import { PlainRow } from '../../src/core/plain-rows.ts';
import { columnIndexes } from '../../src/core/row-cells.ts';
import { mapHeader } from '../../src/core/template.ts';
import { emptyRecord } from '../../src/core/fields.ts';

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
	// Most rows of a file have no left-out column; some blocks then hold none at all.
	leftOut: fc.oneof(fc.constant<string[]>([]), fc.array(text, { minLength: 1, maxLength: 3 })),
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
					const stored = Array.from({ length: store.blockCount }, (_, b) =>
						structuredClone(store.sealedBlock(b)),
					);
					expect(RecordStore.fromBlocks(stored).toArray()).toEqual(all);
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
				leftOut: [],
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

describe('RecordStore credentials', () => {
	const rec = (row: number): ClientRecord => ({
		row,
		email_address: `c${row}@example.com`,
		initial_password: 'Hb4#Yq8!Nz2k',
		first_name: 'Ann',
		last_name: 'Lee',
		birthdate: '19811120',
		gender: 'female',
		tags: [],
		external_id: '',
		extra: [],
		leftOut: [],
	});

	it('keeps no credential arrays for imported rows, so a big import costs nothing more', () => {
		const store = RecordStore.from(Array.from({ length: BLOCK_SIZE + 3 }, (_, i) => rec(i + 2)));
		expect(store.sealedBlock(0).credentials).toBeUndefined();
		expect(store.credential(5)).toEqual(FILE_CREDENTIAL);
	});

	it('keeps each row its own credential through sealing, storage and edits of its cells', () => {
		const store = RecordStore.from(Array.from({ length: BLOCK_SIZE + 3 }, (_, i) => rec(i + 2)));
		store.setCredential(3, { origin: 'created', setAt: 1700 });
		store.setCredential(3, { printedAt: 1800 });
		store.setCredential(BLOCK_SIZE + 1, { origin: 'removed', setAt: 1900 });
		store.set(3, { ...rec(5), initial_password: 'Other#Pass12' });
		const again = RecordStore.fromBlocks([store.sealedBlock(0), store.sealedBlock(1)]);
		expect(again.credential(3)).toEqual({
			...FILE_CREDENTIAL,
			origin: 'created',
			setAt: 1700,
			printedAt: 1800,
		});
		expect(again.credential(4)).toEqual(FILE_CREDENTIAL);
		expect(again.credential(BLOCK_SIZE + 1)).toEqual({
			...FILE_CREDENTIAL,
			origin: 'removed',
			setAt: 1900,
		});
		expect(again.at(3)?.initial_password).toBe('Other#Pass12');
		// A row added later to a block that has credentials starts as from the file.
		again.push(rec(2000));
		expect(again.credential(BLOCK_SIZE + 3)).toEqual(FILE_CREDENTIAL);
	});

	it('reads blocks stored before sync existed as never sent', () => {
		const store = RecordStore.from([rec(2), rec(3)]);
		store.setCredential(1, { origin: 'created', setAt: 5, sync: 'synced', syncedAt: 9 });
		const sealed = store.sealedBlock(0);
		const c = sealed.credentials!;
		const older = { origin: c.origin, setAt: c.setAt, printedAt: c.printedAt };
		const again = RecordStore.fromBlocks([{ ...sealed, credentials: older }]);
		expect(again.credential(1)).toEqual({ ...FILE_CREDENTIAL, origin: 'created', setAt: 5 });
	});
});

describe('RecordStore left-out cells', () => {
	const rec = (row: number, leftOut: string[] = []): ClientRecord => ({
		row,
		email_address: `c${row}@example.com`,
		initial_password: 'Hb4#Yq8!Nz2k',
		first_name: 'Ann',
		last_name: 'Lee',
		birthdate: '19811120',
		gender: 'female',
		tags: ['vip'],
		external_id: '',
		extra: [],
		leftOut,
	});

	it('keeps no left-out part for rows without left-out cells, so a big import costs nothing more', () => {
		const store = RecordStore.from(Array.from({ length: BLOCK_SIZE + 3 }, (_, i) => rec(i + 2)));
		expect(store.sealedBlock(0)).not.toHaveProperty('leftOut');
		expect(store.sealedBlock(1)).not.toHaveProperty('leftOut');
		// Only the block that holds a row with left-out cells carries the part.
		store.push(rec(5000, ['Allergic to nuts', '']));
		expect(store.sealedBlock(0)).not.toHaveProperty('leftOut');
		expect(store.at(BLOCK_SIZE + 3)?.leftOut).toEqual(['Allergic to nuts', '']);
		expect(store.at(BLOCK_SIZE + 2)?.leftOut).toEqual([]);
	});

	it('reads a block stored before the mapping step with no left-out cells', () => {
		const store = RecordStore.from([rec(2, ['Note a']), rec(3)]);
		const { leftOut, ...older } = store.sealedBlock(0);
		expect(leftOut).toBeDefined();
		const again = RecordStore.fromBlocks([older]);
		expect(again.at(0)).toEqual(rec(2, []));
		// Editing a row of an older block gives it its left-out cells.
		again.set(1, rec(3, ['later']));
		expect(RecordStore.fromBlocks([again.sealedBlock(0)]).toArray()).toEqual([
			rec(2),
			rec(3, ['later']),
		]);
	});

	const cellEdit: fc.Arbitrary<CellValues> = fc.record(
		{
			first_name: fc.string({ maxLength: 8 }),
			email_address: fc.string({ maxLength: 8 }),
			tags: fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 3 }),
			extra: fc.constant<string[]>([]),
		},
		{ requiredKeys: [] },
	);

	it('keeps each row its left-out cells through edits, fixes, deletes and storage', () => {
		fc.assert(
			fc.property(
				fc.array(fc.option(fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 })), {
					minLength: 1,
					maxLength: 30,
				}),
				fc.array(fc.tuple(fc.nat(), cellEdit, fc.boolean(), fc.boolean()), { maxLength: 20 }),
				(cells, edits) => {
					// Rows spread over a full (sealed) block and an open one.
					const leftOut = (i: number) => cells[i % cells.length] ?? [];
					let store = RecordStore.from(
						Array.from({ length: BLOCK_SIZE + 5 }, (_, i) => rec(i + 2, leftOut(i))),
					);
					for (const [at, set, deleted, reread] of edits) {
						const index = at % store.length;
						store.set(index, applyCells(store.at(index) as ClientRecord, set));
						store.setDeleted(index, deleted);
						if (reread)
							store = RecordStore.fromBlocks(
								Array.from({ length: store.blockCount }, (_, b) => store.sealedBlock(b)),
							);
					}
					for (let i = 0; i < store.length; i++) expect(store.at(i)?.leftOut).toEqual(leftOut(i));
				},
			),
			{ numRuns: 30 },
		);
	});
});

describe('rows read from their bytes (plain-rows.ts)', () => {
	it('go in as records do, also into a block an edit has opened', () => {
		const [header, ...lines] = [
			'email_address,initial_password,first_name,last_name,birthdate,gender,tag,external_id',
			'ann@example.com,Abcdef1!,Zoë,Lee,19811120,female,gym,C1',
			'bo@example.com,Abcdef1!,Bo,Öztürk,19700101,male,,C2',
		];
		const mapping = mapHeader((header as string).split(','));
		const plain = PlainRow.under(columnIndexes(mapping, null), ',', '20261205') as PlainRow;
		const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
		const store = new RecordStore();
		const expected = new RecordStore();
		const first = { ...emptyRecord(2), email_address: 'x@example.com' };
		store.push(first);
		expected.push(first);
		for (let at = 0, row = 3; at < bytes.length; row++) {
			// The second row goes into a block an edit opened: as a record, not from bytes.
			if (row === 4) store.set(0, first);
			at = plain.read(bytes, at);
			expect(at).toBeGreaterThan(0);
			plain.row = row;
			store.pushBytes(plain);
			expected.push(plain.record());
		}
		expect(store.toArray()).toEqual(expected.toArray());
		expect(store.at(1)).toMatchObject({ first_name: 'Zoë', tags: ['gym'], external_id: 'C1' });
		expect(store.sealedBlock(0)).toEqual(expected.sealedBlock(0));
	});
});
