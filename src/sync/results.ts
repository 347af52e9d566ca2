// The server's answer to a chunk, as row changes: each row's sync state, and the reasons of the
// rejected ones. An answer that does not match what was sent is refused, never half applied.
import type { ImportResponse } from '../core/import-api.ts';
import type { RowPatch } from '../core/row-patch.ts';
import type { OutboxRecord, SyncIssueRecord } from '../storage/db.ts';
import { m } from '../i18n/messages.ts';

export interface ChunkOutcome {
	patches: RowPatch[];
	issues: SyncIssueRecord[];
	/** Row indexes whose old rejection reasons are cleared. */
	cleared: number[];
	created: number;
	exists: number;
	rejected: number;
}

export class ResultMismatchError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ResultMismatchError';
	}
}

export function mapResults(
	chunk: OutboxRecord,
	response: ImportResponse,
	now: number,
): ChunkOutcome {
	const { results } = response;
	if (results.length !== chunk.rows.length)
		throw new ResultMismatchError(
			m.draft_results_count({
				answered: String(results.length),
				sent: String(chunk.rows.length),
			}),
		);
	const out: ChunkOutcome = {
		patches: [],
		issues: [],
		cleared: [],
		created: 0,
		exists: 0,
		rejected: 0,
	};
	results.forEach((result, k) => {
		const index = chunk.rows[k] as number;
		const sent = chunk.clients[k]?.email_address ?? '';
		if (result.email_address.toLowerCase() !== sent.toLowerCase())
			throw new ResultMismatchError(
				m.draft_results_mismatch({ row: String(k + 1), got: result.email_address, sent }),
			);
		const sync =
			result.status === 'created' ? 'synced' : result.status === 'exists' ? 'exists' : 'rejected';
		out.patches.push({ index, credential: { sync, syncedAt: now } });
		if (result.status === 'rejected') {
			out.rejected++;
			out.issues.push({
				draftId: chunk.draftId,
				index,
				issues: result.issues?.length
					? result.issues
					: [{ code: 'rejected', message: m.draft_results_no_reason() }],
			});
		} else {
			out.cleared.push(index);
			if (result.status === 'created') out.created++;
			else out.exists++;
		}
	});
	return out;
}
