// Property tests at the seams of streaming: files several times the decoder's 4 KiB hold-back,
// written by an independent RFC 4180 writer, encoded in every encoding the app reads, and cut
// into generated parts (or exactly inside a character, a CRLF, a quote or a delimiter) must give
// back every cell exactly, through the same import path the worker and the CLI run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvStreamReader, type Delimiter } from '../../../src/core/csv-reader.ts';
import type { Encoding } from '../../../src/core/decode.ts';
import type { ImportResult } from '../../../src/core/import-csv.ts';
import type { ClientRecord } from '../../../src/core/record.ts';
import { REQUIRED_FIELDS } from '../../../src/core/template.ts';
import { importCut, issuesOf, rfc4180File } from '../helpers.ts';

/** The decoder's hold-back (SNIFF_LENGTH in decode.ts): nothing reaches the reader before it. */
const HOLD_BACK = 4096;

const HEADER = [...REQUIRED_FIELDS, 'tag', 'tag', 'external_id'];

// What CSV must quote, what a line break is made of, and UTF-8 characters of 2, 3 and 4 bytes
// (é ß, € ’ 中, 𝄞 😀), a no-break space and a BOM that trimming removes, and graphemes of several
// code points.
const SPECIALS = [
	'\r',
	'\n',
	'\r\n',
	'"',
	'""',
	',',
	';',
	'\t',
	' ',
	'é',
	'ß',
	'€',
	'’',
	'中',
	'𝄞',
	'😀',
	'\u00a0',
	'\ufeff',
	'e\u0301',
	'👩‍👩‍👧',
];
const unit = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
	{ weight: 3, arbitrary: fc.constantFrom(...'abcxyzABC019@.-') },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const value = fc.array(unit, { maxLength: 12 }).map((units) => units.join(''));
const row = fc.oneof(
	{
		weight: 12,
		arbitrary: fc.array(value, { minLength: HEADER.length, maxLength: HEADER.length }),
	},
	// A blank line: skipped, but it still takes a row number.
	{ weight: 1, arbitrary: fc.constant(['']) },
);

/** How a file is written: its BOM, its code units, and the encoding the app must report. */
const WRITTEN = {
	'utf-8': { bom: [], as: 'utf-8', reads: 'utf-8' },
	'utf-8 BOM': { bom: [0xef, 0xbb, 0xbf], as: 'utf-8', reads: 'utf-8' },
	'utf-16le': { bom: [0xff, 0xfe], as: 'utf-16le', reads: 'utf-16le' },
	'utf-16be': { bom: [0xfe, 0xff], as: 'utf-16be', reads: 'utf-16be' },
	'windows-1252': { bom: [], as: 'windows-1252', reads: 'windows-1252' },
	// The BOM says UTF-8 but the bytes are not: the file is re-read as Windows-1252 all the same.
	'windows-1252 after a UTF-8 BOM': {
		bom: [0xef, 0xbb, 0xbf],
		as: 'windows-1252',
		reads: 'windows-1252',
	},
} as const satisfies Record<string, { bom: readonly number[]; as: Encoding; reads: Encoding }>;
type Written = keyof typeof WRITTEN;

// Windows-1252 0x80–0x9F as the code page defines it; its five holes ('') hold no character.
const CP1252_80_9F = [
	'€',
	'',
	'‚',
	'ƒ',
	'„',
	'…',
	'†',
	'‡',
	'ˆ',
	'‰',
	'Š',
	'‹',
	'Œ',
	'',
	'Ž',
	'',
	'',
	'‘',
	'’',
	'“',
	'”',
	'•',
	'–',
	'—',
	'˜',
	'™',
	'š',
	'›',
	'œ',
	'',
	'ž',
	'Ÿ',
];

function cp1252Byte(ch: string): number | null {
	const code = ch.codePointAt(0) as number;
	if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
	const high = CP1252_80_9F.indexOf(ch);
	return high === -1 ? null : 0x80 + high;
}

/** A Windows-1252 file can only hold what the code page has: anything else becomes `¤`. */
const representable = (text: string): string =>
	[...text].map((ch) => (cp1252Byte(ch) === null ? '¤' : ch)).join('');

/**
 * The file's bytes, and the offsets where a cut is most likely to hurt: inside a character of
 * more than one byte (and a BOM), and on either side of a quote, CR, LF or the delimiter.
 */
