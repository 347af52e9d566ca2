// Reading workbooks the way other writers make them: cell types, shared and inline strings, rich
// text, escapes, formulas, merges, gaps and missing references, several and hidden sheets,
// namespace prefixes, and streaming (batches, early stop, progress, cancel).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openWorkbook } from '../../../src/core/workbook/index.ts';
import { WorkbookError, type WorkbookReader } from '../../../src/core/workbook/types.ts';
import type { CsvRecord } from '../../../src/core/csv-reader.ts';
import { buildXlsx, bytesSource, entryDataOffset, zipParts } from '../../workbooks/build-xlsx.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet package from hand-written XML, as a non-Excel writer might lay it out. */
function handmade(
	sheet: string,
	parts: { sst?: string; sstAttrs?: string; styles?: string; prefix?: string } = {},
) {
	const p = parts.prefix ?? '';
	const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
	let rels = `<Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>`;
	const files: Record<string, string> = {
		'xl/workbook.xml': `<${p}workbook ${ns} xmlns:r="${REL}"><${p}sheets><${p}sheet name="Data" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
		'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${sheet}</${p}sheetData></${p}worksheet>`,
	};
	if (parts.sst !== undefined) {
		rels += `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`;
		files['xl/sharedStrings.xml'] = `<${p}sst ${ns}${parts.sstAttrs ?? ''}>${parts.sst}</${p}sst>`;
	}
	if (parts.styles !== undefined) {
		rels += `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>`;
		files['xl/styles.xml'] = `<styleSheet xmlns="${MAIN}">${parts.styles}</styleSheet>`;
	}
	files['xl/_rels/workbook.xml.rels'] =
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
	return zipParts(files);
}

async function records(book: WorkbookReader, sheet?: string): Promise<CsvRecord[]> {
	const out: CsvRecord[] = [];
	await book.readRows(sheet ?? book.sheets[0]!.name, (batch) => {
		out.push(...batch);
	});
	return out;
}

async function rowsOf(bytes: Uint8Array, sheet?: string): Promise<[number, ...string[]][]> {
	const book = await openWorkbook(bytesSource(bytes));
	return (await records(book, sheet)).map((r) => [r.row, ...r.cells]);
}

describe('cell types', () => {
	it('reads booleans, errors, formula strings, inline strings and ISO dates as shown', async () => {
		const sheet =
			'<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>' +
			'<c r="C1" t="e"><f>NA()</f><v>#N/A</v></c><c r="D1" t="str"><f>A2&amp;"x"</f><v>ax</v></c>' +
			'<c r="E1" t="inlineStr"><is><t>inline</t></is></c><c r="F1" t="d"><v>2024-02-29T00:00:00Z</v></c>' +
			'<c r="G1"><f>1+1</f><v>2</v></c></row>';
		expect(await rowsOf(handmade(sheet))).toEqual([
			[1, 'TRUE', 'FALSE', '#N/A', 'ax', 'inline', '20240229', '2'],
		]);
	});

	it('joins rich-text runs, leaves out phonetic guides, and decodes entities and _xHHHH_', async () => {
		const sst =
			'<si><t xml:space="preserve"> plain </t></si>' +
			'<si><r><rPr><b/><color rgb="FF0000"/></rPr><t>Jo</t></r><r><t xml:space="preserve">sé &amp; co</t></r></si>' +
			'<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
			'<si><t>line_x000D_&#10;two &lt;b&gt; &#xE9;&quot;_x005F_x0041_</t></si>' +
			'<si/>';
		const sheet =
			'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
			'<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>99</v></c></row>';
		expect(await rowsOf(handmade(sheet, { sst }))).toEqual([
			[1, ' plain ', 'José & co', '東京', 'line\r\ntwo <b> é"_x0041_'],
		]);
	});

	it('trusts neither a shared string count nor an index past the table', async () => {
		const sst = '<si><t>first</t></si><si><t>second</t></si>';
		const sheet =
			'<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>0</v></c></row>';
		const sstAttrs = ' count="99999999999" uniqueCount="99999999999"';
		expect(await rowsOf(handmade(sheet, { sst, sstAttrs }))).toEqual([[1, 'second', '', 'first']]);
	});

	it('gives a formula its cached value, never the formula', async () => {
		const bytes = buildXlsx({
			sheets: [
				{
					name: 'S',
					rows: [
						[
							{ value: 'Ana', formula: 'PROPER("ana")' },
							{ value: 42, formula: '40+2' },
							{ value: true, formula: 'TRUE()' },
						],
					],
				},
			],
		});
		expect(await rowsOf(bytes)).toEqual([[1, 'Ana', '42', 'TRUE']]);
	});
});

