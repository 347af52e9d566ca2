// Test workbooks built at test time (never committed binaries): a small .xlsx writer on fflate's
// zipSync for unit, browser and CLI tests and the benchmark, plus minimal look-alikes of the
// files Roster refuses (legacy .xls, password-protected, ODS, Numbers) for its detection.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { columnLetter } from '../../src/core/template.ts';

export type CellValue = string | number | boolean | Date | null | undefined;
export interface StyledCell {
	value: CellValue;
	/** date: a serial with a date format; text: the '@' format; zeros5: the '00000' format. */
	style?: 'date' | 'text' | 'zeros5';
	/** Written as `<f>` with the value as its cached result. */
	formula?: string;
}
export type CellInput = CellValue | StyledCell;

export interface SheetInput {
	name: string;
	/** Any iterable, so a benchmark can stream a million rows without holding them. */
	rows: Iterable<readonly CellInput[]>;
	hidden?: boolean | 'veryHidden';
	merges?: string[];
}

export interface BuildOptions {
	sheets: SheetInput[];
	date1904?: boolean;
	/** Text cells as shared strings (Excel's way); false writes inline strings. Default true. */
	sharedStrings?: boolean;
	inlineStrings?: boolean;
	/** Deflate level; 1 keeps the million-row benchmark file quick to write. */
	level?: 0 | 1 | 6 | 9;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Style indexes in cellXfs below.
const XF_DATE = 1;
const XF_TEXT = 2;
const XF_ZEROS5 = 3;
const STYLES =
	`${XML_HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="00000"/></numFmts>` +
	'<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
	'<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
	'<borders count="1"><border/></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'</cellXfs></styleSheet>';

/** Escapes text for XML, writing what XML cannot hold (CR, control characters) as `_xHHHH_`. */
export function xmlText(value: string): string {
	let out = value.replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`);
	out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	// eslint-disable-next-line no-control-regex -- these are exactly the characters to escape
	return out.replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g, (c) => {
		return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
	});
}

function xmlAttr(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/"/g, '&quot;')
		.replace(/\n/g, '&#10;');
}

const DAY_MS = 86_400_000;
/** The serial Excel stores for a date (UTC fields), in either date system. */
export function dateSerial(date: Date, date1904 = false): number {
	if (date1904) return (date.getTime() - Date.UTC(1904, 0, 1)) / DAY_MS;
	const days = (date.getTime() - Date.UTC(1899, 11, 30)) / DAY_MS;
	// Excel counts the 29th of February 1900 that never was: dates before March are one less.
	return days < 61 ? days - 1 : days;
}

class StringTable {
	readonly items: string[] = [];
	#index = new Map<string, number>();
	add(value: string): number {
		let i = this.#index.get(value);
		if (i === undefined) {
			i = this.items.length;
			this.items.push(value);
			this.#index.set(value, i);
		}
		return i;
	}
}

function textElement(value: string): string {
	const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
	return `<t${space}>${xmlText(value)}</t>`;
}

function numberText(n: number): string {
	return String(n).toUpperCase();
}

function cellXml(ref: string, input: CellInput, strings: StringTable | null, d1904: boolean) {
	const styled =
		input !== null && typeof input === 'object' && !(input instanceof Date) ? input : null;
	const value = styled ? styled.value : (input as CellValue);
	const f = styled?.formula !== undefined ? `<f>${xmlText(styled.formula)}</f>` : '';
	let s = '';
	if (styled?.style === 'date' || value instanceof Date) s = ` s="${XF_DATE}"`;
	else if (styled?.style === 'text') s = ` s="${XF_TEXT}"`;
	else if (styled?.style === 'zeros5') s = ` s="${XF_ZEROS5}"`;
	if (value === null || value === undefined || value === '') {
		return f || s ? `<c r="${ref}"${s}>${f}</c>` : '';
	}
	if (value instanceof Date) return `<c r="${ref}"${s}>${f}<v>${dateSerial(value, d1904)}</v></c>`;
	if (typeof value === 'number') return `<c r="${ref}"${s}>${f}<v>${numberText(value)}</v></c>`;
	if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
	if (f) return `<c r="${ref}"${s} t="str">${f}<v>${xmlText(value)}</v></c>`;
	if (strings) return `<c r="${ref}"${s} t="s"><v>${strings.add(value)}</v></c>`;
	return `<c r="${ref}"${s} t="inlineStr"><is>${textElement(value)}</is></c>`;
}

/** The sheet's XML as byte chunks: a million rows are never one string. */
function sheetXml(
	sheet: SheetInput,
	strings: StringTable | null,
	d1904: boolean,
	enc: TextEncoder,
): Uint8Array[] {
	const chunks: Uint8Array[] = [];
	let parts: string[] = [`${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`];
	let size = 0;
	let rowNumber = 0;
	const letters: string[] = [];
	for (const row of sheet.rows) {
		rowNumber++;
		let cells = '';
		for (let c = 0; c < row.length; c++) {
			const letter = (letters[c] ??= columnLetter(c));
			cells += cellXml(letter + rowNumber, row[c], strings, d1904);
		}
		if (cells === '') continue;
		const line = `<row r="${rowNumber}">${cells}</row>`;
		parts.push(line);
		size += line.length;
		if (size > 1 << 20) {
			chunks.push(enc.encode(parts.join('')));
			parts = [];
			size = 0;
		}
	}
	parts.push('</sheetData>');
	if (sheet.merges?.length) {
		parts.push(`<mergeCells count="${sheet.merges.length}">`);
		for (const ref of sheet.merges) parts.push(`<mergeCell ref="${ref}"/>`);
		parts.push('</mergeCells>');
	}
	parts.push('</worksheet>');
	chunks.push(enc.encode(parts.join('')));
	return chunks;
}

function concat(chunks: Uint8Array[]): Uint8Array {
	let length = 0;
	for (const c of chunks) length += c.length;
	const out = new Uint8Array(length);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

function sharedStringsXml(items: string[], enc: TextEncoder): Uint8Array {
	const chunks: Uint8Array[] = [];
	let parts = [
		`${XML_HEAD}<sst xmlns="${MAIN}" count="${items.length}" uniqueCount="${items.length}">`,
	];
	for (let i = 0; i < items.length; i++) {
		parts.push(`<si>${textElement(items[i]!)}</si>`);
		if (parts.length > 50_000) {
			chunks.push(enc.encode(parts.join('')));
			parts = [];
		}
	}
	parts.push('</sst>');
	chunks.push(enc.encode(parts.join('')));
	return concat(chunks);
}

/** Writes an .xlsx the way Excel lays it out (workbook, rels, shared strings, styles). */
export function buildXlsx(options: BuildOptions): Uint8Array {
	const enc = new TextEncoder();
	const shared = options.sharedStrings !== false && !options.inlineStrings;
	const strings = shared ? new StringTable() : null;
	const d1904 = options.date1904 === true;
	const files: Zippable = {};
	let sheetsXml = '';
	let relsXml = '';
	let types = '';
	options.sheets.forEach((sheet, i) => {
		const n = i + 1;
		files[`xl/worksheets/sheet${n}.xml`] = concat(sheetXml(sheet, strings, d1904, enc));
		const state = sheet.hidden ? ` state="${sheet.hidden === true ? 'hidden' : sheet.hidden}"` : '';
		sheetsXml += `<sheet name="${xmlAttr(sheet.name)}" sheetId="${n}"${state} r:id="rId${n}"/>`;
		relsXml += `<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`;
		types += `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
	});
	const count = options.sheets.length;
	relsXml += `<Relationship Id="rId${count + 1}" Type="${REL}/styles" Target="styles.xml"/>`;
	if (strings) {
		relsXml += `<Relationship Id="rId${count + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`;
		files['xl/sharedStrings.xml'] = sharedStringsXml(strings.items, enc);
	}
	const pr = d1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>';
	files['xl/workbook.xml'] = strToU8(
		`${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}">${pr}<sheets>${sheetsXml}</sheets></workbook>`,
	);
	files['xl/_rels/workbook.xml.rels'] = strToU8(
		`${XML_HEAD}<Relationships xmlns="${PKG_REL}">${relsXml}</Relationships>`,
	);
	files['xl/styles.xml'] = strToU8(STYLES);
	Object.assign(files, packageFiles(types));
	return zipSync(files, { level: options.level ?? 1 });
}

