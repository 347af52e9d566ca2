// What the page sees of the open draft, as the worker describes it: its description, its state,
// its rows and the notices to print. The schemas check these shapes where they cross the worker
// boundary (src/worker/protocol.ts); the types are derived from them.
import { z } from 'zod';
import { ISSUE_CODES, IssueSchema, type IssueCode } from '../core/issues.ts';
import { PASSWORD_ORIGINS, SYNC_STATES } from '../core/credentials.ts';

export const Code = z.enum(ISSUE_CODES as [IssueCode, ...IssueCode[]]);
export const RowFilterSchema = z.union([
	z.literal('all'),
	z.literal('errors'),
	z.literal('warnings'),
	z.literal('notice.pending'),
	z.literal('notice.printed'),
	z.literal('sync.rejected'),
	Code,
]);
export type RowFilter = z.infer<typeof RowFilterSchema>;
export const ExportKindSchema = z.enum(['clean', 'attention']);
export const DateOrderSchema = z.enum(['day-first', 'month-first']);
export const Today = z.string().regex(/^\d{8}$/);

export const CellValuesSchema = z
	.object({
		email_address: z.string(),
		initial_password: z.string(),
		first_name: z.string(),
		last_name: z.string(),
		birthdate: z.string(),
		gender: z.string(),
		external_id: z.string(),
		tags: z.array(z.string()),
	})
	.partial();

export const Indexes = z.array(z.number().int().nonnegative());
/** Which rows get new passwords: those without one, those with a weak one, or the selected. */
export const PasswordScopeSchema = z.enum(['missing', 'weak', 'selected']);
export type PasswordScope = z.infer<typeof PasswordScopeSchema>;
/** Which notices to print: every row without errors, the selected ones, or those not printed. */
export const NoticeChoiceSchema = z.enum(['all', 'selected', 'pending']);
export type NoticeChoice = z.infer<typeof NoticeChoiceSchema>;

const CodeCountSchema = z.object({
	code: Code,
	severity: z.enum(['error', 'warning']),
	title: z.string(),
	count: z.number(),
	fixable: z.number(),
});

export const CountsSchema = z.object({
	rows: z.number(),
	errorRows: z.number(),
	warningRows: z.number(),
	validRows: z.number(),
	blocked: z.boolean(),
	codes: z.array(CodeCountSchema),
});
export type Counts = z.infer<typeof CountsSchema>;

export const HistoryStateSchema = z.object({
	undo: z.number(),
	redo: z.number(),
	/** What Undo would undo, for its label. */
	undoLabel: z.string().nullable(),
	redoLabel: z.string().nullable(),
});
export type HistoryState = z.infer<typeof HistoryStateSchema>;

export const DraftInfoSchema = z.object({
	id: z.string(),
	name: z.string(),
	fileName: z.string(),
	size: z.number(),
	encoding: z.string(),
	delimiter: z.string(),
	status: z.enum(['importing', 'ready']),
	/** Rows saved from the source file (a partial import stopped after them). */
	fileRows: z.number(),
	columns: z.array(
		z.object({ letter: z.string(), header: z.string(), field: z.string().nullable() }),
	),
	/** Which optional columns the grid shows. */
	tagColumn: z.boolean(),
	externalIdColumn: z.boolean(),
	fileIssues: z.array(IssueSchema),
	dateOrder: DateOrderSchema.nullable(),
	position: z.number(),
});
export type DraftInfo = z.infer<typeof DraftInfoSchema>;

export const CredentialSchema = z.object({
	origin: z.enum(PASSWORD_ORIGINS),
	setAt: z.number(),
	printedAt: z.number(),
	sync: z.enum(SYNC_STATES),
	syncedAt: z.number(),
});

export const NoticeClientSchema = z.object({
	index: z.number(),
	row: z.number(),
	first_name: z.string(),
	last_name: z.string(),
	email_address: z.string(),
	initial_password: z.string(),
});

export const SyncStatusSchema = z.object({
	phase: z.enum(['idle', 'sending', 'waiting', 'offline', 'paused', 'unconfigured']),
	waiting: z.number(),
	done: z.number(),
	total: z.number(),
	message: z.string(),
	nextAt: z.number().nullable(),
});
export type SyncStatusView = z.infer<typeof SyncStatusSchema>;

export const RowViewSchema = z.object({
	index: z.number(),
	row: z.number(),
	email_address: z.string(),
	initial_password: z.string(),
	first_name: z.string(),
	last_name: z.string(),
	birthdate: z.string(),
	gender: z.string(),
	tags: z.array(z.string()),
	external_id: z.string(),
	extra: z.array(z.string()),
	hasError: z.boolean(),
	issues: z.array(IssueSchema),
	credential: CredentialSchema,
	/** The import API's reasons, while the row is `rejected`. */
	syncIssues: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type RowView = z.infer<typeof RowViewSchema>;

/** The state of the open draft after a change (from this tab or another). */
export const DraftStateSchema = z.object({
	counts: CountsSchema,
	history: HistoryStateSchema,
	/** Rows in the current view. */
	total: z.number(),
	/** False while the rows are still being checked after opening. */
	ready: z.boolean(),
	dateOrder: DateOrderSchema.nullable(),
	/** Ambiguous birthdates a date order would settle. */
	ambiguousDates: z.number(),
	credentials: z.object({
		created: z.number(),
		typed: z.number(),
		removed: z.number(),
		printed: z.number(),
		noticeReady: z.number(),
		noticePending: z.number(),
		unsent: z.number(),
		queued: z.number(),
		synced: z.number(),
		exists: z.number(),
		rejected: z.number(),
	}),
	/** When the clean file was last downloaded (null: never). */
	exportedAt: z.number().nullable(),
});
export type DraftState = z.infer<typeof DraftStateSchema>;
