// The one main-thread facade over the import worker: request ids → promises, progress
// callbacks, cancellation. Responses are parsed with the protocol schemas.
import {
	ResponseSchema,
	type ImportReport,
	type Request,
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

interface Pending {
	resolve: (response: Response) => void;
	reject: (error: Error) => void;
	onProgress?: (p: { bytesRead: number; totalBytes: number; rows: number }) => void;
}

type Body = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

export class ImportWorkerClient {
	#worker: WorkerLike;
	#nextId = 1;
	#pending = new Map<number, Pending>();
	#currentImport: number | null = null;

	constructor(worker: WorkerLike) {
		this.#worker = worker;
		worker.onmessage = (event) => this.#receive(event.data);
		worker.onerror = (event) =>
			this.#failAll(new Error(event.message || 'The import worker stopped.'));
	}

	static create(): ImportWorkerClient {
		return new ImportWorkerClient(
			new Worker(new URL('./import.worker.ts', import.meta.url), {
				type: 'module',
				name: 'roster-import',
			}),
		);
	}

	#receive(data: unknown): void {
		const parsed = ResponseSchema.safeParse(data);
		if (!parsed.success) {
			this.#failAll(
				new Error(`Unexpected message from the import worker: ${parsed.error.message}`),
			);
			return;
		}
		const response = parsed.data;
		const pending = this.#pending.get(response.id);
		if (!pending) return;
		if (response.type === 'progress') {
			pending.onProgress?.(response);
			return;
		}
		this.#pending.delete(response.id);
		if (response.type === 'failed') pending.reject(new Error(response.message));
		else if (response.type === 'cancelled') pending.reject(new ImportCancelled());
		else pending.resolve(response);
	}

	#failAll(error: Error): void {
		for (const p of this.#pending.values()) p.reject(error);
		this.#pending.clear();
	}

	#send(body: Body, onProgress?: Pending['onProgress']): { id: number; done: Promise<Response> } {
		const id = this.#nextId++;
		const done = new Promise<Response>((resolve, reject) => {
			this.#pending.set(id, { resolve, reject, onProgress });
		});
		this.#worker.postMessage({ ...body, id });
		return { id, done };
	}

	async #expect<T extends Response['type']>(
		done: Promise<Response>,
		type: T,
	): Promise<Extract<Response, { type: T }>> {
		const response = await done;
		if (response.type !== type)
			throw new Error(`Expected ${type} from the worker, got ${response.type}`);
		return response as Extract<Response, { type: T }>;
	}

	/** Reads and validates a file. Choosing another file cancels this one (ImportCancelled). */
	async import(
		file: File,
		today: string,
		onProgress?: Pending['onProgress'],
	): Promise<ImportReport> {
		// The worker itself aborts any import still running when a new one arrives.
		const { id, done } = this.#send({ type: 'import', file, name: file.name, today }, onProgress);
		this.#currentImport = id;
		try {
			return (await this.#expect(done, 'report')).report;
		} finally {
			if (this.#currentImport === id) this.#currentImport = null;
		}
	}

	cancel(): void {
		// Fire and forget: the import itself answers, with `cancelled`.
		if (this.#currentImport !== null)
			this.#worker.postMessage({ type: 'cancel', id: this.#nextId++, target: this.#currentImport });
	}

	async applyFixes(today: string): Promise<ImportReport> {
		return (await this.#expect(this.#send({ type: 'applyFixes', today }).done, 'report')).report;
	}

	async rows(
		filter: RowFilter,
		offset: number,
		limit: number,
	): Promise<{ total: number; rows: RowView[] }> {
		const r = await this.#expect(this.#send({ type: 'rows', filter, offset, limit }).done, 'rows');
		return { total: r.total, rows: r.rows };
	}

	async export(kind: 'clean' | 'attention'): Promise<{ blob: Blob; rows: number }> {
		const r = await this.#expect(this.#send({ type: 'export', kind }).done, 'exported');
		return { blob: r.blob, rows: r.rows };
	}

	terminate(): void {
		this.#failAll(new Error('The import worker was closed.'));
		this.#worker.terminate();
	}
}
