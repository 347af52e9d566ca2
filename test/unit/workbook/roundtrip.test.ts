// Whatever text a pro types reads back cell for cell: a property over grids of awkward strings
// (XML specials, control characters, `_xHHHH_` look-alikes, emoji), with shared and inline
// strings, and a sheet large enough to cross the reader's piece boundaries, streamed or kept.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openWorkbook } from '../../../src/core/workbook/index.ts';
import { buildXlsx, bytesSource } from '../../workbooks/build-xlsx.ts';

const piece = fc.oneof(
	fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\r\n', '\t', '\u0001', '\u001f'),
	fc.constantFrom('_x0041_', '_x000D_', '_x', ' ', '00123', '中文', '😀', 'é', ']]>', '&amp;'),
	fc.string({ unit: 'grapheme-ascii', maxLength: 4 }),
);
const cell = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''));
const grid = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 });

/** What the reader should give: trailing empty cells dropped, empty rows left out. */
function expected(rows: string[][]): [number, ...string[]][] {
	const out: [number, ...string[]][] = [];
	rows.forEach((cells, i) => {
		let length = cells.length;
		while (length > 0 && cells[length - 1] === '') length--;
		if (length) out.push([i + 1, ...cells.slice(0, length)]);
	});
	return out;
}

async function readBack(bytes: Uint8Array, keepLimit?: number): Promise<[number, ...string[]][]> {
	const book = await openWorkbook(bytesSource(bytes), { keepLimit });
	const out: [number, ...string[]][] = [];
	await book.readRows(book.sheets[0]!.name, (batch) => {
		for (const r of batch) out.push([r.row, ...r.cells]);
	});
	return out;
}

describe('round trip', () => {
	it('reads back any grid of strings written as shared strings, cell for cell', async () => {
		await fc.assert(
			fc.asyncProperty(grid, async (rows) => {
				const bytes = buildXlsx({ sheets: [{ name: 'S', rows }] });
				expect(await readBack(bytes)).toEqual(expected(rows));
			}),
			{ numRuns: 60 },
		);
	});

	it('reads back any grid of strings written as inline strings', async () => {
		await fc.assert(
			fc.asyncProperty(grid, async (rows) => {
				const bytes = buildXlsx({ inlineStrings: true, sheets: [{ name: 'S', rows }] });
				expect(await readBack(bytes)).toEqual(expected(rows));
			}),
			{ numRuns: 40 },
		);
	});

	it('reads every row of a sheet larger than a piece, kept in memory or streamed twice', async () => {
		// ~4 MB of sheet XML and ~2 MB of shared strings: several 1 MB pieces each.
		const rows: (string | number)[][] = [];
		for (let i = 1; i <= 40_000; i++)
			rows.push([`client.${i}@example.org`, `Ñame ${i} ${'x'.repeat(i % 17)}`, i * 7, `T${i % 5}`]);
		const bytes = buildXlsx({ sheets: [{ name: 'Big', rows, merges: ['D39999:E40000'] }] });
		const want = expected(rows.map((r) => r.map(String)));
		// The merge D39999:E40000 spreads row 39999's D (T4) over E and over row 40000's D and E.
		want[39_998]!.push('T4');
		want[39_999] = [
			40_000,
			String(rows[39_999]![0]),
			String(rows[39_999]![1]),
			'280000',
			'T4',
			'T4',
		];
		for (const keepLimit of [undefined, 0]) {
			const got = await readBack(bytes, keepLimit);
			expect(got).toHaveLength(40_000);
			expect(got).toEqual(want);
		}
	});
});
