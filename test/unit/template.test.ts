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

	it('maps columns in any order by name and alias, silently (no "Rename it" per column)', () => {
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
		expect(m.issues).toEqual([]);
	});

	it('matches headers in other languages, folded without case or accents', () => {
		const m = mapHeader(['Courriel', 'Mot de passe', 'Prénom', 'NOM', 'Date de naissance', 'Sexe']);
		expect(m.columns).toEqual([...REQUIRED_FIELDS]);
		expect(m.issues).toEqual([]);
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
		expect(codesAt(dataset)).toEqual([]);
	});
});

describe('mapHeader with the pro’s mapping', () => {
	const fill = {};

	it('takes each column’s field from the mapping, whatever its header says', () => {
		const m = mapHeader(['Contact', 'Email', 'Notes', 'A', 'B'], {
			columns: ['email_address', null, null, 'tag', 'tag'],
			fill,
		});
		expect(m.columns).toEqual(['email_address', null, null, 'tag', 'tag']);
		expect(m.blank).toEqual([false, false, false, false, false]);
		expect([...m.present].sort()).toEqual(['email_address', 'tag']);
		// Left-out columns raise nothing; only the required fields nobody feeds are missing.
		expect(m.issues.map((i) => [i.code, i.column])).toEqual(
			REQUIRED_FIELDS.slice(1).map((f) => ['header.missing', f]),
		);
	});

	it('counts a filled field as present: no header.missing for it', () => {
		const m = mapHeader(['Mail', 'Pass', 'First', 'Last', 'Born'], {
			columns: ['email_address', 'initial_password', 'first_name', 'last_name', 'birthdate'],
			fill: { gender: 'female' },
		});
		expect(m.present.has('gender')).toBe(true);
		expect(m.issues).toEqual([]);
		const empty = mapHeader(['Mail'], { columns: ['email_address'], fill: { gender: '' } });
		expect(empty.issues.map((i) => i.column)).not.toContain('gender');
	});

	it('reports two columns feeding one field (not tag) as header.duplicate, the second dropped', () => {
		const m = mapHeader([...REQUIRED_FIELDS, 'Contact'], {
			columns: [...REQUIRED_FIELDS, 'email_address'],
			fill,
		});
		expect(m.columns[6]).toBeNull();
		expect(m.issues.map((i) => [i.code, i.column])).toEqual([
			['header.duplicate', 'email_address'],
		]);
		expect(m.issues[0]?.message).toBe(
			"Header (row 1): column G 'Contact' is a second email_address column. Keep one email_address column and leave the other out.",
		);
	});

	it('leaves out columns past the mapping’s end, and ignores mapping entries past the header', () => {
		const short = mapHeader([...REQUIRED_FIELDS, 'Notes'], { columns: [...REQUIRED_FIELDS], fill });
		expect(short.columns).toEqual([...REQUIRED_FIELDS, null]);
		expect(short.issues).toEqual([]);
		const long = mapHeader(['email_address'], { columns: [...REQUIRED_FIELDS], fill });
		expect(long.columns).toEqual(['email_address']);
		expect(long.issues.map((i) => i.code)).toEqual(Array(5).fill('header.missing'));
	});

	it('feeds a field from a column with an empty header when the pro mapped it', () => {
		const m = mapHeader(['Email', ''], { columns: ['email_address', 'gender'], fill });
		expect(m.columns).toEqual(['email_address', 'gender']);
		expect(m.blank).toEqual([false, false]);
	});
});
