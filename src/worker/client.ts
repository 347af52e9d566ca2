// The one main-thread facade over the draft worker: request ids → promises, progress
// callbacks, cancellation, and the events the worker sends on its own (id 0: another tab's
// change, the end of checking a draft, a storage upgrade). Responses are parsed.
import {
	ResponseSchema,
	type DraftInfo,
	type DraftState,
	type NoticeChoice,
	type RequestBody,
	type Response,
	type RowFilter,
	type RowView,
} from './protocol.ts';

export interface WorkerLike {
	postMessage(message: unknown): void;
	terminate(): void;
	onmessage: ((event: MessageEvent) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
}

export class ImportCancelled extends Error {
	constructor() {
		super('The import was cancelled.');
		this.name = 'ImportCancelled';
	}
}

export type FailureReason = Extract<Response, { type: 'failed' }>['reason'];

/** A request the worker refused or could not finish; `reason` says what the pro can do. */
export class WorkerError extends Error {
	readonly reason: FailureReason;
	constructor(message: string, reason: FailureReason) {
		super(message);
		this.name = 'WorkerError';
		this.reason = reason;
	}
}

export interface ImportProgressEvent {
	bytesRead: number;
	totalBytes: number;
	rows: number;
	savedRows: number;
}

interface Pending {
	resolve: (response: Response) => void;
	reject: (error: Error) => void;
	onProgress?: (p: ImportProgressEvent) => void;
}

export type WorkerEvent = Extract<Response, { type: 'changed' } | { type: 'failed' }>;
export type SyncStatusEvent = Extract<Response, { type: 'syncStatus' }>['status'];

export interface Opened {
	draft: DraftInfo;
	state: DraftState;
}

export type SyncQueued = Omit<Extract<Response, { type: 'syncQueued' }>, 'type' | 'id'>;
export type NoticeList = Omit<Extract<Response, { type: 'notices' }>, 'type' | 'id'>;

export interface Changed {
	state: DraftState;
	index?: number;
	changedRows: number;
}

export class DraftWorkerClient {
	#worker: WorkerLike;
	#nextId = 1;
	#pending = new Map<number, Pending>();
	#currentImport: number | null = null;
	#listeners = new Set<(event: WorkerEvent) => void>();
	#syncListeners = new Set<(status: SyncStatusEvent) => void>();
	#lastSync: SyncStatusEvent | null = null;

	constructor(worker: WorkerLike) {
		this.#worker = worker;
		worker.onmessage = (event) => this.#receive(event.data);
		worker.onerror = (event) =>
			this.#failAll(new Error(event.message || 'The draft worker stopped.'));
	}

	static create(): DraftWorkerClient {
		return new DraftWorkerClient(
			new Worker(new URL('./draft.worker.ts', import.meta.url), {
				type: 'module',
				name: 'roster-drafts',
			}),
		);
	}

