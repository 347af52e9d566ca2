// The workbook package's parts other than sheets: relationships, the workbook (sheet names, date
// system), styles (which cells are dates or zero-padded) and the shared strings table, which is
// streamed like a sheet because a million unique emails make it large.
import { numberKind } from './cells.ts';
import { rootPrefix, type StyleKinds } from './scan.ts';
import { attrByLocal, attributes, stringItemText, tags } from './xml.ts';
import { streamEntry, type ZipEntry } from './zip.ts';
import type { RandomAccessSource } from './types.ts';

export interface Relationship {
	type: string;
	/** Full path inside the package, without a leading slash. */
	target: string;
}

/** `xl/workbook.xml` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`. */
export function resolveTarget(partPath: string, target: string): string {
	let t = target.replace(/\\/g, '/');
	try {
		t = decodeURIComponent(t);
	} catch {
		// A stray % is part of the name.
	}
	const base = t.startsWith('/') ? [] : partPath.split('/').slice(0, -1);
	for (const piece of t.split('/')) {
		if (piece === '' || piece === '.') continue;
		if (piece === '..') base.pop();
		else base.push(piece);
	}
	return base.join('/');
}

/** The relationships of `partPath` (from `dir/_rels/name.rels`), by id. */
export function parseRels(xml: string, partPath: string): Map<string, Relationship> {
	const out = new Map<string, Relationship>();
	for (const tag of tags(xml)) {
		if (tag.closing || tag.local !== 'Relationship') continue;
		const a = attributes(tag.attrs);
		const id = a.get('Id');
		const target = a.get('Target');
		if (id === undefined || target === undefined || a.get('TargetMode') === 'External') continue;
		out.set(id, { type: a.get('Type') ?? '', target: resolveTarget(partPath, target) });
	}
	return out;
}

export function relsPath(partPath: string): string {
	const slash = partPath.lastIndexOf('/');
	return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** Relationship types end the same in transitional and strict OOXML. */
export function relType(type: string, name: string): boolean {
	return type.endsWith(`/${name}`);
}

export interface WorkbookSheet {
	name: string;
	hidden: boolean;
	relId: string;
}

export function parseWorkbook(xml: string): { sheets: WorkbookSheet[]; date1904: boolean } {
	const sheets: WorkbookSheet[] = [];
	let date1904 = false;
	for (const tag of tags(xml)) {
		if (tag.closing) continue;
		if (tag.local === 'workbookPr') {
			const v = attributes(tag.attrs).get('date1904');
			date1904 = v === '1' || v === 'true';
		} else if (tag.local === 'sheet') {
			const a = attributes(tag.attrs);
			const state = a.get('state');
			sheets.push({
				name: a.get('name') ?? '',
				hidden: state === 'hidden' || state === 'veryHidden',
				relId: attrByLocal(a, 'id', true) ?? '',
			});
		}
	}
	return { sheets, date1904 };
}

/** Style index → what its number format does (see StyleKinds). */
export function parseStyles(xml: string): StyleKinds {
	const codes = new Map<number, string>();
	const ids: number[] = [];
	let inXfs = false;
	for (const tag of tags(xml)) {
		if (tag.local === 'numFmt' && !tag.closing) {
			const a = attributes(tag.attrs);
			const id = Number(a.get('numFmtId'));
			if (Number.isInteger(id)) codes.set(id, a.get('formatCode') ?? '');
		} else if (tag.local === 'cellXfs') inXfs = !tag.closing && !tag.selfClosing;
		else if (inXfs && tag.local === 'xf' && !tag.closing) {
			const id = Number(attributes(tag.attrs).get('numFmtId') ?? 0);
			ids.push(Number.isInteger(id) ? id : 0);
		}
	}
	const kinds = new Int16Array(ids.length);
	ids.forEach((id, i) => {
		const kind = numberKind(id, codes.get(id));
		kinds[i] = kind.date ? -1 : Math.min(kind.pad, 255);
	});
	return kinds;
}

/** A decoder for an XML part: UTF-8 unless a byte-order mark says UTF-16. */
export function xmlDecoder(first: Uint8Array): TextDecoder {
	if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
	if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
	return new TextDecoder('utf-8');
}

/**
 * The `<si>` items of `s` from `from`, complete ones only, appended to `strings`. Returns where
 * the first incomplete one starts (or the end).
 */
function stringItems(s: string, from: number, open: string, close: string, strings: string[]) {
	let pos = from;
	for (;;) {
		const i = s.indexOf(open, pos);
		if (i < 0) return s.length - pos > open.length ? s.length - open.length : pos;
		if (i + open.length >= s.length) return i; // `<si` cut at the end: its next character decides
		const c = s.charCodeAt(i + open.length);
		if (c !== 62 && c !== 32 && c !== 47 && c !== 9 && c !== 10 && c !== 13) {
			pos = i + open.length;
			continue;
		}
		const gt = s.indexOf('>', i);
		if (gt < 0) return i;
		if (s.charCodeAt(gt - 1) === 47) {
			strings.push('');
			pos = gt + 1;
			continue;
		}
		const end = s.indexOf(close, gt);
		if (end < 0) return i;
		strings.push(stringItemText(s, gt + 1, end));
		pos = end + close.length;
	}
}

/**
 * The shared strings table, in one array, read as it is inflated. As with sheets, a piece is
 * never joined whole to the item left incomplete by the previous one (see SheetScanner#data).
 */
export async function readSharedStrings(
	source: RandomAccessSource,
	entry: ZipEntry,
	signal?: AbortSignal,
): Promise<string[]> {
	const strings: string[] = [];
	let decoder: TextDecoder | null = null;
	let carry = '';
	let open = '';
	let close = '';
	const feed = (text: string) => {
		if (!open) {
			carry += text;
			const prefix = rootPrefix(carry);
			if (prefix === null) return;
			open = `<${prefix}si`;
			close = `</${prefix}si>`;
			text = carry;
			carry = '';
		}
		let from = 0;
		if (carry.length) {
			const end = text.indexOf(close);
			if (end < 0) {
				carry += text;
				return;
			}
			const head = carry + text.slice(0, end + close.length);
			stringItems(head, 0, open, close, strings);
			from = end + close.length;
		}
		carry = text.slice(stringItems(text, from, open, close, strings));
	};
	await streamEntry(
		source,
		entry,
		(bytes) => {
			decoder ??= xmlDecoder(bytes);
			feed(decoder.decode(bytes, { stream: true }));
		},
		{ signal },
	);
	if (decoder) feed((decoder as TextDecoder).decode());
	return strings;
}
