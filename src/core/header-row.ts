// Which row is the header: real sheets often carry a title or notes above it ("Client list —
// March"). The header is the first row within the first HEADER_SEARCH_ROWS that names template
// fields; rows above it are skipped (and said once). A file whose rows name none keeps its first
// non-blank row as the header, as before, and the mapping step names its columns. The import,
// `inspect` and the CLI all decide through this one class, so they always agree.
import type { CsvRecord } from './csv-reader.ts';
import { foldHeader, matchHeaderName, UNSURE_NAMES } from './header-aliases.ts';
import { isBlank } from './row-cells.ts';
import { quote, type Issue } from './issues.ts';
import { wordedIssue, type IssueParams } from './issue-messages.ts';
import { rowHoldsClient } from './rules.ts';

/** Rows 1 to this are searched for the header. */
export const HEADER_SEARCH_ROWS = 20;

const UNSURE = new Set(UNSURE_NAMES.map((u) => foldHeader(u.name)));

/**
 * True when a row's cells name at least two different template fields (a name that means
 * different fields to different pros, like `Name`, counts as one).
 */
export function looksLikeHeader(cells: readonly string[]): boolean {
	let first: string | null = null;
	for (const cell of cells) {
		if (cell.length > 200) continue;
		const field =
			matchHeaderName(cell)?.field ?? (UNSURE.has(foldHeader(cell.trim())) ? cell : null);
		if (field === null) continue;
		if (first === null) first = field;
		else if (field !== first) return true;
	}
	return false;
}

/**
 * Feed non-blank records in order with `push`; it answers the records that are client rows
 * (none while the header is still being looked for). `settle` ends the search.
 */
export class HeaderSearch {
	#pending: CsvRecord[] = [];
	#header: CsvRecord | null = null;
	#skipped: CsvRecord[] = [];

	get header(): CsvRecord | null {
		return this.#header;
	}

	/** True while rows wait for the header to be found. */
	get waiting(): boolean {
		return this.#pending.length > 0;
	}

	/** The rows above a header found below them. */
	get skipped(): readonly CsvRecord[] {
		return this.#skipped;
	}

	push(record: CsvRecord): CsvRecord[] {
		if (this.#header) return [record];
		if (isBlank(record.cells)) return [];
		if (record.row <= HEADER_SEARCH_ROWS && looksLikeHeader(record.cells)) {
			this.#header = record;
			this.#skipped = this.#pending;
			this.#pending = [];
			return [];
		}
		this.#pending.push(record);
		return record.row >= HEADER_SEARCH_ROWS ? this.settle() : [];
	}

	/** No header found (yet): the first row is the header; answers the rows after it. */
	settle(): CsvRecord[] {
		if (this.#header) return [];
		const [first, ...rest] = this.#pending;
		this.#pending = [];
		this.#header = first ?? null;
		return rest;
	}
}

/** The one mention of rows skipped above the header. */
export function skippedRowsIssue(skipped: readonly CsvRecord[], headerRow: number): Issue {
	const first = skipped[0] as CsvRecord;
	const last = skipped[skipped.length - 1] as CsvRecord;
	const text = first.cells.find((c) => c.trim() !== '') ?? '';
	// A client's row (it holds an email address) is not quoted: a password may be in it.
	const client = rowHoldsClient(first.cells);
	const variant = `${skipped.length === 1 ? 'one' : 'many'}${client ? '_client' : ''}`;
	const params: IssueParams =
		skipped.length === 1
			? { header: headerRow, row: first.row }
			: { header: headerRow, first: first.row, last: last.row, more: skipped.length - 1 };
	if (!client) params.text = quote(text.trim());
	return wordedIssue('file.rows_skipped', null, null, variant, params);
}
