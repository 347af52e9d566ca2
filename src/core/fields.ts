// The platform template's client fields: the one list every other spelling of a client derives
// from (record, import API payloads, worker messages, record store, grid). Code that builds a
// client as an object literal for speed (the record store, the validator) is typed against
// `ClientRecord`, so a field added here is a compile error there until it is handled.
import { z } from 'zod';

/** The columns the template requires, in template order. */
export const REQUIRED_FIELDS = [
	'email_address',
	'initial_password',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

/** A client's single-text fields, in the order the record store keeps them. */
export const TEXT_FIELDS = [...REQUIRED_FIELDS, 'external_id'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Every cell of a client the pro can edit: the text fields and the list of tags. */
export const CELL_FIELDS = [...TEXT_FIELDS, 'tags'] as const;
export type CellField = (typeof CELL_FIELDS)[number];

/**
 * The template's header names, in template order. A file may repeat `tag` (one tag per
 * column); a client holds them as `tags`.
 */
export const TEMPLATE_FIELDS = [...REQUIRED_FIELDS, 'tag', 'external_id'] as const;
export type Field = (typeof TEMPLATE_FIELDS)[number];

/**
 * A client's cells as plain strings, unchecked: what the worker and the import API carry. The
 * rules a ready client meets are `ReadyClientSchema` (record.ts).
 */
export const ClientSchema = z.object({
	// Built from the list so that the list stays the one place a field is named.
	...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, z.string()])) as Record<
		TextField,
		z.ZodString
	>),
	tags: z.array(z.string()),
});
export type ClientCells = z.infer<typeof ClientSchema>;

/** One client as Roster holds it: its cells plus where it came from in the spreadsheet. */
export const ClientRecordSchema = ClientSchema.extend({
	/** The row number the pro sees in their spreadsheet. */
	row: z.number().int(),
	/** Letters of non-empty cells outside the template columns (dropped on export). */
	extra: z.array(z.string()),
	/**
	 * The cells of the source columns the mapping left out, in column order (empty when every
	 * one is empty): the attention file writes them back, so a round trip loses nothing.
	 */
	leftOut: z.array(z.string()),
	/**
	 * The row's bytes were not UTF-8 in a file otherwise UTF-8, so it was read as Windows-1252
	 * (`row.encoding` says so until the pro edits the row).
	 */
	recoded: z.literal(true).optional(),
});
export type ClientRecord = z.infer<typeof ClientRecordSchema>;

/** Some of a client's cells: what an edit from the page may set. */
export const CellEditSchema = ClientSchema.partial();
export type CellEdit = z.infer<typeof CellEditSchema>;

/** A record with every cell empty, at spreadsheet row `row`. */
export function emptyRecord(row: number): ClientRecord {
	const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, ''])) as Record<TextField, string>;
	return { row, ...text, tags: [], extra: [], leftOut: [] };
}

/** What a credential notice prints of a client, and where the row is in its draft. */
export const NoticeClientSchema = ClientSchema.pick({
	first_name: true,
	last_name: true,
	email_address: true,
	initial_password: true,
}).extend({
	/** The row's index in its draft (what a printed mark is recorded against). */
	index: z.number(),
	/** The spreadsheet row the client came from (header = 1), so a pro can find its source. */
	row: z.number(),
});
export type NoticeClient = z.infer<typeof NoticeClientSchema>;
