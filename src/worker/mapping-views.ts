// What the mapping step shows and sends, as it crosses the worker boundary: a file's header and
// first rows with Roster's suggestions (`inspect`), the open draft's own columns (`columns`), and
// the mappings remembered on this device. Added to COMMANDS in protocol.ts.
import { z } from 'zod';
import { ColumnMappingSchema, ColumnSuggestionSchema } from '../core/column-mapping.ts';
import { IssueSchema } from '../core/issues.ts';

/** Rows after the header that `inspect` reads: enough for content suggestions, and no more. */
export const SAMPLE_ROWS = 50;

export const FilePreviewSchema = z.object({
	/** The header row's cells as written (one per source column). */
	header: z.array(z.string()),
	/** The file's row number of the header (1 unless blank lines come first). */
	headerRow: z.number().int().positive(),
	/** Up to SAMPLE_ROWS non-blank rows after the header, cells as written. */
	sample: z.array(z.array(z.string())),
	/** One per column of `header`. */
	suggestions: z.array(ColumnSuggestionSchema),
	/** The key a mapping of this header row is remembered by (`mappingKey`). */
	key: z.string(),
	/** A mapping the pro confirmed before for this header row; its columns override suggestions. */
	remembered: ColumnMappingSchema.nullable(),
	/** True when the pro must look at the mapping before importing (`needsMappingStep`). */
	needsStep: z.boolean(),
	/**
	 * Why the file cannot be imported at all (not text, empty, a header with no clients): the
	 * page shows it and creates no draft. Null when the file can be imported.
	 */
	problem: IssueSchema.nullable(),
	/**
	 * For a workbook: its sheets, whether each one's header matches template columns, and the
	 * sheet previewed (null when several match and the pro must choose: header and sample are
	 * then empty). Null for a CSV file or pasted cells.
	 */
	workbook: z
		.object({
			sheets: z.array(z.object({ name: z.string(), hidden: z.boolean(), matches: z.boolean() })),
			sheet: z.string().nullable(),
		})
		.nullable(),
});
export type FilePreview = z.infer<typeof FilePreviewSchema>;

/** How the open draft's columns were matched: what its header says, and whether it may change. */
export const DraftColumnsInfoSchema = z.object({
	/** `template`: names matched for certain; `confirmed`: the pro chose in the step;
	 * `remembered`: applied from a mapping confirmed before ("Columns matched as last time"). */
	how: z.enum(['template', 'confirmed', 'remembered']),
	/** True while the draft has no edits: the mapping step may import it again. */
	changeable: z.boolean(),
});
export type DraftColumnsInfo = z.infer<typeof DraftColumnsInfoSchema>;

/** A mapping kept on this device, as Settings lists it. */
export const RememberedMappingSchema = z.object({
	key: z.string(),
	/** The header row it was confirmed for, as written then. */
	header: z.array(z.string()),
	mapping: ColumnMappingSchema,
	savedAt: z.number(),
});
export type RememberedMapping = z.infer<typeof RememberedMappingSchema>;
