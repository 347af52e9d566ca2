// The English wordings of the problems of a file as a whole (its bytes, its sheets, the rows
// above its header), apart from issue-messages.ts for length; keyed as it explains.
import type { Wording } from './issue-messages.ts';

const num = (n: string | number | undefined): string => Number(n).toLocaleString('en-US');

export const FILE_WORDINGS: Record<string, Wording> = {
	file_empty: {
		needs: [],
		en: () =>
			'The file is empty. Choose the CSV file exported from your spreadsheet, with the header in row 1 and one client per row.',
	},
	file_empty_sheet: {
		needs: ['sheet'],
		en: (p) =>
			`The sheet “${p.sheet}” is empty. Choose the sheet or workbook that holds the client list, with one client per row under a header row.`,
	},
	file_empty_sheet_preview: {
		needs: ['sheet'],
		en: (p) => `The sheet “${p.sheet}” is empty. Choose the sheet that holds the client list.`,
	},
	file_empty_all_sheets: {
		needs: ['sheets'],
		en: (p) =>
			`Every sheet of this workbook is empty (${p.sheets}). Choose the workbook that holds the client list.`,
	},
	file_binary_xlsx: {
		needs: [],
		en: () =>
			'This is an Excel workbook (.xlsx), not a CSV file. In Excel choose File → Save As → “CSV UTF-8 (Comma delimited)” and choose that file.',
	},
	file_binary_xls: {
		needs: [],
		en: () =>
			'This is an old Excel workbook (.xls), not a CSV file. In Excel choose File → Save As → “CSV UTF-8 (Comma delimited)” and choose that file.',
	},
	file_binary_pdf: {
		needs: [],
		en: () =>
			'This is a PDF, not a CSV file or a workbook. Export the client list from your spreadsheet as CSV or as an Excel workbook (.xlsx) and choose that file.',
	},
	file_binary_binary: {
		needs: [],
		en: () =>
			'This file is not text, so it is neither a CSV file nor an Excel workbook. Export the client list from your spreadsheet as CSV or .xlsx and choose that file.',
	},
	file_workbook_xls: {
		needs: [],
		en: () =>
			'This is an old Excel workbook (.xls), which Roster cannot read. In Excel choose File → Save As → “Excel Workbook (.xlsx)” (or “CSV UTF-8”) and choose that file.',
	},
	file_workbook_numbers: {
		needs: [],
		en: () =>
			'This is an Apple Numbers file. In Numbers choose File → Export To → Excel… (or CSV…) and choose the exported file.',
	},
	file_workbook_ods: {
		needs: [],
		en: () =>
			'This is an OpenDocument spreadsheet (.ods). In LibreOffice choose File → Save As → “Excel 2007-365 (.xlsx)”, or in Google Sheets File → Download → Microsoft Excel (.xlsx), and choose that file.',
	},
	file_workbook_encrypted: {
		needs: [],
		en: () =>
			'This workbook is protected by a password to open, so Roster cannot read it. In Excel open it, choose File → Info → Protect Workbook → Encrypt with Password, clear the password, save, and choose it again.',
	},
	file_workbook_no_sheets: {
		needs: [],
		en: () =>
			'This workbook has no sheet with cells (only charts). Choose the workbook that holds the client list.',
	},
	file_workbook_damaged: {
		needs: [],
		en: () =>
			'This workbook is damaged or is not a real .xlsx file, so Roster could not read it. Open it in Excel and save it again as .xlsx (or as “CSV UTF-8”), then choose that file.',
	},
	file_workbook_no_sheet: {
		needs: ['sheet', 'sheets'],
		en: (p) => `This workbook has no sheet named ${p.sheet}. Its sheets: ${p.sheets}.`,
	},
	file_workbook_choose: {
		needs: ['count', 'sheets'],
		en: (p) =>
			`This workbook has ${p.count} sheets that could hold the clients: ${p.sheets}. Choose the sheet to import (in the CLI: --sheet NAME).`,
	},
	file_no_rows: {
		needs: [],
		en: () =>
			'The file has a header row but no clients. Add one client per row under the header (row 2 and down).',
	},
	file_rows_skipped_one: {
		needs: ['header', 'row', 'text'],
		en: (p) =>
			`The header is row ${p.header}: row ${p.row} above it was skipped as a title or notes (${p.text}). If clients are listed there, move them below the header.`,
	},
	file_rows_skipped_one_client: {
		needs: ['header', 'row'],
		en: (p) =>
			`The header is row ${p.header}: row ${p.row} above it was skipped as a title or notes (a client's details). If clients are listed there, move them below the header.`,
	},
	file_rows_skipped_many: {
		needs: ['header', 'first', 'last', 'text', 'more'],
		en: (p) =>
			`The header is row ${p.header}: rows ${p.first}–${p.last} above it were skipped as a title or notes (${p.text} and ${num(p.more)} more ${p.more === 1 ? 'row' : 'rows'}). If clients are listed there, move them below the header.`,
	},
	file_rows_skipped_many_client: {
		needs: ['header', 'first', 'last', 'more'],
		en: (p) =>
			`The header is row ${p.header}: rows ${p.first}–${p.last} above it were skipped as a title or notes (a client's details and ${num(p.more)} more ${p.more === 1 ? 'row' : 'rows'}). If clients are listed there, move them below the header.`,
	},
};
