// The draft worker's calls and events: one entry per command, with the schema of its arguments
// and of its result, so a handler's signature and a caller's types are both inferred from here
// (as Actual Budget's `types/handlers.ts` maps each handler name to its function). Both sides
// parse what they receive: the worker a call's arguments, the page a call's result and each
// event. Nothing crossing the boundary is cast.
import { z } from 'zod';
import { PasswordOptionsSchema } from '../core/password.ts';
import { IssueCodeSchema } from '../core/issues.ts';
import { RowFilterSchema } from '../core/draft-types.ts';
import { CellEditSchema } from '../core/fields.ts';
import { ColumnMappingSchema } from '../core/column-mapping.ts';
import { PrintNoticeSchema } from '../notices/print-run.ts';
import { SEALED_SETTINGS } from '../storage/sealing.ts';
import { DraftListCredentialsSchema } from '../storage/draft-record.ts';
import type { LockStatus } from '../state/lock-backend.ts';
import { FilePreviewSchema, RememberedMappingSchema } from './mapping-views.ts';
import { PROBLEM_KEYS } from './problem-search.ts';
import {
	DateOrderSchema,
	DraftInfoSchema,
	DraftStateSchema,
	ExportKindSchema,
	Indexes,
	NoticeChoiceSchema,
	PasswordScopeSchema,
	RowViewSchema,
	SyncStatusSchema,
	Today,
} from './views.ts';

const Index = z.number().int().nonnegative();
/** A change's rows the page reads again one by one (Changed.rows); past this, every row on screen. */
export const MAX_ROWS_READ_AGAIN = 64;
const Passphrase = z.string().min(1).max(1024);
const SecretKey = z.enum(SEALED_SETTINGS as [string, ...string[]]);
const LockStatusSchema = z.object({
	enabled: z.boolean(),
	unlocked: z.boolean(),
	migrating: z.enum(['encrypting', 'decrypting']).nullable(),
}) satisfies z.ZodType<LockStatus>;
/** A draft as the home screen lists it. */
export const DraftListItemSchema = z.object({
	id: z.string(),
	name: z.string(),
	status: z.enum(['importing', 'ready']),
	fileRows: z.number(),
	updatedAt: z.number(),
	counts: z.object({
		rows: z.number(),
		errorRows: z.number(),
		warningRows: z.number(),
		credentials: DraftListCredentialsSchema.optional(),
	}),
});
export type DraftListItem = z.infer<typeof DraftListItemSchema>;
const Nothing = z.null();

const OpenedSchema = z.object({ draft: DraftInfoSchema, state: DraftStateSchema });
/** A change committed to storage: the draft's state after it. */
const ChangedSchema = z.object({
	state: DraftStateSchema,
	/** The row an edit, fix or added row ended on (to focus it). */
	index: Index.optional(),
	/** How many rows the change touched (0: nothing to do). */
	changedRows: z.number(),
	/**
	 * Every row whose view the change may have changed (those it set, and those sharing an email
	 * or external ID with them before or after), when they are few and no row came or went: the
	 * page reads only these again (absent: it reads every row on screen again).
	 */
	rows: Indexes.max(MAX_ROWS_READ_AGAIN).optional(),
	/** Cells a change over many rows left alone: their row is locked (being sent) or synced. */
	refused: z.array(z.object({ row: z.number(), field: z.string() })).optional(),
	/** "Remove passwords": drafts wiped (the draft and its copies), clients whose sending was
	 * cancelled, and how many of those the platform may already have. */
	wiped: z.object({ drafts: z.number(), cancelled: z.number(), uncertain: z.number() }).optional(),
});
export type Changed = z.infer<typeof ChangedSchema>;
/** How an import maps the file's columns: chosen in the step now, or remembered from before. */
export const ImportColumnsSchema = z.object({
	mapping: ColumnMappingSchema,
	how: z.enum(['confirmed', 'remembered']),
});
export type ImportColumns = z.infer<typeof ImportColumnsSchema>;

/** Columns find-and-replace and "Set value" work on: every cell but the password. */
export const BULK_FIELDS = [
	'email_address',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
	'external_id',
	'tags',
] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

