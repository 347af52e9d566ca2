// Benchmark input for issue 12: the benchmark clients (generate-clients.ts, the same rows as the
// CSV benchmarks) as an .xlsx the way Excel saves it, written under ROSTER_XLSX_DIR (default
// /tmp/roster-xlsx), never into the repository. Used by workbook-libraries.ts and xlsx-app.ts.
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import Papa from 'papaparse';
import { generateClients } from './generate-clients.ts';

export const XLSX_DIR = process.env.ROSTER_XLSX_DIR ?? '/tmp/roster-xlsx';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const PARTS: [string, string][] = [
	[
		'[Content_Types].xml',
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
	],
	[
		'_rels/.rels',
		`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	],
	[
		'xl/workbook.xml',
		`<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="Clients" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	],
	[
		'xl/_rels/workbook.xml.rels',
		`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	],
	[
		// Style 1 is Excel's built-in short date (numFmt 14): what a typed-in birthdate gets.
		'xl/styles.xml',
		`<styleSheet ${NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
	],
];
const escapeXml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const EPOCH_1900 = Date.UTC(1899, 11, 30);

export function benchWorkbookPath(clients: number): string {
	return join(XLSX_DIR, `clients-${clients}-v1.xlsx`);
}

/**
 * The benchmark clients (generate-clients.ts, the same rows as the CSV benchmarks) as Excel
 * saves them: one sheet, shared strings, cell references, birthdates as date cells (a bad,
 * dashed one stays text). Streamed, because a full sheet does not fit a test-time builder's
 * in-memory zip comfortably. Written once; returns its path.
 */
export async function writeBenchWorkbook(clients: number): Promise<string> {
	const path = benchWorkbookPath(clients);
	if (existsSync(path)) return path;
	mkdirSync(XLSX_DIR, { recursive: true });
	const csv = readFileSync(await generateClients(clients), 'utf8');
	const records = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
	const out = createWriteStream(`${path}.partial`);
	const zip = new Zip((error, chunk, final) => {
		if (error) throw error;
		out.write(chunk);
		if (final) out.end();
	});
	const encoder = new TextEncoder();
	const part = (name: string) => {
		const entry = new ZipDeflate(name, { level: 6 });
		zip.add(entry);
		return entry;
	};
	for (const [name, text] of PARTS) part(name).push(encoder.encode(XML + text), true);
	const strings = new Map<string, number>();
	const shared = (s: string) => {
		let i = strings.get(s);
		if (i === undefined) strings.set(s, (i = strings.size));
		return i;
	};
	const sheet = part('xl/worksheets/sheet1.xml');
	sheet.push(
		encoder.encode(`${XML}<worksheet ${NS}><dimension ref="A1:H${records.length}"/><sheetData>`),
	);
	let batch: string[] = [];
	for (const [i, record] of records.entries()) {
		const r = i + 1;
		let row = `<row r="${r}">`;
		for (const [c, value] of record.entries()) {
			const ref = `${String.fromCharCode(65 + c)}${r}`;
			const date = c === 4 && r > 1 ? /^(\d{4})(\d\d)(\d\d)$/.exec(value) : null;
			if (date) {
				const serial = (Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) - EPOCH_1900) / 86_400_000;
				row += `<c r="${ref}" s="1"><v>${serial}</v></c>`;
			} else if (value !== '') row += `<c r="${ref}" t="s"><v>${shared(value)}</v></c>`;
		}
		batch.push(`${row}</row>`);
		if (batch.length === 5000 || r === records.length) {
			sheet.push(encoder.encode(batch.join('')));
			batch = [];
			if (out.writableLength > 64 << 20) await once(out, 'drain');
		}
	}
	sheet.push(encoder.encode('</sheetData></worksheet>'), true);
	const sst = part('xl/sharedStrings.xml');
	sst.push(
		encoder.encode(`${XML}<sst ${NS} count="${strings.size}" uniqueCount="${strings.size}">`),
	);
	let items: string[] = [];
	for (const s of strings.keys()) {
		// xml:space keeps a name's leading or trailing space, as Excel writes it.
		items.push(`<si><t xml:space="preserve">${escapeXml(s)}</t></si>`);
		if (items.length === 20_000) {
			sst.push(encoder.encode(items.join('')));
			items = [];
		}
	}
	sst.push(encoder.encode(`${items.join('')}</sst>`), true);
	zip.end();
	await once(out, 'close');
	renameSync(`${path}.partial`, path);
	return path;
}
