// Cell values as the pro sees them in Excel: date serials in both date systems (with the 1900
// leap-year bug), date formats against time-only ones, numbers in full, zero-padded formats.
import { describe, expect, it } from 'vitest';
import {
	formatNumber,
	isDateFormat,
	numberKind,
	padNumber,
	serialToDate,
} from '../../../src/core/workbook/cells.ts';
import { openWorkbook } from '../../../src/core/workbook/index.ts';
import { buildXlsx, bytesSource, zipParts, type CellInput } from '../../workbooks/build-xlsx.ts';

async function readCells(bytes: Uint8Array, sheet?: string): Promise<string[][]> {
	const book = await openWorkbook(bytesSource(bytes));
	const rows: string[][] = [];
	await book.readRows(sheet ?? book.sheets[0]!.name, (batch) => {
		for (const r of batch) rows.push(r.cells);
	});
	return rows;
}

function utc(y: number, m: number, d: number): Date {
	return new Date(Date.UTC(y, m - 1, d));
}

describe('date serials', () => {
	it('reads the 1900 system, Excel leap-year bug included', () => {
		expect(serialToDate('1', false)).toBe('19000101');
		expect(serialToDate('59', false)).toBe('19000228');
		// The 29 February 1900 Excel shows but that never was: flagged by validation later.
		expect(serialToDate('60', false)).toBe('19000229');
		expect(serialToDate('61', false)).toBe('19000301');
		expect(serialToDate('25569', false)).toBe('19700101');
		expect(serialToDate('45292', false)).toBe('20240101');
		expect(serialToDate('2958465', false)).toBe('99991231');
	});

	it('reads the 1904 system (older Mac Excel), where serial 0 is 1904-01-01', () => {
		expect(serialToDate('0', true)).toBe('19040101');
		expect(serialToDate('1', true)).toBe('19040102');
		expect(serialToDate(String(45292 - 1462), true)).toBe('20240101');
	});

	it('ignores the time of day, rounding to the millisecond as Excel does', () => {
		expect(serialToDate('45292.75', false)).toBe('20240101');
		expect(serialToDate('45292.999999999', false)).toBe('20240102');
	});

	it('keeps serials outside Excel dates as numbers', () => {
		expect(serialToDate('-3', false)).toBe('-3');
		expect(serialToDate('3000000', false)).toBe('3000000');
	});

	it('writes a workbook date back as the same day in both systems', async () => {
		for (const date1904 of [false, true]) {
			const days = [utc(1904, 1, 1), utc(1969, 7, 20), utc(2000, 2, 29), utc(2031, 12, 31)];
			const rows = days.map((d) => [d]);
			const cells = await readCells(buildXlsx({ date1904, sheets: [{ name: 'S', rows }] }));
			expect(cells).toEqual([['19040101'], ['19690720'], ['20000229'], ['20311231']]);
		}
	});

	it('reads the same serial a day apart across the two systems', async () => {
		const sheet = (date1904: boolean) =>
			zipParts({
				'xl/workbook.xml': `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="${date1904 ? 'true' : 'false'}"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
				'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
				'xl/styles.xml': `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
				'xl/worksheets/sheet1.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>36526</v></c></row></sheetData></worksheet>`,
			});
		expect(await readCells(sheet(false))).toEqual([['19000100', '20000101']]);
		expect(await readCells(sheet(true))).toEqual([['19040101', '20040102']]);
	});
});

