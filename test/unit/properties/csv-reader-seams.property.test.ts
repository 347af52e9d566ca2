// Property tests for the CSV reader alone: text cut exactly next to quotes, line breaks and
// delimiters, and inside surrogate pairs, gives back every raw cell with its row; and the
// regressions these properties found, as plain tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvStreamReader, type Delimiter } from '../../../src/core/csv-reader.ts';
import { rfc4180File } from '../helpers.ts';
import { HEADER, row } from './encoded-files.ts';

describe('the CSV reader, fed text cut exactly at its seams', () => {
	/** Offsets in the text next to a quote, CR, LF or the delimiter, and inside a surrogate pair. */
	function textSeams(text: string, delimiter: string): number[] {
		const seams: number[] = [];
		for (let i = 0; i < text.length; i++) {
			const c = text[i] as string;
			if (c === '"' || c === '\r' || c === '\n' || c === delimiter) seams.push(i, i + 1);
			else if (c >= '\ud800' && c <= '\udbff') seams.push(i + 1);
		}
		return seams;
	}

	it('gives back every raw cell, in order, with its row', () => {
		fc.assert(
			fc.property(
				fc.constantFrom<Delimiter>(',', ';', '\t'),
				fc.constantFrom('\r\n', '\n', '\r'),
				fc.boolean(),
				fc.array(row, { minLength: 1, maxLength: 40 }),
				fc.array(fc.noBias(fc.nat()), { minLength: 1, maxLength: 80 }),
				(delimiter, eol, quoteAll, rows, picks) => {
					const text = rfc4180File([HEADER, ...rows], { delimiter, eol, quoteAll });
					const seams = textSeams(text, delimiter);
					const cuts = [...new Set(picks.map((p) => seams[p % seams.length] as number))].sort(
						(a, b) => a - b,
					);
					const got: { cells: string[]; row: number }[] = [];
					const reader = new CsvStreamReader((batch) => got.push(...batch), undefined);
					let from = 0;
					for (const cut of [...cuts, text.length]) {
						reader.push(text.slice(from, cut));
						from = cut;
					}
					expect(reader.end()).toEqual({ unclosedQuoteRow: null });
					expect(reader.delimiter).toBe(delimiter);
					const lf = (cells: readonly string[]) => cells.map((c) => c.replace(/\r\n?/g, '\n'));
					expect(got).toEqual(
						[HEADER, ...rows].map((cells, i) => ({ cells: lf(cells), row: i + 1 })),
					);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('regressions the properties found', () => {
	const read = (...parts: string[]) => {
		const got: { cells: string[]; row: number }[] = [];
		const reader = new CsvStreamReader((batch) => got.push(...batch));
		for (const part of parts) reader.push(part);
		reader.end();
		return got;
	};

	// Shrunk from `HEADER\r\r`: with CR line breaks the last line break waits for the end of the
	// file (it might be the CR of a CRLF), and the blank line before it was dropped.
	it.each(['\n', '\r\n', '\r'])(
		'a blank last line is a blank record whatever the line break (%j)',
		(eol) => {
			const blankLast = [
				{ cells: ['a', 'b'], row: 1 },
				{ cells: [''], row: 2 },
			];
			expect(read(`a,b${eol}${eol}`)).toEqual(blankLast);
			expect(read('a', `,b${eol}${eol}`)).toEqual(blankLast);
			expect(read(`a,b${eol}`, eol)).toEqual(blankLast);
		},
	);
});

describe('the CSV reader on chunks longer than the pieces it parses at a time', () => {
	// The reader parses a long chunk ~64K characters at a time, cut after a line break that may
	// be inside a quoted cell; these rows put line breaks in quoted cells all along the text, and
	// one cell longer than a piece.
	const longRow = fc.array(row, { minLength: 1, maxLength: 8 });
	const bigCell = fc.integer({ min: 0, max: 3 }).map((n) => 'x\n'.repeat(40_000 * n));

	it('gives back every raw cell, in order, with its row', () => {
		fc.assert(
			fc.property(
				fc.array(longRow, { minLength: 1, maxLength: 4 }),
				bigCell,
				fc.integer({ min: 1, max: 4 }),
				(groups, big, chunks) => {
					// Repeated to well over two pieces (130K characters and more).
					const rows: string[][] = [];
					while (rows.length < 2500) for (const g of groups) rows.push(...g.map((r) => [...r]));
					const at = Math.floor(rows.length / 2);
					rows.splice(at, 0, [big, ...HEADER.slice(1).map(() => 'b')]);
					const text = rfc4180File([HEADER, ...rows], {
						delimiter: ',',
						eol: '\n',
						quoteAll: false,
					});
					const got: { cells: string[]; row: number }[] = [];
					const reader = new CsvStreamReader((batch) => got.push(...batch), ',');
					const size = Math.ceil(text.length / chunks);
					for (let from = 0; from < text.length; from += size)
						reader.push(text.slice(from, from + size));
					expect(reader.end()).toEqual({ unclosedQuoteRow: null });
					expect(got.length).toBe(rows.length + 1);
					const lf = (cells: readonly string[]) => cells.map((c) => c.replace(/\r\n?/g, '\n'));
					expect(got).toEqual(
						[HEADER, ...rows].map((cells, i) => ({ cells: lf(cells), row: i + 1 })),
					);
				},
			),
			{ numRuns: 25 },
		);
	});
});
