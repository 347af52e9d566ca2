// Whole-file validation: rules across rows, blocking file problems, re-validation and the summary.
import { describe, expect, it } from 'vitest';
import {
	fileBlocked,
	isError,
	recordHasError,
	revalidate,
	validateCells,
	Validator,
} from '../../src/core/validate.ts';
import { errorFlags, summarize } from '../../src/core/summary.ts';
import { ReadyClientSchema, toReadyClient } from '../../src/core/record.ts';
import { cells, codesAt, HEADER, issuesOf, TODAY } from './helpers.ts';

const H = HEADER.split(',');
const opts = { today: TODAY };
const email = (i: number) => `c${i}@example.com`;

describe('validateCells', () => {
	it('takes the first non-blank row as the header and skips blank rows, keeping row numbers', () => {
		const d = validateCells(
			[[''], ['  ', ''], H, cells(), [], [' ', ''], cells({ email_address: 'bob@example.com' })],
			opts,
		);
		expect(d.records.toArray().map((r) => r.row)).toEqual([4, 7]);
		expect(issuesOf(d)).toEqual([]);
	});

	it('gives the same dataset as adding the rows one by one', () => {
		const rows = [H, cells(), cells({ gender: 'M' }), cells({ birthdate: '02/03/1990' })];
		const v = new Validator(opts);
		expect(v.hasHeader).toBe(false);
		rows.forEach((r, i) => v.addCells(r, i + 1));
		expect(v.hasHeader).toBe(true);
		expect(v.rowCount).toBe(3);
		expect(v.finish()).toEqual(validateCells(rows, opts));
	});

	it('reports external_id duplicates (exact match) pointing at the first row; empty ids are not ids', () => {
		const rows = [
			[...H, 'external_id'],
			[...cells({ email_address: email(1) }), 'A1'],
			[...cells({ email_address: email(2) }), 'a1'],
			[...cells({ email_address: email(3) }), ''],
			[...cells({ email_address: email(4) }), ''],
			[...cells({ email_address: email(5) }), 'A1'],
			[...cells({ email_address: email(6) }), 'A1'],
		];
		const d = validateCells(rows, opts);
		expect(issuesOf(d).map((i) => [i.row, i.code, i.message])).toEqual([
			[
				6,
				'external_id.duplicate',
				'Row 6: external_id A1 is already used on row 2. External IDs must be unique.',
			],
			[
				7,
				'external_id.duplicate',
				'Row 7: external_id A1 is already used on row 2. External IDs must be unique.',
			],
		]);
	});

	it('collects tags from every tag column, dropping empty ones', () => {
		const d = validateCells(
			[
				[...H, 'tag', 'Tag 2', 'tag'],
				[...cells(), ' vip ', '', 'yoga'],
			],
			opts,
		);
		expect(d.records.at(0)?.tags).toEqual(['vip', 'yoga']);
	});
});

describe('blocking', () => {
	it('treats every row as an error while a required column is missing or duplicated', () => {
		for (const header of [H.slice(0, 5), [...H, 'Email']]) {
			const d = validateCells([header, cells(), cells({ email_address: 'bob@example.com' })], opts);
			expect(fileBlocked(d)).toBe(true);
			expect([...errorFlags(d)]).toEqual([1, 1]);
			expect(recordHasError(d, 0)).toBe(true);
			expect(summarize(d)).toMatchObject({ rows: 2, validRows: 0, errorRows: 2, blocked: true });
		}
	});

	it('does not block for warnings or for file.no_rows', () => {
		const warned = validateCells([[...H, 'Notes'], cells()], opts);
		expect(fileBlocked(warned)).toBe(false);
		expect(recordHasError(warned, 0)).toBe(false);
		const empty = validateCells([H], opts);
		expect(codesAt(empty)).toEqual(['file.no_rows@-']);
		expect(fileBlocked(empty)).toBe(false);
	});

	it('knows which codes are errors', () => {
		expect(isError('email.uppercase')).toBe(true);
		expect(isError('header.alias')).toBe(false);
	});
});

