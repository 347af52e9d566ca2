// Encodings a pro's file really comes in: UTF-8 with a few rows pasted from a Windows-1252
// source (each such row read as Windows-1252 and marked, the others kept), and UTF-16 without
// a BOM, whatever sizes the chunks come in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvStreamReader, type CsvRecord } from '../../../src/core/csv-reader.ts';
import { NotUtf8Error, sniffBinary, StreamDecoder } from '../../../src/core/decode.ts';
import { encodingIssue } from '../../../src/core/rules.ts';
import {
	CHUNK_SIZES,
	codesAt,
	concatBytes,
	csv,
	cutSource,
	importBytes,
	line,
	utf8,
} from '../helpers.ts';

/** Windows-1252 bytes of Latin text (every character used here is in Latin-1). */
const cp1252 = (text: string): Uint8Array =>
	Uint8Array.from([...text], (ch) => {
		const code = ch.charCodeAt(0);
		if (code > 0xff) throw new Error(`not in Latin-1: ${ch}`);
		return code;
	});

const join = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

/** Decoder and reader as the importer chains them, over the given cuts. */
async function records(bytes: Uint8Array, cuts: readonly number[] = []) {
	const out: CsvRecord[] = [];
	const decoder = new StreamDecoder();
	const reader = new CsvStreamReader((batch) => out.push(...batch));
	for await (const chunk of cutSource(bytes, cuts).chunks()) reader.push(decoder.decode(chunk));
	reader.push(decoder.decode(new Uint8Array(0), true));
	reader.end();
	return { records: out, decoder };
}

const chunked = (length: number, size: number) =>
	Array.from({ length: Math.ceil(length / size) }, (_, i) => (i + 1) * size);

// A UTF-8 export (Zoé, Müller) whose row 4 was pasted from a Windows-1252 program.
const MIXED = join(
	utf8(
		csv(
			line({ first_name: 'Zoé', last_name: 'Müller' }),
			line({ email_address: 'eve@example.com', first_name: 'Ève' }),
		),
	),
	cp1252(
		`${line({ email_address: 'jose@example.com', first_name: 'José', last_name: 'Núñez' })}\r\n`,
	),
	utf8(`${line({ email_address: 'cy@example.com', first_name: 'Cécile' })}\r\n`),
);

describe('a UTF-8 file with a row that is not UTF-8', () => {
	it.each(CHUNK_SIZES)(
		'reads that row as Windows-1252 and marks it, the others as UTF-8 (chunks of %i)',
		async (size) => {
			const { records: got, decoder } = await records(MIXED, chunked(MIXED.length, size));
			expect(decoder.mixed).toBe(true);
			expect(got.map((r) => [r.row, r.cells[2], r.cells[3], r.recoded ?? false])).toEqual([
				[1, 'first_name', 'last_name', false],
				[2, 'Zoé', 'Müller', false],
				[3, 'Ève', 'Lee', false],
				[4, 'José', 'Núñez', true],
				[5, 'Cécile', 'Lee', false],
			]);
		},
	);

	it('imports the row with its accents (José, not JosÃ©) and the file stays UTF-8', async () => {
		const { dataset, encoding } = await importBytes(MIXED, 7);
		expect(encoding).toBe('utf-8');
		expect(dataset.records.toArray().map((r) => r.first_name)).toEqual([
			'Zoé',
			'Ève',
			'José',
			'Cécile',
		]);
		expect(codesAt(dataset).filter((c) => !c.startsWith('row.encoding'))).toEqual([]);
	});

	it('keeps a quoted first cell and a quoted line break on a recoded line', async () => {
		const bytes = join(
			utf8('first_name,last_name\r\nZoé,Müller\r\n'),
			cp1252('"José, Jr","Line one\r\nNúñez"\r\n'),
			utf8('Ève,"a\r\n'),
			cp1252('Peña"\r\n'),
		);
		for (const size of [1, 5, 1 << 20]) {
			const { records: got } = await records(bytes, chunked(bytes.length, size));
			expect(got.map((r) => [r.row, ...r.cells, r.recoded ?? false])).toEqual([
				[1, 'first_name', 'last_name', false],
				[2, 'Zoé', 'Müller', false],
				[3, 'José, Jr', 'Line one\nNúñez', true],
				[4, 'Ève', 'a\nPeña', true],
			]);
		}
	});

	it('looks past a bad first row for accented UTF-8 rows before calling the file Windows-1252', async () => {
		const bytes = join(
			utf8('first_name,last_name\n'),
			cp1252('José,Núñez\n'),
			utf8('Zoé,Müller\nÈve,Lee\n'),
		);
		const { records: got } = await records(bytes, chunked(bytes.length, 3));
		expect(got.map((r) => [r.cells[0], r.recoded ?? false])).toEqual([
			['first_name', false],
			['José', true],
			['Zoé', false],
			['Ève', false],
		]);
	});

	it('reads a Windows-1252 file (no accented UTF-8 anywhere) whole as Windows-1252, unmarked', async () => {
		const bytes = cp1252(
			csv(
				line({ first_name: 'José' }),
				line({ email_address: 'zoe@example.com', first_name: 'Zoé' }),
			),
		);
		expect(() => new StreamDecoder().decode(bytes, true)).toThrow(NotUtf8Error);
		const { dataset, encoding } = await importBytes(bytes);
		expect(encoding).toBe('windows-1252');
		expect(dataset.records.toArray().map((r) => r.first_name)).toEqual(['José', 'Zoé']);
		expect(codesAt(dataset)).toEqual([]);
	});

	it('leaves a clean UTF-8 file in one piece: never mixed, nothing marked', async () => {
		const bytes = utf8(csv(line({ first_name: 'Zoé' }), line({ first_name: 'José' })));
		const { records: got, decoder } = await records(bytes, chunked(bytes.length, 2));
		expect(decoder.mixed).toBe(false);
		expect(got.some((r) => r.recoded)).toBe(false);
	});

	it('says which row, what happened and how to avoid it', () => {
		const issue = encodingIssue(7);
		expect(issue).toMatchObject({ code: 'row.encoding', row: 7, severity: 'warning' });
		expect(issue.message).toMatch(/^Row 7: .*not valid UTF-8.*Windows-1252.*“CSV UTF-8”/);
	});

	// Rows of ASCII and accented letters; a row pasted from Windows-1252 never has a byte
	// 0x80–0xBF (only letters à–ÿ, À–ß), so it can never read as UTF-8 by chance.
	const letters = fc.constantFrom(...'abcxyz019 -.@àéèçüñÀÉØß');
	const cell = fc.array(letters, { maxLength: 8 }).map((cs) => cs.join(''));
	const row = fc.record({
		cells: fc.array(cell, { minLength: 3, maxLength: 3 }),
		windows: fc.boolean(),
	});

	it('gives the same rows whatever the chunk sizes (property)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(row, { minLength: 1, maxLength: 40 }),
				fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 30 }),
				async (rows, sizes) => {
					// Two accented UTF-8 rows first: the file shows it is UTF-8 before any bad row.
					const all = [
						{ cells: ['a', 'é', 'ü'], windows: false },
						{ cells: ['b', 'ç', 'ñ'], windows: false },
						...rows,
					];
					const bytes = join(
						...all.map((r) => {
							const text = r.cells.map((c) => `"${c}"`).join(',') + '\n';
							return r.windows ? cp1252(text) : utf8(text);
						}),
					);
					const cuts: number[] = [];
					for (let at = 0, i = 0; at < bytes.length; i++)
						cuts.push((at += sizes[i % sizes.length] as number));
					const { records: got } = await records(bytes, cuts);
					expect(got.map((r) => ({ cells: r.cells, windows: r.recoded ?? false }))).toEqual(
						all.map((r) => ({
							cells: r.cells,
							windows: r.windows && r.cells.some((c) => /[^ -~]/.test(c)),
						})),
					);
				},
			),
			{ numRuns: 150 },
		);
	});
});

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
	const out: number[] = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		out.push(...(endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
	}
	return Uint8Array.from(out);
}

