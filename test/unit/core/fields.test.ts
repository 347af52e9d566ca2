// The one field list: the schemas and types built from it have exactly its fields, and the code
// that spells fields by position (the record store) keeps them where the list says.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
	CELL_FIELDS,
	CellEditSchema,
	ClientRecordSchema,
	ClientSchema,
	REQUIRED_FIELDS,
	TEMPLATE_FIELDS,
	TEXT_FIELDS,
	emptyRecord,
	type CellEdit,
	type CellField,
	type ClientCells,
	type ClientRecord,
	type Field,
	type TextField,
} from '../../../src/core/fields.ts';
import { ImportClientSchema, toImportClient } from '../../../src/core/import-api.ts';
import { ReadyClientSchema } from '../../../src/core/record.ts';
import { RecordStore } from '../../../src/core/record-store.ts';
import { canonicalHeader } from '../../../src/core/template.ts';
import type { Credential, CredentialSchema } from '../../../src/core/credentials.ts';
import {
	HistoryInfoSchema,
	RowFilterSchema,
	type RowFilter,
} from '../../../src/core/draft-types.ts';
import type { IssueCode } from '../../../src/core/issues.ts';

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('types from the field list', () => {
	it('derive a client with exactly the template fields', () => {
		expectTypeOf<keyof ClientCells>().toEqualTypeOf<CellField>();
		expectTypeOf<CellField>().toEqualTypeOf<
			| 'email_address'
			| 'initial_password'
			| 'first_name'
			| 'last_name'
			| 'birthdate'
			| 'gender'
			| 'external_id'
			| 'tags'
		>();
		expectTypeOf<ClientCells['tags']>().toEqualTypeOf<string[]>();
		expectTypeOf<ClientCells[TextField]>().toEqualTypeOf<string>();
		expectTypeOf<keyof ClientRecord>().toEqualTypeOf<
			CellField | 'row' | 'extra' | 'leftOut' | 'recoded'
		>();
		expectTypeOf<Field>().toEqualTypeOf<(typeof REQUIRED_FIELDS)[number] | 'tag' | 'external_id'>();
		expectTypeOf<CellEdit>().toEqualTypeOf<Partial<ClientCells>>();
	});

	it('reject a field that is not in the list', () => {
		// @ts-expect-error a client has no `phone` field
		const phone: CellField = 'phone';
		// @ts-expect-error an edit sets only template fields
		const edit: CellEdit = { phone: '555' };
		// @ts-expect-error a record needs every field
		const partial: ClientRecord = { row: 2, email_address: 'a@example.com' };
		expect([phone, edit, partial]).toHaveLength(3);
	});

	it('types the shared filter, history and credential from their schemas', () => {
		expectTypeOf<RowFilter>().toEqualTypeOf<
			| 'all'
			| 'errors'
			| 'warnings'
			| 'notice.pending'
			| 'notice.printed'
			| 'sync.rejected'
			| 'sync.elsewhere'
			| IssueCode
		>();
		expectTypeOf<Credential>().toEqualTypeOf<z.infer<typeof CredentialSchema>>();
	});
});

describe('schemas from the field list', () => {
	it('have the fields of the list and no other', () => {
		expect(sorted(Object.keys(ClientSchema.shape))).toEqual(sorted(CELL_FIELDS));
		expect(sorted(Object.keys(ClientRecordSchema.shape))).toEqual(
			sorted([...CELL_FIELDS, 'row', 'extra', 'leftOut', 'recoded']),
		);
		expect(sorted(Object.keys(ImportClientSchema.shape))).toEqual(sorted(CELL_FIELDS));
		expect(sorted(Object.keys(ReadyClientSchema.shape))).toEqual(sorted(CELL_FIELDS));
		expect(sorted(Object.keys(CellEditSchema.shape))).toEqual(sorted(CELL_FIELDS));
		expect(sorted(TEXT_FIELDS)).toEqual(sorted(CELL_FIELDS.filter((f) => f !== 'tags')));
		expect(TEMPLATE_FIELDS).toEqual(canonicalHeader(1, true));
	});

	it('let the import API leave out tags and external ID, but nothing else', () => {
		const client = toImportClient({ ...record(), tags: [], external_id: '' });
		expect(ImportClientSchema.safeParse(client).success).toBe(true);
		for (const field of REQUIRED_FIELDS) {
			const rest = Object.fromEntries(Object.entries(client).filter(([k]) => k !== field));
			expect(ImportClientSchema.safeParse(rest).success, field).toBe(false);
		}
	});

	it('strip what is not a field from an edit, and refuse a non-string cell', () => {
		expect(CellEditSchema.parse({ first_name: 'Ann', phone: '555' })).toEqual({
			first_name: 'Ann',
		});
		expect(CellEditSchema.safeParse({ tags: 'a,b' }).success).toBe(false);
	});

	it('accept the row filters and issue codes only', () => {
		expect(RowFilterSchema.parse('notice.pending')).toBe('notice.pending');
		expect(RowFilterSchema.parse('email.duplicate')).toBe('email.duplicate');
		expect(RowFilterSchema.safeParse('notice.lost').success).toBe(false);
		expect(HistoryInfoSchema.safeParse({ undo: 1, redo: 0, undoLabel: 'x' }).success).toBe(false);
	});
});

/** A record whose every cell is different, so a field read from the wrong place shows. */
function record(): ClientRecord {
	return {
		row: 9,
		email_address: 'ann@example.com',
		initial_password: 'Pw-1234567',
		first_name: 'Ann',
		last_name: 'Lee',
		birthdate: '19811120',
		gender: 'female',
		tags: ['vip', 'north'],
		external_id: 'X-9',
		extra: ['J', 'K'],
		leftOut: ['Note'],
	};
}

describe('records built from the list', () => {
	it('keep each field where the list puts it in the record store', () => {
		const store = new RecordStore();
		store.push(record());
		for (const field of TEXT_FIELDS) expect(store.field(0, field), field).toBe(record()[field]);
		expect(store.at(0)).toEqual(record());
	});

	it('start empty with every field', () => {
		const empty = emptyRecord(4);
		expect(sorted(Object.keys(empty))).toEqual(sorted([...CELL_FIELDS, 'row', 'extra', 'leftOut']));
		expect(ClientRecordSchema.parse(empty)).toEqual({
			row: 4,
			email_address: '',
			initial_password: '',
			first_name: '',
			last_name: '',
			birthdate: '',
			gender: '',
			tags: [],
			external_id: '',
			extra: [],
			leftOut: [],
		});
	});

	it('send the import API every required cell, and tags and external ID when set', () => {
		expect(toImportClient(record())).toEqual({
			email_address: 'ann@example.com',
			initial_password: 'Pw-1234567',
			first_name: 'Ann',
			last_name: 'Lee',
			birthdate: '19811120',
			gender: 'female',
			tags: ['vip', 'north'],
			external_id: 'X-9',
		});
		expect(toImportClient({ ...record(), tags: [], external_id: '' })).not.toHaveProperty('tags');
		expect(toImportClient({ ...record(), tags: [], external_id: '' })).not.toHaveProperty(
			'external_id',
		);
	});
});
