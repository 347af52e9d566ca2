// Birthdates as people type them: readings, calendar rules, and the column settling ambiguity.
import { describe, expect, it } from 'vitest';
import {
	isRealDate,
	readDate,
	toYmd,
	withOrder,
	ymdOf,
	type DateReading,
} from '../../src/core/dates.ts';
import { validateCells } from '../../src/core/validate.ts';
import { cells, HEADER, issuesOf, TODAY } from './helpers.ts';

const certain = (
	year: number,
	month: number,
	day: number,
	order?: 'day-first' | 'month-first',
): DateReading =>
	order ? { kind: 'certain', year, month, day, order } : { kind: 'certain', year, month, day };

describe('readDate', () => {
	it.each<[string, DateReading]>([
		['19811120', { kind: 'canonical', year: 1981, month: 11, day: 20 }],
		['19990230', { kind: 'canonical', year: 1999, month: 2, day: 30 }],
		['1981-11-20', certain(1981, 11, 20)],
		['1981/11/20', certain(1981, 11, 20)],
		['1981.1.2', certain(1981, 1, 2)],
		['1981-11-20T08:30:00Z', certain(1981, 11, 20)],
		['1981-11-20 08:30', certain(1981, 11, 20)],
		['20.11.1981', certain(1981, 11, 20)],
		['02.03.1990', certain(1990, 3, 2)],
		['20 November 1981', certain(1981, 11, 20)],
		['20 Nov 1981', certain(1981, 11, 20)],
		['20-Nov-1981', certain(1981, 11, 20)],
		['1st Sept 1990', certain(1990, 9, 1)],
		['Nov 20, 1981', certain(1981, 11, 20)],
		['November 20th, 1981', certain(1981, 11, 20)],
		['nov. 20 1981', certain(1981, 11, 20)],
		['20/11/1981', certain(1981, 11, 20, 'day-first')],
		['20-11-1981', certain(1981, 11, 20, 'day-first')],
		['11/20/1981', certain(1981, 11, 20, 'month-first')],
		['1/31/1981', certain(1981, 1, 31, 'month-first')],
		['05/05/1990', certain(1990, 5, 5)],
		['01/02/1990', { kind: 'ambiguous', year: 1990, first: 1, second: 2 }],
		['12/1/1990', { kind: 'ambiguous', year: 1990, first: 12, second: 1 }],
		['  19811120 ', { kind: 'canonical', year: 1981, month: 11, day: 20 }],
		['', { kind: 'empty' }],
		['   ', { kind: 'empty' }],
		['14/15/1990', { kind: 'unreadable', reason: 'neither part can be a month' }],
		['13/13/1990', certain(1990, 13, 13)],
		['00/05/1980', certain(1980, 0, 5)],
		['20/11/81', { kind: 'unreadable', reason: 'the year needs all 4 digits' }],
		['20.11.81', { kind: 'unreadable', reason: 'the year needs all 4 digits' }],
		['Mayo 5, 1990', { kind: 'unreadable', reason: 'it is not a date Roster can read' }],
		['20 Ju 1981', { kind: 'unreadable', reason: 'it is not a date Roster can read' }],
		['yesterday', { kind: 'unreadable', reason: 'it is not a date Roster can read' }],
		['1981112', { kind: 'unreadable', reason: 'it is not a date Roster can read' }],
	])('%j', (text, expected) => {
		expect(readDate(text)).toEqual(expected);
	});
});

describe('calendar helpers', () => {
	it.each([
		[1996, 2, 29, true],
		[2000, 2, 29, true],
		[1900, 2, 29, false],
		[2023, 2, 29, false],
		[2024, 2, 29, true],
		[2023, 2, 28, true],
		[1981, 4, 31, false],
		[1981, 12, 31, true],
		[1981, 13, 1, false],
		[1981, 0, 1, false],
		[1981, 1, 0, false],
	])('isRealDate(%i, %i, %i) is %s', (y, m, d, real) => {
		expect(isRealDate(y, m, d)).toBe(real);
	});

	it('formats and reads the clock as YYYYMMDD', () => {
		expect(toYmd(1981, 1, 2)).toBe('19810102');
		expect(ymdOf(new Date(2026, 10, 25, 23, 59))).toBe('20261125');
		expect(withOrder({ year: 1990, first: 2, second: 3 }, 'day-first')).toEqual({
			year: 1990,
			month: 3,
			day: 2,
		});
		expect(withOrder({ year: 1990, first: 2, second: 3 }, 'month-first')).toEqual({
			year: 1990,
			month: 2,
			day: 3,
		});
	});
});

/** Validates a file whose birthdate column holds these values, one client each. */
function dates(...values: string[]) {
	const rows = [
		HEADER.split(','),
		...values.map((b, i) => cells({ email_address: `c${i}@example.com`, birthdate: b })),
	];
	const dataset = validateCells(rows, { today: TODAY });
	const issues = issuesOf(dataset).map((i) => ({
		row: i.row,
		code: i.code,
		fix: i.fix,
		message: i.message,
	}));
	return { dataset, issues };
}

