// Generators for the streaming-seam properties: big CSV files written by the test's own RFC 4180
// writer, encoded by hand in every encoding the app reads, with the byte offsets where a cut hurts
// most, and the clients such a file must give back.
import fc from 'fast-check';
import type { Delimiter } from '../../../src/core/csv-reader.ts';
import type { Encoding } from '../../../src/core/decode.ts';
import type { ImportResult } from '../../../src/core/import-csv.ts';
import type { ClientRecord } from '../../../src/core/record.ts';
import { REQUIRED_FIELDS } from '../../../src/core/template.ts';
import { issuesOf } from '../helpers.ts';

/** The decoder's hold-back (SNIFF_LENGTH in decode.ts): nothing reaches the reader before it. */
export const HOLD_BACK = 4096;

export const HEADER = [...REQUIRED_FIELDS, 'tag', 'tag', 'external_id'];

// What CSV must quote, what a line break is made of, and UTF-8 characters of 2, 3 and 4 bytes
// (é ß, € ’ 中, 𝄞 😀), a no-break space and a BOM that trimming removes, and graphemes of several
// code points.
export const SPECIALS = [
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
export const unit = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
	{ weight: 3, arbitrary: fc.constantFrom(...'abcxyzABC019@.-') },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
export const value = fc.array(unit, { maxLength: 12 }).map((units) => units.join(''));
export const row = fc.oneof(
	{
		weight: 12,
		arbitrary: fc.array(value, { minLength: HEADER.length, maxLength: HEADER.length }),
	},
	// A blank line: skipped, but it still takes a row number.
	{ weight: 1, arbitrary: fc.constant(['']) },
);

/** How a file is written: its BOM, its code units, and the encoding the app must report. */
export const WRITTEN = {
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
export type Written = keyof typeof WRITTEN;

// Windows-1252 0x80–0x9F as the code page defines it; `_` marks its five holes (never looked up:
// ASCII is handled first).
export const CP1252_80_9F = '€_‚ƒ„…†‡ˆ‰Š‹Œ_Ž__‘’“”•–—˜™š›œ_žŸ';

export function cp1252Byte(ch: string): number | null {
	const code = ch.codePointAt(0) as number;
	if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
	const high = ch.length === 1 ? CP1252_80_9F.indexOf(ch) : -1;
	return high === -1 ? null : 0x80 + high;
}

/** A Windows-1252 file can only hold what the code page has: anything else becomes `¤`. */
export const representable = (text: string): string =>
	[...text].map((ch) => (cp1252Byte(ch) === null ? '¤' : ch)).join('');

/**
 * The file's bytes, and the offsets where a cut is most likely to hurt: inside a character of
 * more than one byte (and a BOM), and on either side of a quote, CR, LF or the delimiter.
 */
export function encode(text: string, written: Written, delimiter: string) {
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

export const isUtf8 = (bytes: Uint8Array): boolean => {
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
export function expectedRecords(
	rows: readonly (readonly string[])[],
	headerRow: number,
): ClientRecord[] {
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
			leftOut: [],
		});
	});
	return out;
}

/** Issues that would mean the file was read in the wrong shape, not that a client is invalid. */
export const shapeIssues = (result: ImportResult) =>
	issuesOf(result.dataset).filter((i) =>
		['file.empty', 'file.binary', 'row.extra_cells', 'row.unclosed_quote'].includes(i.code),
	);

// Part sizes from one byte up, some around the hold-back itself; cycled over the whole file.
export const partSize = fc.oneof(
	{ weight: 2, arbitrary: fc.integer({ min: 1, max: 16 }) },
	{ weight: 2, arbitrary: fc.integer({ min: 17, max: 600 }) },
	{ weight: 1, arbitrary: fc.constantFrom(HOLD_BACK - 1, HOLD_BACK, HOLD_BACK + 1) },
);
export const cutPlan = fc.oneof(
	fc.record({ sizes: fc.array(partSize, { minLength: 1, maxLength: 4 }) }),
	// Indexes into the file's seams, so a cut lands exactly on them whatever the file's length.
	fc.record({ seams: fc.array(fc.noBias(fc.nat()), { minLength: 1, maxLength: 60 }) }),
);
export type CutPlan = { sizes: number[] } | { seams: number[] };

export function cutsOf(plan: CutPlan, length: number, seams: readonly number[]): number[] {
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

export const fileCase = fc
	.record({
		written: fc.constantFrom(...(Object.keys(WRITTEN) as Written[])),
		// Blank lines above the header: skipped, yet they move every row number.
		blankLead: fc.nat({ max: 2 }),
		delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
		eol: fc.constantFrom('\r\n', '\n', '\r'),
		quoteAll: fc.boolean(),
		trailing: fc.boolean(),
		// ~90 bytes a row: 60+ rows put a file past the hold-back, most several times over.
		rows: fc.array(row, { minLength: 60, maxLength: 140 }),
		plan: cutPlan,
	})
	.map((c) => ({
		...c,
		rows:
			WRITTEN[c.written].as === 'windows-1252'
				? c.rows.map((cells) => cells.map(representable))
				: c.rows,
	}));