function encode(text: string, written: Written, delimiter: string) {
	const { bom, as } = WRITTEN[written];
	const bytes: number[] = [...bom];
	const seams: number[] = bom.map((_, i) => i).filter((i) => i > 0);
	for (const ch of text) {
		const start = bytes.length;
		const code = ch.codePointAt(0) as number;
		if (as === 'windows-1252') bytes.push(cp1252Byte(ch) as number);
		else if (as === 'utf-16le' || as === 'utf-16be') {
			for (let u = 0; u < ch.length; u++) {
				const c = ch.charCodeAt(u);
				bytes.push(...(as === 'utf-16le' ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
			}
		} else if (code < 0x80) bytes.push(code);
		else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
		else if (code < 0x10000)
			bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
		else
			bytes.push(
				0xf0 | (code >> 18),
				0x80 | ((code >> 12) & 0x3f),
				0x80 | ((code >> 6) & 0x3f),
				0x80 | (code & 0x3f),
			);
		for (let b = start + 1; b < bytes.length; b++) seams.push(b);
		if (ch === '"' || ch === '\r' || ch === '\n' || ch === delimiter)
			seams.push(start, bytes.length);
	}
	return { bytes: Uint8Array.from(bytes), seams };
}

const isUtf8 = (bytes: Uint8Array): boolean => {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
};

/**
 * The clients a file of these rows holds: a line break inside a cell reads as LF
 * (docs/decisions.md), every field but the password is trimmed, and blank rows are skipped.
 */
function expectedRecords(rows: readonly (readonly string[])[], headerRow: number): ClientRecord[] {
	const out: ClientRecord[] = [];
	rows.forEach((cells, i) => {
		const read = cells.map((c) => c.replace(/\r\n?/g, '\n'));
		const trimmed = read.map((c) => c.trim());
		if (trimmed.every((c) => c === '')) return;
		const cell = (name: string) => trimmed[HEADER.indexOf(name)] as string;
		out.push({
			row: headerRow + 1 + i,
			email_address: cell('email_address'),
			initial_password: read[HEADER.indexOf('initial_password')] as string,
			first_name: cell('first_name'),
			last_name: cell('last_name'),
			birthdate: cell('birthdate'),
			gender: cell('gender'),
			tags: trimmed.filter((c, at) => HEADER[at] === 'tag' && c !== ''),
			external_id: cell('external_id'),
			extra: [],
		});
	});
	return out;
}

/** Issues that would mean the file was read in the wrong shape, not that a client is invalid. */
const shapeIssues = (result: ImportResult) =>
	issuesOf(result.dataset).filter((i) =>
		['file.empty', 'file.binary', 'row.extra_cells', 'row.unclosed_quote'].includes(i.code),
	);

// Part sizes from one byte up, some around the hold-back itself; cycled over the whole file.
const partSize = fc.oneof(
	{ weight: 2, arbitrary: fc.integer({ min: 1, max: 16 }) },
	{ weight: 2, arbitrary: fc.integer({ min: 17, max: 600 }) },
	{ weight: 1, arbitrary: fc.constantFrom(HOLD_BACK - 1, HOLD_BACK, HOLD_BACK + 1) },
);
const cutPlan = fc.oneof(
	fc.record({ sizes: fc.array(partSize, { minLength: 1, maxLength: 4 }) }),
	// Indexes into the file's seams, so a cut lands exactly on them whatever the file's length.
	fc.record({ seams: fc.array(fc.noBias(fc.nat()), { minLength: 1, maxLength: 60 }) }),
);
type CutPlan = { sizes: number[] } | { seams: number[] };

function cutsOf(plan: CutPlan, length: number, seams: readonly number[]): number[] {
	if ('seams' in plan) {
		const late = seams.filter((s) => s > HOLD_BACK);
		const pool = late.length > 0 ? late : seams;
		return pool.length === 0 ? [] : plan.seams.map((p) => pool[p % pool.length] as number);
	}
	const cuts: number[] = [];
	for (let at = 0, i = 0; at < length; i++) {
		at += plan.sizes[i % plan.sizes.length] as number;
		cuts.push(at);
	}
	return cuts;
}

const fileCase = fc
	.record({
		written: fc.constantFrom(...(Object.keys(WRITTEN) as Written[])),
		// Blank lines above the header: skipped, yet they move every row number.
		blankLead: fc.nat({ max: 2 }),
		delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
		eol: fc.constantFrom('\r\n', '\n', '\r'),
		quoteAll: fc.boolean(),
		trailing: fc.boolean(),
		// ~90 bytes a row: 50+ rows put every file past the hold-back, most several times over.
		rows: fc.array(row, { minLength: 50, maxLength: 140 }),
		plan: cutPlan,
	})
	.map((c) => ({
		...c,
		rows:
			WRITTEN[c.written].as === 'windows-1252'
				? c.rows.map((cells) => cells.map(representable))
				: c.rows,
	}));

describe('a file written by an independent RFC 4180 writer reads back exactly', () => {
	it('in every encoding, cut anywhere: past the hold-back, inside characters, CRLFs, quotes and delimiters', async () => {
		await fc.assert(
			fc.asyncProperty(
				fileCase,
				async ({ written, blankLead, delimiter, eol, quoteAll, trailing, rows, plan }) => {
					const text =
						eol.repeat(blankLead) +
						rfc4180File([HEADER, ...rows], { delimiter, eol, quoteAll, trailing });
					const { bytes, seams } = encode(text, written, delimiter);
					// Windows-1252 is only a fallback: bytes that happen to be valid UTF-8 are read as such.
					const { bom, as, reads } = WRITTEN[written];
					fc.pre(as !== 'windows-1252' || !isUtf8(bytes.subarray(bom.length)));
					const result = await importCut(bytes, cutsOf(plan, bytes.length, seams));
					expect(shapeIssues(result)).toEqual([]);
					expect(result.dataset.records.toArray()).toEqual(expectedRecords(rows, blankLead + 1));
					expect({ encoding: result.encoding, delimiter: result.delimiter }).toEqual({
						encoding: reads,
						delimiter,
					});
				},
			),
			{ numRuns: 120 },
		);
	});

	it('up to a quote that never closes, which is reported on the row where it opens', async () => {
		// The rest of the file after the quote: no quote that could close it.
		const rest = value.map((v) => 'x' + v.replace(/"/g, ''));
		await fc.assert(
			fc.asyncProperty(
				fileCase,
				rest,
				async ({ written, blankLead, delimiter, eol, quoteAll, trailing, rows, plan }, tail) => {
					const { bom, as } = WRITTEN[written];
					const open = as === 'windows-1252' ? representable(tail) : tail;
					const text =
						eol.repeat(blankLead) +
						rfc4180File([HEADER, ...rows], { delimiter, eol, quoteAll }) +
						`"${open}${trailing ? eol : ''}`;
					const { bytes, seams } = encode(text, written, delimiter);
					fc.pre(as !== 'windows-1252' || !isUtf8(bytes.subarray(bom.length)));
					const result = await importCut(bytes, cutsOf(plan, bytes.length, seams));
					const openRow = blankLead + 2 + rows.length;
					expect(shapeIssues(result).map((i) => `${i.code}@${i.row}`)).toEqual([
						`row.unclosed_quote@${openRow}`,
					]);
					const records = result.dataset.records.toArray();
					expect(records.slice(0, -1)).toEqual(expectedRecords(rows, blankLead + 1));
					// The quoted cell runs to the end of the file; the file's last line break ends it.
					expect(records.at(-1)).toMatchObject({
						row: openRow,
						email_address: open.replace(/\r\n?/g, '\n').trim(),
					});
				},
			),
			{ numRuns: 60 },
		);
	});
});

describe("the test's own encoders", () => {
	// The round trip is only as good as the bytes it starts from: the platform's decoders must
	// read them back as the text that was meant.
	it.each(['utf-8', 'utf-8 BOM', 'utf-16le', 'utf-16be'] as const)(
		'%s agrees with TextDecoder',
		(written) => {
			fc.assert(
				fc.property(value, (text) => {
					const { bytes } = encode(text, written, ',');
					const { reads, bom } = WRITTEN[written];
					const decoder = new TextDecoder(reads, { fatal: true, ignoreBOM: true });
					expect(decoder.decode(bytes)).toBe((bom.length > 0 ? '\ufeff' : '') + text);
				}),
				{ numRuns: 200 },
			);
		},
	);

	it('Windows-1252 puts the 0x80–0x9F characters where the code page does', () => {
		const { bytes } = encode('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ é', 'windows-1252', ',');
		expect([...bytes].map((b) => b.toString(16)).join(' ')).toBe(
			'80 82 83 84 85 86 87 88 89 8a 8b 8c 8e 91 92 93 94 95 96 97 98 99 9a 9b 9c 9e 9f 20 e9',
		);
	});
});

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
