// Cutting a CSV file in two for two readers: every cut findCsvSplit offers gives, part by part,
// exactly the records, row numbers and quote problems of one reading of the whole file, and it
// offers none where the file's quoting leaves the cut uncertain.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvStreamReader, type CsvRecord, type Delimiter } from '../../src/core/csv-reader.ts';
import { findCsvSplit, type CsvSplit } from '../../src/core/csv-split.ts';
import {
	continuedRecords,
	mergedResult,
	type PartReading,
} from '../../src/core/csv-split-merge.ts';
import { StreamDecoder, type Encoding } from '../../src/core/decode.ts';
import { bytesSource } from '../../src/core/import-csv.ts';
import { rfc4180File } from './helpers.ts';
import { HEADER, row, unit } from './properties/encoded-files.ts';

const utf8 = new TextEncoder();

interface Reading extends PartReading {
	records: CsvRecord[];
	delimiter: Delimiter | null;
}

/** Reads bytes as the import does: StreamDecoder, then CsvStreamReader, in chunks. */
function read(
	bytes: Uint8Array,
	options: { delimiter?: Delimiter; part?: boolean; encoding?: Encoding } = {},
): Reading {
	// A second part's decoder is told the encoding, as one reading had settled it by then.
	const decoder = new StreamDecoder(options.encoding ?? (options.part ? 'utf-8' : undefined));
	const records: CsvRecord[] = [];
	const reader = new CsvStreamReader((batch) => records.push(...batch), options.delimiter);
	for (let i = 0; i < bytes.length; i += 97) reader.push(decoder.decode(bytes.subarray(i, i + 97)));
	reader.push(decoder.decode(new Uint8Array(0), true));
	const result = reader.end();
	return { records, result, rows: records.length, delimiter: reader.delimiter };
}

/** Asserts that reading [0, offset) and [offset, end) is one reading of the whole file. */
function expectSameAsOneReading(bytes: Uint8Array, split: CsvSplit, encoding?: Encoding): void {
	const whole = read(bytes, { encoding });
	const first = read(bytes.subarray(0, split.offset), { encoding });
	const second = read(bytes.subarray(split.offset), {
		delimiter: split.delimiter,
		part: true,
		encoding,
	});
	expect(split.delimiter).toBe(whole.delimiter);
	expect([...first.records, ...continuedRecords(second.records, first)]).toEqual(whole.records);
	expect(mergedResult(first, second)).toEqual(whole.result);
}

/** A cut falls right after a line break, never between CR and LF nor inside a character. */
function expectLineStart(bytes: Uint8Array, offset: number): void {
	const before = bytes[offset - 1];
	expect(before === 0x0a || before === 0x0d).toBe(true);
	if (before === 0x0d) expect(bytes[offset]).not.toBe(0x0a);
	expect((bytes[offset] ?? 0) & 0xc0).not.toBe(0x80);
}

// Lines no writer makes: quotes inside unquoted cells, cells ending in a quote and spaces, now
// and then a quote that never closes (it swallows the rest of the file). The reader reads them
// its own way; the parts must read them the same.
const rawLine = fc
	.array(fc.constantFrom('"', '""', '" ', 'a', ' ', 'é', '😀', '\u00a0', ',', ';'), {
		maxLength: 10,
	})
	.map((units) => 'r' + units.join(''));

const file = fc
	.record({
		delimiter: fc.constantFrom<Delimiter>(',', ';'),
		eol: fc.constantFrom('\r\n', '\n'),
		quoteAll: fc.boolean(),
		bom: fc.boolean(),
		rows: fc.array(
			fc.oneof(
				{ weight: 30, arbitrary: row.map((cells) => ({ cells })) },
				{ weight: 1, arbitrary: rawLine.map((raw) => ({ raw })) },
			),
			{ minLength: 20, maxLength: 70 },
		),
	})
	.map(({ delimiter, eol, quoteAll, bom, rows }) => {
		let text = rfc4180File([HEADER], { delimiter, eol, quoteAll });
		for (const r of rows)
			text += 'raw' in r ? r.raw + eol : rfc4180File([r.cells], { delimiter, eol, quoteAll });
		return utf8.encode((bom ? '\ufeff' : '') + text);
	});

