// The typed messages between the page and the import worker. Both sides parse what they
// receive with these schemas; nothing crossing the boundary is cast.
import { z } from 'zod';
import { ISSUE_CODES, IssueSchema, type IssueCode } from '../core/issues.ts';

const Code = z.enum(ISSUE_CODES as [IssueCode, ...IssueCode[]]);
export const RowFilterSchema = z.union([z.literal('all'), z.literal('attention'), Code]);
export type RowFilter = z.infer<typeof RowFilterSchema>;
export const ExportKindSchema = z.enum(['clean', 'attention']);

export const RequestSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('import'),
		id: z.number(),
		file: z.instanceof(Blob),
		name: z.string(),
		today: z.string().regex(/^\d{8}$/),
	}),
	z.object({ type: z.literal('cancel'), id: z.number(), target: z.number() }),
	z.object({ type: z.literal('applyFixes'), id: z.number(), today: z.string().regex(/^\d{8}$/) }),
	z.object({
		type: z.literal('rows'),
		id: z.number(),
		filter: RowFilterSchema,
		offset: z.number().int().nonnegative(),
		limit: z.number().int().positive().max(1000),
	}),
	z.object({ type: z.literal('export'), id: z.number(), kind: ExportKindSchema }),
]);
export type Request = z.infer<typeof RequestSchema>;

const IssueGroupSchema = z.object({
	code: Code,
	severity: z.enum(['error', 'warning']),
	title: z.string(),
	count: z.number(),
	fixable: z.number(),
	sample: z.array(IssueSchema),
});

export const SummarySchema = z.object({
	rows: z.number(),
	validRows: z.number(),
	errorRows: z.number(),
	warningRows: z.number(),
	errors: z.number(),
	warnings: z.number(),
	fixable: z.number(),
	blocked: z.boolean(),
	groups: z.array(IssueGroupSchema),
});

export const ReportSchema = z.object({
	fileName: z.string(),
	size: z.number(),
	encoding: z.string(),
	delimiter: z.string(),
	columns: z.array(
		z.object({ letter: z.string(), header: z.string(), field: z.string().nullable() }),
	),
	fixesApplied: z.boolean(),
	dateOrder: z.enum(['day-first', 'month-first']).nullable(),
	summary: SummarySchema,
});
export type ImportReport = z.infer<typeof ReportSchema>;

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
});
export type RowView = z.infer<typeof RowViewSchema>;

export const ResponseSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('progress'),
		id: z.number(),
		bytesRead: z.number(),
		totalBytes: z.number(),
		rows: z.number(),
	}),
	z.object({ type: z.literal('report'), id: z.number(), report: ReportSchema }),
	z.object({
		type: z.literal('rows'),
		id: z.number(),
		total: z.number(),
		offset: z.number(),
		rows: z.array(RowViewSchema),
	}),
	z.object({
		type: z.literal('exported'),
		id: z.number(),
		blob: z.instanceof(Blob),
		rows: z.number(),
	}),
	z.object({ type: z.literal('cancelled'), id: z.number() }),
	z.object({ type: z.literal('failed'), id: z.number(), message: z.string() }),
]);
export type Response = z.infer<typeof ResponseSchema>;
