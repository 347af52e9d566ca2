// The asynchronous import contract's answers (api/openapi.yaml), for the server and for the app's
// client to come: the 202 to POST /imports with `Prefer: respond-async`, and GET
// /imports/{batch_id} with chunks still processing beside the finished ones. A finished chunk
// keeps every field BatchStatusSchema (src/core/import-api.ts) reads, so older readers still work.
import { z } from 'zod';
import { RowResultSchema } from '../src/core/import-api.ts';

const count = z.number().int().nonnegative();

/** 202 to POST /imports: the chunk is stored and will be worked on; poll its batch. */
export const AcceptedSchema = z.object({
	batch_id: z.string(),
	chunk: z.object({ index: count, count: count }),
	/** Clients in this chunk. */
	clients: count,
	status: z.literal('processing'),
});
export type Accepted = z.infer<typeof AcceptedSchema>;

export const DoneChunkSchema = z.object({
	index: count,
	/** The chunk count its request declared. */
	count: count,
	received_at: z.string(),
	status: z.literal('done'),
	clients: count,
	/** Left out when the listing is asked for without them (`?results=none`): a poller's view. */
	results: z.array(RowResultSchema).optional(),
});

export const ProcessingChunkSchema = z.object({
	index: count,
	count: count,
	received_at: z.string(),
	status: z.literal('processing'),
	clients: count,
	/** Rows ready to commit (decided, or password hashed); 0 while the chunk waits its turn. */
	processed: count,
});

export const BatchProgressSchema = z.object({
	batch_id: z.string(),
	summary: z.object({
		chunks_done: count,
		chunks_processing: count,
		/** Clients in every chunk listed. */
		clients_received: count,
		/** Clients in finished chunks: their results are final. */
		clients_done: count,
		/** clients_done plus the processed rows of chunks still processing. */
		clients_processed: count,
	}),
	chunks: z.array(z.discriminatedUnion('status', [DoneChunkSchema, ProcessingChunkSchema])),
});
export type BatchProgress = z.infer<typeof BatchProgressSchema>;

/** RFC 7240: `Prefer` holds comma-separated preferences, each a token with optional parameters. */
export function prefersRespondAsync(header: string | undefined): boolean {
	if (header === undefined) return false;
	return header
		.split(',')
		.some((p) => (p.split(/[;=]/, 1)[0] ?? '').trim().toLowerCase() === 'respond-async');
}
