// Text → CSV records: delimiters, line breaks, quoting, spreadsheet row numbers, chunk boundaries.
import { describe, expect, it } from 'vitest';
import {
	CsvStreamReader,
	sniffDelimiter,
	type CsvRecord,
	type Delimiter,
} from '../../src/core/csv-reader.ts';
import {
	CHUNK_SIZES,
	codesAt,
	csv,
	DEFAULTS,
	HEADER,
	importText,
	issuesOf,
	line,
} from './helpers.ts';

function read(text: string, chunkSize: number, delimiter?: Delimiter) {
	const records: CsvRecord[] = [];
	const reader = new CsvStreamReader((batch) => records.push(...batch), delimiter);
	for (let i = 0; i < text.length; i += chunkSize) reader.push(text.slice(i, i + chunkSize));
	const { unclosedQuoteRow } = reader.end();
	return {
		rows: records.map((r) => [r.row, ...r.cells]),
		unclosedQuoteRow,
		delimiter: reader.delimiter,
	};
}

describe('sniffDelimiter', () => {
	it.each([
		['a,b,c\n1,2,3', ','],
		['a;b;c\n1;2;3', ';'],
		['a\tb\tc\n1\t2\t3', '\t'],
		['"x,y,z";b;c\n', ';'],
		['a;b,c;d\n', ';'],
		['\n\n  \na;b;c\n', ';'],
		['only\n', ','],
		['', ','],
	])('%j → %j', (text, expected) => {
		expect(sniffDelimiter(text)).toBe(expected);
	});
});

describe('CsvStreamReader', () => {
	const cases: { name: string; text: string; rows: (string | number)[][] }[] = [
		{
			name: 'CRLF',
			text: 'a,b\r\nc,d\r\n',
			rows: [
				[1, 'a', 'b'],
				[2, 'c', 'd'],
			],
		},
		{
			name: 'LF',
			text: 'a,b\nc,d\n',
			rows: [
				[1, 'a', 'b'],
				[2, 'c', 'd'],
			],
		},
		{
			name: 'CR',
			text: 'a,b\rc,d\r',
			rows: [
				[1, 'a', 'b'],
				[2, 'c', 'd'],
			],
		},
		{
			name: 'no final line break',
			text: 'a,b\r\nc,d',
			rows: [
				[1, 'a', 'b'],
				[2, 'c', 'd'],
			],
		},
		{
			name: 'semicolons',
			text: 'a;b\r\nc,x;d\r\n',
			rows: [
				[1, 'a', 'b'],
				[2, 'c,x', 'd'],
			],
		},
		{
			name: 'tabs',
			text: 'a\tb\nc\td\n',
			rows: [
				[1, 'a', 'b'],
				[2, 'c', 'd'],
			],
		},
		{
			name: 'quoted commas, doubled quotes and line breaks',
			text: '"x, y","say ""hi""","line1\r\nline2\rline3"\r\nnext,row,z\r\n',
			rows: [
				[1, 'x, y', 'say "hi"', 'line1\nline2\nline3'],
				[2, 'next', 'row', 'z'],
			],
		},
		{
			name: 'blank rows count, a multi-line cell is one row',
			text: 'h1,h2\r\n\r\n"a\r\n\r\nb",c\r\n,\r\nd,e\r\n',
			rows: [
				[1, 'h1', 'h2'],
				[2, ''],
				[3, 'a\n\nb', 'c'],
				[4, '', ''],
				[5, 'd', 'e'],
			],
		},
		{ name: 'a quoted empty cell', text: '"",b\n', rows: [[1, '', 'b']] },
	];

	describe.each(cases)('$name', ({ text, rows }) => {
		it.each(CHUNK_SIZES)('reads the same records in chunks of %i', (chunk) => {
			const result = read(text, chunk);
			expect(result.rows).toEqual(rows);
			expect(result.unclosedQuoteRow).toBeNull();
		});
	});

	it.each(CHUNK_SIZES)(
		'reports the row where a quote opens and never closes (chunks of %i)',
		(chunk) => {
			const result = read('h1,h2\r\na,b\r\n\r\n"c,d\r\ne,f\r\n', chunk);
			expect(result.unclosedQuoteRow).toBe(4);
			expect(result.rows.slice(0, 3)).toEqual([
				[1, 'h1', 'h2'],
				[2, 'a', 'b'],
				[3, ''],
			]);
		},
	);

	it.each(CHUNK_SIZES)(
		'chooses the delimiter after leading blank lines (chunks of %i)',
		(chunk) => {
			const result = read('\r\n\r\na;b;c\r\n1;2;3\r\n', chunk);
			expect(result.delimiter).toBe(';');
			expect(result.rows).toEqual([
				[1, ''],
				[2, ''],
				[3, 'a', 'b', 'c'],
				[4, '1', '2', '3'],
			]);
		},
	);

	it.each(CHUNK_SIZES)(
		'chooses the delimiter past a multi-line header cell (chunks of %i)',
		(chunk) => {
			const result = read('"Email\naddress";b;c\r\n1;2;3\r\n', chunk);
			expect(result.delimiter).toBe(';');
			expect(result.rows).toEqual([
				[1, 'Email\naddress', 'b', 'c'],
				[2, '1', '2', '3'],
			]);
		},
	);

	it('uses a delimiter given to it rather than sniffing', () => {
		expect(read('a;b,c\n', 64, ',')).toMatchObject({ delimiter: ',', rows: [[1, 'a;b', 'c']] });
	});

	it('reads a one-column file and an empty one', () => {
		expect(read('a\nb\n', 1).rows).toEqual([
			[1, 'a'],
			[2, 'b'],
		]);
		expect(read('', 1).rows).toEqual([]);
	});
});

