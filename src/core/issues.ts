// The issue contract: every problem Roster reports, with a stable code defined only here.
import { z } from 'zod';

export const ISSUE_SEVERITY = {
	'file.empty': 'error',
	'file.binary': 'error',
	'file.no_rows': 'error',
	'file.workbook': 'error',
	'file.rows_skipped': 'warning',
	'header.missing': 'error',
	'header.duplicate': 'error',
	'header.alias': 'warning',
	'header.unknown': 'warning',
	'row.extra_cells': 'warning',
	'row.unclosed_quote': 'error',
	'row.encoding': 'warning',
	'value.formula': 'warning',
	'value.too_long': 'error',
	'email.missing': 'error',
	'email.invalid': 'error',
	'email.uppercase': 'error',
	'email.duplicate': 'error',
	'password.missing': 'error',
	'password.too_short': 'error',
	'password.weak': 'warning',
	'password.whitespace': 'warning',
	'first_name.missing': 'error',
	'last_name.missing': 'error',
	'birthdate.missing': 'error',
	'birthdate.format': 'error',
	'birthdate.ambiguous': 'error',
	'birthdate.invalid': 'error',
	'birthdate.future': 'error',
	'birthdate.out_of_range': 'error',
	'gender.missing': 'error',
	'gender.alias': 'error',
	'gender.ambiguous': 'error',
	'gender.invalid': 'error',
	'external_id.duplicate': 'error',
} as const satisfies Record<string, 'error' | 'warning'>;

export type IssueCode = keyof typeof ISSUE_SEVERITY;
export type Severity = 'error' | 'warning';
export const ISSUE_CODES = Object.keys(ISSUE_SEVERITY) as IssueCode[];

/** Short plain-language titles, used to group issues on screen and in the CLI report. */
export const ISSUE_TITLES: Record<IssueCode, string> = {
	'file.empty': 'The file is empty',
	'file.binary': 'The file is not a CSV file or a workbook',
	'file.no_rows': 'No clients in the file',
	'file.workbook': 'The workbook cannot be read',
	'file.rows_skipped': 'Rows above the header skipped',
	'header.missing': 'Required column missing',
	'header.duplicate': 'Column appears twice',
	'header.alias': 'Column name differs from the template',
	'header.unknown': 'Column not in the template (dropped)',
	'row.extra_cells': 'Cells outside the columns (dropped)',
	'row.unclosed_quote': 'Quote never closed',
	'row.encoding': 'Row read as Windows-1252',
	'value.formula': 'Value a spreadsheet would run as a formula',
	'value.too_long': 'Value too long',
	'email.missing': 'Email missing',
	'email.invalid': 'Email not valid',
	'email.uppercase': 'Email has capital letters',
	'email.duplicate': 'Email used more than once',
	'password.missing': 'Password missing',
	'password.too_short': 'Password shorter than 8 characters',
	'password.weak': 'Password could be stronger',
	'password.whitespace': 'Password starts or ends with a space',
	'first_name.missing': 'First name missing',
	'last_name.missing': 'Last name missing',
	'birthdate.missing': 'Birthdate missing',
	'birthdate.format': 'Birthdate not in YYYYMMDD form',
	'birthdate.ambiguous': 'Birthdate could be day-first or month-first',
	'birthdate.invalid': 'Birthdate is not a real day',
	'birthdate.future': 'Birthdate in the future',
	'birthdate.out_of_range': 'Birthdate before 1900',
	'gender.missing': 'Gender missing',
	'gender.alias': 'Gender written differently',
	'gender.ambiguous': 'Gender letter could mean either',
	'gender.invalid': 'Gender value not accepted',
	'external_id.duplicate': 'External ID used more than once',
};

export const IssueCodeSchema = z.enum(ISSUE_CODES as [IssueCode, ...IssueCode[]]);

export const IssueSchema = z.object({
	row: z.number().int().positive().nullable(),
	column: z.string().nullable(),
	code: IssueCodeSchema,
	severity: z.enum(['error', 'warning']),
	message: z.string(),
	fix: z.string().optional(),
	/**
	 * A duplicate's first row, as the draft's row index (never shown: "Go to the other row" in
	 * the problems panel goes there).
	 */
	duplicateOf: z.number().int().nonnegative().optional(),
	/**
	 * The facts the message is made of (quoted values, lengths, the other row; `variant` where a
	 * code has several wordings), so the app can say it in the pro's language
	 * (core/issue-messages.ts). Absent on issues stored before they were kept.
	 */
	params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export type Issue = z.infer<typeof IssueSchema>;

export function makeIssue(
	code: IssueCode,
	row: number | null,
	column: string | null,
	message: string,
	fix?: string,
): Issue {
	const issue: Issue = { row, column, code, severity: ISSUE_SEVERITY[code], message };
	if (fix !== undefined) issue.fix = fix;
	return issue;
}

/** "Row 14: " for a row, "Header: " for row 1, "" for the whole file. */
export function wherePrefix(row: number | null): string {
	if (row === null) return '';
	return row === 1 ? 'Header (row 1): ' : `Row ${row}: `;
}

/**
 * Quotes a value for a message, showing invisible edges so "tiny " and "tiny" differ. A value
 * over 40 characters (enough to recognise it, short on a phone) is cut with "…", never inside
 * an emoji, so a 10,000-character cell cannot swell a message.
 */
export function quote(value: string): string {
	let shown = value;
	if (value.length > 40) {
		let end = 39;
		const last = value.charCodeAt(end - 1);
		if (last >= 0xd800 && last <= 0xdbff) end--;
		shown = `${value.slice(0, end)}…`;
	}
	return `'${shown.replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
}

/** Problems of the file as a whole (its bytes, its header), as opposed to one client's row. */
export function isFileScope(code: IssueCode): boolean {
	return code.startsWith('file.') || code.startsWith('header.') || code === 'row.unclosed_quote';
}
