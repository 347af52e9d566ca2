// What the page sees of the open draft, as the worker describes it: its description, its state,
// its rows and the notices to print. The schemas check these shapes where they cross the worker
// boundary (src/worker/protocol.ts); the types are derived from them.
import { z } from 'zod';
import { DATE_ORDERS } from '../core/dates.ts';
import { EXPORT_KINDS } from '../core/export.ts';
import { DraftRecordSchema } from '../storage/draft-record.ts';
import { IssueSchema } from '../core/issues.ts';
import { CredentialCountsSchema, CredentialSchema } from '../core/credentials.ts';
import { NOTICE_CHOICES } from '../core/credential-rules.ts';
import { DraftCountsSchema, HistoryInfoSchema } from '../core/draft-types.ts';
import { ClientRecordSchema } from '../core/fields.ts';
import { DraftColumnsInfoSchema } from './mapping-views.ts';
import { SentElsewhereSchema } from './sent-elsewhere-view.ts';

export type { RowFilter } from '../core/draft-types.ts';
export type { NoticeChoice } from '../core/credential-rules.ts';

export const ExportKindSchema = z.enum(EXPORT_KINDS);
export const DateOrderSchema = z.enum(DATE_ORDERS);
export const Today = z.string().regex(/^\d{8}$/);
export const Indexes = z.array(z.number().int().nonnegative());
/** Which rows get new passwords: those without one, those with a weak one, or the selected. */
export const PasswordScopeSchema = z.enum(['missing', 'weak', 'selected']);
export type PasswordScope = z.infer<typeof PasswordScopeSchema>;
export const NoticeChoiceSchema = z.enum(NOTICE_CHOICES);

export const DraftInfoSchema = z.object({
	id: z.string(),
	name: z.string(),
	fileName: z.string(),
	size: z.number(),
	encoding: z.string(),
	delimiter: z.string(),
	/** The sheet read, for a workbook. */
	sheet: z.string().optional(),
	status: DraftRecordSchema.shape.status,
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
	/** How the columns were matched, and whether the mapping step may still change them. */
	columnsInfo: DraftColumnsInfoSchema,
});
export type DraftInfo = z.infer<typeof DraftInfoSchema>;

export const SyncStatusSchema = z.object({
	phase: z.enum(['idle', 'sending', 'waiting', 'offline', 'paused', 'unconfigured']),
	waiting: z.number(),
	done: z.number(),
	total: z.number(),
	message: z.string(),
	nextAt: z.number().nullable(),
	/** The platform creating a batch's accounts asynchronously: clients processed of the batch. */
	creating: z.object({ done: z.number(), total: z.number() }).nullable().optional(),
});

/** A row as the grid shows it: its cells, its issues and where its credential stands. */
export const RowViewSchema = ClientRecordSchema.extend({
	index: z.number(),
	hasError: z.boolean(),
	issues: z.array(IssueSchema),
	credential: CredentialSchema,
	/** The import API's reasons, while the row is `rejected`. */
	syncIssues: z.array(z.object({ code: z.string(), message: z.string() })),
	/** Its email was sent to the platform from another draft of this device (its account exists). */
	sentElsewhere: z.boolean().optional(),
	/** Set by the page, never the worker: a new row whose problems wait until the pro leaves it. */
	quiet: z.boolean().optional(),
});
export type RowView = z.infer<typeof RowViewSchema>;

/** The state of the open draft after a change (from this tab or another). */
export const DraftStateSchema = z.object({
	counts: DraftCountsSchema,
	history: HistoryInfoSchema,
	/** Rows in the current view. */
	total: z.number(),
	/** The draft's largest spreadsheet row number (its last row's): the grid's Row column fits it. */
	lastRow: z.number(),
	/** False while the rows are still being checked after opening. */
	ready: z.boolean(),
	dateOrder: DateOrderSchema.nullable(),
	/** Ambiguous birthdates a date order would settle. */
	ambiguousDates: z.number(),
	credentials: CredentialCountsSchema,
	/** When the clean file was last downloaded (null: never). */
	exportedAt: z.number().nullable(),
	/** Emails of this draft already sent from another draft of this device (absent: none). */
	sentElsewhere: SentElsewhereSchema.optional(),
});
export type DraftState = z.infer<typeof DraftStateSchema>;