describe('reading whole files', () => {
	// Longer than the 4 KB the decoder holds back to sniff, so the chunks reach the CSV reader.
	const filler = Array.from({ length: 100 }, (_, i) =>
		line({ email_address: `f${i}@example.com` }),
	);
	const crlf = csv(
		...filler,
		line({ first_name: 'Ann, "Nan"\r\nMarie' }),
		line({ email_address: 'bob@example.com' }),
	);

	it.each(CHUNK_SIZES)(
		'splits CRLF anywhere without changing the records (chunks of %i)',
		async (chunk) => {
			expect(crlf.length).toBeGreaterThan(4096);
			const { dataset, delimiter } = await importText(crlf, chunk);
			expect(delimiter).toBe(',');
			expect(codesAt(dataset)).toEqual([]);
			expect(
				dataset.records
					.toArray()
					.slice(-2)
					.map((r) => [r.row, r.first_name]),
			).toEqual([
				[102, 'Ann, "Nan"\nMarie'],
				[103, 'Ann'],
			]);
		},
	);

	it.each([
		['an empty file', ''],
		['only spaces and line breaks', '  \r\n \t \r\n\r\n'],
		['only delimiters', ',,,,,\r\n,,,,,\r\n'],
	])('reports %s as file.empty', async (_name, text) => {
		for (const chunk of [1, 64])
			expect(codesAt((await importText(text, chunk)).dataset)).toEqual(['file.empty@-']);
	});

	it('reports a header without clients as file.no_rows, also with blank rows under it', async () => {
		expect(codesAt((await importText(HEADER)).dataset)).toEqual(['file.no_rows@-']);
		expect(codesAt((await importText(`${HEADER}\r\n,,,,,\r\n\r\n`)).dataset)).toEqual([
			'file.no_rows@-',
		]);
	});

	it('drops empty trailing columns and blank rows silently, counting blank rows', async () => {
		const text = `${HEADER},,\r\n,,,,,,,\r\n${line()},,\r\n\r\n${line({ email_address: 'bob@example.com' })},,,,\r\n,,,,,,,,\r\n`;
		const { dataset } = await importText(text, 3);
		expect(codesAt(dataset)).toEqual([]);
		expect(dataset.records.toArray().map((r) => r.row)).toEqual([3, 5]);
		expect(dataset.records.toArray().every((r) => r.extra.length === 0)).toBe(true);
	});

	it('reports non-empty cells beyond the header (or under a blank header cell) as row.extra_cells', async () => {
		const bob = line({ email_address: 'bob@example.com' });
		const { dataset } = await importText(
			`${HEADER},,tag\r\n${line()},x,t\r\n\r\n${bob},,,,y,z\r\n`,
		);
		expect(codesAt(dataset)).toEqual(['row.extra_cells@2', 'row.extra_cells@4']);
		expect(
			issuesOf(dataset)
				.filter((i) => i.code === 'row.extra_cells')
				.map((i) => [i.row, i.message]),
		).toEqual([
			[2, 'Row 2: cell G is outside the template columns and will be left out.'],
			[4, 'Row 4: cells J, K are outside the template columns and will be left out.'],
		]);
		expect(dataset.records.toArray().map((r) => r.tags)).toEqual([['t'], []]);
	});

	it('sniffs semicolons and tabs in whole files', async () => {
		for (const d of [';', '\t'] as const) {
			const text = [HEADER, line()].map((l) => l.replace(/,/g, d)).join('\r\n');
			const result = await importText(text, 2);
			expect(result.delimiter).toBe(d);
			expect(codesAt(result.dataset)).toEqual([]);
			expect(result.dataset.records.at(0)).toMatchObject(DEFAULTS);
		}
	});

	it('numbers rows after a multi-line cell and blank rows the way a spreadsheet shows them', async () => {
		const text = csv(
			line({ last_name: 'Lee\nJones\nSmith' }),
			'',
			'',
			line({ email_address: 'BOB@example.com' }),
		);
		const { dataset } = await importText(text, 5);
		expect(codesAt(dataset)).toEqual(['email.uppercase@5']);
	});
});
