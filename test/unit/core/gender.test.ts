// Gender as files write it: words in seven languages, and single letters read by the column's
// own convention (H/F, H/M, m/w, M/V, M/F), ambiguous rather than guessed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	GENDER_CONVENTIONS,
	genderWord,
	letterIn,
	readGenderLetters,
	readLetter,
	type GenderConvention,
} from '../../../src/core/gender.ts';
import { validateCells } from '../../../src/core/validate.ts';
import { cells, HEADER, TODAY } from '../helpers.ts';

const H = HEADER.split(',');

/** A file whose gender column holds `genders`, as [code, fix] per row. */
function genderColumn(genders: string[], genderConvention?: GenderConvention | null) {
	const d = validateCells(
		[H, ...genders.map((gender, i) => cells({ gender, email_address: `c${i}@example.com` }))],
		{
			today: TODAY,
			...(genderConvention !== undefined ? { genderConvention } : {}),
		},
	);
	const read = d.recordIssues.map((list) =>
		(list ?? []).filter((i) => i.column === 'gender').map((i) => [i.code, i.fix ?? null]),
	);
	return { convention: d.genderConvention, read, issues: d.recordIssues };
}

describe('gender words', () => {
	it.each([
		['en', ['Male', 'MAN', 'masculine'], ['Female', 'woman', 'Feminine']],
		['fr', ['Homme', 'masculin'], ['Femme', 'Féminin', 'féminine']],
		['es', ['Hombre', 'Masculino', 'varón'], ['Mujer', 'Femenino']],
		['de', ['männlich', 'Mann', 'MAENNLICH'], ['weiblich', 'Frau']],
		['nl', ['man', 'Mannelijk'], ['Vrouw', 'vrouwelijk']],
		['pt', ['Masculino', 'Homem'], ['Feminino', 'Mulher']],
		['it', ['Maschio', 'Uomo', 'maschile'], ['Femmina', 'Donna', 'femminile']],
	])('%s: words read as male and female, whatever their case or accents', (_l, male, female) => {
		for (const w of male) expect(genderWord(w)).toBe('male');
		for (const w of female) expect(genderWord(w)).toBe('female');
	});

	it('are gender.alias with the certain fix, whatever the column holds besides', () => {
		const { read, convention } = genderColumn(['Homme', 'Femme', 'M', 'weiblich']);
		expect(read).toEqual([
			[['gender.alias', 'male']],
			[['gender.alias', 'female']],
			[['gender.ambiguous', null]],
			[['gender.alias', 'female']],
		]);
		expect(convention).toBeNull();
	});

	it('leaves other text invalid, even object member names', () => {
		for (const v of ['x', 'diverse', 'constructor', 'mf', 'toString'])
			expect(genderWord(v)).toBeNull();
		expect(genderColumn(['diverse']).read).toEqual([[['gender.invalid', null]]]);
	});
});

describe('gender letters by the column’s convention', () => {
	it.each<[string, string[], GenderConvention, string[]]>([
		['French', ['H', 'F', 'h'], 'H/F', ['male', 'female', 'male']],
		['Spanish (M is mujer)', ['H', 'M', 'm'], 'H/M', ['male', 'female', 'female']],
		['German', ['m', 'w', 'W'], 'm/w', ['male', 'female', 'female']],
		['Dutch', ['M', 'V'], 'M/V', ['male', 'female']],
		['English', ['M', 'F', 'f'], 'M/F', ['male', 'female', 'female']],
	])('%s letters settle their convention', (_name, letters, convention, fixes) => {
		const result = genderColumn(letters);
		expect(result.convention).toBe(convention);
		expect(result.read).toEqual(fixes.map((fix) => [['gender.alias', fix]]));
	});

	it('names the convention a letter was read by, so M as female is not a surprise', () => {
		const { issues } = genderColumn(['H', 'M']);
		expect(issues[1]?.[0]?.message).toBe(
			"Row 3: gender 'M' must be written female (the column's letters are H/M: Spanish hombre/mujer)",
		);
	});

	it('calls a column of M alone ambiguous, saying what M could mean', () => {
		const { read, convention, issues } = genderColumn(['M', 'M']);
		expect(convention).toBeNull();
		expect(read).toEqual([[['gender.ambiguous', null]], [['gender.ambiguous', null]]]);
		expect(issues[0]?.[0]?.message).toBe(
			"Row 2: gender 'M' could mean male (m/w, M/V, M/F) or female (H/M, Spanish mujer), and the other letters in the column do not settle which. Choose male or female for these rows, or type the word.",
		);
		expect(issues[0]?.[0]?.severity).toBe('error');
	});

	it('reads F alone as female: every convention with F agrees', () => {
		expect(genderColumn(['F', 'f'])).toMatchObject({
			convention: null,
			read: [[['gender.alias', 'female']], [['gender.alias', 'female']]],
		});
	});

	it('reads a mixed column {H, F, M} letter by letter: H and F certain, M ambiguous', () => {
		const { read, convention } = genderColumn(['H', 'F', 'M', 'male']);
		expect(convention).toBeNull();
		expect(read).toEqual([
			[['gender.alias', 'male']],
			[['gender.alias', 'female']],
			[['gender.ambiguous', null]],
			[],
		]);
	});

	it('reads every letter by a held convention at once (a reopened draft): M is female in H/M', () => {
		expect(genderColumn(['M'], 'H/M')).toMatchObject({
			convention: 'H/M',
			read: [[['gender.alias', 'female']]],
		});
		// Held null: each letter alone, so M stays ambiguous even beside an F.
		expect(genderColumn(['M', 'F'], null)).toMatchObject({
			convention: null,
			read: [[['gender.ambiguous', null]], [['gender.alias', 'female']]],
		});
		expect(readLetter('W', 'H/F')).toBe('female');
		expect(readLetter('M', 'H/F')).toBeNull();
	});
});

/** A convention and letters drawn from it, in either case. */
const drawnColumn = fc.constantFrom(...GENDER_CONVENTIONS).chain((c) =>
	fc.tuple(
		fc.constant(c),
		fc.array(
			fc
				.tuple(fc.constantFrom(...c.split('/')), fc.boolean())
				.map(([l, up]) => (up ? l.toUpperCase() : l.toLowerCase())),
			{ minLength: 1, maxLength: 6 },
		),
	),
);

describe('readGenderLetters', () => {
	it('ignores what is not a convention letter, and reads nothing from nothing', () => {
		expect(readGenderLetters(['x', 'male', ''])).toEqual({ convention: null, reading: new Map() });
		expect(readGenderLetters(['v']).convention).toBe('M/V');
	});

	it('reads letters drawn from one convention as it does, or ambiguous — never the other way', () => {
		fc.assert(
			fc.property(drawnColumn, ([convention, letters]) => {
				const { reading, convention: settled } = readGenderLetters(letters);
				for (const [letter, gender] of reading)
					expect([letterIn(convention, letter), null]).toContain(gender);
				expect([convention, null]).toContain(settled);
			}),
			{ numRuns: 500 },
		);
	});

	it('settles the convention of a column that uses both of its letters', () => {
		fc.assert(
			fc.property(drawnColumn, ([convention, letters]) => {
				const [male, female] = convention.split('/') as [string, string];
				const { reading, convention: settled } = readGenderLetters([male, ...letters, female]);
				expect(settled).toBe(convention);
				expect(reading.get(male.toUpperCase())).toBe('male');
				expect(reading.get(female.toUpperCase())).toBe('female');
			}),
		);
	});
});
