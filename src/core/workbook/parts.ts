// The workbook package's small parts: relationships, the workbook (sheet names, date system) and
// styles (which cells are dates or zero-padded). Shared strings are in shared-strings.ts.
import { numberKind } from './cells.ts';
import type { StyleKinds } from './scan.ts';
import { attrByLocal, attributes, tags } from './xml.ts';

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
