// The per-row rules: email, password, names, gender, formula-like values, with the rows shown.
import { describe, expect, it } from 'vitest';
import { isFormulaLike, passwordKinds } from '../../src/core/rules.ts';
import { validateCells } from '../../src/core/validate.ts';
import type { RequiredField } from '../../src/core/template.ts';
import { cells, csv, HEADER, importText, issuesOf, line, TODAY } from './helpers.ts';

type Over = Partial<Record<RequiredField, string>>;

/** Validates one client; returns its issues as [code, column, fix]. */
function one(over: Over) {
	const dataset = validateCells([HEADER.split(','), cells(over)], { today: TODAY });
	return {
		dataset,
		issues: issuesOf(dataset),
		brief: issuesOf(dataset).map((i) => [i.code, i.column, i.fix]),
	};
}

describe('email_address', () => {
	it.each([
		['ann@example.com', []],
		['ann.lee+tag@mail.example.co.uk', []],
		['o’brien@example.ie', []],
		['  ann@example.com  ', []],
		['ann@example', [['email.invalid', 'email_address', undefined]]],
		['ann lee@example.com', [['email.invalid', 'email_address', undefined]]],
		['ann@@example.com', [['email.invalid', 'email_address', undefined]]],
		['ann@example.c', [['email.invalid', 'email_address', undefined]]],
		['ann,lee@example.com', [['email.invalid', 'email_address', undefined]]],
		['ann@-example.com', [['email.invalid', 'email_address', undefined]]],
		['Ann@Example.com', [['email.uppercase', 'email_address', 'ann@example.com']]],
		['JOSÉ@EXAMPLE.COM', [['email.uppercase', 'email_address', 'josé@example.com']]],
		['', [['email.missing', 'email_address', undefined]]],
	])('%j', (email_address, expected) => {
		expect(one({ email_address }).brief).toEqual(expected);
	});

	it('reports each later use of an address, case-insensitively, pointing at the first row', async () => {
		const text = csv(
			line(),
			'',
			line({ email_address: 'ANN@example.com' }),
			line({ email_address: ' ann@example.com' }),
		);
		const { dataset } = await importText(text);
		const dups = issuesOf(dataset).filter((i) => i.code === 'email.duplicate');
		expect(dups.map((i) => [i.row, i.message])).toEqual([
			[
				4,
				'Row 4: email ANN@example.com is already used on row 2. Each client needs their own address: remove or change one of them.',
			],
			[
				5,
				'Row 5: email ann@example.com is already used on row 2. Each client needs their own address: remove or change one of them.',
			],
		]);
	});
});

describe('initial_password', () => {
	it.each([
		['Abcdef1!', []],
		['Àbcdéf1!', []],
		['Ab1!', ['password.too_short']],
		['Ab1!😀xy', ['password.too_short']],
		['Ab1!😀xyz', []],
		['abcdefgh', ['password.weak']],
		['ABCDEFG1!', ['password.weak']],
		['Abcdefgh!', ['password.weak']],
		['Abcdefg1', ['password.weak']],
		['Abc def1', ['password.weak']],
		[' Abcdef1!', ['password.whitespace']],
		['Abcdef1!\t', ['password.whitespace']],
		['\tAbcdef1!', ['password.whitespace', 'value.formula']],
		['   ', ['password.too_short', 'password.whitespace']],
		['', ['password.missing']],
	])('%j', (initial_password, codes) => {
		expect(one({ initial_password }).issues.map((i) => i.code)).toEqual(codes);
	});

	it('names what a weak password lacks and how long a short one is', () => {
		expect(one({ initial_password: 'abcdefgh' }).issues[0]?.message).toBe(
			'Row 2: initial_password has no an upper-case letter, no a digit, no a symbol; the platform recommends all four kinds.',
		);
		expect(one({ initial_password: 'Ab1!😀xy' }).issues[0]?.message).toBe(
			'Row 2: initial_password has 7 characters; it needs at least 8.',
		);
	});

	it('is kept exactly as typed, spaces included, while other values are trimmed', async () => {
		const { dataset } = await importText(
			csv(`  ann@example.com , Abcdef1! ,  Ann  ,Lee , 19811120 , female `),
		);
		expect(dataset.records.at(0)).toMatchObject({
			email_address: 'ann@example.com',
			initial_password: ' Abcdef1! ',
			first_name: 'Ann',
			last_name: 'Lee',
			birthdate: '19811120',
			gender: 'female',
		});
		expect(issuesOf(dataset).map((i) => i.code)).toEqual(['password.whitespace']);
	});

	it('sorts characters into the four kinds', () => {
		expect(passwordKinds('aB3$')).toEqual({ upper: true, lower: true, digit: true, symbol: true });
		expect(passwordKinds('é ü')).toEqual({
			upper: false,
			lower: true,
			digit: false,
			symbol: false,
		});
		expect(passwordKinds('Ä٣')).toEqual({ upper: true, lower: false, digit: true, symbol: false });
	});
});

