// Property tests at the seams of streaming: files several times the decoder's 4 KiB hold-back,
// written by an independent RFC 4180 writer, encoded in every encoding the app reads, and cut
// into generated parts (or exactly inside a character, a CRLF, a quote or a delimiter) must give
// back every cell exactly, through the same import path the worker and the CLI run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/core/import-csv.ts';
import { cutSource, importCut, rfc4180File, TODAY } from '../helpers.ts';
import {
	cutsOf,
	encode,
	expectedRecords,
	fileCase,
	HEADER,
	isUtf8,
	representable,
	shapeIssues,
	value,
	WRITTEN,
} from './encoded-files.ts';

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

describe('records handed out while reading', () => {
	// The worker saves a draft's full blocks from afterChunk and does not write them again at the
	// end, so a record must already be final when it is first seen; a re-read (Windows-1252)
	// starts again from nothing and says so once.
	it('are final when first seen, and a re-read restarts exactly once', async () => {
		await fc.assert(
			fc.asyncProperty(
				fileCase,
				async ({ written, blankLead, delimiter, eol, quoteAll, trailing, rows, plan }) => {
					const text =
						eol.repeat(blankLead) +
						rfc4180File([HEADER, ...rows], { delimiter, eol, quoteAll, trailing });
					const { bytes, seams } = encode(text, written, delimiter);
					const { bom, as } = WRITTEN[written];
					fc.pre(as !== 'windows-1252' || !isUtf8(bytes.subarray(bom.length)));
					let firstSeen: string[] = [];
					let restarts = 0;
					const result = await importCsv(cutSource(bytes, cutsOf(plan, bytes.length, seams)), {
						today: TODAY,
						afterChunk: (validator, restart) => {
							if (restart) {
								restarts++;
								firstSeen = [];
							}
							const { records } = validator;
							for (let i = firstSeen.length; i < records.length; i++)
								firstSeen.push(JSON.stringify(records.at(i)));
						},
					});
					const final = result.dataset.records.toArray().map((r) => JSON.stringify(r));
					expect(final.slice(0, firstSeen.length)).toEqual(firstSeen);
					expect(restarts).toBe(as === 'windows-1252' ? 1 : 0);
				},
			),
			{ numRuns: 60 },
		);
	});
});
