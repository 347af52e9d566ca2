// Bytes → text: BOMs, UTF-8 with a Windows-1252 fallback, UTF-16, and files that are not text.
import { describe, expect, it } from 'vitest';
import { detectBom, NotUtf8Error, sniffBinary, StreamDecoder } from '../../src/core/decode.ts';
import { CHUNK_SIZES, codesAt, csv, importBytes, importText, line, utf8 } from './helpers.ts';

const NAMES = { first_name: 'François', last_name: 'Peña-Müller’s €' };
const TEXT = csv(
	line(NAMES),
	line({ email_address: 'zoe@example.com', first_name: 'Zoé', last_name: 'Çelik' }),
);

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
	const out = new Uint8Array(2 + text.length * 2);
	out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		const [hi, lo] = [unit >> 8, unit & 0xff];
		out.set(endian === 'le' ? [lo, hi] : [hi, lo], 2 + i * 2);
	}
	return out;
}

const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94 };
function cp1252(text: string): Uint8Array {
	return Uint8Array.from([...text], (ch) => {
		const code = CP1252_EXTRA[ch] ?? ch.charCodeAt(0);
		if (code > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
		return code;
	});
}

const withBom = (bytes: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);

const VARIANTS = [
	{ name: 'UTF-8', bytes: utf8(TEXT), encoding: 'utf-8' },
	{ name: 'UTF-8 with BOM', bytes: withBom(utf8(TEXT)), encoding: 'utf-8' },
	{ name: 'UTF-16 LE with BOM', bytes: utf16(TEXT, 'le'), encoding: 'utf-16le' },
	{ name: 'UTF-16 BE with BOM', bytes: utf16(TEXT, 'be'), encoding: 'utf-16be' },
	{ name: 'Windows-1252', bytes: cp1252(TEXT), encoding: 'windows-1252' },
] as const;

describe('reading encodings', () => {
	describe.each(VARIANTS)('$name', ({ bytes, encoding }) => {
		it.each(CHUNK_SIZES)('decodes names and reports the encoding (chunks of %i)', async (chunk) => {
			const result = await importBytes(bytes, chunk);
			expect(result.encoding).toBe(encoding);
			expect(codesAt(result.dataset)).toEqual([]);
			const names = result.dataset.records.toArray().map((r) => [r.first_name, r.last_name]);
			expect(names).toEqual([
				['François', 'Peña-Müller’s €'],
				['Zoé', 'Çelik'],
			]);
			expect(result.dataset.records.at(0)?.email_address).toBe('ann@example.com');
		});
	});

	it('decodes the Windows-1252 bytes that differ from Latin-1 (0x80–0x9F)', async () => {
		const bytes = new Uint8Array([...utf8(csv(line({ first_name: 'X' }))).slice(0, -2)]);
		const result = await importBytes(
			new Uint8Array([...bytes, 0x80, 0x92, 0x93, 0x94, 0xe9, 0xe7, 0x0d, 0x0a]),
		);
		expect(result.encoding).toBe('windows-1252');
		expect(result.dataset.records.at(0)?.gender).toBe('female€’“”éç');
	});

	it('keeps reading the header when a UTF-8 BOM is followed by Windows-1252 bytes', async () => {
		const result = await importBytes(withBom(cp1252(TEXT)), 64);
		expect(result.encoding).toBe('windows-1252');
		expect(codesAt(result.dataset)).toEqual([]);
		expect(result.dataset.records.at(1)?.first_name).toBe('Zoé');
	});

	it.each([
		['utf-16le', (t: string) => utf16(t, 'le')],
		['utf-16be', (t: string) => utf16(t, 'be')],
		['utf-8', utf8],
	] as const)('reads a long %s file in odd-sized chunks', async (encoding, encode) => {
		const rows = Array.from({ length: 300 }, (_, i) =>
			line({ email_address: `c${i}@example.com`, first_name: `Zoé😀${i}` }),
		);
		for (const chunk of [1, 3, 7]) {
			const result = await importBytes(encode(csv(...rows)), chunk);
			expect(result.encoding).toBe(encoding);
			expect(codesAt(result.dataset)).toEqual([]);
			expect(result.dataset.records.toArray().map((r) => r.first_name)).toEqual(
				rows.map((_, i) => `Zoé😀${i}`),
			);
		}
	});

	it('falls back to Windows-1252 when the invalid byte is far into the file', async () => {
		const rows = Array.from({ length: 200 }, (_, i) =>
			line({ email_address: `c${i}@example.com` }),
		);
		const bytes = cp1252(
			csv(...rows, line({ email_address: 'last@example.com', first_name: 'Renée' })),
		);
		const result = await importBytes(bytes, 3);
		expect(result.encoding).toBe('windows-1252');
		expect(result.dataset.records.length).toBe(201);
		expect(result.dataset.records.at(200)?.first_name).toBe('Renée');
	});
});

describe('files that are not CSV text', () => {
	const cases = [
		// Zip bytes are read as a workbook (issue 12): these are no real one.
		{
			name: 'xlsx',
			head: [0x50, 0x4b, 0x03, 0x04],
			code: 'file.workbook',
			says: 'save it again as .xlsx',
		},
		{
			name: 'xls',
			head: [0xd0, 0xcf, 0x11, 0xe0],
			code: 'file.binary',
			says: 'old Excel workbook (.xls)',
		},
		{ name: 'pdf', head: [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], code: 'file.binary', says: 'PDF' },
		{
			name: 'NUL bytes',
			head: [0x61, 0x2c, 0x62, 0x00, 0x00],
			code: 'file.binary',
			says: 'not text',
		},
	];
	describe.each(cases)('$name', ({ head, code, says }) => {
		const bytes = new Uint8Array([...head, ...utf8(',x\n'.repeat(20)), 0x00, 0x01]);
		it.each(CHUNK_SIZES)(`is ${code} (chunks of %i)`, async (chunk) => {
			const { dataset } = await importBytes(bytes, chunk);
			expect(codesAt(dataset)).toEqual([`${code}@-`]);
			expect(dataset.fileIssues[0]?.message).toContain(says);
			expect(dataset.records.toArray()).toEqual([]);
		});
	});

	it.each(CHUNK_SIZES)(
		'finds a NUL past the first bytes whatever the chunk size (%i)',
		async (chunk) => {
			const bytes = new Uint8Array([...utf8('a,b\n'), 0, 0, 0, 0, 1, 2, 3]);
			expect(codesAt((await importBytes(bytes, chunk)).dataset)).toEqual(['file.binary@-']);
		},
	);
});

describe('detectBom', () => {
	it.each([
		[[0xef, 0xbb, 0xbf, 0x61], { encoding: 'utf-8', length: 3 }],
		[[0xff, 0xfe, 0x61, 0x00], { encoding: 'utf-16le', length: 2 }],
		[[0xfe, 0xff, 0x00, 0x61], { encoding: 'utf-16be', length: 2 }],
		[[0x61, 0x62], null],
		[[0xef, 0xbb], null],
		[[], null],
	])('%j → %j', (bytes, expected) => {
		expect(detectBom(new Uint8Array(bytes))).toEqual(expected);
	});
});

describe('sniffBinary', () => {
	it('accepts ordinary text, tabs, line breaks and form feeds', () => {
		expect(sniffBinary(utf8('a\tb\r\nc\fd'), 'utf-8')).toBeNull();
		expect(sniffBinary(new Uint8Array(0), 'utf-8')).toBeNull();
	});

	it('rejects text with more than 10 % control characters, accepts up to 10 %', () => {
		const some = (controls: number) =>
			new Uint8Array([...Array(controls).fill(0x01), ...utf8('x'.repeat(100 - controls))]);
		expect(sniffBinary(some(10), 'utf-8')).toBeNull();
		expect(sniffBinary(some(11), 'utf-8')).toBe('binary');
	});

	it('does not call UTF-16 text binary for its NUL bytes', () => {
		expect(sniffBinary(new Uint8Array([0x61, 0x00, 0x62, 0x00]), 'utf-16le')).toBeNull();
		expect(sniffBinary(new Uint8Array([0x61, 0x00, 0x62, 0x00]), 'utf-8')).toBe('binary');
	});
});

describe('StreamDecoder', () => {
	it('joins multi-byte characters split across chunks (past the bytes it sniffs first)', () => {
		const decoder = new StreamDecoder();
		const original = 'x'.repeat(5000) + 'é€😀'.repeat(10);
		let text = '';
		for (const b of utf8(original)) text += decoder.decode(new Uint8Array([b]));
		text += decoder.decode(new Uint8Array(0), true);
		expect(text).toBe(original);
		expect(decoder.encoding).toBe('utf-8');
		expect(decoder.hadBom).toBe(false);
	});

	it('strips the BOM and remembers it', () => {
		const decoder = new StreamDecoder();
		expect(decoder.decode(withBom(utf8('a,b')), true)).toBe('a,b');
		expect(decoder.hadBom).toBe(true);
	});

	it('throws NotUtf8Error on bytes that are not UTF-8, also on a sequence cut off at the end', () => {
		expect(() =>
			new StreamDecoder().decode(new Uint8Array([0x61, 0x62, 0x63, 0xe9, 0x64]), true),
		).toThrow(NotUtf8Error);
		expect(() =>
			new StreamDecoder().decode(new Uint8Array([0x61, 0x62, 0x63, 0xc3]), true),
		).toThrow(NotUtf8Error);
	});

	it('gives the line breaks of CRLF, lone CR and CR CR LF as the reader reads them, cut anywhere', async () => {
		// A quoted cell keeps its line breaks: "\r\r\n" is two of them, as in a file with LFs.
		const text = `email_address,first_name\r\na@example.com,"one\r\r\ntwo\rthree"\r\rb@example.com,x\r\n`;
		const lf = `email_address,first_name\na@example.com,"one\n\ntwo\nthree"\n\nb@example.com,x\n`;
		const expected = (await importText(lf)).dataset.records.toArray();
		expect(expected[0]?.first_name).toBe('one\n\ntwo\nthree');
		for (const bytes of [utf8(text), cp1252(text)])
			for (const size of CHUNK_SIZES) {
				const { dataset } = await importBytes(bytes, size);
				expect(dataset.records.toArray(), `chunks of ${size}`).toEqual(expected);
			}
	});

	it('decodes forced Windows-1252 without throwing', () => {
		const decoder = new StreamDecoder('windows-1252');
		expect(decoder.decode(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x92]), true)).toBe(
			'Café €’',
		);
		expect(decoder.encoding).toBe('windows-1252');
	});
});
