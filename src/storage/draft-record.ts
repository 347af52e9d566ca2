// The stored draft record: its full schema, the type derived from it, and the one parse every
// read goes through. A record comes from IndexedDB, written by this version, by another tab, or
// by an older version and then upgraded (db.ts): version 2 added position, the undo bounds, soft
// delete and status; exportedAt is absent in drafts from before it was kept. A record that does
// not match is reported as a DamagedDraftError, never cast.
import { z } from 'zod';
import { DATE_ORDERS } from '../core/dates.ts';
import { DraftCountsSchema } from '../core/draft-types.ts';
import { CredentialCountsSchema } from '../core/credentials.ts';
import { IssueSchema } from '../core/issues.ts';
import { TEMPLATE_FIELDS, type Field } from '../core/fields.ts';
import type { HeaderMapping } from '../core/template.ts';
import { ColumnMappingSchema } from '../core/column-mapping.ts';
import { GENDER_CONVENTIONS } from '../core/gender.ts';

const FieldSchema = z.enum(TEMPLATE_FIELDS) satisfies z.ZodType<Field>;

const HeaderMappingSchema = z.object({
	columns: z.array(FieldSchema.nullable()),
	names: z.array(z.string()),
	blank: z.array(z.boolean()),
	present: z.set(FieldSchema),
	issues: z.array(IssueSchema),
}) satisfies z.ZodType<HeaderMapping>;

export const DraftSourceSchema = z.object({
	fileName: z.string(),
	size: z.number(),
	lastModified: z.number(),
	encoding: z.string(),
	delimiter: z.string(),
	/** The sheet read, for a workbook (absent: a CSV file or pasted cells). */
	sheet: z.string().optional(),
});
export type DraftSource = z.infer<typeof DraftSourceSchema>;

/**
 * Where the rows stand with the platform and their notices, for the home screen's card ("293
 * sent · 120 notices printed"); absent in drafts saved before it was kept, until next opened.
 */
export const DraftListCredentialsSchema = CredentialCountsSchema.pick({
	unsent: true,
	queued: true,
	synced: true,
	exists: true,
	rejected: true,
	printed: true,
	noticeReady: true,
});
export type DraftListCredentials = z.infer<typeof DraftListCredentialsSchema>;

/** The counts the home screen lists without opening the draft. */
export const DraftCountsRecordSchema = DraftCountsSchema.pick({
	rows: true,
	errorRows: true,
	warningRows: true,
}).extend({ credentials: DraftListCredentialsSchema.optional() });
export type DraftCountsRecord = z.infer<typeof DraftCountsRecordSchema>;

/**
 * How the file's columns were mapped at import, and what the mapping step showed: the header and
 * first rows as written, so the step can be opened again from the draft without the file.
 */
export const DraftMappingSchema = ColumnMappingSchema.extend({
	how: z.enum(['template', 'confirmed', 'remembered']),
	/** `mappingKey(header)`. */
	key: z.string(),
	header: z.array(z.string()),
	/** The header's row number in the file (absent: 1). */
	headerRow: z.number().int().positive().optional(),
	/** At most SAMPLE_ROWS rows after the header. */
	sample: z.array(z.array(z.string())),
});
export type DraftMapping = z.infer<typeof DraftMappingSchema>;

export const DraftRecordSchema = z.object({
	id: z.string(),
	name: z.string(),
	source: DraftSourceSchema,
	header: HeaderMappingSchema,
	fileIssues: z.array(IssueSchema),
	dateOrder: z.enum(DATE_ORDERS).nullable(),
	createdAt: z.number(),
	updatedAt: z.number(),
	counts: DraftCountsRecordSchema,
	/** 'importing' until the last row of the file was saved. */
	status: z.enum(['importing', 'ready']),
	/** Rows taken from the source file so far: a resumed import skips that many. */
	fileRows: z.number(),
	/** Since version 2: the row index the pro was on. */
	position: z.number(),
	/** Since version 2: how many history entries are applied (undo goes below it). */
	historyHead: z.number(),
	/** Since version 2: the oldest undo step kept, and one past the newest. */
	historyStart: z.number(),
	historyEnd: z.number(),
	/** Since version 2: set while a delete can still be undone. */
	deletedAt: z.number().nullable(),
	/** When the clean file was last downloaded (absent in drafts from before it was kept). */
	exportedAt: z.number().nullable().optional(),
	/** The mapping the draft was imported with (absent in drafts from before the mapping step). */
	mapping: DraftMappingSchema.optional(),
	/** The gender letters' convention settled at import, held on reopen (absent: none known). */
	genderConvention: z.enum(GENDER_CONVENTIONS).nullable().optional(),
	/** The draft this one was first copied from, shared by every copy (absent: its own id). */
	family: z.string().optional(),
	/**
	 * Since version 11: new with every write that changes the draft's rows (known-rows.ts), so a
	 * worker can tell whether the rows it read are still the stored ones (absent: never written so).
	 */
	rowsStamp: z.string().optional(),
});
export type DraftRecord = z.infer<typeof DraftRecordSchema>;

// Loose at the top: a field a newer version added (another tab may run one) stays in the
// record this version writes back whole, instead of being stripped by the parse.
const StoredDraftSchema = DraftRecordSchema.loose();

/** The fields a sealed draft keeps in clear (the others were checked before they were sealed). */
const ClearDraftSchema = DraftRecordSchema.omit({
	name: true,
	source: true,
	header: true,
	fileIssues: true,
	mapping: true,
}).loose();

/** A stored draft that does not have the shape of a draft record, and why. */
export class DamagedDraftError extends Error {
	readonly draftId: string | null;
	/** Each field that is wrong, as `path: what is wrong`. */
	readonly problems: string[];

	constructor(draftId: string | null, problems: string[]) {
		const shown = problems.slice(0, 3).join('; ');
		const more = problems.length > 3 ? ` and ${problems.length - 3} more` : '';
		super(
			`A draft saved on this device is damaged and cannot be opened (${shown}${more}). Other drafts are not affected.`,
		);
		this.name = 'DamagedDraftError';
		this.draftId = draftId;
		this.problems = problems;
	}
}

export type DraftParse = { ok: true; draft: DraftRecord } | { ok: false; error: DamagedDraftError };

/** Reads a value from the drafts table as a draft record, or says what is wrong with it. */
export function parseDraftRecord(value: unknown): DraftParse {
	const parsed = StoredDraftSchema.safeParse(value);
	if (parsed.success) return { ok: true, draft: parsed.data };
	return { ok: false, error: damaged(value, parsed.error.issues) };
}

/**
 * Checks a stored draft without opening it: whole when in clear, its clear fields when sealed.
 * Throws a DamagedDraftError that says what is wrong.
 */
export function checkStoredDraft(value: unknown): void {
	const sealed = typeof value === 'object' && value !== null && 'sealed' in value;
	const parsed = (sealed ? ClearDraftSchema : StoredDraftSchema).safeParse(value);
	if (!parsed.success) throw damaged(value, parsed.error.issues);
}

function damaged(value: unknown, issues: z.core.$ZodIssue[]): DamagedDraftError {
	const id = (value as { id?: unknown } | null)?.id;
	const problems = issues.map(
		(issue) => `${issue.path.join('.') || 'the record'}: ${issue.message}`,
	);
	return new DamagedDraftError(typeof id === 'string' ? id : null, problems);
}
