// Two workers reading a CSV file give the draft one worker gives: the same rows, issues, row
// numbers, duplicates across the cut, counts and stored blocks; and a file that cannot be cut
// safely, or whose second part cannot be used, is read in one piece. The second worker is the
// parse worker's own code run in-process.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Delimiter } from '../../../src/core/csv-reader.ts';
import { NotUtf8Error, StreamDecoder } from '../../../src/core/decode.ts';
import {
	bytesSource,
	importCsv,
	ImportCancelledError,
	type ImportOptions,
	type ImportResult,
} from '../../../src/core/import-csv.ts';
import { DraftModel } from '../../../src/core/draft-model.ts';
import {
	CollectedPart,
	parsePart,
	PartChecksSchema,
	PartMessageSchema,
	type PartEncoding,
	type PartMessage,
	type SecondPart,
	type StartSecondPart,
} from '../../../src/worker/parse-part.ts';
import { importCsvInParts, type SplitSource } from '../../../src/worker/parse-split.ts';
import { issuesOf, rfc4180Field, TODAY } from '../helpers.ts';
import { CheckedRowsPacker, type RowChecks } from '../../../src/core/checked-rows.ts';
import { encode, representable } from '../properties/encoded-files.ts';

const utf8 = new TextEncoder();
const HEADER = 'email_address,initial_password,first_name,last_name,birthdate,gender';

function source(bytes: Uint8Array): SplitSource {
	const chunked = (b: Uint8Array) => bytesSource(b, 113);
	return { ...chunked(bytes), part: (start, end) => chunked(bytes.subarray(start, end)) };
}

interface Spy {
	start: StartSecondPart;
	started: number;
	parts: SecondPart[];
	/** How many messages of each kind the parts sent. */
	kinds: Partial<Record<PartMessage['kind'], number>>;
}

interface PartHow {
	/** The part never reads: it fails at once. */
	fail?: boolean;
	/**
	 * When the part hears how to check rows: at once; only after it has read every row (they
	 * wait as cells, then are checked); or never (`cells`: it sends cells, as for a file whose
	 * header the first part has not settled).
	 */
	tell?: 'now' | 'late' | 'cells';
	/** Checked rows a batch (default 5; over BLOCK_SIZE, whole blocks are cut from one batch). */
	checkedRows?: number;
}

/**
 * The parse worker's code run in-process on the bytes after the cut, in small batches, its
 * messages cloned and parsed as the draft worker receives them.
 */
function inProcess(bytes: Uint8Array, how: PartHow = {}): Spy {
	const spy: Spy = {
		started: 0,
		parts: [],
		kinds: {},
		start: (from: number, delimiter: Delimiter, encoding: PartEncoding) => {
			spy.started++;
			let told: (checks: RowChecks | null) => void = () => undefined;
			const checks = new Promise<RowChecks | null>((resolve) => (told = resolve));
			const part = new CollectedPart(
				() => undefined,
				(given) => {
					// Through the boundary too: cloned and parsed as the parse worker takes it.
					const c = PartChecksSchema.parse(structuredClone({ checks: given })).checks;
					if (how.tell === 'cells') told(null);
					else if (how.tell === 'late') setTimeout(() => told(c), 0);
					else told(c);
				},
			);
			spy.parts.push(part);
			if (how.fail) queueMicrotask(() => part.fail());
			else
				void parsePart(
					bytesSource(bytes.subarray(from), 101).chunks(),
					{ delimiter, encoding },
					// Across the boundary a worker's message crosses: cloned (buffers moved), parsed.
					(message, transfer) => {
						spy.kinds[message.kind] = (spy.kinds[message.kind] ?? 0) + 1;
						part.accept(PartMessageSchema.parse(structuredClone(message, { transfer })));
					},
					checks,
					7,
					how.checkedRows ?? 5,
				);
			return part;
		},
	};
	return spy;
}

