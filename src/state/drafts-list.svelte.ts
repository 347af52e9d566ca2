// The home screen's list of drafts, kept live from IndexedDB (other tabs and the worker write
// there too), with rename, duplicate, delete-with-undo, and what storage the device grants.
// Drafts' names may be sealed (the passphrase lock): the worker reads the list and renames; the
// page follows the table only to know when to ask again, and writes the delete mark itself.
import { liveQuery, type Subscription } from 'dexie';
import type { ExportKind } from '../core/export.ts';
import type { DraftRepository } from '../storage/drafts.ts';
import type { DraftListItem } from '../worker/protocol.ts';
import { explainStorageError } from '../storage/errors.ts';
import { m } from '../i18n/messages.ts';

/** How long Undo is offered after a delete. */
export const UNDO_DELETE_MS = 8000;

export interface StorageInfo {
	/** null: the browser does not say. */
	persisted: boolean | null;
	usage: number | null;
	quota: number | null;
}

/** What the list asks of the draft worker. */
export interface DraftsBackend {
	/** Copies a draft under a new name; resolves with the copy's id. */
	duplicate(draftId: string, name: string): Promise<string>;
	export(
		kind: ExportKind,
		draftId?: string,
	): Promise<{ blob: Blob; rows: number; fileName: string }>;
	/** The drafts not deleted, last edited first, with their names opened. */
	list(): Promise<DraftListItem[]>;
	rename(draftId: string, name: string): Promise<void>;
}

/** What the list needs from the browser's storage manager (absent in old browsers). */
export interface StorageManagerLike {
	persisted?: () => Promise<boolean>;
	persist?: () => Promise<boolean>;
	estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

export class DraftsList {
	drafts = $state<DraftListItem[]>([]);
	loaded = $state(false);
	/** The draft just deleted, while Undo is offered. */
	deleted = $state<{ id: string; name: string } | null>(null);
	storage = $state<StorageInfo>({ persisted: null, usage: null, quota: null });
	error = $state('');

	#repo: DraftRepository;
	#worker: DraftsBackend;
	#storage: StorageManagerLike | undefined;
	#subscription: Subscription | null = null;
	#undoTimer: ReturnType<typeof setTimeout> | null = null;
	#clock: () => number;

	constructor(
		repo: DraftRepository,
		worker: DraftsBackend,
		storage: StorageManagerLike | undefined,
		clock: () => number = () => Date.now(),
	) {
		this.#repo = repo;
		this.#worker = worker;
		this.#storage = storage;
		this.#clock = clock;
	}

	/** Starts following the drafts table; also clears deletes whose Undo time has passed. */
	start(): void {
		if (this.#subscription) return;
		void this.#repo.purgeDeleted(this.#clock() - UNDO_DELETE_MS).catch(() => undefined);
		// Any write to the drafts table (here, the worker, another tab) asks for the list again;
		// answers that arrive out of order are dropped.
		let asked = 0;
		this.#subscription = liveQuery(() => this.#repo.changeMark()).subscribe({
			next: () => {
				const ask = ++asked;
				this.#worker.list().then(
					(drafts) => {
						if (ask !== asked) return;
						this.drafts = drafts;
						this.loaded = true;
					},
					(error: unknown) => this.#fail(error),
				);
			},
			error: (error: unknown) => this.#fail(error),
		});
		void this.refreshStorage();
	}

	stop(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = null;
	}

	#fail(error: unknown): void {
		const explained = explainStorageError(error);
		this.error = explained instanceof Error ? explained.message : String(explained);
	}

	async refreshStorage(): Promise<void> {
		const s = this.#storage;
		try {
			const persisted = s?.persisted ? await s.persisted() : null;
			const estimate = s?.estimate ? await s.estimate() : {};
			this.storage = {
				persisted,
				usage: estimate.usage ?? null,
				quota: estimate.quota ?? null,
			};
		} catch {
			// Storage figures are a courtesy; the drafts work without them.
		}
	}

	/** Asks the browser to keep Roster's data even when space runs low (once, at the first draft). */
	async requestPersistence(): Promise<void> {
		const s = this.#storage;
		if (!s?.persist) return;
		try {
			const granted = await s.persist();
			this.storage = { ...this.storage, persisted: granted };
		} catch {
			this.storage = { ...this.storage, persisted: false };
		}
		await this.refreshStorage();
	}

	async rename(id: string, name: string): Promise<void> {
		const trimmed = name.trim();
		if (trimmed === '') return;
		try {
			await this.#worker.rename(id, trimmed);
		} catch (error) {
			this.#fail(error);
		}
	}

	async duplicate(id: string): Promise<void> {
		const source = this.drafts.find((d) => d.id === id);
		try {
			const name = source?.name ?? m.shell_drafts_untitled();
			await this.#worker.duplicate(id, m.shell_drafts_copy_name({ name }));
		} catch (error) {
			this.#fail(error);
		}
	}

	async remove(id: string): Promise<void> {
		const draft = this.drafts.find((d) => d.id === id);
		if (!draft) return;
		this.#finishDelete();
		try {
			await this.#repo.softDelete(id, this.#clock());
			this.deleted = { id, name: draft.name };
			this.#undoTimer = setTimeout(() => this.#finishDelete(), UNDO_DELETE_MS);
		} catch (error) {
			this.#fail(error);
		}
	}

	async undoRemove(): Promise<void> {
		const deleted = this.deleted;
		if (!deleted) return;
		if (this.#undoTimer) clearTimeout(this.#undoTimer);
		this.#undoTimer = null;
		this.deleted = null;
		await this.#repo.restore(deleted.id);
	}

	#finishDelete(): void {
		if (this.#undoTimer) clearTimeout(this.#undoTimer);
		this.#undoTimer = null;
		if (!this.deleted) return;
		this.deleted = null;
		void this.#repo
			.purgeDeleted(this.#clock() + 1)
			.then(() => this.refreshStorage())
			.catch(() => undefined);
	}

	async exportDraft(id: string, kind: ExportKind) {
		try {
			return await this.#worker.export(kind, id);
		} catch (error) {
			this.#fail(error);
			return null;
		}
	}
}
