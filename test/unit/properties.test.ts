// Property tests: no input throws, fixing is idempotent, export → import keeps every value,
// and the chunk size never changes what a file reports. Reading at the seams of streaming (files
// past the hold-back, every encoding, exact cuts) is in properties/*.property.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvStreamReader, type CsvRecord } from '../../src/core/csv-reader.ts';
import { isRealDate, toYmd } from '../../src/core/dates.ts';
import { exportText } from '../../src/core/export.ts';
import { applySafeFixes } from '../../src/core/fixes.ts';
import { IssueSchema } from '../../src/core/issues.ts';
import type { ImportResult } from '../../src/core/import-csv.ts';
import { summarize } from '../../src/core/summary.ts';
import { REQUIRED_FIELDS } from '../../src/core/template.ts';
import { validateCells, type Dataset } from '../../src/core/validate.ts';
import { importBytes, importText, issuesOf, rfc4180Field, TODAY, utf8 } from './helpers.ts';

const opts = { today: TODAY };
const RUNS = { numRuns: 200 };

/** Everything the app does with a dataset, checked to hold together. */
function useFully(dataset: Dataset): void {
	for (const issue of issuesOf(dataset)) IssueSchema.parse(issue);
	const s = summarize(dataset);
	expect(s.validRows + s.errorRows).toBe(s.rows);
	exportText(dataset, 'clean');
	exportText(dataset, 'attention');
	applySafeFixes(dataset, opts);
}

const TOKENS = [
	REQUIRED_FIELDS.join(','),
	REQUIRED_FIELDS.join(';'),
	',',
	';',
	'\t',
	'"',
	'""',
	'\r',
	'\n',
	'\r\n',
	' ',
	'x',
	'é',
	'=',
	'\ufeff',
	'ann@example.com',
	'Ann@Example.com',
	'Abcdef1!',
	'01/02/1990',
	'20/11/1981',
	'M',
];
const csvish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((t) => t.join(''));

/** Messy but file-shaped text: header variants, delimiters, pools of typical cell values. */
const POOLS = {
	email_address: [
		'ann@example.com',
		'Ann@Example.com',
		'bob@example',
		'',
		'cy@example.com',
		'CY@example.com',
		'-x@example.com',
	],
	initial_password: ['Abcdef1!', '', 'short', 'abcdefgh', ' Abcdef1! ', '=Abcdef1!'],
	first_name: ['Ann', '', '=1+2', 'Lee, "Jr"\nII', 'Zoé'],
	last_name: ['Lee', ' ', '@SUM(A1)', 'Peña'],
	birthdate: [
		'19811120',
		'1981-11-20',
		'20/11/1981',
		'11/20/1981',
		'02/03/1990',
		'05/06/2030',
		'05/06/1890',
		'00/05/1980',
		'19990230',
		'',
		'Nov 20, 1981',
		'20.11.1981',
		'13/13/1990',
		'20261126',
	],
	gender: ['male', 'female', 'M', 'f', 'FEMALE', 'woman', ''],
};
const HEADERS = [REQUIRED_FIELDS, ['E-mail', 'Password', 'First Name', 'Surname', 'DOB', 'Sex']];
const messyFile = fc
	.record({
		header: fc.constantFrom(...HEADERS),
		delimiter: fc.constantFrom(',', ';', '\t'),
		eol: fc.constantFrom('\r\n', '\n', '\r'),
		blankLead: fc.nat({ max: 2 }),
		extra: fc.boolean(),
		rows: fc.array(
			fc.record({
				cells: fc.tuple(...REQUIRED_FIELDS.map((f) => fc.constantFrom(...POOLS[f]))),
				tail: fc.constantFrom('', 'extra', '""'),
				blank: fc.boolean(),
			}),
			{ maxLength: 8 },
		),
	})
	.map(({ header, delimiter, eol, blankLead, extra, rows }) => {
		const lines = [
			...Array(blankLead).fill(''),
			[...header, ...(extra ? ['Notes'] : [])].join(delimiter),
		];
		for (const r of rows) {
			if (r.blank) lines.push('');
			// Quoted by the test's own writer: the production one would hide its own mistakes.
			lines.push([...r.cells, r.tail].map((c) => rfc4180Field(c, delimiter)).join(delimiter));
		}
		return lines.join(eol) + eol;
	});

describe('no input throws', () => {
	it('arbitrary bytes, in arbitrary chunk sizes', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ maxLength: 600 }),
				fc.integer({ min: 1, max: 64 }),
				async (bytes, chunk) => {
					useFully((await importBytes(bytes, chunk)).dataset);
				},
			),
			{ numRuns: 400 },
		);
	});

	it('arbitrary strings and CSV-like token soup as UTF-8', async () => {
		const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), csvish, messyFile);
		await fc.assert(
			fc.asyncProperty(text, fc.integer({ min: 1, max: 64 }), async (t, chunk) => {
				useFully((await importText(t, chunk)).dataset);
			}),
			{ numRuns: 400 },
		);
	});
});

describe('fixing', () => {
	it('twice equals once', async () => {
		await fc.assert(
			fc.asyncProperty(messyFile, async (text) => {
				const { dataset } = await importText(text);
				const once = applySafeFixes(dataset, opts);
				const twice = applySafeFixes(once, opts);
				expect(exportText(twice, 'clean')).toBe(exportText(once, 'clean'));
				expect(exportText(twice, 'attention')).toBe(exportText(once, 'attention'));
			}),
			RUNS,
		);
	});
});

