// Column suggestions: certain name matches, content guesses with their thresholds, when the
// mapping step must show, the key a mapping is remembered by, and the words of each reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	describeReason,
	fitMapping,
	mappingKey,
	mappingOf,
	needsMappingStep,
	suggestColumns,
	type ColumnSuggestion,
} from '../../../src/core/column-mapping.ts';

/** Sample rows from columns of cells (column-major, as the tests think of them). */
function rowsOf(...columns: string[][]): string[][] {
	const height = Math.max(...columns.map((c) => c.length));
	return Array.from({ length: height }, (_, r) => columns.map((c) => c[r] ?? ''));
}

/** `hits` cells made by `good`, the rest by `bad`, `total` in all. */
function cells(
	total: number,
	hits: number,
	good: (i: number) => string,
	bad: (i: number) => string,
) {
	return Array.from({ length: total }, (_, i) => (i < hits ? good(i) : bad(i)));
}

const email = (i: number) => `client${i}@example.org`;
const date = (i: number) => `${(i % 28) + 1}/11/1981`;
const gender = (i: number) => (i % 2 === 0 ? 'Femme' : 'Homme');
const password = (i: number) => `Kx7!pw${i}zz`;
const other = (i: number) => `note ${i}`;

const fields = (s: readonly ColumnSuggestion[]) => s.map((x) => x.field);

describe('suggestColumns', () => {
	it('maps the French clinic file for certain, so it goes straight to its draft', () => {
		const header = ['Courriel', 'Mot de passe', 'Prénom', 'Nom', 'Date de naissance', 'Sexe'];
		const sample = [['ana@example.org', 'Secret123!', 'Ana', 'Roy', '20/11/1981', 'F']];
		const s = suggestColumns(header, sample);
		expect(fields(s)).toEqual([
			'email_address',
			'initial_password',
			'first_name',
			'last_name',
			'birthdate',
			'gender',
		]);
		for (const x of s)
			expect(x).toMatchObject({ certain: true, reason: { kind: 'alias', language: 'fr' } });
		expect(needsMappingStep(header, s, sample)).toBe(false);
	});

	it('guesses the Contact column from its emails, and shows the step', () => {
		const header = ['Contact', 'First', 'Last', 'DOB', 'Gender', 'Password'];
		const sample = rowsOf(
			cells(10, 10, email, other),
			cells(10, 10, () => 'Ana', other),
			cells(10, 10, () => 'Roy', other),
			cells(10, 10, () => '19811120', other),
			cells(10, 10, () => 'female', other),
			cells(10, 10, password, other),
		);
		const s = suggestColumns(header, sample);
		expect(s[0]).toEqual({
			field: 'email_address',
			reason: { kind: 'content', looks: 'emails', share: 1 },
			certain: false,
		});
		expect(s.slice(1).every((x) => x.certain)).toBe(true);
		expect(needsMappingStep(header, s, sample)).toBe(true);
		// The CLI applies only certain suggestions: the Contact column stays out there.
		expect(mappingOf(s, true).columns[0]).toBeNull();
		expect(mappingOf(s).columns[0]).toBe('email_address');
	});

	it('uses the template names as they are', () => {
		const header = [
			'email_address',
			'initial_password',
			'first_name',
			'last_name',
			'birthdate',
			'gender',
			'tag',
			'tag',
			'external_id',
		];
		const s = suggestColumns(header, []);
		expect(s.every((x) => x.certain && x.reason?.kind === 'name')).toBe(true);
		expect(fields(s)).toEqual(header);
		expect(needsMappingStep(header, s, [])).toBe(false);
	});

	it('suggests a field once, except tag', () => {
		const s = suggestColumns(['Email', 'E-mail', 'Tag', 'Groupe', 'Label 2'], []);
		expect(fields(s)).toEqual(['email_address', null, 'tag', 'tag', 'tag']);
		expect(s[1]).toEqual({ field: null, reason: null, certain: false });
	});

	it('leaves Roster’s own errors column out for certain, without showing the step', () => {
		const header = [
			'email_address',
			'initial_password',
			'first_name',
			'last_name',
			'birthdate',
			'gender',
			'Errors',
		];
		const sample = [['a@b.org', 'Secret123!', 'A', 'B', '19811120', 'male', 'Row 2: …']];
		const s = suggestColumns(header, sample);
		expect(s[6]).toEqual({ field: null, reason: null, certain: true });
		expect(needsMappingStep(header, s, sample)).toBe(false);
	});

	it('picks the language the rest of the header is written in for a shared alias', () => {
		const it = suggestColumns(['Nome', 'Cognome', 'Sesso'], []);
		expect(it[0]?.reason).toEqual({ kind: 'alias', language: 'it' });
		const pt = suggestColumns(['Nome', 'Sobrenome', 'Senha'], []);
		expect(pt[0]?.reason).toEqual({ kind: 'alias', language: 'pt' });
		// English words are borrowed everywhere: `Email` in an Italian file is still English.
		expect(suggestColumns(['Email', 'Cognome'], [])[0]?.reason).toEqual({
			kind: 'alias',
			language: 'en',
		});
	});
});