/** A find-and-replace over the open draft's rows (deleted rows and passwords are never touched). */
export const ReplaceQuerySchema = z.object({
	find: z.string().min(1).max(1000),
	replace: z.string().max(1000),
	/** One column, or all of BULK_FIELDS when null. */
	field: z.enum(BULK_FIELDS).nullable(),
	/** The whole cell must equal `find`; otherwise every occurrence inside a cell is replaced. */
	wholeCell: z.boolean(),
	caseSensitive: z.boolean(),
});
export type ReplaceQuery = z.infer<typeof ReplaceQuerySchema>;

const change = <T extends z.ZodRawShape>(args: T) => ({
	args: z.object(args),
	result: ChangedSchema,
});

export const COMMANDS = {
	/** Imports a file into a new draft (or the rest of it into a partly imported one). */
	import: {
		args: z.object({
			file: z.instanceof(Blob),
			name: z.string(),
			lastModified: z.number(),
			today: Today,
			/** Finish this partly imported draft instead of making a new one. */
			resume: z.string().optional(),
			/** How the file's columns feed the fields (absent: the certain suggestions). */
			columns: ImportColumnsSchema.optional(),
			/** The draft (with no edits) this import replaces once the new one is ready. */
			replace: z.string().optional(),
			/** A workbook's sheet to read (absent: the one `inspect` picked). */
			sheet: z.string().optional(),
		}),
		result: OpenedSchema,
	},
	/** The start of a file (its header and first rows) with Roster's column suggestions. */
	inspect: {
		args: z.object({
			file: z.instanceof(Blob),
			name: z.string(),
			/** A workbook's sheet to preview (absent: the one sheet whose header matches). */
			sheet: z.string().optional(),
		}),
		result: FilePreviewSchema,
	},
	/** The open draft's header and first rows as imported, and the mapping it was imported with. */
	columns: {
		args: z.object({}),
		result: FilePreviewSchema.extend({ mapping: ColumnMappingSchema }),
	},
	/** The mappings remembered on this device, newest first. */
	mappings: { args: z.object({}), result: z.array(RememberedMappingSchema) },
	forgetMapping: { args: z.object({ key: z.string() }), result: Nothing },
	/** Stops a running call (an import): it then fails with reason `cancelled`. */
	cancel: { args: z.object({ target: z.number().int() }), result: Nothing },
	/** Opens a draft: answers as soon as its first rows are checked, then `changed` follows. */
	open: { args: z.object({ draftId: z.string(), today: Today }), result: OpenedSchema },
	close: { args: z.object({}), result: Nothing },
	view: {
		args: z.object({ filter: RowFilterSchema, search: z.string() }),
		result: DraftStateSchema,
	},
	rows: {
		args: z.object({ offset: Index, limit: z.number().int().positive().max(1000) }),
		result: z.object({ total: z.number(), offset: z.number(), rows: z.array(RowViewSchema) }),
	},
	/** Where a row is in the current view (to keep it in sight after a filter change). */
	locate: { args: z.object({ index: Index }), result: z.object({ position: z.number() }) },
	/**
	 * The next (1) or previous (-1) cell with a problem in the current view from the focused cell
	 * (`field`: its grid column): errors first, a warning once no error is left; null: none.
	 */
	problem: {
		args: z.object({
			from: Index,
			field: z.string(),
			direction: z.union([z.literal(1), z.literal(-1)]),
		}),
		result: z
			.object({
				position: z.number(),
				field: z.enum(PROBLEM_KEYS),
				severity: z.enum(['error', 'warning']),
				wrapped: z.boolean(),
			})
			.nullable(),
	},
	edit: change({ index: Index, set: CellEditSchema }),
	fix: change({
		/** One row, or every row when absent. */
		index: Index.optional(),
		/** Only the fixes of this issue code, or every safe fix when absent. */
		code: IssueCodeSchema.optional(),
		/** What an ambiguous gender letter means (with code `gender.ambiguous` only). */
		value: z.enum(['male', 'female']).optional(),
	}),
	/** Sets cells of many rows as one undo step (a block pasted into the grid). */
	editCells: change({
		edits: z
			.array(z.object({ index: Index, set: CellEditSchema }))
			.min(1)
			.max(100_000),
	}),
	/** Gives one column the same value on the rows chosen, as one undo step. */
	setValue: change({
		indexes: Indexes,
		field: z.enum(BULK_FIELDS),
		value: z.string().max(1000),
	}),
	/** How many cells (and rows) `replace` would change now, and how many it would refuse. */
	replaceCount: {
		args: ReplaceQuerySchema,
		result: z.object({ cells: z.number(), rows: z.number(), refused: z.number() }),
	},
	/** Replaces every match of a find-and-replace, as one undo step. */
	replace: change(ReplaceQuerySchema.shape),
	addRow: change({}),
	deleteRows: change({ indexes: Indexes }),
	dateOrder: change({ order: DateOrderSchema }),
	undo: change({}),
	redo: change({}),
	passwords: change({
		scope: PasswordScopeSchema,
		/** With scope `selected`. */
		indexes: Indexes.optional(),
		options: PasswordOptionsSchema,
	}),
	/** The notices of these rows were printed now (not an undo step: it records a fact). */
	markPrinted: change({ indexes: Indexes }),
	/** Wipes every stored password of the open draft, and its undo history that holds them. */
	removePasswords: change({}),
	/** The notices to print, and how many asked-for rows get none, and why. */
	notices: {
		args: z.object({
			choice: NoticeChoiceSchema,
			/** With choice `selected`. */
			indexes: Indexes.optional(),
		}),
		result: z.object({
			notices: z.array(PrintNoticeSchema),
			/** Rows asked for that get no notice because they have errors. */
			withErrors: z.number(),
			/** Of those, rows whose password was removed from this device. */
			removed: z.number(),
			/** Rows left out because the client already had an account (their password is theirs). */
			registered: z.number(),
		}),
	},
	/** The clean or needs-attention file of the open draft, or of another draft. */
	export: {
		args: z.object({ kind: ExportKindSchema, draftId: z.string().optional() }),
		result: z.object({ blob: z.instanceof(Blob), rows: z.number(), fileName: z.string() }),
	},
	duplicate: {
		args: z.object({ draftId: z.string(), name: z.string() }),
		result: z.object({ draftId: z.string() }),
	},
	/** Queues the open draft's rows without errors as a batch and sends it when online. */
	sync: {
		args: z.object({
			chunkSize: z.number().int().min(1).max(1000).optional(),
			/** The organisation's tags as last fetched (absent: not known, tags are not checked). */
			knownTags: z.array(z.string()).optional(),
		}),
		result: z.object({
			state: DraftStateSchema,
			queued: z.number(),
			/** Rows held back for tags the organisation lacks, and (some of) those tags. */
			heldBack: z.number(),
			unknownTags: z.array(z.string()),
		}),
	},
	/** Sends whatever waits now (app start, back online, "Sync now", new settings). */
	syncNow: { args: z.object({}), result: Nothing },
	/**
	 * "Cancel sending": the draft's waiting chunks leave the outbox (a request in flight is
	 * waited for first) and their rows are not sent again (editable). `uncertain`: the clients
	 * of chunks sent without a final answer (the platform may have them), as spreadsheet rows.
	 */
	cancelSync: {
		args: z.object({ draftId: z.string() }),
		result: z.object({
			/** Clients taken out of the outbox. */
			cancelled: z.number(),
			uncertain: z.object({
				clients: z.number(),
				/** First and last spreadsheet row of each run of rows, in row order. */
				ranges: z.array(z.tuple([z.number(), z.number()])),
			}),
			/** The draft's state after it, when it is the open one. */
			state: DraftStateSchema.nullable(),
		}),
	},
	/** The passphrase lock (src/storage/vault.ts): whether it is on, and unlocked here. */
	lockStatus: { args: z.object({}), result: LockStatusSchema },
	/** Answers false for a wrong passphrase. */
	unlock: { args: z.object({ passphrase: Passphrase }), result: z.boolean() },
	/** Drops the keys once the changes asked for before are saved. */
	lock: { args: z.object({}), result: Nothing },
	/** Turns the lock on and encrypts every draft (progress: `lockProgress`). */
	turnOnLock: { args: z.object({ passphrase: Passphrase }), result: Nothing },
	/** Decrypts every draft and turns the lock off; false for a wrong passphrase. */
	turnOffLock: { args: z.object({ passphrase: Passphrase }), result: z.boolean() },
	changePassphrase: {
		args: z.object({ current: Passphrase, next: Passphrase }),
		result: z.boolean(),
	},
	/** The drafts not deleted, last edited first (names are sealed while the lock is on). */
	listDrafts: { args: z.object({}), result: z.array(DraftListItemSchema) },
	renameDraft: {
		args: z.object({ draftId: z.string(), name: z.string().min(1).max(200) }),
		result: Nothing,
	},
	/** A setting that holds a secret (the import API's token), sealed while the lock is on. */
	secretSetting: { args: z.object({ key: SecretKey }), result: z.unknown() },
	saveSecretSetting: { args: z.object({ key: SecretKey, value: z.unknown() }), result: Nothing },
	/** The client's heartbeat: a worker that stops answering it is replaced. */
	ping: { args: z.object({}), result: Nothing },
} as const satisfies Record<string, { args: z.ZodObject; result: z.ZodType }>;