describe('layout', () => {
	it('drops trailing empty cells and rows, keeps gaps and the sheet row numbers', async () => {
		const bytes = buildXlsx({
			sheets: [
				{
					name: 'S',
					rows: [['a', '', 'c', '', null], [], [null, ''], ['', 'b'], [' ', null], [null]],
				},
			],
		});
		expect(await rowsOf(bytes)).toEqual([
			[1, 'a', '', 'c'],
			[4, '', 'b'],
			[5, ' '],
		]);
	});

	it('places cells without r after the previous one, and rows without r after the previous row', async () => {
		const sheet =
			'<row r="3"><c><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>' +
			'<row><c r="B4"><v>x</v></c></row><row spans="1:2" r="10"><c r="$A$10"><v>10</v></c></row>';
		expect(await rowsOf(handmade(sheet))).toEqual([
			[3, '1', '2', '', '', '5', '6'],
			[4, '', 'x'],
			[10, '10'],
		]);
	});

	it('accepts namespace prefixes (x:row, x:c) as .NET writers make them', async () => {
		const sheet =
			'<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>';
		const sst = '<x:si><x:t>a</x:t></x:si>';
		expect(await rowsOf(handmade(sheet, { sst, prefix: 'x:' }))).toEqual([[1, 'a', 'b']]);
	});

	it('reads every cell of a merged range as its top-left value', async () => {
		const bytes = buildXlsx({
			sheets: [
				{
					name: 'S',
					rows: [
						['Client list', null, null],
						['email', 'group', 'tag'],
						['a@x.org', 'North', 'vip'],
						['b@x.org', null, null],
						['c@x.org', null, 'trial'],
					],
					// A title across A1:C1, a group down B3:B5, a tag across rows 3–4.
					merges: ['A1:C1', 'B3:B5', 'C3:C4'],
				},
			],
		});
		expect(await rowsOf(bytes)).toEqual([
			[1, 'Client list', 'Client list', 'Client list'],
			[2, 'email', 'group', 'tag'],
			[3, 'a@x.org', 'North', 'vip'],
			[4, 'b@x.org', 'North', 'vip'],
			[5, 'c@x.org', 'North', 'trial'],
		]);
	});

	it('fills rows a merged range covers even when the sheet has no cells in them', async () => {
		const sheet = '<row r="2"><c r="B2" t="inlineStr"><is><t>Team</t></is></c></row>';
		const bytes = handmade(sheet).slice();
		const withMerge = zipParts({
			'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="D" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
			'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData>${sheet}<row r="6"><c r="A6"><v>6</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B2:C4"/></mergeCells></worksheet>`,
		});
		expect(await rowsOf(bytes)).toEqual([[2, '', 'Team']]);
		expect(await rowsOf(withMerge)).toEqual([
			[2, '', 'Team', 'Team'],
			[3, '', 'Team', 'Team'],
			[4, '', 'Team', 'Team'],
			[6, '6'],
		]);
	});

	it('reads merges of a stored (uncompressed) sheet from its tail', async () => {
		const rows = Array.from({ length: 3000 }, (_, i) => [`row ${i + 1}`, i === 0 ? 'Title' : null]);
		const bytes = buildXlsx({ level: 0, sheets: [{ name: 'S', rows, merges: ['B1:D2'] }] });
		const read = await rowsOf(bytes);
		expect(read[0]).toEqual([1, 'row 1', 'Title', 'Title', 'Title']);
		expect(read[1]).toEqual([2, 'row 2', 'Title', 'Title', 'Title']);
		expect(read[2]).toEqual([3, 'row 3']);
		expect(read).toHaveLength(3000);
	});
});

describe('sheets', () => {
	it('lists sheets in tab order with hidden ones marked, skips chartsheets, reads each by name', async () => {
		const bytes = buildXlsx({
			sheets: [
				{ name: 'Notes & <plans>', rows: [['n']] },
				{ name: 'Old', rows: [['o']], hidden: true },
				{ name: 'Secret', rows: [['s']], hidden: 'veryHidden' },
				{ name: 'Clients', rows: [['c']] },
			],
		});
		const book = await openWorkbook(bytesSource(bytes));
		expect(book.sheets).toEqual([
			{ name: 'Notes & <plans>', hidden: false },
			{ name: 'Old', hidden: true },
			{ name: 'Secret', hidden: true },
			{ name: 'Clients', hidden: false },
		]);
		expect(book.date1904).toBe(false);
		expect((await records(book, 'Clients')).map((r) => r.cells)).toEqual([['c']]);
		expect((await records(book, 'Notes & <plans>')).map((r) => r.cells)).toEqual([['n']]);
		await expect(records(book, 'Missing')).rejects.toThrow('no sheet named "Missing"');
	});
});