describe('content suggestions', () => {
	it.each([
		['emails', 'email_address', 80, email],
		['dates', 'birthdate', 80, date],
		['genders', 'gender', 90, gender],
	] as const)('%s → %s from %i percent of cells, not below', (looks, field, threshold, good) => {
		const at = suggestColumns(['Notes', 'Col'], rowsOf([], cells(100, threshold, good, other)));
		expect(at[1]).toEqual({
			field,
			reason: { kind: 'content', looks, share: threshold / 100 },
			certain: false,
		});
		const below = suggestColumns(
			['Notes', 'Col'],
			rowsOf([], cells(100, threshold - 1, good, other)),
		);
		expect(below[1]?.field).toBeNull();
	});

	it('passwords: 8+ characters without spaces beside the emails, from 80 % of cells', () => {
		const emails = cells(100, 100, email, other);
		const at = suggestColumns(['Email', 'Code'], rowsOf(emails, cells(100, 80, password, other)));
		expect(at[1]).toEqual({
			field: 'initial_password',
			reason: { kind: 'content', looks: 'passwords', share: 0.8 },
			certain: false,
		});
		const below = suggestColumns(
			['Email', 'Code'],
			rowsOf(emails, cells(100, 79, password, other)),
		);
		expect(below[1]?.field).toBeNull();
		// Left of the emails works too; two columns away does not.
		expect(
			suggestColumns(
				['Code', 'Contact'],
				rowsOf(cells(9, 9, password, other), cells(9, 9, email, other)),
			)[0]?.field,
		).toBe('initial_password');
		const far = suggestColumns(
			['Email', 'Notes', 'Code'],
			rowsOf(emails, [], cells(100, 100, password, other)),
		);
		expect(far[2]?.field).toBeNull();
		// Sentences, short words, emails, dates and phone numbers are no passwords.
		for (const look of [
			(i: number) => `+3361234${String(i).padStart(4, '0')}`,
			(i: number) => `06.12.34.${String(i).padStart(2, '0')}`,
			(i: number) => `call back ${i} times`,
			() => 'short',
			email,
			() => '19811120',
		])
			expect(
				suggestColumns(['Email', 'Code'], rowsOf(emails, cells(10, 10, look, other)))[1]?.field,
			).not.toBe('initial_password');
	});

	it('rounds the share down to a whole percent', () => {
		const s = suggestColumns(['Contact'], rowsOf(cells(50, 49, email, other)));
		expect(s[0]?.reason).toEqual({ kind: 'content', looks: 'emails', share: 0.98 });
		const odd = suggestColumns(['Contact'], rowsOf(cells(1000, 999, email, other)));
		expect(odd[0]?.reason).toMatchObject({ share: 0.99 });
	});

	it('counts only non-empty cells', () => {
		const s = suggestColumns(['Contact'], rowsOf(['a@b.org', '', '  ', 'c@d.org']));
		expect(s[0]?.reason).toMatchObject({ looks: 'emails', share: 1 });
	});

	it('suggests nothing from an empty sample', () => {
		const s = suggestColumns(['Contact', 'Born on', 'M/F'], []);
		expect(s.map((x) => x.field)).toEqual([null, null, null]);
	});

	it('never overrides a certain match, nor takes a field one holds', () => {
		const emails = cells(10, 10, email, other);
		const s = suggestColumns(['First name', 'Courriel', 'Contact'], rowsOf(emails, ['x'], emails));
		expect(fields(s)).toEqual(['first_name', 'email_address', null]);
		expect(s[0]?.certain).toBe(true);
	});

	it('gives a field to the column that looks most like it', () => {
		const s = suggestColumns(
			['A', 'B'],
			rowsOf(cells(10, 8, email, other), cells(10, 10, email, other)),
		);
		expect(fields(s)).toEqual([null, 'email_address']);
	});

	it('reads genders in every language and letter convention', () => {
		const values = [
			'M',
			'F',
			'h',
			'W',
			'V',
			'Mujer',
			'weiblich',
			'Masculino',
			'vrouw',
			'donna',
			'male',
		];
		const s = suggestColumns(['Who'], rowsOf(values));
		expect(s[0]).toMatchObject({ field: 'gender', reason: { share: 1 } });
	});

	it('is never certain, and only ever suggests the four content fields (property)', () => {
		const cell = fc.oneof(
			fc.string(),
			fc.constantFrom('a@b.org', '19811120', '20.11.1981', 'F', 'Homme', 'Secret123!'),
		);
		fc.assert(
			fc.property(
				fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 20 }),
				(sample) => {
					const s = suggestColumns(['Notes', 'Info', 'More', 'Misc'], sample);
					for (const x of s) {
						expect(x.certain).toBe(false);
						expect([null, 'email_address', 'birthdate', 'gender', 'initial_password']).toContain(
							x.field,
						);
					}
					const taken = s.map((x) => x.field).filter((f) => f !== null);
					expect(new Set(taken).size).toBe(taken.length);
				},
			),
		);
	});
});