// Printable graphemes, the characters CSV has to quote, and UTF-8 characters of 2, 3 and 4 bytes.
// No CR: line breaks are read as LF (docs/decisions.md), so a CR would not come back as written.
const unit = fc.oneof(
	fc.constantFrom(',', '"', '\n', ' ', ';', '\t', "'", '=', 'é', '€', '中', '𝄞', '😀'),
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const trimmed = fc
	.string({ unit, minLength: 1, maxLength: 12 })
	.map((s) => s.trim())
	.filter((s) => s !== '');
const birthdate = fc
	.record({
		y: fc.integer({ min: 1900, max: 2025 }),
		m: fc.integer({ min: 1, max: 12 }),
		d: fc.integer({ min: 1, max: 31 }),
	})
	.filter(({ y, m, d }) => isRealDate(y, m, d))
	.map(({ y, m, d }) => toYmd(y, m, d));
const client = fc.record({
	local: fc.stringMatching(/^[a-z0-9._%+-]{0,8}$/),
	initial_password: fc.string({ unit, minLength: 8, maxLength: 16 }),
	first_name: trimmed,
	last_name: trimmed,
	birthdate,
	gender: fc.constantFrom('male', 'female'),
	tags: fc.array(trimmed, { maxLength: 2 }),
	id: fc.option(trimmed, { nil: undefined }),
});

describe('export → import', () => {
	it('keeps every value of every valid client', async () => {
		await fc.assert(
			fc.asyncProperty(
				// A few clients, or enough (~80 bytes each) to cross the decoder's 4 KiB hold-back.
				fc.oneof(
					fc.array(client, { minLength: 1, maxLength: 6 }),
					fc.array(client, { minLength: 60, maxLength: 90 }),
				),
				fc.integer({ min: 1, max: 50 }),
				async (clients, chunk) => {
					const expected = clients.map((c, i) => ({
						// `x` ends the index, so c1 + "0…" and c10 + "…" cannot make the same address.
						email_address: `c${i}x${c.local}@example.com`,
						initial_password: c.initial_password,
						first_name: c.first_name,
						last_name: c.last_name,
						birthdate: c.birthdate,
						gender: c.gender,
						tags: c.tags,
						external_id: c.id === undefined ? '' : `id${i} ${c.id}`,
					}));
					const header = [...REQUIRED_FIELDS, 'tag', 'tag', 'external_id'];
					const rows = expected.map((e) => [
						...REQUIRED_FIELDS.map((f) => e[f]),
						e.tags[0] ?? '',
						e.tags[1] ?? '',
						e.external_id,
					]);
					const dataset = validateCells([header, ...rows], opts);
					expect(summarize(dataset).errors).toBe(0);
					const back = (await importText(exportText(dataset, 'clean'), chunk)).dataset;
					expect(summarize(back).errors).toBe(0);
					expect(
						back.records
							.toArray()
							.map(({ row: _row, extra: _extra, leftOut: _leftOut, ...values }) => values),
					).toEqual(expected);
					expect(back.records.toArray().map((r) => r.row)).toEqual(expected.map((_, i) => i + 2));
				},
			),
			{ numRuns: 100 },
		);
	});
});

/** What a file reports, as comparable data. */
const picture = (r: ImportResult) =>
	JSON.stringify({
		encoding: r.encoding,
		delimiter: r.delimiter,
		records: r.dataset.records,
		issues: issuesOf(r.dataset),
		summary: summarize(r.dataset),
	});

function readRecords(text: string, chunk: number) {
	const records: CsvRecord[] = [];
	const reader = new CsvStreamReader((batch) => records.push(...batch));
	for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
	return { ...reader.end(), records, delimiter: reader.delimiter };
}

describe('chunk size', () => {
	const chunks = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 3 });

	it('does not change the CSV records, their rows, the delimiter or an unclosed quote', () => {
		fc.assert(
			fc.property(
				fc.oneof(csvish, messyFile, fc.string({ maxLength: 200 })),
				chunks,
				(text, sizes) => {
					const whole = readRecords(text, Math.max(1, text.length));
					for (const size of sizes) expect(readRecords(text, size)).toEqual(whole);
				},
			),
			{ numRuns: 500 },
		);
	});

	// Past 4 KB of padding the chunks reach the CSV reader (the decoder holds back the first 4 KB).
	const padding = Array.from(
		{ length: 70 },
		(_, i) => `p${i}@example.com,Abcdef1!,Pad,Row,19811120,male`,
	).join('\r\n');
	const files = fc.oneof(
		fc.uint8Array({ maxLength: 800 }),
		messyFile.map(utf8),
		messyFile.map((t) => utf8(t.replace(/\r\n|\r|\n/, (eol) => eol + padding + eol))),
		fc
			.tuple(messyFile, fc.uint8Array({ maxLength: 40 }))
			.map(([t, b]) => new Uint8Array([...utf8(t + padding), ...b])),
	);

	it('does not change what a file reports (chunks of 1..50 against one chunk)', async () => {
		await fc.assert(
			fc.asyncProperty(files, chunks, async (bytes, sizes) => {
				const whole = picture(await importBytes(bytes));
				for (const size of sizes) expect(picture(await importBytes(bytes, size))).toBe(whole);
			}),
			RUNS,
		);
	});
});
