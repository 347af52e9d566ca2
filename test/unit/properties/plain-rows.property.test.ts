// Rows read from their bytes (src/core/plain-rows.ts) must be exactly the rows the text path
// makes: the same records, issues, row numbers and stored blocks, whatever the file holds around
// them. Files mix rows the rules take as they are with every near miss (a space to trim, a
// capital, a formula start, a limit passed by one, a character past Latin-1, a quote, a cell too
// many), in every delimiter and line break, with lines that are not UTF-8, cut into chunks
// anywhere; each is read with plain rows and without, and the two readings compared.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { importCsv, type ImportResult } from '../../../src/core/import-csv.ts';
import { Validator } from '../../../src/core/validate.ts';
import { DraftModel } from '../../../src/core/draft-model.ts';
import { REQUIRED_FIELDS } from '../../../src/core/template.ts';
import { concatBytes, cutSource, rfc4180Field, TODAY } from '../helpers.ts';

const long = (n: number) => 'x'.repeat(n);

/** Values for each column: mostly ones the rules take, then near misses. */
const VALUES: Record<string, readonly string[]> = {
	email_address: [
		'ann.lee@example.com',
		'zoe_1@mail-box.org',
		'a+b@x.co',
		'Ann@example.com',
		'ann@example',
		' ann@example.com',
		'ann@example.com ',
		'-ann@example.com',
		'=ann@example.com',
		'example.client@example.com',
		'zoë@example.com',
		`${long(60)}@x.com`,
		`${long(64)}@x.com`,
		'',
		'ann@exa mple.com',
		'ann@-example.com',
		'ann@example.c0m',
		'ann@Example.com',
		'ann@example.COM',
		'ann@ex_ample.com',
		'ann@example..com',
		'ann@exa-.com',
		'ann;x@example.com',
	],
	initial_password: [
		'Abcdef1!',
		'Zz9#Zz9#Zz9#',
		'Ab1! cdef',
		// A space is no symbol, a control character is one (rules.ts passwordKindBits).
		'Abcd 1234',
		'Abcd\t1234',
		'Abcd\x011234',
		'abcdef1!',
		'Abcdef1',
		' Abcdef1!',
		'Abcdef1! ',
		'=Abcdef1!',
		'Abcdéf1!',
		'Abcdef1\x7f',
		`Ab1!${long(124)}`,
		`Ab1!${long(125)}`,
		'',
	],
	first_name: [
		'Ann',
		'Zoë',
		'Øyvind',
		'José María',
		' Ann',
		'Ann\u00a0',
		'\u00a0Ann',
		'=Ann',
		'Ann 陈',
		'A\u0085n',
		'',
		long(100),
		long(101),
		'Ann\tLee',
		'¡Hola',
		'Ann "Jo"',
		'"Jo"',
		'陈',
		'Łukasz',
		'Zoé 🌟',
		' 陈',
		'陈\u3000',
		'\u2003陈',
		'=陈',
		'陈'.repeat(100),
		'陈'.repeat(101),
		'😀'.repeat(100),
		'😀'.repeat(101),
	],
	last_name: [
		'Lee',
		'García',
		'Öztürk',
		"O'Neil",
		'García, Jr.',
		'Lee; Tab\tSep',
		'Lee ',
		'-Lee',
		'😀',
		'',
		long(100),
		long(101),
	],
	birthdate: [
		'19811120',
		'19000101',
		'18991231',
		'20261125',
		'20261126',
		'19800230',
		'20000229',
		'19000229',
		'01/02/1980',
		'13/02/1980',
		'1980-01-01',
		'',
		' 19811120',
		'1981112',
	],
	gender: ['female', 'male', 'Female', 'Male', 'mALE', 'm', 'f', 'F', 'x', '', ' male', 'homme'],
	external_id: ['C1', 'C2', 'Ä-7', '', '=1', ' C3', 'C4 ', long(128), long(129), '中1'],
	tag: [
		'',
		'',
		'gym',
		'trial',
		' gym',
		'=x',
		long(64),
		long(65),
		'café',
		'𝄞',
		'中文',
		'中文\u3000',
	],
	phone: ['', '', '', '555-0100'],
	'': ['', '', '', ' ', 'stray'],
};