describe('number formats', () => {
	it('tells date formats from time-only and plain ones', () => {
		for (const code of [
			'yyyy-mm-dd',
			'dd/mm/yyyy',
			'd-mmm',
			'mmm-yy',
			'mmmm',
			'[$-409]d\\ mmmm',
			'm/d/yy h:mm',
		])
			expect(isDateFormat(code), code).toBe(true);
		for (const code of [
			'h:mm',
			'[h]:mm:ss',
			'mm:ss',
			'h:mm AM/PM',
			'0.00',
			'#,##0 "days"',
			'"dd" 0',
			'\\d0',
			'General',
			'@',
		])
			expect(isDateFormat(code), code).toBe(false);
	});

	it('knows the built-in date formats, and that time-only ones are not dates', () => {
		for (const id of [14, 15, 16, 17, 22, 30, 31, 57])
			expect(numberKind(id, undefined)).toEqual({ date: true });
		for (const id of [0, 1, 2, 18, 20, 21, 45, 46, 47, 49])
			expect(numberKind(id, undefined)).toEqual({ date: false, pad: 0 });
		expect(numberKind(164, '00000')).toEqual({ date: false, pad: 5 });
		expect(numberKind(165, '0')).toEqual({ date: false, pad: 0 });
	});

	it('reads cells by their style: custom and built-in dates, times, decimals, zero padding', async () => {
		const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
		const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
		const styles =
			`<styleSheet xmlns="${MAIN}"><numFmts count="4">` +
			'<numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="h:mm"/>' +
			'<numFmt numFmtId="166" formatCode="0.00"/><numFmt numFmtId="167" formatCode="000000"/></numFmts>' +
			'<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="7">' +
			'<xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="166"/>' +
			'<xf numFmtId="167"><alignment horizontal="left"/></xf><xf numFmtId="14"/><xf numFmtId="20"/></cellXfs></styleSheet>';
		const cells = [0, 1, 2, 3, 4, 5, 6]
			.map((s, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${s}"><v>45292.5</v></c>`)
			.join('');
		const bytes = zipParts({
			'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
			'xl/styles.xml': styles,
			'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData><row r="1">${cells}</row><row r="2"><c r="E2" s="4"><v>123</v></c></row></sheetData></worksheet>`,
		});
		// General, custom date, time only, decimals, zeros (not an integer), built-in date, built-in time.
		expect(await readCells(bytes)).toEqual([
			['45292.5', '20240101', '45292.5', '45292.5', '45292.5', '20240101', '45292.5'],
			['', '', '', '', '000123'],
		]);
	});

	it('pads integers under a zeros-only format, as the pro sees them', () => {
		expect(padNumber('123', 5)).toBe('00123');
		expect(padNumber('-42', 5)).toBe('-00042');
		expect(padNumber('1234567', 5)).toBe('1234567');
		expect(padNumber('12.5', 5)).toBe('12.5');
	});
});

describe('numbers', () => {
	it('are written in full, without exponent or .0', () => {
		expect(formatNumber('1.2345678901234E+13')).toBe('12345678901234');
		expect(formatNumber('12345678901234')).toBe('12345678901234');
		expect(formatNumber('1E-7')).toBe('0.0000001');
		expect(formatNumber('1.5e-10')).toBe('0.00000000015');
		expect(formatNumber('-5')).toBe('-5');
		expect(formatNumber('3.25')).toBe('3.25');
		expect(formatNumber('42.0')).toBe('42');
		expect(formatNumber('1E+21')).toBe('1000000000000000000000');
		expect(formatNumber('-0')).toBe('0');
	});

	it('round to the 15 digits Excel keeps, so float noise does not show', () => {
		expect(formatNumber(String(0.1 + 0.2))).toBe('0.3');
		expect(formatNumber('1234567890123456789')).toBe('1234567890123460000');
		expect(formatNumber('123456789012345')).toBe('123456789012345');
		expect(formatNumber('0.1')).toBe('0.1');
	});

	it('read from a workbook: numbers, text with leading zeros, zero-padded, dates', async () => {
		const row: CellInput[] = [
			12345678901234,
			1e-7,
			-5,
			0.1 + 0.2,
			'00123',
			{ value: '00123', style: 'text' },
			{ value: 123, style: 'zeros5' },
			{ value: utc(1990, 5, 17), style: 'date' },
			3.25,
		];
		expect(await readCells(buildXlsx({ sheets: [{ name: 'S', rows: [row] }] }))).toEqual([
			['12345678901234', '0.0000001', '-5', '0.3', '00123', '00123', '00123', '19900517', '3.25'],
		]);
	});
});