describe('summarize', () => {
	const rows = [
		[...H.map((h) => (h === 'gender' ? 'Sex' : h)), 'Notes'],
		[...cells({ email_address: email(1) }), 'x'],
		[...cells({ email_address: email(2), gender: 'F' }), ''],
		[...cells({ email_address: email(3), initial_password: 'abcdefgh' }), ''],
		[...cells({ email_address: 'C1@example.com', birthdate: '1990-01-02', first_name: '' }), ''],
		[...cells({ email_address: email(5), gender: 'f', initial_password: ' Abcdef1!' }), ''],
	];
	const d = validateCells(rows, opts);

	it('counts rows, errors, warnings and certain fixes', () => {
		const s = summarize(d);
		expect(s).toMatchObject({
			rows: 5,
			validRows: 2,
			errorRows: 3,
			warningRows: 1,
			errors: 6,
			warnings: 3,
			fixable: 4,
			blocked: false,
		});
	});

	it('groups issues by code, errors first, each group in row order', () => {
		const s = summarize(d);
		expect(s.groups.map((g) => [g.code, g.severity, g.count, g.fixable])).toEqual([
			['email.uppercase', 'error', 1, 1],
			['email.duplicate', 'error', 1, 0],
			['first_name.missing', 'error', 1, 0],
			['birthdate.format', 'error', 1, 1],
			['gender.alias', 'error', 2, 2],
			['header.unknown', 'warning', 1, 0],
			['password.weak', 'warning', 1, 0],
			['password.whitespace', 'warning', 1, 0],
		]);
		expect(s.groups.find((g) => g.code === 'gender.alias')?.sample.map((i) => i.row)).toEqual([
			3, 6,
		]);
		expect(s.groups[0]?.title).toBe('Email has capital letters');
		expect(summarize(d, 1).groups.find((g) => g.code === 'gender.alias')?.sample).toHaveLength(1);
	});
});

describe('revalidate', () => {
	it('drops unknown columns but keeps missing and duplicated columns', () => {
		const d = validateCells(
			[['Email', ...H.slice(1, 5), 'Notes', 'Notes', 'Password'], cells().slice(0, 5)],
			opts,
		);
		expect(codesAt(d)).toEqual([
			'header.duplicate@1',
			'header.missing@1',
			'header.unknown@1',
			'header.unknown@1',
		]);
		expect(codesAt(revalidate(d, d.records, opts))).toEqual([
			'header.duplicate@1',
			'header.missing@1',
		]);
	});

	it('checks edited records again', () => {
		const d = validateCells([H, cells({ gender: 'x' })], opts);
		const edited = d.records.toArray().map((r) => ({ ...r, gender: 'female' }));
		expect(codesAt(d)).toEqual(['gender.invalid@2']);
		expect(codesAt(revalidate(d, edited, opts))).toEqual([]);
	});
});

describe('ready clients', () => {
	it('turns a valid record into what the platform accepts', () => {
		const d = validateCells(
			[
				[...H, 'tag', 'external_id'],
				[...cells(), 'vip', 'X-1'],
			],
			opts,
		);
		const rec = d.records.at(0);
		if (!rec) throw new Error('no record');
		const ready = toReadyClient(rec);
		expect(ReadyClientSchema.parse(ready)).toEqual({
			email_address: 'ann@example.com',
			initial_password: 'Abcdef1!',
			first_name: 'Ann',
			last_name: 'Lee',
			birthdate: '19811120',
			gender: 'female',
			tags: ['vip'],
			external_id: 'X-1',
		});
		expect(ready.tags).not.toBe(rec.tags);
		expect(
			ReadyClientSchema.safeParse({ ...ready, email_address: 'Ann@example.com' }).success,
		).toBe(false);
	});
});