export type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
type Inferred<K extends CommandName> = z.infer<Commands[K]['args']>;
/** A command's arguments (`z.object({})` infers an index signature of `never`: read it as `{}`). */
export type Args<K extends CommandName> =
	Inferred<K> extends Record<string, never> ? Record<never, never> : Inferred<K>;
export type Result<K extends CommandName> = z.infer<Commands[K]['result']>;

/** Commands that change the open draft: each answers the draft's state after the change. */
export type ChangeCommand = {
	[K in CommandName]: Commands[K]['result'] extends typeof ChangedSchema ? K : never;
}[CommandName];
/** A change written as one object: the command's name as `type`, and its arguments. */
export type ChangeBody = { [K in ChangeCommand]: { type: K } & Args<K> }[ChangeCommand];

export const FAILURE_REASONS = [
	'error',
	/** The device is out of storage: the pro must free space. */
	'storage-full',
	/** Another tab upgraded the database: this page must reload. */
	'upgraded',
	/** Another tab changed the same rows first: the draft was read again. */
	'conflict',
	/** The call was cancelled, or a newer one replaced it. */
	'cancelled',
	/** The worker stopped (crashed); a new one takes the next call. */
	'crashed',
	/** The call took longer than its time limit: the page stopped waiting for it. */
	'timeout',
	/** The device is locked: the passphrase must be entered first. */
	'locked',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
const FailureSchema = z.object({ message: z.string(), reason: z.enum(FAILURE_REASONS) });
export type Failure = z.infer<typeof FailureSchema>;

/** What the worker says on its own, not as the answer to a call. */
export const EVENTS = {
	/** How far an import is (`call`: the import's call id). */
	progress: z.object({
		call: z.number(),
		bytesRead: z.number(),
		totalBytes: z.number(),
		rows: z.number(),
		savedRows: z.number(),
	}),
	/** The open draft changed without a call of this page: another tab, the end of checking
	 * its rows, or (`bySync`) the platform's answer to a sync chunk. */
	changed: z.object({
		state: DraftStateSchema,
		changedRows: z.number(),
		bySync: z.boolean().optional(),
		/** `bySync`: the first and last row index the answer changed; other rows are as they were. */
		within: z.tuple([z.number(), z.number()]).optional(),
	}),
	/** Something the page must act on that no call asked about (e.g. `upgraded`). */
	failed: FailureSchema,
	/** The sync engine's state. */
	syncStatus: SyncStatusSchema,
	/** How far turning the lock on or off is. */
	lockProgress: z.object({
		phase: z.enum(['encrypting', 'decrypting']),
		done: z.number(),
		total: z.number(),
	}),
	/** This device was locked (or the lock turned on or off) in another tab: the page reloads. */
	locked: z.object({}),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof EVENTS;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

const COMMAND_NAMES = Object.keys(COMMANDS) as [CommandName, ...CommandName[]];
const EVENT_NAMES = Object.keys(EVENTS) as [EventName, ...EventName[]];

/** Page → worker. `args` is parsed with the command's own schema by the dispatcher. */
export const CallMessageSchema = z.object({
	id: z.number().int().positive(),
	name: z.enum(COMMAND_NAMES),
	args: z.unknown(),
});

/** Worker → page: a call's result or failure, or an event. Payloads are parsed by the client. */
export const WorkerMessageSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('result'), id: z.number().int(), result: z.unknown() }),
	z.object({ kind: z.literal('error'), id: z.number().int(), error: FailureSchema }),
	z.object({ kind: z.literal('event'), name: z.enum(EVENT_NAMES), payload: z.unknown() }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;

/** Emits an event from the worker: the name decides the payload's type. */
export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;