const HEADERS = [
	[...REQUIRED_FIELDS, 'tag', 'external_id'],
	[...REQUIRED_FIELDS],
	[
		'first_name',
		'last_name',
		'gender',
		'birthdate',
		'external_id',
		'email_address',
		'tag',
		'tag',
		'initial_password',
	],
	[
		'email_address',
		'phone',
		'initial_password',
		'first_name',
		'last_name',
		'birthdate',
		'gender',
		'',
	],
	// Without a password column: no row is plain, all go through the text path.
	['email_address', 'first_name', 'last_name', 'birthdate', 'gender'],
] as const;

/** A row: each cell from its column's values, sometimes quoted, sometimes a cell short or over. */
const rowOf = (header: readonly string[]) =>
	fc.record({
		cells: fc.tuple(
			...header.map((h) =>
				fc.oneof(
					{ weight: 10, arbitrary: fc.constant(VALUES[h]?.[0] ?? '') },
					{ weight: 2, arbitrary: fc.constantFrom(...(VALUES[h] ?? [''])) },
				),
			),
		),
		quote: fc.nat({ max: 40 }),
		shape: fc.constantFrom(
			'as is',
			'as is',
			'as is',
			'as is',
			'as is',
			'short',
			'over',
			'blank',
			'newline',
			'bare CR',
		),
		id: fc.nat({ max: 40 }),
	});

const fileCase = fc.constantFrom(...HEADERS).chain((header) =>
	fc.record({
		header: fc.constant(header),
		rows: fc.array(rowOf(header), { minLength: 1, maxLength: 60 }),
		delimiter: fc.constantFrom(',', ',', ';', '\t'),
		eol: fc.constantFrom('\n', '\r\n', '\r\n', '\r'),
		bom: fc.boolean(),
		/** A row written in Windows-1252 (not UTF-8), or none. */
		latin1Row: fc.option(fc.nat({ max: 59 }), { freq: 3 }),
		cuts: fc.array(fc.nat(), { maxLength: 6 }),
		chunk: fc.constantFrom(7, 64, 512, 4096),
	}),
);

