// Shapes of a draft that the worker, storage and the page all speak of: the row filter, the
// issue counts and the undo history. Defined once here; the worker checks them with these
// schemas where they cross its boundary, and the types are derived from the schemas. The
// credential counts live with the credential (credentials.ts).
import { z } from 'zod';
import { IssueCodeSchema } from './issues.ts';

/**
 * The filters that are not an issue code. `notice.pending`: rows whose notice is still due;
 * `sync.elsewhere`: rows whose email another draft of this device sent (the worker's view).
 */
export const ROW_FILTERS = [
	'all',
	'errors',
	'warnings',
	'notice.pending',
	'notice.printed',
	'sync.rejected',
	'sync.elsewhere',
] as const;
/** The filters whose rows depend on the rows' credentials (sent, rejected, notice printed). */
const CREDENTIAL_FILTERS: ReadonlySet<string> = new Set([
	'notice.pending',
	'notice.printed',
	'sync.rejected',
	'sync.elsewhere',
]);

/** Whether a change to credentials alone may add rows to `filter`'s view or take rows out. */
export function filterReadsCredentials(filter: string): boolean {
	return CREDENTIAL_FILTERS.has(filter);
}

/** Which rows the grid shows: one of `ROW_FILTERS`, or the rows with one issue code. */
export const RowFilterSchema = z.union([z.enum(ROW_FILTERS), IssueCodeSchema]);
export type RowFilter = z.infer<typeof RowFilterSchema>;

export const CodeCountSchema = z.object({
	code: IssueCodeSchema,
	severity: z.enum(['error', 'warning']),
	title: z.string(),
	count: z.number(),
	/** How many of these a safe fix can settle. */
	fixable: z.number(),
});
export type CodeCount = z.infer<typeof CodeCountSchema>;

export const DraftCountsSchema = z.object({
	/** Rows not deleted. */
	rows: z.number(),
	errorRows: z.number(),
	/** Rows with warnings and no error. */
	warningRows: z.number(),
	validRows: z.number(),
	blocked: z.boolean(),
	codes: z.array(CodeCountSchema),
});
export type DraftCounts = z.infer<typeof DraftCountsSchema>;

/** How many steps Undo and Redo can take, and the labels of the next ones. */
export const HistoryInfoSchema = z.object({
	undo: z.number(),
	redo: z.number(),
	/** What Undo would undo, for its label. */
	undoLabel: z.string().nullable(),
	redoLabel: z.string().nullable(),
});
export type HistoryInfo = z.infer<typeof HistoryInfoSchema>;

/** The history of a draft with no undo steps. */
export const NO_HISTORY: Readonly<HistoryInfo> = Object.freeze({
	undo: 0,
	redo: 0,
	undoLabel: null,
	redoLabel: null,
});