describe('names and gender', () => {
	it.each([
		[{ first_name: '' }, [['first_name.missing', 'first_name', undefined]]],
		[{ last_name: '   ' }, [['last_name.missing', 'last_name', undefined]]],
		[{ first_name: 'José María', last_name: 'O’Neil-Åberg' }, []],
		[{ gender: 'male' }, []],
		[{ gender: ' female ' }, []],
		// A column of M alone fits four conventions: male in three, female in H/M (mujer).
		[{ gender: 'M' }, [['gender.ambiguous', 'gender', undefined]]],
		[{ gender: 'm' }, [['gender.ambiguous', 'gender', undefined]]],
		[{ gender: 'Male' }, [['gender.alias', 'gender', 'male']]],
		[{ gender: 'MALE' }, [['gender.alias', 'gender', 'male']]],
		[{ gender: 'F' }, [['gender.alias', 'gender', 'female']]],
		[{ gender: 'f' }, [['gender.alias', 'gender', 'female']]],
		[{ gender: 'FEMALE' }, [['gender.alias', 'gender', 'female']]],
		[{ gender: 'woman' }, [['gender.alias', 'gender', 'female']]],
		[{ gender: 'x' }, [['gender.invalid', 'gender', undefined]]],
		[{ gender: 'männlich' }, [['gender.alias', 'gender', 'male']]],
		[{ gender: '' }, [['gender.missing', 'gender', undefined]]],
	])('%j', (over, expected) => {
		expect(one(over).brief).toEqual(expected);
	});

	it('says neutrally which gender values the platform accepts', () => {
		expect(one({ gender: 'diverse' }).issues[0]?.message).toBe(
			"Row 2: gender 'diverse' is not accepted; the platform accepts only male or female.",
		);
		expect(one({ gender: 'F' }).issues[0]?.message).toBe(
			"Row 2: gender 'F' must be written female",
		);
	});
});

describe('formula-like values', () => {
	it.each(['=', '+', '-', '@', '\t', '\r'])('%j starts a formula', (c) => {
		expect(isFormulaLike(`${c}1+2`)).toBe(true);
	});

	it.each(['1+2', 'a=b', "'=x", ' =x', ''])('%j does not', (v) => {
		expect(isFormulaLike(v)).toBe(false);
	});

	it.each<[Over, string]>([
		[{ first_name: '=1+2' }, 'first_name'],
		[{ last_name: '+44 20 7946 0000' }, 'last_name'],
		[{ first_name: '-x' }, 'first_name'],
		[{ last_name: '@SUM(A1)' }, 'last_name'],
		[{ email_address: '-ann@example.com' }, 'email_address'],
	])('%j is a value.formula warning on its column', (over, column) => {
		const { issues } = one(over);
		expect(issues.map((i) => [i.code, i.column, i.severity])).toEqual([
			['value.formula', column, 'warning'],
		]);
		expect(issues[0]?.message).toContain(
			`Row 2: ${column} '${Object.values(over)[0]}' starts with`,
		);
	});

	it('names the first character of a password, never the password (issue 13)', () => {
		const { issues } = one({ initial_password: '=Abcdef1!' });
		expect(issues.map((i) => [i.code, i.column, i.severity, i.message])).toEqual([
			[
				'value.formula',
				'initial_password',
				'warning',
				'Row 2: initial_password starts with =, which a spreadsheet may run as a formula. Files for people to open will show it with a leading apostrophe.',
			],
		]);
	});

	it('also looks at tags and external_id', async () => {
		const text = `${HEADER},tag,tag,external_id\r\n${line()},ok,=cmd,-12\r\n`;
		const { dataset } = await importText(text);
		expect(issuesOf(dataset).map((i) => [i.row, i.code, i.column])).toEqual([
			[2, 'value.formula', 'external_id'],
			[2, 'value.formula', 'tag'],
		]);
	});
});

describe('rows and messages', () => {
	it('names the spreadsheet row, the value and the fix', async () => {
		const clients = Array.from({ length: 12 }, (_, i) =>
			line({ email_address: `c${i}@example.com` }),
		);
		const { dataset } = await importText(csv(...clients, line({ birthdate: '11/20/1981' })));
		expect(issuesOf(dataset).map((i) => i.message)).toEqual([
			"Row 14: birthdate '11/20/1981' is not YYYYMMDD — use 19811120",
		]);
	});

	it('reports a missing column once on the header, not as an empty cell on every row', () => {
		const header = HEADER.split(',').filter((h) => h !== 'birthdate' && h !== 'initial_password');
		const row = cells().filter((_, i) => i !== 1 && i !== 4);
		const dataset = validateCells(
			[header, row, row.map((c, i) => (i === 0 ? 'bob@example.com' : c))],
			{
				today: TODAY,
			},
		);
		expect(issuesOf(dataset).map((i) => [i.row, i.code, i.column])).toEqual([
			[1, 'header.missing', 'initial_password'],
			[1, 'header.missing', 'birthdate'],
		]);
	});
});