describe('UTF-16 without a BOM', () => {
	const TEXT = csv(line({ first_name: 'François', last_name: 'Peña-Müller’s €' }));

	it.each(['le', 'be'] as const)('imports UTF-16 %s as it does with a BOM', async (endian) => {
		for (const size of [1, 3, 1 << 20]) {
			const plain = await importBytes(utf16(TEXT, endian, false), size);
			expect(plain.encoding).toBe(`utf-16${endian}`);
			expect(codesAt(plain.dataset)).toEqual([]);
			expect(plain.dataset.records.at(0)?.last_name).toBe('Peña-Müller’s €');
		}
	});

	it('does not take a binary file with small numbers (NUL-rich) for UTF-16', async () => {
		// 32-bit little-endian counters: every other byte pair is "n, 0", the rest "0, 0".
		const bytes = new Uint8Array(4096);
		for (let i = 0; i < bytes.length; i += 4) bytes[i] = (i / 4) % 200 || 1;
		const { dataset } = await importBytes(bytes);
		expect(codesAt(dataset)).toEqual(['file.binary@-']);
	});

	it('still knows a workbook by its signature, NUL bytes and all', () => {
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
		const decoder = new StreamDecoder();
		decoder.decode(zip, true);
		expect(decoder.binary).toBe('xlsx');
		expect(sniffBinary(zip, 'utf-8')).toBe('xlsx');
	});

	const latin = fc
		.array(fc.constantFrom(...'abcXYZ019 ,;"\r\n-@.éüß€’😀中'), { minLength: 1, maxLength: 400 })
		.map((cs) => cs.join(''))
		// Text of Latin letters: the kind a NUL every other byte gives away.
		.filter((t) => t.split('').filter((c) => c.charCodeAt(0) < 0x100).length >= t.length * 0.8);

	it('decodes UTF-16 LE and BE without a BOM as with one, at any chunk size (property)', () => {
		fc.assert(
			fc.property(
				latin,
				fc.constantFrom('le', 'be'),
				fc.integer({ min: 1, max: 64 }),
				(t, e, size) => {
					const decode = (bytes: Uint8Array) => {
						const decoder = new StreamDecoder();
						let text = '';
						for (let i = 0; i < bytes.length; i += size)
							text += decoder.decode(bytes.subarray(i, i + size));
						return { text: text + decoder.decode(new Uint8Array(0), true), decoder };
					};
					const plain = decode(utf16(t, e, false));
					const withBom = decode(utf16(t, e, true));
					expect(plain.text).toBe(withBom.text);
					expect(plain.decoder.encoding).toBe(withBom.decoder.encoding);
					expect(plain.decoder.hadBom).toBe(false);
				},
			),
			{ numRuns: 200 },
		);
	});
});
