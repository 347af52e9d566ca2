// The import API's payloads (api/openapi.yaml says the same for other readers), shared by the
// app's sync client and the reference server, plus the server's check of one client: the same
// rules as the app, so both reject with the same issue codes.
import { z } from 'zod';
import type { Issue } from './issues.ts';
import { ClientSchema, type ClientRecord } from './fields.ts';
import { checkRecord, emailKey } from './rules.ts';

/** Clients in one POST /imports request at most. */
export const MAX_CHUNK_CLIENTS = 1000;
/**
 * What the app sends per request to a platform that may answer only once the chunk's passwords
 * are hashed: at the production cost (~0.35 s a client, two at a time) 500 take ~3 minutes, and
 * 1,000 would outlast the app's 5-minute request limit.
 */
export const DEFAULT_CHUNK_SIZE = 500;

/**
 * The chunk size for a platform as its GET /health describes it: one that takes imports
 * asynchronously (`async_imports`) never holds a request while it hashes, so it gets the API's
 * largest chunks: much of a sync's cost is per request (a 100,000-client sync here took
 * 14.5–14.9 s in chunks of 1,000 against 16.4–21.6 s in chunks of 500).
 */
export function chunkSizeFor(asyncImports: boolean): number {
	return asyncImports ? MAX_CHUNK_CLIENTS : DEFAULT_CHUNK_SIZE;
}

export const API_PREFIX = '/api/v1';

/** An issue only the server can see (the organisation's tags); file issues use core's codes. */
export const SERVER_ISSUE_CODES = ['tag.unknown', 'email.duplicate_in_batch'] as const;

/** A client as the import API takes it: tags and external ID may be left out. */
export const ImportClientSchema = ClientSchema.partial({ tags: true, external_id: true });
export type ImportClient = z.infer<typeof ImportClientSchema>;

export const ImportRequestSchema = z.object({
	batch_id: z.string().min(1).max(100),
	chunk: z.object({ index: z.number().int().nonnegative(), count: z.number().int().positive() }),
	clients: z.array(ImportClientSchema).min(1),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

export const ROW_STATUSES = ['created', 'exists', 'rejected'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export const ApiIssueSchema = z.object({ code: z.string(), message: z.string() });
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

export const RowResultSchema = z.object({
	email_address: z.string(),
	status: z.enum(ROW_STATUSES),
	issues: z.array(ApiIssueSchema).optional(),
});
export type RowResult = z.infer<typeof RowResultSchema>;

/** 200 to POST /imports: one result per client, in the order sent. */
export const ImportResponseSchema = z.object({ results: z.array(RowResultSchema) });
export type ImportResponse = z.infer<typeof ImportResponseSchema>;

/** 200 to GET /imports/{batch_id}: the chunks received so far and their rows' results. */
export const BatchStatusSchema = z.object({
	batch_id: z.string(),
	chunks: z.array(
		z.object({
			index: z.number().int(),
			count: z.number().int(),
			received_at: z.string(),
			results: z.array(RowResultSchema),
		}),
	),
});
export type BatchStatus = z.infer<typeof BatchStatusSchema>;

export const HealthSchema = z.object({
	ok: z.boolean(),
	version: z.string(),
	/** POST /imports honours `Prefer: respond-async` (absent: it may not). */
	async_imports: z.boolean().optional(),
});
export type Health = z.infer<typeof HealthSchema>;
export const TagsSchema = z.object({ tags: z.array(z.string()) });

/** Every error answer: `{error: {code, message}}`. */
export const ApiErrorSchema = z.object({
	error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/**
 * A row as the import API takes it. Spelled out: made from the required fields' list and
 * spread, 100,000 of them took ~120 ms of a batch's time before its first request.
 */
export function toImportClient(rec: ClientRecord): ImportClient {
	const client: ImportClient = {
		email_address: rec.email_address,
		initial_password: rec.initial_password,
		first_name: rec.first_name,
		last_name: rec.last_name,
		birthdate: rec.birthdate,
		gender: rec.gender,
	};
	if (rec.tags.length > 0) client.tags = [...rec.tags];
	if (rec.external_id !== '') client.external_id = rec.external_id;
	return client;
}

/** The empty lists every checked client shares (frozen: a check never adds to a record's). */
const NONE: string[] = Object.freeze([]) as unknown as string[];
const NO_COLUMNS: ReadonlySet<never> = new Set();

/**
 * The server's check of one client: the app's row rules (errors only: warnings never block an
 * import), then the organisation's tags when it has a list. `today` is YYYYMMDD.
 */
export function checkImportClient(
	client: ImportClient,
	today: string,
	knownTags: ReadonlySet<string> | null,
): ApiIssue[] {
	// Spelled out (no spread) and the empty lists shared: it runs for every client received.
	const rec: ClientRecord = {
		email_address: client.email_address,
		initial_password: client.initial_password,
		first_name: client.first_name.trim(),
		last_name: client.last_name.trim(),
		birthdate: client.birthdate.trim(),
		gender: client.gender.trim(),
		tags: client.tags ?? NONE,
		external_id: client.external_id ?? '',
		row: 0,
		extra: NONE,
		leftOut: NONE,
	};
	const out: Issue[] = [];
	const reading = checkRecord(rec, { today, absent: NO_COLUMNS }, out);
	if (out.length === 0 && reading?.kind !== 'ambiguous' && !knownTags) return [];
	const issues: ApiIssue[] = out
		.filter((i) => i.severity === 'error')
		.map((i) => ({ code: i.code, message: i.message.replace(/^Row 0: /, '') }));
	// An ambiguous date cannot be settled without the file's other rows: YYYYMMDD is required.
	if (reading?.kind === 'ambiguous')
		issues.push({ code: 'birthdate.format', message: 'birthdate must be written YYYYMMDD.' });
	if (knownTags)
		for (const tag of rec.tags)
			if (!knownTags.has(tag))
				issues.push({
					code: 'tag.unknown',
					message: `tag '${tag}' does not exist in the organisation; create it on the platform first.`,
				});
	return issues;
}

/** The key the server compares emails by (the app's duplicate rule uses the same). */
export const importEmailKey = emailKey;
