// What the grid's Status column says of a row, and the severity that colours a cell.
import { describe, expect, it } from 'vitest';
import { severityOf, statusText } from '../../../src/ui/grid/cell-status.ts';

const error = { severity: 'error' };
const warning = { severity: 'warning' };

describe('cell status', () => {
	it('colours by the worst problem', () => {
		expect(severityOf([])).toBeNull();
		expect(severityOf([warning])).toBe('warning');
		expect(severityOf([warning, error])).toBe('error');
	});

	it('counts errors first, then warnings, and says OK for a clean row', () => {
		expect(statusText([error, warning, error], true)).toBe('2 errors');
		expect(statusText([warning], false)).toBe('1 warning');
		expect(statusText([warning, warning], false)).toBe('2 warnings');
		expect(statusText([], false)).toBe('OK');
	});

	it('says Blocked for an error row without a problem of its own', () => {
		expect(statusText([], true)).toBe('Blocked');
		expect(statusText([warning], true)).toBe('Blocked');
	});
});
