// A sync batch cut into chunks, each with its own idempotency key, ready for the outbox.
import { toImportClient } from '../core/import-api.ts';
import type { ClientRecord } from '../core/record.ts';
import type { OutboxRecord } from '../storage/db.ts';

/** `items` in runs of `size` (the last one shorter). */
export function chunked<T>(items: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1)
		throw new RangeError(`Chunk size must be ≥ 1, got ${size}`);
	const out: T[][] = [];
	for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
	return out;
}

export interface BatchInput {
	draftId: string;
	batchId: string;
	/** Row indexes in the draft, in row order, and the record of each. */
	rows: readonly number[];
	record: (index: number) => ClientRecord;
	chunkSize: number;
	now: number;
	newKey: () => string;
}

export function buildBatch(input: BatchInput): OutboxRecord[] {
	const parts = chunked(input.rows, input.chunkSize);
	return parts.map((rows, index) => ({
		id: `${input.batchId}:${index}`,
		draftId: input.draftId,
		batchId: input.batchId,
		index,
		count: parts.length,
		key: input.newKey(),
		rows,
		clients: rows.map((i) => toImportClient(input.record(i))),
		attempts: 0,
		nextAt: input.now,
		lastError: null,
		// Same for the whole batch: the outbox sends batches in the order they were made.
		createdAt: input.now,
	}));
}