describe('findCsvSplit', () => {
	it('offers only cuts whose two parts read exactly as the whole file', async () => {
		let cuts = 0;
		await fc.assert(
			fc.asyncProperty(
				file,
				fc.array(fc.noBias(fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 4 }),
				fc.constantFrom(16, 64, 256),
				fc.constantFrom(32, 200, 1 << 16),
				async (bytes, targets, window, lead) => {
					for (const at of targets) {
						const target = Math.floor((at / 1000) * bytes.length);
						const split = await findCsvSplit(bytesSource(bytes), { target, window, lead });
						if (split === null) continue;
						cuts++;
						expect(Math.abs(split.offset - target)).toBeLessThanOrEqual(window);
						expectLineStart(bytes, split.offset);
						expectSameAsOneReading(bytes, split);
					}
				},
			),
			{ numRuns: 250 },
		);
		// The property means little if nearly every file is refused.
		expect(cuts).toBeGreaterThan(100);
	});

	it('cuts a plain file near the middle, also with no quote anywhere', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 0; i < 500; i++)
			lines.push(`Ana,Lopez,ana${i}@example.com,Pw${i}xyz!,19900101,female,,,${i}`);
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const split = await findCsvSplit(bytesSource(bytes), { lead: 300 });
		expect(split).not.toBeNull();
		const { offset } = split as CsvSplit;
		expect(Math.abs(offset - bytes.length / 2)).toBeLessThan(200);
		expectSameAsOneReading(bytes, split as CsvSplit);
	});

	it('cuts a file whose few quoted cells are far before the middle', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 0; i < 30; i++) lines.push(`Ana,"Lopez, ""Jr""\n${i}",ana${i}@example.com`);
		for (let i = 0; i < 500; i++) lines.push(`Ana,Lopez,ana${i}@example.com,Pw${i}xyz!`);
		const bytes = utf8.encode(lines.join('\r\n') + '\r\n');
		const split = await findCsvSplit(bytesSource(bytes), { lead: 100 });
		expect(split).not.toBeNull();
		expectSameAsOneReading(bytes, split as CsvSplit);
	});

	// `",b` opens a quoted cell when read from a record start, and closes one when read from
	// inside a quoted cell: what it does depends on the quote lines before it.
	const plain = (n: number) => Array.from({ length: n }, (_, i) => `x${i},y,z`);

	it('works out the state after a quote line from the quote lines before it', async () => {
		const lines = [HEADER.join(','), ...plain(25), 'a,"start', '",b', ...plain(400)];
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const split = await findCsvSplit(bytesSource(bytes), { lead: 64, window: 256 });
		expect(split).not.toBeNull();
		expectSameAsOneReading(bytes, split as CsvSplit);
	});

	it('refuses a cut after a quote that never closes, far before the middle', async () => {
		const lines = [HEADER.join(','), ...plain(25), '",b', ...plain(400)];
		const bytes = utf8.encode(lines.join('\n') + '\n');
		expect(await findCsvSplit(bytesSource(bytes), { lead: 64, window: 256 })).toBeNull();
	});

	it('refuses a cut inside one huge quoted cell that spans the middle', async () => {
		const looksLikeRows = Array.from({ length: 400 }, (_, i) => `x${i},y,z`).join('\n');
		const lines = [HEADER.join(',')];
		for (let i = 0; i < 30; i++) lines.push(`a,b,c${i}@example.com`);
		lines.push(`a,b,"${looksLikeRows}",c`);
		for (let i = 0; i < 30; i++) lines.push(`a,b,d${i}@example.com`);
		const bytes = utf8.encode(lines.join('\n') + '\n');
		for (const lead of [64, 1 << 16])
			expect(await findCsvSplit(bytesSource(bytes), { lead, window: 512 })).toBeNull();
	});

	it('never cuts between the CR and the LF of a line break', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 0; i < 100; i++) lines.push(`"a","b ""${i}""","c\r\nd"`);
		const bytes = utf8.encode(lines.join('\r\n') + '\r\n');
		for (let target = 0; target < bytes.length; target += 7) {
			const split = await findCsvSplit(bytesSource(bytes), { target, window: 4, lead: 64 });
			if (split === null) continue;
			expectLineStart(bytes, split.offset);
			expectSameAsOneReading(bytes, split);
		}
	});

	it('never cuts inside a character, nor drops a U+FEFF that starts the second part', async () => {
		const lines = [HEADER.join(';')];
		for (let i = 0; i < 60; i++) lines.push(i % 2 ? `\ufeff😀é;中;${i}` : `"😀\n€";ß;${i}`);
		const bytes = utf8.encode(lines.join('\n') + '\n');
		for (let target = 0; target < bytes.length; target += 5) {
			const split = await findCsvSplit(bytesSource(bytes), { target, window: 8, lead: 100 });
			if (split === null) continue;
			expect(bytes.subarray(split.offset, split.offset + 3)).not.toEqual(
				new Uint8Array([0xef, 0xbb, 0xbf]),
			);
			expectLineStart(bytes, split.offset);
			expectSameAsOneReading(bytes, split);
		}
	});

	it('never cuts after a quoted cell closed by spaces, which a part ending there would misread', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 0; i < 60; i++) lines.push(i % 3 ? `a,"b${i}"  ` : `a,b${i}`);
		const bytes = utf8.encode(lines.join('\n') + '\n');
		let cuts = 0;
		for (let target = 0; target < bytes.length; target += 3) {
			const split = await findCsvSplit(bytesSource(bytes), { target, window: 6, lead: 40 });
			if (split === null) continue;
			cuts++;
			expect(bytes[split.offset - 2]).not.toBe(0x20);
			expectSameAsOneReading(bytes, split);
		}
		expect(cuts).toBeGreaterThan(0);
	});

	it('offers cuts that also hold when the file is read as Windows-1252', async () => {
		// A no-break space is white space to papaparse in Windows-1252 (0xA0) but not the start
		// of a UTF-8 character, so a quote followed by it closes a cell in one reading only.
		let cuts = 0;
		const token = fc.constantFrom(
			'a',
			'\u00e9',
			'\u00a0',
			',',
			'"a"',
			'"a\r\nb"',
			'"x"\u00a0',
			'"',
		);
		const line = fc.array(token, { maxLength: 6 }).map((tokens) => tokens.join(''));
		await fc.assert(
			fc.asyncProperty(
				fc.array(line, { minLength: 25, maxLength: 60 }),
				fc.noBias(fc.integer({ min: 0, max: 1000 })),
				async (rows, at) => {
					const text = [HEADER.join(','), ...rows].join('\r\n') + '\r\n';
					const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
					const target = Math.floor((at / 1000) * bytes.length);
					const split = await findCsvSplit(bytesSource(bytes), { target, window: 64, lead: 64 });
					if (split === null) return;
					cuts++;
					expectSameAsOneReading(bytes, split, 'windows-1252');
				},
			),
			{ numRuns: 150 },
		);
		expect(cuts).toBeGreaterThan(30);
	});

	it('has the merge refuse parts cut inside a quoted cell', () => {
		const lines = [HEADER.join(','), 'a,"line one', 'line two', 'line three",b', 'c,d'];
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const inside = utf8.encode(lines.slice(0, 3).join('\n') + '\n').length;
		const first = read(bytes.subarray(0, inside));
		const second = read(bytes.subarray(inside), { delimiter: ',', part: true });
		expect(mergedResult(first, second)).toBeNull();
	});

	it('never cuts inside the rows the header search looks at', async () => {
		const lines = ['', '', 'Client list, March', HEADER.join(',')];
		for (let i = 0; i < 100; i++) lines.push(`a,b,c${i}@example.com`);
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const rowTwentyEnd = utf8.encode(lines.slice(0, 20).join('\n') + '\n').length;
		for (const target of [0, 10, 100, rowTwentyEnd - 1]) {
			const split = await findCsvSplit(bytesSource(bytes), { target, window: 4000 });
			expect(split?.offset).toBeGreaterThanOrEqual(rowTwentyEnd);
		}
		const blankTop = utf8.encode('\n'.repeat(30) + lines.slice(3).join('\n') + '\n');
		const split = await findCsvSplit(bytesSource(blankTop), { target: 0, window: 4000 });
		expect(split?.offset).toBeGreaterThan(31);
		expectSameAsOneReading(blankTop, split as CsvSplit);
	});

	it('does not cut UTF-16 files or files too short to have rows past the header', async () => {
		const text = [HEADER.join(','), ...Array.from({ length: 50 }, (_, i) => `a,b,${i}`)].join('\n');
		const le = new Uint8Array([
			0xff,
			0xfe,
			...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer),
		]);
		expect(await findCsvSplit(bytesSource(le))).toBeNull();
		const short = utf8.encode([HEADER.join(','), 'a,b,c'].join('\n'));
		expect(await findCsvSplit(bytesSource(short))).toBeNull();
	});
});

describe('unit glyphs the generator uses', () => {
	it('include every special the reader must survive', () => {
		fc.assert(fc.property(unit, (u) => typeof u === 'string'));
	});
});
