// The pro's column mapping applied by the validator: columns moved or left out, the same value
// for every row, the left-out cells kept for the attention file; headers in other languages
// (dates still settle per column); the gender convention a draft holds, and the pro's choice
// for an ambiguous gender letter.
import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../src/core/column-mapping.ts';
import { DraftModel } from '../../../src/core/draft-model.ts';
import { applySafeFixes, fixRecord } from '../../../src/core/fixes.ts';
import { NO_STRINGS, type ClientRecord } from '../../../src/core/record.ts';
import { RecordStore } from '../../../src/core/record-store.ts';
import { columnIndexes, recordOf } from '../../../src/core/row-cells.ts';
import { mapHeader, REQUIRED_FIELDS } from '../../../src/core/template.ts';
import { validateCells, Validator, type ValidateOptions } from '../../../src/core/validate.ts';
import { codesAt, TODAY } from '../helpers.ts';

const opts: ValidateOptions = { today: TODAY };

/** Runs a file through a Validator and hands the result to a draft model, as an import does. */
function draftOf(rows: string[][], options: ValidateOptions = opts): DraftModel {
	const v = new Validator(options);
	rows.forEach((cells, i) => v.addCells(cells, i + 1));
	return new DraftModel(v.finish(), v);
}

const CONTACT_HEADER = ['Notes', 'Contact', 'Pass', 'Who', 'Family', 'Born', 'Group', 'Team'];
const CONTACT_MAPPING: ColumnMapping = {
	columns: [
		null,
		'email_address',
		'initial_password',
		'first_name',
		'last_name',
		'birthdate',
		'tag',
		'tag',
	],
	fill: { gender: 'female' },
};
const contactRow = (email: string, note: string) => [
	note,
	` ${email} `,
	'Abcdef1!',
	'Ann',
	'Lee',
	'19811120',
	'yoga',
	'',
];

describe('a mapping applied to the rows', () => {
	it('moves each column to its field, joins several tag columns and fills gender for all', () => {
		const d = validateCells(
			[
				CONTACT_HEADER,
				contactRow('ann@example.com', ' VIP, call first '),
				[...contactRow('bo@example.com', ''), ''].map((c, i) => (i === 7 ? 'run' : c)),
			],
			{ ...opts, mapping: CONTACT_MAPPING },
		);
		expect(codesAt(d)).toEqual([]);
		expect(d.records.toArray()).toEqual([
			{
				row: 2,
				email_address: 'ann@example.com',
				initial_password: 'Abcdef1!',
				first_name: 'Ann',
				last_name: 'Lee',
				birthdate: '19811120',
				gender: 'female',
				tags: ['yoga'],
				external_id: '',
				extra: [],
				leftOut: [' VIP, call first '],
			},
			expect.objectContaining({ row: 3, gender: 'female', tags: ['yoga', 'run'], leftOut: [] }),
		]);
	});

	it('keeps the left-out cells as written, in column order, and none when all are empty', () => {
		const v = new Validator({
			...opts,
			mapping: { columns: [...REQUIRED_FIELDS, null, null], fill: {} },
		});
		v.addCells([...REQUIRED_FIELDS, 'Notes', 'Phone'], 1);
		v.addCells(['a@example.com', 'Abcdef1!', 'A', 'B', '19811120', 'male', '', ' 0612 '], 2);
		v.addCells(['b@example.com', 'Abcdef1!', 'A', 'B', '19811120', 'male', '', ''], 3);
		const d = v.finish();
		expect(d.records.at(0)?.leftOut).toEqual(['', ' 0612 ']);
		expect(v.issuesAt(0)).toEqual([]);
		expect(v.records.at(1)?.leftOut).toEqual([]);
	});

	it('builds no array per row when nothing is left out (the shared frozen one)', () => {
		const mapping: ColumnMapping = { columns: [...REQUIRED_FIELDS, null], fill: {} };
		const at = columnIndexes(mapHeader([...REQUIRED_FIELDS, 'Notes'], mapping), mapping);
		const cells = ['a@example.com', 'Abcdef1!', 'A', 'B', '19811120', 'male'];
		expect(recordOf([...cells, ''], 2, at).leftOut).toBe(NO_STRINGS);
		expect(recordOf(cells, 2, columnIndexes(mapHeader(REQUIRED_FIELDS), null)).leftOut).toBe(
			NO_STRINGS,
		);
		expect(recordOf([...cells, 'x'], 2, at).leftOut).toEqual(['x']);
	});

	it('keeps the cells of unknown columns without a mapping too (they are left out)', () => {
		const d = validateCells(
			[
				[...REQUIRED_FIELDS, 'Notes'],
				['a@example.com', 'Abcdef1!', 'A', 'B', '19811120', 'male', 'hi'],
			],
			opts,
		);
		expect(codesAt(d)).toEqual(['header.unknown@1']);
		expect(d.records.at(0)?.leftOut).toEqual(['hi']);
	});

	it('leaves a filled-empty gender to each row: gender.missing, fixed by typing it in the grid', () => {
		const model = draftOf(
			[
				['Mail', 'Pass', 'First', 'Last', 'Born'],
				['a@example.com', 'Abcdef1!', 'A', 'B', '19811120'],
				['b@example.com', 'Abcdef1!', 'C', 'D', '19811120'],
			],
			{
				...opts,
				mapping: {
					columns: ['email_address', 'initial_password', 'first_name', 'last_name', 'birthdate'],
					fill: { gender: '' },
				},
			},
		);
		expect(codesAt(model.dataset)).toEqual(['gender.missing@2', 'gender.missing@3']);
		expect(model.counts().blocked).toBe(false);
		const rec = model.dataset.records.at(0) as ClientRecord;
		model.update(0, { ...rec, gender: 'female' });
		expect(model.issues(0)).toEqual([]);
		expect(model.hasError(0)).toBe(false);
		expect(model.counts().validRows).toBe(1);
	});

	it('without a fill, a required field nobody feeds blocks the file once, on the header', () => {
		const d = validateCells(
			[
				['Mail', 'Pass', 'First', 'Last', 'Born'],
				['a@example.com', 'Abcdef1!', 'A', 'B', '19811120'],
			],
			{
				...opts,
				mapping: {
					columns: ['email_address', 'initial_password', 'first_name', 'last_name', 'birthdate'],
					fill: {},
				},
			},
		);
		expect(codesAt(d)).toEqual(['header.missing@1']);
	});
});

