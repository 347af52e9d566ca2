// Bugs found in review, each pinned by the case that showed it.
import { describe, expect, it } from 'vitest';
import { applySafeFixes } from '../../src/core/fixes.ts';
import { matchHeader } from '../../src/core/template.ts';
import { validateCells } from '../../src/core/validate.ts';
import { cells, TODAY } from './helpers.ts';
import { REQUIRED_FIELDS } from '../../src/core/template.ts';

const H = [...REQUIRED_FIELDS];
const codes = (issues: { code: string }[] | undefined) => (issues ?? []).map((i) => i.code);

describe('regressions', () => {
	it('keeps the column date order after fixes rewrite the dates that settled it', () => {
		const before = validateCells(
			[
				H,
				cells({ birthdate: '20/11/1981' }),
				cells({ email_address: 'b@example.com', birthdate: '05/06/2030' }),
			],
			{ today: TODAY },
		);
		expect(before.dateOrder).toBe('day-first');
		expect(codes(before.recordIssues[1])).toEqual(['birthdate.future']);
		const after = applySafeFixes(before, { today: TODAY });
		expect(after.records.at(0)?.birthdate).toBe('19811120');
		expect(codes(after.recordIssues[1])).toEqual(['birthdate.future']);
	});

	it('reads a header with the format in brackets', () => {
		expect(matchHeader('Birthdate (YYYYMMDD)')).toBe('birthdate');
		expect(matchHeader('Gender [male|female]')).toBeNull();
	});
});