	/** Events not answering a request: returns a function that stops listening. */
	onEvent(listener: (event: WorkerEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** The sync engine's state as it changes (the last one at once, if any). */
	onSyncStatus(listener: (status: SyncStatusEvent) => void): () => void {
		this.#syncListeners.add(listener);
		if (this.#lastSync) listener(this.#lastSync);
		return () => this.#syncListeners.delete(listener);
	}

	/** Queues the open draft's rows without errors for the platform. */
	async sync(knownTags?: string[]): Promise<SyncQueued> {
		const r = await this.#call({ type: 'sync', ...(knownTags ? { knownTags } : {}) }, 'syncQueued');
		return { state: r.state, queued: r.queued, heldBack: r.heldBack, unknownTags: r.unknownTags };
	}

	/** Sends whatever waits in the outbox now. */
	async syncNow(): Promise<void> {
		await this.#call({ type: 'syncNow' }, 'done');
	}

	#receive(data: unknown): void {
		const parsed = ResponseSchema.safeParse(data);
		if (!parsed.success) {
			this.#failAll(new Error(`Unexpected message from the draft worker: ${parsed.error.message}`));
			return;
		}
		const response = parsed.data;
		if (response.type === 'syncStatus') {
			this.#lastSync = response.status;
			for (const listener of this.#syncListeners) listener(response.status);
			return;
		}
		if (response.id === 0 && (response.type === 'changed' || response.type === 'failed')) {
			for (const listener of this.#listeners) listener(response);
			return;
		}
		const pending = this.#pending.get(response.id);
		if (!pending) return;
		if (response.type === 'progress') {
			pending.onProgress?.(response);
			return;
		}
		this.#pending.delete(response.id);
		if (response.type === 'failed')
			pending.reject(new WorkerError(response.message, response.reason));
		else if (response.type === 'cancelled') pending.reject(new ImportCancelled());
		else pending.resolve(response);
	}

	#failAll(error: Error): void {
		for (const p of this.#pending.values()) p.reject(error);
		this.#pending.clear();
	}

	#send(body: RequestBody, onProgress?: Pending['onProgress']) {
		const id = this.#nextId++;
		const done = new Promise<Response>((resolve, reject) => {
			this.#pending.set(id, { resolve, reject, onProgress });
		});
		this.#worker.postMessage({ ...body, id });
		return { id, done };
	}

	async #call<T extends Response['type']>(
		body: RequestBody,
		type: T,
	): Promise<Extract<Response, { type: T }>> {
		const response = await this.#send(body).done;
		if (response.type !== type)
			throw new Error(`Expected ${type} from the worker, got ${response.type}`);
		return response as Extract<Response, { type: T }>;
	}

	/**
	 * Imports a file into a new draft (or the rest of it into a partly imported one), saving
	 * rows as they are read. Choosing another file cancels this one (ImportCancelled).
	 */
	async import(
		file: File,
		today: string,
		onProgress?: Pending['onProgress'],
		resume?: string,
	): Promise<Opened> {
		// The worker itself aborts any import still running when a new one arrives.
		const body: RequestBody = {
			type: 'import',
			file,
			name: file.name,
			lastModified: file.lastModified,
			today,
			...(resume ? { resume } : {}),
		};
		const { id, done } = this.#send(body, onProgress);
		this.#currentImport = id;
		try {
			const r = await done;
			if (r.type !== 'opened') throw new Error(`Expected opened, got ${r.type}`);
			return { draft: r.draft, state: r.state };
		} finally {
			if (this.#currentImport === id) this.#currentImport = null;
		}
	}

	cancel(): void {
		// Fire and forget: the import itself answers, with `cancelled`.
		if (this.#currentImport !== null)
			this.#worker.postMessage({ type: 'cancel', id: this.#nextId++, target: this.#currentImport });
	}

	async open(draftId: string, today: string): Promise<Opened> {
		const r = await this.#call({ type: 'open', draftId, today }, 'opened');
		return { draft: r.draft, state: r.state };
	}

	async close(): Promise<void> {
		await this.#call({ type: 'close' }, 'done');
	}

	async view(filter: RowFilter, search: string): Promise<DraftState> {
		return (await this.#call({ type: 'view', filter, search }, 'changed')).state;
	}

	async rows(offset: number, limit: number): Promise<{ total: number; rows: RowView[] }> {
		const r = await this.#call({ type: 'rows', offset, limit }, 'rows');
		return { total: r.total, rows: r.rows };
	}

	async locate(index: number): Promise<number> {
		return (await this.#call({ type: 'locate', index }, 'located')).position;
	}

	/** A change to the open draft; resolves once it is committed to storage. */
	async change(
		body: Extract<
			RequestBody,
			{
				type:
					| 'edit'
					| 'fix'
					| 'addRow'
					| 'deleteRows'
					| 'dateOrder'
					| 'undo'
					| 'redo'
					| 'passwords'
					| 'markPrinted'
					| 'removePasswords';
			}
		>,
	): Promise<Changed> {
		const r = await this.#call(body, 'changed');
		return {
			state: r.state,
			changedRows: r.changedRows,
			...(r.index === undefined ? {} : { index: r.index }),
		};
	}

	async export(
		kind: 'clean' | 'attention',
		draftId?: string,
	): Promise<{ blob: Blob; rows: number; fileName: string }> {
		const r = await this.#call(
			{ type: 'export', kind, ...(draftId ? { draftId } : {}) },
			'exported',
		);
		return { blob: r.blob, rows: r.rows, fileName: r.fileName };
	}

	/** The notices to print (rows without errors) and how many asked-for rows were left out. */
	async notices(choice: NoticeChoice, indexes?: number[]): Promise<NoticeList> {
		const r = await this.#call(
			{ type: 'notices', choice, ...(indexes ? { indexes } : {}) },
			'notices',
		);
		return {
			notices: r.notices,
			withErrors: r.withErrors,
			removed: r.removed,
			registered: r.registered,
		};
	}

	async duplicate(draftId: string, name: string): Promise<string> {
		return (await this.#call({ type: 'duplicate', draftId, name }, 'duplicated')).draftId;
	}

	terminate(): void {
		this.#failAll(new Error('The draft worker was closed.'));
		this.#worker.terminate();
	}
}