describe('headers in other languages', () => {
	it.each([
		['French', ['Courriel', 'Mot de passe', 'Prénom', 'Nom', 'Date de naissance', 'Sexe']],
		['German', ['E-Mail', 'Passwort', 'Vorname', 'Nachname', 'Geburtsdatum', 'Geschlecht']],
	])('%s: dates with / . - settle day-first, and the ambiguous ones with them', (_l, header) => {
		const row = (email: string, birthdate: string, gender: string) => [
			email,
			'Abcdef1!',
			'Ann',
			'Lee',
			birthdate,
			gender,
		];
		const d = validateCells(
			[
				header,
				row('a@example.com', '20/11/1981', 'F'),
				row('b@example.com', '20.11.1981', 'H'),
				row('c@example.com', '20-11-1981', 'Femme'),
				row('d@example.com', '02/03/1990', 'Homme'),
			],
			opts,
		);
		expect(d.dateOrder).toBe('day-first');
		expect(d.header.columns).toEqual([...REQUIRED_FIELDS]);
		const fixed = applySafeFixes(d, opts);
		expect(codesAt(fixed)).toEqual([]);
		expect(fixed.records.toArray().map((r) => [r.birthdate, r.gender])).toEqual([
			['19811120', 'female'],
			['19811120', 'male'],
			['19811120', 'female'],
			['19900302', 'male'],
		]);
	});
});

describe('a draft’s gender convention', () => {
	const H = [...REQUIRED_FIELDS];
	const row = (i: number, gender: string) => [
		`c${i}@example.com`,
		'Abcdef1!',
		'Ann',
		'Lee',
		'19811120',
		gender,
	];

	it('settles at import and holds for later edits: M stays female in an H/M column', () => {
		const model = draftOf([H, row(1, 'H'), row(2, 'M'), row(3, 'male')]);
		expect(model.dataset.genderConvention).toBe('H/M');
		const rec = model.dataset.records.at(2) as ClientRecord;
		model.update(2, { ...rec, gender: 'M' });
		expect(model.issues(2).map((i) => [i.code, i.fix])).toEqual([['gender.alias', 'female']]);
	});

	it('holds when the draft is read back: every letter is read by it, with no deferral', () => {
		const store = new RecordStore();
		const v = Validator.over(store, mapHeader(H), {
			...opts,
			keepDateOrder: true,
			genderConvention: 'H/M',
		});
		v.addCells(row(1, 'M'), 2);
		expect(v.issuesAt(0).map((i) => [i.code, i.fix])).toEqual([['gender.alias', 'female']]);
		expect(v.finish().genderConvention).toBe('H/M');
	});

	it('reads ambiguous letters as the pro chooses, for every row with the issue, never by itself', () => {
		const model = draftOf([H, row(1, 'M'), row(2, 'M'), row(3, 'Ann@x.com')]);
		expect(codesAt(model.dataset)).toEqual([
			'gender.ambiguous@2',
			'gender.ambiguous@3',
			'gender.invalid@4',
		]);
		// "Fix every safe problem" and the code's fix without a choice leave them alone.
		expect(model.fixableRows()).toEqual([]);
		expect(model.fixableRows('gender.ambiguous')).toEqual([]);
		expect(model.fixed(0, 'gender.ambiguous')).toBeNull();
		expect(codesAt(applySafeFixes(model.dataset, opts))).toContain('gender.ambiguous@2');
		// With the pro's choice: the rows with the issue, each rewritten to the word.
		expect(model.fixableRows('gender.ambiguous', 'female')).toEqual([0, 1]);
		expect(model.fixed(1, 'gender.ambiguous', 'female')?.gender).toBe('female');
		expect(model.fixed(2, 'gender.ambiguous', 'female')).toBeNull();
		const rec = model.dataset.records.at(0) as ClientRecord;
		expect(fixRecord(rec, model.issues(0), 'gender.ambiguous', 'male')?.gender).toBe('male');
	});
});