describe.each([
	['kept in memory after the merge pre-scan', undefined],
	['streamed (a sheet too large to keep)', 0],
])('streaming, %s', (_how, keepLimit) => {
	// 60k rows: several inflated pieces, so stopping and cancelling happen mid-sheet.
	const many = Array.from({ length: 60_000 }, (_, i) => [`user${i}@x.org`, i]);
	const bytes = buildXlsx({ sheets: [{ name: 'Big', rows: many }] });
	const open = () => openWorkbook(bytesSource(bytes), { keepLimit });

	it('hands rows in batches and stops when onRows returns false', async () => {
		const book = await open();
		const sizes: number[] = [];
		await book.readRows('Big', (batch) => {
			sizes.push(batch.length);
			return false;
		});
		expect(sizes).toHaveLength(1);
		expect(sizes[0]).toBeGreaterThan(0);
		expect(sizes[0]).toBeLessThanOrEqual(1000);
		const all = await records(book, 'Big');
		expect(all).toHaveLength(60_000);
		expect(all[59_999]).toEqual({ cells: ['user59999@x.org', '59999'], row: 60_000 });
	});

	it('reports progress up to the sheet size', async () => {
		const book = await open();
		const seen: [number, number][] = [];
		await book.readRows('Big', () => undefined, { onProgress: (d, t) => seen.push([d, t]) });
		expect(seen.length).toBeGreaterThan(2);
		const [done, total] = seen[seen.length - 1]!;
		expect(done).toBe(total);
		expect(seen[0]![0]).toBeLessThan(total);
		expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1]![0])).toBe(true);
	});

	it('stops with an AbortError when the signal is aborted', async () => {
		const book = await open();
		const controller = new AbortController();
		let batches = 0;
		const reading = book.readRows(
			'Big',
			() => {
				batches++;
				controller.abort();
			},
			{ signal: controller.signal },
		);
		await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
		expect(batches).toBe(1);
		// The reader stays usable after a cancelled read.
		expect(await records(book, 'Big')).toHaveLength(60_000);
	});

	it('does not start when the signal is already aborted', async () => {
		const book = await open();
		let batches = 0;
		const reading = book.readRows('Big', () => void batches++, { signal: AbortSignal.abort() });
		await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
		expect(batches).toBe(0);
	});
});

describe('without DecompressionStream (fflate inflates)', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('reads the same rows, across many pieces', async () => {
		const rows = Array.from({ length: 30_000 }, (_, i) => [`user${i}@x.org`, `Name ${i}`, i]);
		const bytes = buildXlsx({ sheets: [{ name: 'S', rows }] });
		vi.stubGlobal('DecompressionStream', undefined);
		const got = await rowsOf(bytes);
		expect(got).toHaveLength(30_000);
		expect(got[29_999]).toEqual([30_000, 'user29999@x.org', 'Name 29999', '29999']);
		// A reserved block type at the start of the sheet's deflate data.
		const broken = bytes.slice();
		const at = entryDataOffset(broken, 'xl/worksheets/sheet1.xml');
		broken.fill(0xff, at, at + 4);
		await expect(rowsOf(broken)).rejects.toBeInstanceOf(WorkbookError);
	});
});

describe('damage', () => {
	it('reads a sheet without rows as no rows', async () => {
		const empty = zipParts({
			'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="E" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
			'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><dimension ref="A1"/><sheetData/></worksheet>`,
		});
		expect(await rowsOf(empty)).toEqual([]);
		expect(await rowsOf(handmade('<row r="1"/><row r="2"><c r="A2" s="0"/></row>'))).toEqual([]);
	});

	it('says a sheet with broken XML is damaged instead of crashing', async () => {
		const broken = handmade('<row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2"');
		const book = await openWorkbook(bytesSource(broken));
		const error = await records(book).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(WorkbookError);
		expect(error).toMatchObject({ problem: 'damaged' });
		expect((error as Error).message).toMatch(/Sheet "Data" is damaged/);
	});
});
