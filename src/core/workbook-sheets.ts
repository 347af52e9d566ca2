// Which sheet of a workbook holds the clients: the one sheet whose header row (within the first
// rows, see header-row.ts) names template fields. Several such sheets, or none among several
// with cells, and the pro chooses. Only the start of each sheet is read.
import type { CsvRecord } from './csv-reader.ts';
import { HEADER_SEARCH_ROWS, looksLikeHeader } from './header-row.ts';
import { quote, type Issue } from './issues.ts';
import { ISSUE_WORDINGS, wordedIssue } from './issue-messages.ts';
import { isBlank } from './row-cells.ts';
import type { WorkbookProblem, WorkbookReader } from './workbook/types.ts';

export interface SheetHead {
	name: string;
	hidden: boolean;
	/** Its first non-blank rows (at most the `rows` asked for). */
	rows: CsvRecord[];
	/** A row within the first HEADER_SEARCH_ROWS names template fields. */
	matches: boolean;
}

/** The first `rows` non-blank rows of every sheet. */
export async function readSheetHeads(reader: WorkbookReader, rows: number): Promise<SheetHead[]> {
	const heads: SheetHead[] = [];
	for (const sheet of reader.sheets) {
		const head: CsvRecord[] = [];
		await reader.readRows(sheet.name, (batch) => {
			for (const r of batch) if (!isBlank(r.cells) && head.length < rows) head.push(r);
			return head.length < rows;
		});
		const matches = head.some((r) => r.row <= HEADER_SEARCH_ROWS && looksLikeHeader(r.cells));
		heads.push({ name: sheet.name, hidden: sheet.hidden, rows: head, matches });
	}
	return heads;
}

/**
 * The sheet to read without asking: the one visible sheet whose header matches, else the one
 * visible sheet with cells. Null when the pro must choose (or when every sheet is empty).
 */
export function pickSheet(heads: readonly SheetHead[]): string | null {
	const visible = heads.filter((h) => !h.hidden && h.rows.length > 0);
	const matching = visible.filter((h) => h.matches);
	if (matching.length === 1) return (matching[0] as SheetHead).name;
	if (matching.length === 0 && visible.length === 1) return (visible[0] as SheetHead).name;
	return null;
}

const list = (names: readonly string[]) => names.map((n) => quote(n)).join(', ');

/** Why the import cannot pick a sheet by itself, or cannot find the one asked for. */
export function sheetChoiceIssue(heads: readonly SheetHead[], asked: string | null): Issue {
	const names = heads.map((h) => h.name);
	if (asked !== null)
		return wordedIssue('file.workbook', null, null, 'no_sheet', {
			sheet: quote(asked),
			sheets: list(names),
		});
	const withCells = heads.filter((h) => h.rows.length > 0);
	if (withCells.length === 0)
		return wordedIssue('file.empty', null, null, 'all_sheets', { sheets: list(names) });
	const matching = withCells.filter((h) => h.matches);
	const candidates = (matching.length > 0 ? matching : withCells).map((h) => h.name);
	return wordedIssue('file.workbook', null, null, 'choose', {
		count: candidates.length,
		sheets: list(candidates),
	});
}

const english = (key: string): string => ISSUE_WORDINGS[key]?.en({}) ?? '';

/** What to do about a workbook Roster cannot read, by what it is. */
export const WORKBOOK_ADVICE: Record<WorkbookProblem, string> = {
	xls: english('file_workbook_xls'),
	numbers: english('file_workbook_numbers'),
	ods: english('file_workbook_ods'),
	encrypted: english('file_workbook_encrypted'),
	'no-sheets': english('file_workbook_no_sheets'),
	damaged: english('file_workbook_damaged'),
};

/** `file.workbook` for a workbook Roster cannot read, saying what to do about it. */
export function workbookIssue(problem: WorkbookProblem): Issue {
	return wordedIssue('file.workbook', null, null, problem.replace('-', '_'), {});
}

/** `file.empty` for a sheet without cells; `preview`: the mapping step's shorter advice. */
export function emptySheetIssue(sheet: string, preview = false): Issue {
	return wordedIssue('file.empty', null, null, preview ? 'sheet_preview' : 'sheet', { sheet });
}

/** The first bytes of a zip (.xlsx, .ods, Numbers) or of an OLE file (.xls, encrypted .xlsx). */
export function isWorkbookHead(head: Uint8Array): boolean {
	const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
	return starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
}
