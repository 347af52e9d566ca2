// The frozen columns (Row, Status, Email) and the sideways scroll that keeps a focused cell clear
// of them; the columns' widths fit a laptop's grid.
import { describe, expect, it } from 'vitest';
import { columnSpan, frozenLayout, gridColumns } from '../../../src/ui/grid/columns.ts';
import { revealScrollLeft } from '../../../src/ui/grid/viewport.ts';

const sum = (widths: number[]) => widths.reduce((a, b) => a + b, 0);

describe('grid columns', () => {
	it('freezes Row, Status and Email, each starting where the one before ends', () => {
		const columns = gridColumns({ tags: true, externalId: true });
		const { left, width } = frozenLayout(columns);
		expect([...left.keys()]).toEqual(['select', 'status', 'email_address']);
		expect(left.get('select')).toBe(0);
		expect(left.get('status')).toBe(columns[0]?.width);
		expect(left.get('email_address')).toBe(sum(columns.slice(0, 2).map((c) => c.width)));
		expect(width).toBe(sum(columns.slice(0, 3).map((c) => c.width)));
	});

	it("places each column where the ones before it end, as the rows' grid template lays it", () => {
		// The grid reveals a column sideways from these numbers instead of asking layout.
		const columns = gridColumns({ tags: true, externalId: true, lastRow: 120_000 });
		columns.forEach((column, i) => {
			const span = columnSpan(columns, column.key);
			expect(span, column.key).toEqual({
				left: sum(columns.slice(0, i).map((c) => c.width)),
				width: column.width,
			});
		});
		const last = columns.at(-1)!;
		expect(columnSpan(columns, last.key).left + last.width).toBe(sum(columns.map((c) => c.width)));
	});

	it('fits every column of a draft without tags in a 1,240 px grid, Row to Gender in 890 px', () => {
		// Up to a worksheet's last row: Row widens for longer row numbers, Email gives it room.
		for (const lastRow of [0, 999, 1_000, 99_999, 1_048_576]) {
			const columns = gridColumns({ tags: false, externalId: false, lastRow });
			expect(sum(columns.map((c) => c.width))).toBeLessThanOrEqual(1240);
			const toGender = columns.slice(0, columns.findIndex((c) => c.key === 'gender') + 1);
			expect(sum(toGender.map((c) => c.width)), String(lastRow)).toBeLessThanOrEqual(890);
		}
	});

	it('widens Row with the digits of the last row number, and narrows Email as much', () => {
		const widths = (lastRow: number) =>
			gridColumns({ tags: false, externalId: false, lastRow })
				.slice(0, 3)
				.map((c) => c.width);
		const [row3, , email3] = widths(999);
		const [row7, , email7] = widths(1_000_001);
		expect(widths(0)).toEqual(widths(999));
		// A number starts 38.4 px into the cell (padding, box, gap), and DejaVu Sans draws a digit
		// 10.2 px wide at 16 px: seven of them fit.
		expect(row7).toBeGreaterThanOrEqual(38.4 + 7 * 10.2);
		expect((email3 as number) - (email7 as number)).toBeLessThanOrEqual(
			(row7 as number) - (row3 as number),
		);
	});
});

describe('revealScrollLeft', () => {
	const frozen = 380;
	const view = (left: number) => ({ left, width: 900 });

	it('leaves a cell in view where it is', () => {
		expect(revealScrollLeft({ left: 500, width: 100 }, view(0), frozen)).toBeNull();
	});

	it('never scrolls for a frozen cell', () => {
		expect(revealScrollLeft({ left: 76, width: 104 }, view(600), frozen)).toBeNull();
	});

	it('brings a cell hidden under the frozen columns out to their edge', () => {
		// Scrolled 300 px: the cell at 500 sits under the frozen columns (which end at 680).
		expect(revealScrollLeft({ left: 500, width: 100 }, view(300), frozen)).toBe(120);
	});

	it('brings a cell past the right edge in, just far enough', () => {
		expect(revealScrollLeft({ left: 1000, width: 150 }, view(0), frozen)).toBe(250);
	});

	it('shows the start of a cell wider than the room beside the frozen columns', () => {
		expect(revealScrollLeft({ left: 1000, width: 800 }, view(0), frozen)).toBe(620);
	});
});
