// Files that look like workbooks but that Roster cannot read say what they are: legacy .xls,
// password-protected, OpenDocument, Apple Numbers, a workbook of charts only, or damaged.
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { openWorkbook } from '../../../src/core/workbook/index.ts';
import { isWorkbookHead } from '../../../src/core/workbook-sheets.ts';
import type { WorkbookProblem } from '../../../src/core/workbook/types.ts';
import {
	buildEncryptedLike,
	buildNumbersLike,
	buildOdsLike,
	buildXlsLike,
	buildXlsx,
	bytesSource,
	entryDataOffset,
	zipParts,
} from '../../workbooks/build-xlsx.ts';

async function problemOf(
	bytes: Uint8Array,
): Promise<{ problem: WorkbookProblem; message: string }> {
	const error: unknown = await openWorkbook(bytesSource(bytes)).then(
		() => null,
		(e: unknown) => e,
	);
	expect(error, 'openWorkbook should have refused the file').toMatchObject({
		name: 'WorkbookError',
	});
	const { problem, message } = error as { problem: WorkbookProblem; message: string };
	return { problem, message };
}

describe('workbook detection', () => {
	it('recognises zip and OLE signatures, not text', () => {
		expect(isWorkbookHead(buildXlsx({ sheets: [{ name: 'S', rows: [['a']] }] }))).toBe(true);
		expect(isWorkbookHead(buildXlsLike())).toBe(true);
		expect(isWorkbookHead(strToU8('email_address,first_name\n'))).toBe(false);
		expect(isWorkbookHead(new Uint8Array([0x50, 0x4b]))).toBe(false);
	});

	it('tells a legacy .xls from a password-protected workbook', async () => {
		expect((await problemOf(buildXlsLike())).problem).toBe('xls');
		const encrypted = await problemOf(buildEncryptedLike());
		expect(encrypted.problem).toBe('encrypted');
		expect(encrypted.message).toMatch(/password/);
	});

	it('names OpenDocument and Numbers files', async () => {
		expect((await problemOf(buildOdsLike())).problem).toBe('ods');
		expect((await problemOf(buildNumbersLike())).problem).toBe('numbers');
		const iwaOnly = zipSync({ 'Data/Tables/x.iwa': new Uint8Array([1]) });
		expect((await problemOf(iwaOnly)).problem).toBe('numbers');
	});

	it('says a workbook with only chart sheets has no sheets', async () => {
		const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
		const bytes = zipParts({
			'xl/workbook.xml': `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets><sheet name="Chart1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
			'xl/chartsheets/sheet1.xml': '<chartsheet/>',
		});
		expect((await problemOf(bytes)).problem).toBe('no-sheets');
	});

	it('says damaged for a cut-short workbook, a zip that is not one, and bad compression', async () => {
		const good = buildXlsx({ sheets: [{ name: 'S', rows: [['a']] }] });
		expect((await problemOf(good.slice(0, good.length - 40))).problem).toBe('damaged');
		expect((await problemOf(zipSync({ 'readme.txt': strToU8('hello') }))).problem).toBe('damaged');
		expect((await problemOf(strToU8('PK\u0003\u0004 not really a zip'))).problem).toBe('damaged');
		// Flip bytes inside the workbook part's compressed data: inflating it fails.
		const corrupt = zipParts({ 'xl/workbook.xml': 'x'.repeat(2000) + '<workbook/>' });
		const at = entryDataOffset(corrupt, 'xl/workbook.xml');
		corrupt.fill(0xff, at, at + 8);
		expect((await problemOf(corrupt)).problem).toBe('damaged');
	});
});
