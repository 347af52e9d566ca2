// The template's columns: header names people use, mapping, and what the header reports.
import { describe, expect, it } from 'vitest';
import {
	canonicalHeader,
	columnLetter,
	foldHeader,
	mapHeader,
	matchHeader,
	REQUIRED_FIELDS,
} from '../../src/core/template.ts';
import { templateCsv } from '../../src/core/csv-writer.ts';
import { codesAt, DEFAULTS, importText } from './helpers.ts';

describe('matchHeader', () => {
	it.each([
		['email_address', 'email_address'],
		['Email', 'email_address'],
		['E-mail Address', 'email_address'],
		['EMAIL_ADDRESS', 'email_address'],
		[' e.mail ', 'email_address'],
		['Password', 'initial_password'],
		['Temporary password', 'initial_password'],
		['First Name', 'first_name'],
		['Given name', 'first_name'],
		['Prenom', 'first_name'],
		['Surname', 'last_name'],
		['Last-Name', 'last_name'],
		['DOB', 'birthdate'],
		['Date of Birth', 'birthdate'],
		['Birthdate YYYYMMDD', 'birthdate'],
		['Sex', 'gender'],
		['Gender', 'gender'],
		['Tag', 'tag'],
		['Tag 1', 'tag'],
		['tags_3', 'tag'],
		['Label2', 'tag'],
		['External ID', 'external_id'],
		['Client-ID', 'external_id'],
		['Notes', null],
		['Name', null],
		['', null],
	])('%j → %s', (text, field) => {
		expect(matchHeader(text)).toBe(field);
	});

	it('folds case, spaces, underscores, dashes and dots', () => {
		expect(foldHeader(' E-mail_Address. ')).toBe('emailaddress');
	});
});

describe('columnLetter', () => {
	it.each([
		[0, 'A'],
		[5, 'F'],
		[25, 'Z'],
		[26, 'AA'],
		[51, 'AZ'],
		[52, 'BA'],
		[701, 'ZZ'],
		[702, 'AAA'],
	])('%i → %s', (index, letter) => {
		expect(columnLetter(index)).toBe(letter);
	});
});

describe('mapHeader', () => {
	it('maps the template itself without issues', () => {
		const m = mapHeader([...REQUIRED_FIELDS, 'tag', 'tag', 'external_id']);
		expect(m.issues).toEqual([]);
		expect(m.columns).toEqual([...REQUIRED_FIELDS, 'tag', 'tag', 'external_id']);
		expect([...m.present].sort()).toEqual([...REQUIRED_FIELDS, 'tag', 'external_id'].sort());
	});

	it('maps columns in any order, reporting each alias with the canonical name as fix', () => {
		const m = mapHeader([
			'Sex',
			'DOB',
			'Surname',
			'First Name',
			'Password',
			'E-mail',
			'',
			'Tag 1',
			'Tag 2',
		]);
		expect(m.columns).toEqual([
			'gender',
			'birthdate',
			'last_name',
			'first_name',
			'initial_password',
			'email_address',
			null,
			'tag',
			'tag',
		]);
		expect(m.blank).toEqual([false, false, false, false, false, false, true, false, false]);
		expect(m.issues.map((i) => [i.code, i.row, i.column, i.fix])).toEqual([
			['header.alias', 1, 'gender', 'gender'],
			['header.alias', 1, 'birthdate', 'birthdate'],
			['header.alias', 1, 'last_name', 'last_name'],
			['header.alias', 1, 'first_name', 'first_name'],
			['header.alias', 1, 'initial_password', 'initial_password'],
			['header.alias', 1, 'email_address', 'email_address'],
			['header.alias', 1, 'tag', 'tag'],
			['header.alias', 1, 'tag', 'tag'],
		]);
		expect(m.issues[1]?.message).toBe(
			"Header (row 1): column B 'DOB' was read as birthdate. Rename it to birthdate.",
		);
	});

	it('reports a second column of a field as header.duplicate and drops it; tag may repeat', () => {
		const m = mapHeader([...REQUIRED_FIELDS, 'Email', 'tag', 'tag']);
		expect(m.columns[6]).toBeNull();
		expect(m.blank[6]).toBe(false);
		expect(m.issues.map((i) => [i.code, i.column, i.severity])).toEqual([
			['header.duplicate', 'email_address', 'error'],
		]);
		expect(m.issues[0]?.message).toBe(
			"Header (row 1): column G 'Email' is a second email_address column. Keep one email_address column and delete the other.",
		);
	});

	it('reports unknown columns and every missing required column', () => {
		const m = mapHeader(['email_address', 'Notes']);
		expect(m.issues.map((i) => [i.code, i.column])).toEqual([
			['header.unknown', null],
			...REQUIRED_FIELDS.slice(1).map((f) => ['header.missing', f]),
		]);
		expect(m.issues.every((i) => i.row === 1)).toBe(true);
	});
});

describe('the template file', () => {
	it('is the six required columns in order, CRLF', () => {
		expect(templateCsv()).toBe(
			'email_address,initial_password,first_name,last_name,birthdate,gender\r\n',
		);
		expect(canonicalHeader(2, true)).toEqual([...REQUIRED_FIELDS, 'tag', 'tag', 'external_id']);
		expect(canonicalHeader(0, false)).toEqual([...REQUIRED_FIELDS]);
	});

	it('reads reordered, renamed columns into the right fields', async () => {
		const text =
			'Sex;Date of Birth;Surname;First;Password;Email\r\nfemale;19811120;Lee;Ann;Abcdef1!;ann@example.com\r\n';
		const { dataset } = await importText(text, 7);
		expect(dataset.records.at(0)).toMatchObject(DEFAULTS);
		expect(codesAt(dataset)).toEqual(Array(6).fill('header.alias@1'));
	});
});
