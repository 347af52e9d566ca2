// The print preview's sheets and groups: every notice on exactly one sheet, in order, with its
// page number; the groups built so far hold exactly the notices built, and a full group is the
// same object as more are built (so the page leaves it alone).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtGroups, sheetGroups } from '../../../src/ui/notices/sheet-groups.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('sheetGroups', () => {
	it('puts the notices on sheets in order, numbered from 1, ten sheets to a group', () => {
		const groups = sheetGroups(range(45), 2);
		expect(groups.map((g) => g.length)).toEqual([10, 10, 3]);
		expect(groups[0]![0]).toEqual({ page: 1, notices: [0, 1] });
		expect(groups[1]![0]).toEqual({ page: 11, notices: [20, 21] });
		expect(groups[2]![2]).toEqual({ page: 23, notices: [44] });
	});

	it('has no sheet and no group for no notice', () => {
		expect(sheetGroups([], 4)).toEqual([]);
	});

	it('holds every notice once, in order, whatever the layout and group size', () => {
		fc.assert(
			fc.property(
				fc.nat(300),
				fc.constantFrom(1, 2, 4),
				fc.integer({ min: 1, max: 12 }),
				(n, perPage, perGroup) => {
					const groups = sheetGroups(range(n), perPage, perGroup);
					const sheets = groups.flat();
					expect(sheets.flatMap((s) => s.notices)).toEqual(range(n));
					expect(sheets.map((s) => s.page)).toEqual(range(sheets.length).map((i) => i + 1));
					expect(sheets.every((s) => s.notices.length <= perPage)).toBe(true);
					expect(groups.every((g) => g.length >= 1 && g.length <= perGroup)).toBe(true);
				},
			),
		);
	});
});

describe('builtGroups', () => {
	it('holds the sheets of the notices built so far, the last group cut short', () => {
		const groups = sheetGroups(range(45), 2);
		const built = builtGroups(groups, 25, 2);
		// 25 notices need 13 sheets: a full group, then 3 sheets of the second.
		expect(built.map((g) => g.length)).toEqual([10, 3]);
		expect(built[0]).toBe(groups[0]);
		expect(built.flat().flatMap((s) => s.notices)).toEqual(range(26));
	});

	it('is every group, unchanged, once every notice is built (or more were asked)', () => {
		const groups = sheetGroups(range(45), 4);
		expect(builtGroups(groups, 45, 4)).toEqual(groups);
		expect(builtGroups(groups, 1000, 4).every((g, i) => g === groups[i])).toBe(true);
	});

	it('is nothing before any notice is built, even when told a negative count', () => {
		const groups = sheetGroups(range(10), 1);
		expect(builtGroups(groups, 0, 1)).toEqual([]);
		expect(builtGroups(groups, -3, 1)).toEqual([]);
	});

	it('always holds at least the notices built, and never a sheet more than they need', () => {
		fc.assert(
			fc.property(fc.nat(200), fc.nat(250), fc.constantFrom(1, 2, 4), (n, shown, perPage) => {
				const groups = sheetGroups(range(n), perPage);
				const sheets = builtGroups(groups, shown, perPage).flat();
				const notices = sheets.flatMap((s) => s.notices);
				expect(notices).toEqual(range(Math.min(n, notices.length)));
				expect(notices.length).toBeGreaterThanOrEqual(Math.min(n, shown));
				expect(sheets.length).toBe(Math.min(groups.flat().length, Math.ceil(shown / perPage)));
			}),
		);
	});
});