describe('birthdate rules', () => {
	it.each([
		['19960229', null, undefined],
		['20000229', null, undefined],
		['19000229', 'birthdate.invalid', undefined],
		['19990230', 'birthdate.invalid', undefined],
		['29/02/1996', 'birthdate.format', '19960229'],
		['29.02.1900', 'birthdate.invalid', undefined],
		['20261125', null, undefined],
		['20261126', 'birthdate.future', undefined],
		['26/11/2026', 'birthdate.future', undefined],
		['2026-11-25', 'birthdate.format', '20261125'],
		['19000101', null, undefined],
		['18991231', 'birthdate.out_of_range', undefined],
		['31/12/1899', 'birthdate.out_of_range', undefined],
		['1981-11-20', 'birthdate.format', '19811120'],
		['1981/11/20', 'birthdate.format', '19811120'],
		['20.11.1981', 'birthdate.format', '19811120'],
		['20 November 1981', 'birthdate.format', '19811120'],
		['Nov 20, 1981', 'birthdate.format', '19811120'],
		['20/11/1981', 'birthdate.format', '19811120'],
		['11/20/1981', 'birthdate.format', '19811120'],
		['31 February 1990', 'birthdate.invalid', undefined],
		['00/05/1980', 'birthdate.invalid', undefined],
		['5/0/1980', 'birthdate.invalid', undefined],
		['13/13/1990', 'birthdate.invalid', undefined],
		['14/15/1990', 'birthdate.format', undefined],
		['20/11/81', 'birthdate.format', undefined],
		['01/02/1990', 'birthdate.ambiguous', undefined],
	])('%j → %s (fix %s)', (value, code, fix) => {
		const { issues } = dates(value);
		expect(issues.map((i) => [i.row, i.code, i.fix])).toEqual(
			code === null ? [] : [[2, code, fix]],
		);
		if (code !== null) expect(issues[0]?.message).toContain(`Row 2: birthdate '${value}'`);
	});

	it('explains an unreadable date and shows the form to use', () => {
		expect(dates('20/11/81').issues[0]?.message).toBe(
			"Row 2: birthdate '20/11/81' is not YYYYMMDD (the year needs all 4 digits). Write it as YYYYMMDD, e.g. 19811120.",
		);
	});
});

describe('ambiguous slashed dates settled by their column', () => {
	it('uses month-first when every certain slashed date is month-first', () => {
		const { dataset, issues } = dates('11/20/1981', '02/03/1990', '1/31/1975', '04/05/1980');
		expect(dataset.dateOrder).toBe('month-first');
		expect(issues.map((i) => [i.row, i.fix])).toEqual([
			[2, '19811120'],
			[3, '19900203'],
			[4, '19750131'],
			[5, '19800405'],
		]);
		expect(issues.find((i) => i.row === 3)?.message).toBe(
			"Row 3: birthdate '02/03/1990' is not YYYYMMDD — use 19900203 (the other dates in this column are month-first)",
		);
	});

	it('uses day-first when every certain slashed date is day-first, whatever the order of rows', () => {
		const { dataset, issues } = dates(
			'02/03/1990',
			'20/11/1981',
			'19850101',
			'1985-06-07',
			'13-01-1970',
		);
		expect(dataset.dateOrder).toBe('day-first');
		expect(issues.filter((i) => i.row === 2).map((i) => [i.code, i.fix])).toEqual([
			['birthdate.format', '19900302'],
		]);
	});

	it('stays birthdate.ambiguous when the certain slashed dates disagree', () => {
		const { dataset, issues } = dates('20/11/1981', '11/20/1981', '02/03/1990');
		expect(dataset.dateOrder).toBeNull();
		expect(issues.filter((i) => i.row === 4).map((i) => [i.code, i.fix])).toEqual([
			['birthdate.ambiguous', undefined],
		]);
	});

	it('stays birthdate.ambiguous when no certain slashed date decides (ISO and dotted dates do not)', () => {
		const { dataset, issues } = dates('1981-11-20', '20.11.1981', '05/05/1990', '02/03/1990');
		expect(dataset.dateOrder).toBeNull();
		expect(issues.filter((i) => i.row === 5).map((i) => i.code)).toEqual(['birthdate.ambiguous']);
	});

	it('still applies the calendar rules to a settled date', () => {
		const { issues } = dates('20/11/1981', '05/06/2027', '05/06/1890');
		expect(issues.filter((i) => i.row !== 2).map((i) => [i.row, i.code, i.fix])).toEqual([
			[3, 'birthdate.future', undefined],
			[4, 'birthdate.out_of_range', undefined],
		]);
	});
});
