// Counted text ("1 client", "1,204 clients") and the UI's short dates, as the pro reads them.
import { describe, expect, it } from 'vitest';
import { count, plural } from '../../src/core/counted.ts';
import { shortDate } from '../../src/ui/format.ts';

describe('counted text', () => {
	it.each([
		[0, '0'],
		[7, '7'],
		[999, '999'],
		[1000, '1,000'],
		[12345, '12,345'],
		[1234567, '1,234,567'],
		[-1204, '-1,204'],
	])('%d → %s', (n, text) => expect(count(n)).toBe(text));

	it.each([
		[0, '0 clients'],
		[1, '1 client'],
		[2, '2 clients'],
		[1204, '1,204 clients'],
	])('%d clients → %s', (n, text) => expect(plural(n, 'client')).toBe(text));

	it('takes the plural it is given for words that do not just add an s', () => {
		expect(plural(1, 'row was', 'rows were')).toBe('1 row was');
		expect(plural(3, 'row was', 'rows were')).toBe('3 rows were');
		expect(plural(1, 'safe fix', 'safe fixes')).toBe('1 safe fix');
		expect(plural(2000, 'safe fix', 'safe fixes')).toBe('2,000 safe fixes');
	});
});

describe('short dates', () => {
	const now = new Date(2026, 11, 3);

	it('leaves out the year of this year', () => {
		expect(shortDate(new Date(2026, 0, 9).getTime(), now)).toBe('9 Jan');
	});

	it('names the year of another year', () => {
		expect(shortDate(new Date(2025, 11, 31).getTime(), now)).toBe('31 Dec 2025');
	});
});