describe('needsMappingStep', () => {
	const template = [
		'email_address',
		'initial_password',
		'first_name',
		'last_name',
		'birthdate',
		'gender',
	];

	it('shows the step when a required field has no certain column', () => {
		const header = template.slice(0, 5);
		expect(needsMappingStep(header, suggestColumns(header, []), [])).toBe(true);
	});

	it('shows it for an unknown column with a header or cells, never for a blank one', () => {
		const withNotes = [...template, 'Notes'];
		expect(needsMappingStep(withNotes, suggestColumns(withNotes, []), [])).toBe(true);
		const blank = [...template, ''];
		const emptySample = [['a@b.org', 'Secret123!', 'A', 'B', '19811120', 'male', '  ']];
		expect(needsMappingStep(blank, suggestColumns(blank, emptySample), emptySample)).toBe(false);
		const stray = [['a@b.org', 'Secret123!', 'A', 'B', '19811120', 'male', 'x']];
		expect(needsMappingStep(blank, suggestColumns(blank, stray), stray)).toBe(true);
	});
});

describe('mappingKey', () => {
	it('ignores case, accents and blank cells at the end', () => {
		expect(mappingKey(['Prénom', 'Nom'])).toBe(mappingKey(['PRENOM', 'nom', '', ' ']));
		expect(mappingKey(['a', 'b', ''])).toBe(mappingKey(['a', 'b']));
	});

	it('differs when columns are reordered, or a blank column sits between', () => {
		expect(mappingKey(['Prénom', 'Nom'])).not.toBe(mappingKey(['Nom', 'Prénom']));
		expect(mappingKey(['a', '', 'b'])).not.toBe(mappingKey(['a', 'b']));
	});

	it('is the same for any casing and trailing blanks, and tells apart different headers (property)', () => {
		const headerCell = fc.stringMatching(/^[A-Za-zé ]{1,8}$/);
		fc.assert(
			fc.property(
				fc.array(headerCell, { minLength: 1, maxLength: 6 }),
				fc.nat(3),
				(header, blanks) => {
					const key = mappingKey(header);
					expect(
						mappingKey([...header.map((h) => h.toUpperCase()), ...Array<string>(blanks).fill('')]),
					).toBe(key);
					const last = header.at(-1) as string;
					if (last.trim() !== '')
						expect(mappingKey([...header.slice(0, -1), `${last}x`])).not.toBe(key);
				},
			),
		);
	});

	it('fitMapping fits a remembered mapping to a header differing by blank end columns', () => {
		const mapping = { columns: ['first_name' as const, null, null], fill: { gender: 'female' } };
		expect(fitMapping(mapping, 2)).toEqual({
			columns: ['first_name', null],
			fill: { gender: 'female' },
		});
		expect(fitMapping(mapping, 4).columns).toEqual(['first_name', null, null, null]);
	});
});

describe('describeReason', () => {
	it.each([
		[{ kind: 'name' } as const, 'gender', 'Same name'],
		[{ kind: 'alias', language: 'fr' } as const, 'first_name', 'French for first name'],
		[{ kind: 'alias', language: 'de' } as const, 'external_id', 'German for external ID'],
		[{ kind: 'alias', language: 'en' } as const, 'birthdate', 'Another name for birthdate'],
		[
			{ kind: 'content', looks: 'emails', share: 0.98 } as const,
			'email_address',
			'Looks like email addresses: 98 % of cells',
		],
		[
			{ kind: 'content', looks: 'dates', share: 1 } as const,
			'birthdate',
			'Looks like dates: 100 % of cells',
		],
		[
			{ kind: 'content', looks: 'genders', share: 0.9 } as const,
			'gender',
			'Looks like genders: 90 % of cells',
		],
		[
			{ kind: 'content', looks: 'passwords', share: 0.85 } as const,
			'initial_password',
			'Looks like passwords, next to the emails: 85 % of cells',
		],
		[{ kind: 'remembered' } as const, 'tag', 'Chosen last time'],
	] as const)('%j → %s', (reason, field, text) => {
		expect(describeReason(reason, field)).toBe(text);
	});
});