/** Everything a draft keeps of an import, and what the pro sees of it. */
function picture(result: ImportResult) {
	const { dataset } = result;
	const blocks = [];
	for (let b = 0; b < dataset.records.blockCount; b++) blocks.push(dataset.records.sealedBlock(b));
	return {
		records: [...dataset.records],
		issues: issuesOf(dataset),
		fileIssues: dataset.fileIssues,
		dateOrder: dataset.dateOrder,
		genderConvention: dataset.genderConvention,
		counts: new DraftModel(dataset, result.validator).counts(),
		encoding: result.encoding,
		delimiter: result.delimiter,
		blocks,
	};
}

/**
 * Imports both ways and expects the same draft. `used`: the two parts made it (each try after the
 * first, a Windows-1252 one, starts with one `restart`; reading in one piece adds more).
 */
async function both(bytes: Uint8Array, target?: number, spy = inProcess(bytes)) {
	let restarts = 0;
	const options: ImportOptions = {
		today: TODAY,
		afterChunk: (_v, restart) => void (restarts += restart ? 1 : 0),
	};
	const one = await importCsv(bytesSource(bytes, 4096), { today: TODAY });
	const two = await importCsvInParts(source(bytes), options, spy.start, {
		minBytes: 0,
		split: { ...(target === undefined ? {} : { target }), window: 256, lead: 512 },
	});
	expect(picture(two)).toEqual(picture(one));
	const used = spy.started > 0 && restarts === spy.started - 1 && spy.parts.at(-1)?.ended === true;
	return { two, restarted: restarts > 0, used, spy };
}

const client = (i: number, name = 'Ana') =>
	[`c${i}@example.com`, `Pw${i}xyz!ab`, name, 'Lopez', '19900101', 'female'].join(',');

describe('StreamDecoder continuation', () => {
	it('keeps a U+FEFF that starts a part, and throws at a line that is not UTF-8', () => {
		const part = new StreamDecoder('utf-8', { continuation: true });
		expect(part.decode(utf8.encode('\ufeffa,b\n'), true)).toBe('\ufeffa,b\n');
		const bad = new StreamDecoder('utf-8', { continuation: true });
		expect(() => bad.decode(new Uint8Array([0x61, 0x0a, 0xe9, 0x0a]), true)).toThrow(NotUtf8Error);
	});
});

