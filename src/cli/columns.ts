// The source file's header row as the reports show it: each header cell with its column letter
// and the template field it feeds, or null when its cells are left out.
import { CsvStreamReader, type Delimiter } from '../core/csv-reader.ts';
import { StreamDecoder, type Encoding } from '../core/decode.ts';
import type { ByteSource } from '../core/import-csv.ts';
import { columnLetter, matchHeader, type Field, type HeaderMapping } from '../core/template.ts';

/**
 * - `template`: the header is the template name itself.
 * - `alias`: another name for a template column (e.g. `Email`); exports use the template name.
 * - `duplicate`: a second column for the same field; left out.
 * - `unknown`: not a template column; left out.
 * - `empty`: no header text; its non-empty cells are reported as cells outside the columns.
 */
export type ColumnStatus = 'template' | 'alias' | 'duplicate' | 'unknown' | 'empty';

export interface SourceColumn {
	/** 0-based position in the source file. */
	index: number;
	/** The spreadsheet column letter: A, B, … AA. */
	letter: string;
	/** The header cell as written in the file. */
	header: string;
	/** The template field the column feeds, or null when its cells are left out. */
	field: Field | null;
	status: ColumnStatus;
}

/**
 * Reads the first non-blank record again (the header row), with the encoding and delimiter the
 * import settled on. Only the first chunks are read; an unreadable header gives [].
 */
export async function readHeaderCells(
	source: ByteSource,
	encoding: Encoding,
	delimiter: Delimiter,
): Promise<string[]> {
	let header: string[] | null = null;
	const decoder = new StreamDecoder(encoding);
	const reader = new CsvStreamReader((records) => {
		header ??= records.find((r) => r.cells.some((c) => c.trim() !== ''))?.cells ?? null;
	}, delimiter);
	try {
		for await (const chunk of source.chunks()) {
			reader.push(decoder.decode(chunk));
			if (header || decoder.binary) break;
		}
		if (!header && !decoder.binary) {
			reader.push(decoder.decode(new Uint8Array(0), true));
			reader.end();
		}
	} catch {
		return [];
	}
	return header ?? [];
}

/** Pairs the header cells with the mapping the validation used; trailing empty cells are left out. */
export function describeColumns(cells: readonly string[], mapping: HeaderMapping): SourceColumn[] {
	let end = cells.length;
	while (end > 0 && (cells[end - 1] as string).trim() === '') end--;
	return cells.slice(0, end).map((header, index) => {
		const text = header.trim();
		const field = mapping.columns[index] ?? null;
		const status: ColumnStatus =
			text === ''
				? 'empty'
				: field !== null
					? text === field
						? 'template'
						: 'alias'
					: matchHeader(text) !== null
						? 'duplicate'
						: 'unknown';
		return { index, letter: columnLetter(index), header, field, status };
	});
}