/** `[Content_Types].xml` and `_rels/.rels` for a workbook at xl/workbook.xml. */
export function packageFiles(overrides = ''): Record<string, Uint8Array> {
	return {
		'[Content_Types].xml': strToU8(
			`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
				`${overrides}</Types>`,
		),
		'_rels/.rels': strToU8(
			`${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		),
	};
}

/**
 * A package from hand-written parts, for the odd files other writers make (namespace prefixes,
 * missing `r`, rich text). Parts given as strings are UTF-8; `_rels/.rels` and the content
 * types are added unless given.
 */
export function zipParts(parts: Record<string, string | Uint8Array>, level: 0 | 6 = 6): Uint8Array {
	const files: Zippable = { ...packageFiles() };
	for (const [name, body] of Object.entries(parts))
		files[name] = typeof body === 'string' ? strToU8(body) : body;
	return zipSync(files, { level });
}

/** An OLE compound file (the container of .xls and of password-protected .xlsx). */
function oleFile(names: string[]): Uint8Array {
	const sector = 512;
	// Header, one FAT sector (#0), one directory sector (#1) with up to four entries.
	const out = new Uint8Array(sector * 3);
	const view = new DataView(out.buffer);
	out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
	view.setUint16(0x18, 0x3e, true);
	view.setUint16(0x1a, 3, true);
	view.setUint16(0x1c, 0xfffe, true);
	view.setUint16(0x1e, 9, true); // 512-byte sectors
	view.setUint16(0x20, 6, true);
	view.setUint32(0x2c, 1, true); // one FAT sector
	view.setUint32(0x30, 1, true); // directory starts at sector 1
	view.setUint32(0x38, 4096, true);
	view.setUint32(0x3c, 0xfffffffe, true);
	view.setUint32(0x44, 0xfffffffe, true);
	for (let i = 0; i < 109; i++) view.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
	// FAT: sector 0 is a FAT sector, sector 1 ends the directory chain.
	const fat = sector;
	for (let i = 0; i < 128; i++) view.setUint32(fat + i * 4, 0xffffffff, true);
	view.setUint32(fat, 0xfffffffd, true);
	view.setUint32(fat + 4, 0xfffffffe, true);
	const dir = sector * 2;
	['Root Entry', ...names].slice(0, 4).forEach((name, i) => {
		const at = dir + i * 128;
		for (let j = 0; j < name.length; j++) view.setUint16(at + j * 2, name.charCodeAt(j), true);
		view.setUint16(at + 0x40, (name.length + 1) * 2, true);
		out[at + 0x42] = i === 0 ? 5 : 2; // root storage, then streams
	});
	return out;
}

/** A legacy Excel 97–2003 workbook, as far as detection looks. */
export function buildXlsLike(): Uint8Array {
	return oleFile(['Workbook', '\u0005SummaryInformation']);
}

/** A password-protected .xlsx: an OLE file holding EncryptionInfo and EncryptedPackage. */
export function buildEncryptedLike(): Uint8Array {
	return oleFile(['EncryptionInfo', 'EncryptedPackage']);
}

/** An OpenDocument spreadsheet: a zip whose first entry, `mimetype`, says so. */
export function buildOdsLike(): Uint8Array {
	return zipSync(
		{
			mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
			'content.xml': strToU8('<office:document-content/>'),
			'META-INF/manifest.xml': strToU8('<manifest:manifest/>'),
		},
		{ level: 6 },
	);
}

/** An Apple Numbers document: a zip of `Index/*.iwa` protobuf archives. */
export function buildNumbersLike(): Uint8Array {
	return zipSync({
		'Index/Document.iwa': new Uint8Array([0, 1, 2, 3]),
		'Index/Metadata.iwa': new Uint8Array([4, 5, 6]),
		'Metadata/Properties.plist': strToU8('<plist/>'),
	});
}

/** The bytes as a RandomAccessSource, counting reads (to show what a preview costs). */
export function bytesSource(bytes: Uint8Array): {
	size: number;
	read(start: number, end: number): Promise<Uint8Array>;
	bytesRead: number;
} {
	return {
		size: bytes.length,
		bytesRead: 0,
		async read(start, end) {
			const slice = bytes.slice(start, Math.min(end, bytes.length));
			this.bytesRead += slice.length;
			return slice;
		},
	};
}

/** Offset of an entry's compressed data, from its local header. */
export function entryDataOffset(zip: Uint8Array, name: string): number {
	const wanted = strToU8(name);
	for (let i = 0; i + 30 < zip.length; i++) {
		if (zip[i] !== 0x50 || zip[i + 1] !== 0x4b || zip[i + 2] !== 3 || zip[i + 3] !== 4) continue;
		const nameLength = zip[i + 26]! | (zip[i + 27]! << 8);
		const extra = zip[i + 28]! | (zip[i + 29]! << 8);
		const found = zip.subarray(i + 30, i + 30 + nameLength);
		if (found.length === wanted.length && found.every((b, j) => b === wanted[j]))
			return i + 30 + nameLength + extra;
	}
	throw new Error(`no entry ${name}`);
}
