// The typed messages between the page and the draft worker. Both sides parse what they
// receive with these schemas; nothing crossing the boundary is cast.
import { z } from 'zod';
import { ISSUE_CODES, IssueSchema, type IssueCode } from '../core/issues.ts';
import { PASSWORD_ORIGINS, SYNC_STATES } from '../core/credentials.ts';
import { PasswordOptionsSchema } from '../core/password.ts';

const Code = z.enum(ISSUE_CODES as [IssueCode, ...IssueCode[]]);
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
const DateOrderSchema = z.enum(['day-first', 'month-first']);
const Today = z.string().regex(/^\d{8}$/);

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

const id = z.number();
const Indexes = z.array(z.number().int().nonnegative());
/** Which rows get new passwords: those without one, those with a weak one, or the selected. */
export const PasswordScopeSchema = z.enum(['missing', 'weak', 'selected']);
export type PasswordScope = z.infer<typeof PasswordScopeSchema>;
/** Which notices to print: every row without errors, the selected ones, or those not printed. */
export const NoticeChoiceSchema = z.enum(['all', 'selected', 'pending']);
export type NoticeChoice = z.infer<typeof NoticeChoiceSchema>;

export const RequestSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('import'),
		id,
		file: z.instanceof(Blob),
		name: z.string(),
		lastModified: z.number(),
		today: Today,
		/** Finish this partly imported draft instead of making a new one. */
		resume: z.string().optional(),
	}),
	z.object({ type: z.literal('cancel'), id, target: z.number() }),
	z.object({ type: z.literal('open'), id, draftId: z.string(), today: Today }),
	z.object({ type: z.literal('close'), id }),
	z.object({ type: z.literal('view'), id, filter: RowFilterSchema, search: z.string() }),
	z.object({
		type: z.literal('rows'),
		id,
		offset: z.number().int().nonnegative(),
		limit: z.number().int().positive().max(1000),
	}),
	/** Where a row is in the current view (to keep it in sight after a filter change). */
	z.object({ type: z.literal('locate'), id, index: z.number().int().nonnegative() }),
	z.object({
		type: z.literal('edit'),
		id,
		index: z.number().int().nonnegative(),
		set: CellValuesSchema,
	}),
	z.object({
		type: z.literal('fix'),
		id,
		/** One row, or every row when absent. */
		index: z.number().int().nonnegative().optional(),
		/** Only the fixes of this issue code, or every safe fix when absent. */
		code: Code.optional(),
	}),
	z.object({ type: z.literal('addRow'), id }),
	z.object({ type: z.literal('deleteRows'), id, indexes: z.array(z.number().int().nonnegative()) }),
	z.object({ type: z.literal('dateOrder'), id, order: DateOrderSchema }),
	z.object({ type: z.literal('undo'), id }),
	z.object({ type: z.literal('redo'), id }),
	z.object({
		type: z.literal('export'),
		id,
		kind: ExportKindSchema,
		draftId: z.string().optional(),
	}),
	z.object({ type: z.literal('duplicate'), id, draftId: z.string(), name: z.string() }),
	z.object({
		type: z.literal('passwords'),
		id,
		scope: PasswordScopeSchema,
		/** With scope `selected`. */
		indexes: Indexes.optional(),
		options: PasswordOptionsSchema,
	}),
	z.object({
		type: z.literal('notices'),
		id,
		choice: NoticeChoiceSchema,
		/** With choice `selected`. */
		indexes: Indexes.optional(),
	}),
	/** The notices of these rows were printed now (not an undo step: it records a fact). */
	z.object({ type: z.literal('markPrinted'), id, indexes: Indexes }),
	/** Wipes every stored password of the open draft, and its undo history that holds them. */
	z.object({ type: z.literal('removePasswords'), id }),
	/** Queues the open draft's rows without errors as a batch and sends it when online. */
	z.object({
		type: z.literal('sync'),
		id,
		chunkSize: z.number().int().min(1).max(1000).optional(),
		/** The organisation's tags as last fetched (absent: not known, tags are not checked). */
		knownTags: z.array(z.string()).optional(),
	}),
	/** Sends whatever waits now (app start, back online, "Sync now", new settings). */
	z.object({ type: z.literal('syncNow'), id }),
]);
export type Request = z.infer<typeof RequestSchema>;
/** A request without its id: what the client's callers pass. */
export type RequestBody = Request extends infer R
	? R extends { id: number }
		? Omit<R, 'id'>
		: never
	: never;

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

export const ResponseSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('progress'),
		id,
		bytesRead: z.number(),
		totalBytes: z.number(),
		rows: z.number(),
		savedRows: z.number(),
	}),
	z.object({ type: z.literal('opened'), id, draft: DraftInfoSchema, state: DraftStateSchema }),
	z.object({
		type: z.literal('rows'),
		id,
		total: z.number(),
		offset: z.number(),
		rows: z.array(RowViewSchema),
	}),
	z.object({ type: z.literal('located'), id, position: z.number() }),
	/**
	 * A change committed to storage (`id` 0: from another tab, or the end of checking rows).
	 * `index`: the row an edit or an added row ended on.
	 */
	z.object({
		type: z.literal('changed'),
		id,
		state: DraftStateSchema,
		index: z.number().optional(),
		/** How many rows the change touched (0: nothing to do). */
		changedRows: z.number(),
		/** For id 0: the platform's answer to a sync chunk landed (not another tab's edit). */
		bySync: z.boolean().optional(),
	}),
	z.object({
		type: z.literal('exported'),
		id,
		blob: z.instanceof(Blob),
		rows: z.number(),
		fileName: z.string(),
	}),
	z.object({ type: z.literal('duplicated'), id, draftId: z.string() }),
	/** A batch queued: how many rows, and those held back for tags the organisation lacks. */
	z.object({
		type: z.literal('syncQueued'),
		id,
		state: DraftStateSchema,
		queued: z.number(),
		heldBack: z.number(),
		unknownTags: z.array(z.string()),
	}),
	/** The sync engine's state (always id 0: it runs on its own). */
	z.object({ type: z.literal('syncStatus'), id, status: SyncStatusSchema }),
	z.object({
		type: z.literal('notices'),
		id,
		notices: z.array(NoticeClientSchema),
		/** Rows asked for that get no notice because they have errors. */
		withErrors: z.number(),
		/** Of those, rows whose password was removed from this device. */
		removed: z.number(),
		/** Rows left out because the client already had an account (their password is theirs). */
		registered: z.number(),
	}),
	z.object({ type: z.literal('done'), id }),
	z.object({ type: z.literal('cancelled'), id }),
	z.object({
		type: z.literal('failed'),
		id,
		message: z.string(),
		/** 'storage-full' and 'upgraded' need the pro's attention in a specific way. */
		reason: z.enum(['error', 'storage-full', 'upgraded', 'conflict']),
	}),
]);
export type Response = z.infer<typeof ResponseSchema>;
