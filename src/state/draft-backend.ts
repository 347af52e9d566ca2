// What the draft session asks of the draft worker, and what the worker tells it on its own. Kept
// apart from the session so the backends (worker-backend.ts, the tests' wrappers) depend on the
// contract, not on the session's runes.
import type { RowFilter } from '../core/draft-types.ts';
import type { ColumnMapping } from '../core/column-mapping.ts';
import type {
	Changed,
	ImportProgressEvent,
	NoticeList,
	Opened,
	SyncQueued,
} from '../worker/client.ts';
import type {
	Args,
	ChangeBody,
	EventPayload,
	ImportColumns,
	ReplaceQuery,
	Result,
} from '../worker/protocol.ts';
import type { DraftState, NoticeChoice, RowView } from '../worker/views.ts';
import type { FilePreview } from '../worker/mapping-views.ts';

/** What an import is told besides the file: its columns, and the draft it replaces. */
export interface ImportOptions {
	/** How the file's columns feed the fields (absent: the certain suggestions). */
	columns?: ImportColumns;
	/** The draft (with no edits) this import replaces: the mapping step opened from it. */
	replace?: string;
	/** A workbook's sheet to read. */
	sheet?: string;
}

/** A change to the open draft: the worker's command and its arguments (protocol.ts). */
export type { ChangeBody };

/** How "Send" makes its batch: the tags it is checked against, its chunks' size (protocol.ts). */
export type SyncBatchOptions = Args<'sync'>;

/** What the worker says about the open draft on its own (another tab, a storage upgrade). */
export type DraftEvent =
	({ type: 'changed' } & EventPayload<'changed'>) | ({ type: 'failed' } & EventPayload<'failed'>);

/**
 * What the session asks of the draft worker. Its own interface, not the client's methods, so the
 * session does not change with how the client carries calls (component tests wrap the real one
 * to hold a call or record it).
 */
export interface DraftBackend {
	/** Imports a file into a new draft, or the rest of it into `resume`; progress as it reads. */
	import(
		file: File,
		today: string,
		onProgress?: (progress: ImportProgressEvent) => void,
		resume?: string,
		options?: ImportOptions,
	): Promise<Opened>;
	/** Reads the start of a file: its header, a sample, the suggested columns (nothing stored). */
	inspect(file: File, sheet?: string): Promise<FilePreview>;
	/** The open draft's header and sample as stored, with the mapping it was imported with. */
	columns(): Promise<FilePreview & { mapping: ColumnMapping }>;
	/** Cancels the running import (it then rejects with ImportCancelled). */
	cancel(): void;
	open(draftId: string, today: string): Promise<Opened>;
	close(): Promise<void>;
	view(filter: RowFilter, search: string): Promise<DraftState>;
	rows(offset: number, limit: number): Promise<{ total: number; rows: RowView[] }>;
	/** The view position of row `index` (the nearest one shown when it is filtered out). */
	locate(index: number): Promise<number>;
	/** The next (1) or previous (-1) problem from a focused cell in the view (null: none). */
	problem(from: number, field: string, direction: 1 | -1): Promise<Result<'problem'>>;
	/** Resolves once the change is committed to storage. */
	change(body: ChangeBody): Promise<Changed>;
	/** How many cells and rows a find-and-replace would change now (nothing changes). */
	replaceCount(query: ReplaceQuery): Promise<Result<'replaceCount'>>;
	export(
		kind: Args<'export'>['kind'],
		draftId?: string,
	): Promise<{ blob: Blob; rows: number; fileName: string }>;
	notices(choice: NoticeChoice, indexes?: number[]): Promise<NoticeList>;
	sync(batch?: SyncBatchOptions): Promise<SyncQueued>;
	onEvent(listener: (event: DraftEvent) => void): () => void;
}
