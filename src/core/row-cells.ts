// How one CSV row's cells become a client record under a header mapping: the column of each
// field, the mapping's fill for fields without one, the left-out and the extra cells. The
// validator's per-row hot path: records are built as one literal from precomputed indexes.
import { NO_STRINGS, type ClientRecord, type TextField } from './record.ts';
import { TEXT_FIELDS } from './fields.ts';
import { columnLetter, type Field, type HeaderMapping } from './template.ts';
import type { ColumnMapping } from './column-mapping.ts';

/** The column of each text field (-1: absent), and of each tag. */
export interface ColumnIndexes extends Record<TextField, number> {
	tags: number[];
	/** Header width: cells past it are extra. */
	width: number;
	/** Columns with an empty header: their cells are extra too. */
	blank: boolean[];
	/** Columns left out (not blank): their cells are kept as written, for the attention file. */
	leftOut: number[];
	/** What a field without a column holds: the mapping's fill, trimmed, or ''. */
	fill: Record<TextField, string>;
}

export function columnIndexes(header: HeaderMapping, mapping: ColumnMapping | null): ColumnIndexes {
	const at = (field: Field) => header.columns.indexOf(field);
	const tags: number[] = [];
	const leftOut: number[] = [];
	header.columns.forEach((f, i) => {
		if (f === 'tag') tags.push(i);
		else if (f === null && !header.blank[i]) leftOut.push(i);
	});
	const fill = Object.fromEntries(
		TEXT_FIELDS.map((f) => [
			f,
			f === 'external_id' || at(f) !== -1 ? '' : (mapping?.fill[f] ?? '').trim(),
		]),
	) as Record<TextField, string>;
	return {
		email_address: at('email_address'),
		initial_password: at('initial_password'),
		first_name: at('first_name'),
		last_name: at('last_name'),
		birthdate: at('birthdate'),
		gender: at('gender'),
		external_id: at('external_id'),
		tags,
		width: header.columns.length,
		blank: header.blank,
		leftOut,
		fill,
	};
}

function trimmedCell(cells: readonly string[], index: number, fill: string): string {
	return index === -1 ? fill : (cells[index] ?? '').trim();
}

/** The left-out columns' cells as written, or NO_STRINGS when every one is empty. */
function leftOutCells(cells: readonly string[], columns: readonly number[]): string[] {
	for (let k = 0; k < columns.length; k++)
		if ((cells[columns[k] as number] ?? '') !== '') return columns.map((j) => cells[j] ?? '');
	return NO_STRINGS as string[];
}

export function isBlank(cells: readonly string[]): boolean {
	for (let i = 0; i < cells.length; i++) if ((cells[i] as string).trim() !== '') return false;
	return true;
}

/** A row's cells as a client record, under the header's columns. */
export function recordOf(cells: readonly string[], row: number, at: ColumnIndexes): ClientRecord {
	// Built as one literal from precomputed column indexes: a keyed store per cell
	// (rec[field] = …) goes megamorphic and dominated the per-row cost.
	const rec: ClientRecord = {
		row,
		email_address: trimmedCell(cells, at.email_address, at.fill.email_address),
		initial_password:
			at.initial_password === -1 ? at.fill.initial_password : (cells[at.initial_password] ?? ''),
		first_name: trimmedCell(cells, at.first_name, at.fill.first_name),
		last_name: trimmedCell(cells, at.last_name, at.fill.last_name),
		birthdate: trimmedCell(cells, at.birthdate, at.fill.birthdate),
		gender: trimmedCell(cells, at.gender, at.fill.gender),
		tags: NO_STRINGS as string[],
		external_id: trimmedCell(cells, at.external_id, at.fill.external_id),
		extra: NO_STRINGS as string[],
		leftOut: NO_STRINGS as string[],
	};
	for (let k = 0; k < at.tags.length; k++) {
		const tag = trimmedCell(cells, at.tags[k] as number, '');
		// A literal holds one tag in one slot; a push onto [] reserves seventeen (issue 16's
		// allocation profile: ~120 bytes a row on files with a tag column).
		if (tag !== '') {
			if (rec.tags === NO_STRINGS) rec.tags = [tag];
			else rec.tags.push(tag);
		}
	}
	if (at.leftOut.length > 0) rec.leftOut = leftOutCells(cells, at.leftOut);
	for (let i = 0; i < cells.length; i++) {
		if (i < at.width && !at.blank[i]) continue;
		if ((cells[i] as string).trim() !== '') {
			if (rec.extra === NO_STRINGS) rec.extra = [columnLetter(i)];
			else rec.extra.push(columnLetter(i));
		}
	}
	return rec;
}