describe('importCsvInParts', () => {
	it('gives one reading’s draft, duplicates across the cut flagged at the spreadsheet rows', async () => {
		const lines = [HEADER, client(0), ...Array.from({ length: 300 }, (_, i) => client(i + 1))];
		lines.push(client(0)); // row 303 repeats row 2's email, far past the cut
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const { two, used, spy } = await both(bytes);
		expect(spy.started).toBe(1);
		expect(used).toBe(true);
		expect(two.dataset.records.length).toBe(302);
		const duplicates = issuesOf(two.dataset).filter((i) => i.code === 'email.duplicate');
		expect(duplicates.map((i) => i.row)).toEqual([303]);
		expect(duplicates[0]?.message).toContain('already used on row 2.');
	});

	it('keeps row numbers after quoted cells with line breaks, CRLF at the cut', async () => {
		const lines = [HEADER];
		for (let i = 0; i < 200; i++)
			lines.push(i % 3 ? client(i) : client(i, rfc4180Field(`Ana\r\nMaria ${i}`, ',')));
		const bytes = utf8.encode(lines.join('\r\n') + '\r\n');
		let cut = 0;
		for (let target = bytes.length / 4; target < (bytes.length * 3) / 4; target += 397) {
			if ((await both(bytes, Math.floor(target))).used) cut++;
		}
		expect(cut).toBeGreaterThan(5);
	});

	it('reads a second part that starts with characters of several bytes', async () => {
		const names = ['Émile', '😀Zoë', '中村', 'Øyvind'];
		const lines = [HEADER];
		for (let i = 0; i < 200; i++)
			lines.push([`é${i}@example.com`, `Pw${i}xyz!ab`, 'A', 'B', '19900101', 'male'].join(','));
		// Lines that start with a multi-byte character, so some cut falls right before one.
		const rows = lines.map((l, i) => (i > 30 ? `${names[i % 4]}${l}` : l));
		const bytes = utf8.encode(rows.join('\n') + '\n');
		let cut = 0;
		for (let target = 2000; target < bytes.length - 2000; target += 311) {
			if ((await both(bytes, target)).used) cut++;
		}
		expect(cut).toBeGreaterThan(5);
	});

	describe('a second part checked where it is read', () => {
		// Thousands of rows, so that whole blocks are cut from one batch and others put together
		// from two; a column left out, rows for the draft worker to look at again (issues, a
		// gender letter, dates whose order the column decides), duplicates of both keys.
		const header = `${HEADER},external_id,notes`;
		const lines = [header];
		for (let i = 0; i < 6000; i++) {
			const email = i % 997 === 5 ? 'c7@example.com' : `c${i}@example.com`;
			const id = i % 1201 === 9 ? 'ID-3' : `ID-${i}`;
			const birth = i % 53 === 0 ? '03/04/1990' : i % 61 === 0 ? '25/04/1990' : '19900101';
			const gender = i % 71 === 0 ? 'm' : 'female';
			const name = i % 89 === 0 ? '' : 'Ana';
			const notes = i % 5 === 0 ? `note ${i}` : '';
			lines.push([email, `Pw${i}xyz!ab`, name, 'Lopez', birth, gender, id, notes].join(','));
			if (i % 500 === 0) lines.push(',,,,,,,');
		}
		const bytes = utf8.encode(lines.join('\r\n') + '\r\n');

		for (const tell of ['now', 'late', 'cells'] as const)
			it(`gives one reading’s draft (told ${tell})`, async () => {
				const spy = inProcess(bytes, { tell, checkedRows: 2000 });
				const { two, used } = await both(bytes, Math.floor(bytes.length * 0.3), spy);
				expect(used).toBe(true);
				if (tell === 'cells') expect(spy.kinds.rows).toBeUndefined();
				else expect(spy.kinds.rows).toBeGreaterThan(1);
				const codes = new Set(issuesOf(two.dataset).map((i) => i.code));
				for (const code of ['email.duplicate', 'external_id.duplicate', 'first_name.missing'])
					expect(codes).toContain(code);
				expect(two.dataset.records.at(5999)?.leftOut).toEqual([]);
				expect(two.dataset.records.at(3995)?.leftOut).toEqual(['note 3995']);
			});
	});

	it('keeps the names past Latin-1 of a checked second part apart, as one reading does', async () => {
		// A Chinese or emoji name every 37 rows: in every block, whole ones cut from a batch and
		// ones put together from two. Blocks made from the parse worker's batches held all their
		// text two bytes a character, and differed from one reading's.
		const names = ['陈娜', 'Zoë 🌟', 'Łukasz'];
		const lines = [HEADER];
		for (let i = 0; i < 5000; i++) lines.push(client(i, i % 37 === 0 ? names[i % 3] : 'Ana'));
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const spy = inProcess(bytes, { checkedRows: 2000 });
		const { two, used } = await both(bytes, Math.floor(bytes.length * 0.3), spy);
		expect(used).toBe(true);
		expect(spy.kinds.rows).toBeGreaterThan(1);
		const last = two.dataset.records.sealedBlock(two.dataset.records.blockCount - 2);
		expect(last.wide?.values).toContain('陈娜');
		expect(/[^\0-\xff]/.test(last.text)).toBe(false);
	});

	it('reads plain rows of a second part from their bytes, as the text path reads them', async () => {
		// Near misses among plain rows (a capital, a space to trim, a duplicate, a quoted cell),
		// each beside rows the parse worker reads from their bytes.
		const lines = [HEADER];
		for (let i = 0; i < 3000; i++) {
			const odd = [
				`C${i}@example.com,Pw1xyz!ab,Ana,Lopez,19900101,female`,
				`c${i}@example.com,Pw1xyz!ab, Ana,Lopez,19900101,female`,
				`c${i - 1}@example.com,Pw1xyz!ab,Ana,Lopez,19900101,male`,
				`c${i}@example.com,"Pw1xyz!ab",Zoë,Lopez,19900101,female`,
			];
			lines.push(
				i % 50 === 7 ? (odd[Math.floor(i / 50) % 4] as string) : client(i, i % 3 ? 'Zoë' : 'Ana'),
			);
		}
		const bytes = utf8.encode(lines.join('\r\n') + '\r\n');
		const plain = vi.spyOn(CheckedRowsPacker.prototype, 'addPlain');
		const spy = inProcess(bytes, { checkedRows: 700 });
		const { two, used } = await both(bytes, Math.floor(bytes.length * 0.4), spy);
		const taken = plain.mock.calls.length;
		plain.mockRestore();
		expect(used).toBe(true);
		expect(taken).toBeGreaterThan(1500);
		const text = await importCsv(bytesSource(bytes, 4096), { today: TODAY, plainRows: false });
		expect(picture(two)).toEqual(picture(text));
	});

	it('reads in one piece a file whose quote never closes before the middle', async () => {
		const lines = [HEADER, ...Array.from({ length: 20 }, (_, i) => client(i))];
		lines.push('x@example.com,Pw,"Ana,Lopez,19900101,female');
		for (let i = 0; i < 300; i++) lines.push(client(i + 100));
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const { two, spy } = await both(bytes);
		expect(spy.started).toBe(0);
		expect(issuesOf(two.dataset).some((i) => i.code === 'row.unclosed_quote')).toBe(true);
	});

	it('reads in one piece again when the second part is not UTF-8', async () => {
		const lines = [HEADER, ...Array.from({ length: 300 }, (_, i) => client(i))];
		const text = utf8.encode(lines.join('\n') + '\n');
		// A Windows-1252 "é" (0xE9) in the last row: how one reading takes it depends on the
		// lines before it, which the second worker does not see.
		const bytes = new Uint8Array([...text.subarray(0, -2), 0xe9, 0x0a]);
		const { restarted, spy } = await both(bytes);
		expect(spy.started).toBe(1);
		expect(restarted).toBe(true);
	});

	it('reads a Windows-1252 file in two parts once the first part shows it', async () => {
		const lines = [HEADER];
		for (let i = 0; i < 1000; i++) lines.push(client(i, i % 2 ? 'Zoë' : 'Müller'));
		lines.push(client(3, 'Renée')); // a duplicate across the cut
		const { bytes } = encode(lines.join('\r\n') + '\r\n', 'windows-1252', ',');
		const { two, used, spy } = await both(bytes);
		// A UTF-8 try (the first part throws once it has seen enough), then Windows-1252.
		expect(spy.started).toBe(2);
		expect(used).toBe(true);
		expect(two.encoding).toBe('windows-1252');
		expect([...two.dataset.records].at(-1)?.first_name).toBe('Renée');
	});

	it('reads in one piece when the second worker fails', async () => {
		const lines = [HEADER, ...Array.from({ length: 300 }, (_, i) => client(i))];
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const { restarted, spy } = await both(
			bytes,
			undefined,
			inProcess(new Uint8Array(), { fail: true }),
		);
		expect(spy.started).toBe(1);
		expect(restarted).toBe(true);
	});

	it('saves no row of a second part that fails after sending its rows', async () => {
		const lines = [HEADER, ...Array.from({ length: 300 }, (_, i) => client(i))];
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const saved: { rows: number; restart: boolean }[] = [];
		let part: CollectedPart | null = null;
		const lateFailure: StartSecondPart = (from, delimiter, encoding) => {
			let told: (checks: RowChecks | null) => void = () => undefined;
			const checks = new Promise<RowChecks | null>((resolve) => (told = resolve));
			const collected = new CollectedPart(
				() => undefined,
				(c) => told(c),
			);
			part = collected;
			void parsePart(
				bytesSource(bytes.subarray(from), 101).chunks(),
				{ delimiter, encoding },
				// Every batch arrives; then, instead of its end, the part fails.
				(message) =>
					collected.accept(message.kind === 'end' ? { kind: 'failed', reason: 'error' } : message),
				checks,
				7,
			);
			return collected;
		};
		const result = await importCsvInParts(
			source(bytes),
			{
				today: TODAY,
				afterChunk: (v, restart) => void saved.push({ rows: v.rowCount, restart }),
			},
			lateFailure,
			{ minBytes: 0, split: { window: 256, lead: 512 } },
		);
		expect(part).not.toBeNull();
		const again = saved.findIndex((s) => s.restart);
		expect(again).toBeGreaterThan(0);
		const firstPartRows = Math.max(...saved.slice(0, again).map((s) => s.rows));
		// Before reading again, only the first part's rows were offered for saving.
		expect(firstPartRows).toBeLessThan(200);
		expect(picture(result)).toEqual(picture(await importCsv(bytesSource(bytes), { today: TODAY })));
	});

	it('stops the second part when the import is cancelled', async () => {
		const lines = [HEADER, ...Array.from({ length: 300 }, (_, i) => client(i))];
		const bytes = utf8.encode(lines.join('\n') + '\n');
		const controller = new AbortController();
		const spy = inProcess(bytes);
		const reading = importCsvInParts(
			source(bytes),
			{ today: TODAY, signal: controller.signal, afterChunk: () => controller.abort() },
			spy.start,
			{ minBytes: 0 },
		);
		await expect(reading).rejects.toBeInstanceOf(ImportCancelledError);
		expect(spy.started).toBe(1);
		expect(await spy.parts[0]?.done).toBeNull();
	});

	const cell = fc.oneof(
		{ weight: 6, arbitrary: fc.constantFrom('Ana', 'Zoë', '😀', 'x@y.fr', '19900101', 'm') },
		{ weight: 1, arbitrary: fc.constantFrom('a\nb', 'a\r\nb', 'say "hi"', 'a,b', '', ' ') },
	);
	const line = fc.oneof(
		{ weight: 8, arbitrary: fc.integer({ min: 0, max: 40 }).map((i) => client(i)) },
		{
			weight: 3,
			arbitrary: fc
				.array(cell, { minLength: 6, maxLength: 7 })
				.map((cells) => cells.map((c) => rfc4180Field(c, ',')).join(',')),
		},
		{ weight: 1, arbitrary: fc.constant('') },
	);

	it('gives one reading’s draft for any cut of UTF-8 client files', async () => {
		let cuts = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(line, { minLength: 60, maxLength: 160 }),
				fc.constantFrom('\n', '\r\n'),
				fc.integer({ min: 200, max: 800 }),
				fc.constantFrom('now', 'late', 'cells'),
				async (rows, eol, per, tell) => {
					const bytes = utf8.encode([HEADER, ...rows].join(eol) + eol);
					const target = Math.floor((bytes.length * per) / 1000);
					if ((await both(bytes, target, inProcess(bytes, { tell }))).used) cuts++;
				},
			),
			{ numRuns: 60 },
		);
		// The property means little if nearly every file is read in one piece.
		expect(cuts).toBeGreaterThan(30);
	});

	it('gives one reading’s draft for any cut of Windows-1252 client files', async () => {
		// 20 KB of rows with accents first, so the first part can show the file is not UTF-8.
		const head = Array.from({ length: 400 }, (_, i) => client(i + 100, 'Müller'));
		let cuts = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(line, { minLength: 200, maxLength: 400 }),
				fc.constantFrom('\n', '\r\n'),
				fc.integer({ min: 0, max: 1000 }),
				async (rows, eol, per) => {
					const text = [HEADER, ...head, ...rows].join(eol) + eol;
					const { bytes } = encode(representable(text), 'windows-1252', ',');
					// Anywhere in the random rows (one byte a character in Windows-1252).
					const start = [HEADER, ...head].join(eol).length + eol.length;
					const target = Math.floor(start + ((bytes.length - start) * per) / 1000);
					if ((await both(bytes, target)).used) cuts++;
				},
			),
			{ numRuns: 25 },
		);
		expect(cuts).toBeGreaterThan(18);
	});
});