function write(c: FileCase): Uint8Array {
	const { header, rows, delimiter, eol, bom, latin1Row } = c;
	const parts: Uint8Array[] = [];
	const enc = new TextEncoder();
	if (bom) parts.push(Uint8Array.of(0xef, 0xbb, 0xbf));
	parts.push(enc.encode(header.join(delimiter) + eol));
	// Rows past the decoder's first 4 KiB, which it holds until it knows the encoding and the
	// text path reads: plain rows are read from the bytes only once the header is known.
	const filler = header.map((h) => VALUES[h]?.[0] ?? '').join(delimiter);
	for (let i = 0; i < 100; i++) parts.push(enc.encode(filler.replace('ann.lee@', `f${i}@`) + eol));
	rows.forEach((r, i) => {
		let cells = r.cells.map((v, k) => {
			// Duplicate keys across rows: a few addresses and IDs come back.
			if (header[k] === 'email_address' && v === VALUES.email_address?.[0])
				return `c${r.id}@example.com`;
			if (header[k] === 'external_id' && v === 'C1') return `C${r.id}`;
			return v;
		});
		if (r.shape === 'short') cells = cells.slice(0, -1);
		if (r.shape === 'over') cells = [...cells, 'extra'];
		if (r.shape === 'newline') cells = cells.map((v, k) => (k === 2 ? `${v}\nmore` : v));
		const text =
			r.shape === 'blank'
				? ''
				: cells
						.map((v, k) =>
							k === r.quote || /["\r\n]/.test(v) || v.includes(delimiter)
								? rfc4180Field(v, delimiter, true)
								: v,
						)
						.join(delimiter);
		// A CR alone inside a name, not quoted: a line break to the reader, mid-cell.
		const name = header.indexOf('first_name');
		const bare =
			r.shape === 'bare CR'
				? cells.map((v, k) => (k === name ? `A\r${v}` : v)).join(delimiter)
				: text;
		if (latin1Row === i)
			parts.push(Uint8Array.from([...`é${text}`].map((ch) => ch.charCodeAt(0) & 0xff)));
		else parts.push(enc.encode(bare));
		parts.push(enc.encode(eol));
	});
	return concatBytes(parts);
}
type FileCase = {
	header: readonly string[];
	rows: { cells: string[]; quote: number; shape: string; id: number }[];
	delimiter: string;
	eol: string;
	bom: boolean;
	latin1Row: number | null;
	cuts: number[];
	chunk: number;
};

function read(bytes: Uint8Array, cuts: number[], plainRows: boolean): Promise<ImportResult> {
	return importCsv(cutSource(bytes, cuts), { today: TODAY, plainRows });
}

/** Everything a reading gives: records, issues, file issues, and the blocks as stored. */
function outcome(r: ImportResult) {
	const { records, recordIssues, fileIssues, dateOrder, genderConvention, header } = r.dataset;
	return {
		encoding: r.encoding,
		delimiter: r.delimiter,
		header,
		records: records.toArray(),
		recordIssues: Array.from({ length: records.length }, (_, i) => recordIssues[i] ?? []),
		fileIssues,
		dateOrder,
		genderConvention,
		blocks: Array.from({ length: records.blockCount }, (_, b) => records.sealedBlock(b)),
	};
}

describe('rows read from their bytes', () => {
	it('are the rows, issues and blocks the text path gives, whatever the file holds', async () => {
		const spy = vi.spyOn(Validator.prototype, 'addPlainLines');
		let taken = 0;
		let runs = 0;
		await fc.assert(
			fc.asyncProperty(fileCase, async (c) => {
				const bytes = write(c as FileCase);
				const cuts = [...c.cuts.map((n) => n % (bytes.length + 1))];
				for (let at = c.chunk; at < bytes.length; at += c.chunk) cuts.push(at);
				const calls = spy.mock.calls.length;
				const plain = outcome(await read(bytes, cuts, true));
				for (let k = calls; k < spy.mock.calls.length; k++)
					taken += (spy.mock.results[k]?.value as number) - (spy.mock.calls[k]?.[2] as number);
				runs++;
				const text = outcome(await read(bytes, cuts, false));
				expect(plain).toEqual(text);
			}),
			{ numRuns: 400 },
		);
		spy.mockRestore();
		// The comparison means something only if rows were read from their bytes (none are in a
		// file without a password column, nor in one whose lines end in CR alone).
		expect(taken / runs).toBeGreaterThan(500);
	});

	it('are read from the first chunk on, once a first look at it found the header', async () => {
		const spy = vi.spyOn(Validator.prototype, 'addPlainLines');
		const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
		for (let i = 0; i < 4000; i++)
			lines.push(`c${i}@example.com,Abcdef1!,Zoë,Lee,19811120,${i % 3 ? 'male' : 'Male'}`);
		const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
		// The whole file in one chunk, as a file of a megabyte or less comes.
		const plain = await importCsv(cutSource(bytes, []), { today: TODAY });
		const taken = spy.mock.calls.reduce(
			(sum, call, k) => sum + (spy.mock.results[k]?.value as number) - call[2],
			0,
		);
		spy.mockRestore();
		expect(taken).toBeGreaterThan(bytes.length * 0.4);
		const text = await importCsv(cutSource(bytes, []), { today: TODAY, plainRows: false });
		expect(outcome(plain)).toEqual(outcome(text));
	});

	it('take the rows the rules have nothing to say about, and leave the others', async () => {
		const spy = vi.spyOn(Validator.prototype, 'addPlainLines');
		const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
		for (let i = 0; i < 3000; i++)
			lines.push(`c${i}@example.com,Abcdef1!,Zoë,Lee,19811120,${i % 2 ? 'male' : 'female'}`);
		lines[1500] = 'Ann@example.com,Abcdef1!,Ann,Lee,19811120,female';
		const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
		const result = await importCsv(cutSource(bytes, [1 << 12, 1 << 16]), { today: TODAY });
		// Bytes taken as plain rows: all but the header, the first chunk's rows (read before the
		// header was known) and the one row with an issue.
		const taken = spy.mock.calls.reduce(
			(sum, call, k) => sum + (spy.mock.results[k]?.value as number) - call[2],
			0,
		);
		spy.mockRestore();
		expect(result.dataset.records.length).toBe(3000);
		expect(taken).toBeGreaterThan(bytes.length * 0.9);
		// Row 1501 (a capital in the address) went through the text path and has its issue.
		expect(result.dataset.recordIssues[1499]?.map((i) => i.code)).toEqual(['email.uppercase']);
		expect(result.dataset.recordIssues.filter((l) => l !== undefined)).toHaveLength(1);
	});

	it('take cells quoted whole, the delimiter inside, and leave every other quote', async () => {
		const spy = vi.spyOn(Validator.prototype, 'addPlainLines');
		const lines = ['email_address,initial_password,first_name,last_name,birthdate,gender'];
		for (let i = 0; i < 3000; i++)
			lines.push(
				i % 2
					? `c${i}@example.com,Abcdef1!,Zoë,"García, Jr.",19811120,male`
					: `"c${i}@example.com","Abcdef1!","Ann","Lee","19811120","female"`,
			);
		const odd = [
			'"Ann"x', // text after the closing quote
			'Ann "Jo"', // a quote inside a cell not quoted
			' "Ann"', // a space before the opening quote
			'"Ann ""Jo"""', // a doubled quote
		];
		odd.forEach((cell, k) => {
			lines[1000 + k * 300] = `odd${k}@example.com,Abcdef1!,${cell},Lee,19811120,male`;
		});
		lines.push('"last@example.com",Abcdef1!,Ann,Lee,19811120,male"');
		// A line break inside quotes, and a quote that never closes: the reader then takes the
		// rest of the chunk, or of the file.
		lines.push('nl@example.com,Abcdef1!,"An\r\nn",Lee,19811120,male');
		lines.push('end@example.com,Abcdef1!,"Ann,Lee,19811120,male');
		const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
		const cuts = [1 << 12, 1 << 16, 100_000];
		const plain = await importCsv(cutSource(bytes, cuts), { today: TODAY });
		const taken = spy.mock.calls.reduce(
			(sum, call, k) => sum + (spy.mock.results[k]?.value as number) - call[2],
			0,
		);
		spy.mockRestore();
		expect(taken).toBeGreaterThan(bytes.length * 0.9);
		const text = await importCsv(cutSource(bytes, cuts), { today: TODAY, plainRows: false });
		expect(outcome(plain)).toEqual(outcome(text));
		expect(plain.dataset.records.at(1)?.last_name).toBe('García, Jr.');
		expect(plain.dataset.records.at(2)?.email_address).toBe('c2@example.com');
	});

	it('take names past Latin-1, and count only accents as signs of UTF-8', async () => {
		const spy = vi.spyOn(Validator.prototype, 'addPlainLines');
		const head = 'email_address,initial_password,first_name,last_name,birthdate,gender';
		const lines = [head];
		for (let i = 0; i < 3000; i++)
			lines.push(`c${i}@example.com,Abcdef1!,${i % 2 ? '李娜' : 'Zoé 🌟'},Łuk,19811120,male`);
		const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
		const plain = await importCsv(cutSource(bytes, [1 << 12, 1 << 16]), { today: TODAY });
		const taken = spy.mock.calls.reduce(
			(sum, call, k) => sum + (spy.mock.results[k]?.value as number) - call[2],
			0,
		);
		spy.mockRestore();
		expect(taken).toBeGreaterThan(bytes.length * 0.9);
		const text = await importCsv(cutSource(bytes, [1 << 12, 1 << 16]), {
			today: TODAY,
			plainRows: false,
		});
		expect(outcome(plain)).toEqual(outcome(text));
		expect(plain.dataset.records.at(1)?.first_name).toBe('李娜');

		// Only CJK names before a line in Windows-1252: no sign the file is UTF-8, so it is
		// read again whole as Windows-1252, however its lines were read.
		const cjk = [head];
		for (let i = 0; i < 2000; i++) cjk.push(`c${i}@example.com,Abcdef1!,李娜,Lee,19811120,male`);
		const enc = new TextEncoder();
		const file = concatBytes([
			enc.encode(cjk.join('\n') + '\n'),
			Uint8Array.from([...'x@example.com,Abcdef1!,Zo\xe9,Lee,19811120,male\n'], (c) =>
				c.charCodeAt(0),
			),
		]);
		const a = await importCsv(cutSource(file, [1 << 12, 1 << 15]), { today: TODAY });
		const b = await importCsv(cutSource(file, [1 << 12, 1 << 15]), {
			today: TODAY,
			plainRows: false,
		});
		expect(a.encoding).toBe('windows-1252');
		expect(outcome(a)).toEqual(outcome(b));
	});

	it('leave an external ID past Latin-1, so that an edit finds its duplicate', async () => {
		const lines = [
			'email_address,initial_password,first_name,last_name,birthdate,gender,external_id',
		];
		for (let i = 0; i < 3000; i++)
			lines.push(
				`c${i}@example.com,Abcdef1!,Ann,Lee,19811120,male,${i === 2500 ? '中1' : `C${i}`}`,
			);
		const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
		const { dataset, validator } = await importCsv(cutSource(bytes, [1 << 12]), { today: TODAY });
		const model = new DraftModel(dataset, validator);
		const rec = dataset.records.at(10);
		if (!rec) throw new Error('no row 12');
		// Row 12 now holds the ID first: row 2502 is its duplicate.
		model.update(10, { ...rec, external_id: '中1' });
		expect(model.issues(2500).map((i) => i.code)).toEqual(['external_id.duplicate']);
	});
});
