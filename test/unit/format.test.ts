import { describe, expect, it } from 'vitest';
import { count, plural } from '../../src/ui/format.ts';

describe('UI number text', () => {
	it.each([
		[0, '0'],
		[999, '999'],
		[1000, '1,000'],
		[1234567, '1,234,567'],
	])('%d → %s', (n, text) => expect(count(n)).toBe(text));

	it('says one client, 2 clients', () => {
		expect(plural(1, 'client', 'clients')).toBe('1 client');
		expect(plural(1200, 'client', 'clients')).toBe('1,200 clients');
	});
});
