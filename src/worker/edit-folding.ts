// When the worker folds a draft's edit log into its blocks (src/storage/edit-log.ts): a block
// whose log is long at once after the answer, the whole draft once the pro has stopped typing for
// a moment, and when the draft is closed. A fold that fails is no loss: the logged rows stay
// durable and every read applies them, so the next fold simply does the work.
import type { DraftRepository } from '../storage/drafts.ts';
import { FOLD_AT } from '../storage/edit-log.ts';

/** The pause in edits after which the log is folded. */
export const FOLD_IDLE_MS = 2000;

export class EditFolder {
	#repo: DraftRepository;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#draftId: string | null = null;

	constructor(repo: DraftRepository) {
		this.#repo = repo;
	}

	/** A change was committed; `pendingEdits`: rows now logged in its fullest block (0: none). */
	committed(draftId: string, pendingEdits: number | undefined): void {
		if (!pendingEdits) return;
		if (this.#draftId !== null && this.#draftId !== draftId) void this.#fold(this.#draftId, 1);
		this.#draftId = draftId;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.now(), FOLD_IDLE_MS);
		// After the answer has gone out: the fold waits for the commit's lock, not the pro.
		if (pendingEdits >= FOLD_AT) setTimeout(() => void this.#fold(draftId, FOLD_AT), 0);
	}

	/** Folds the waiting draft's whole log now (idle, or the draft is closed). */
	now(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const id = this.#draftId;
		this.#draftId = null;
		return id === null ? Promise.resolve() : this.#fold(id, 1);
	}

	async #fold(draftId: string, atLeast: number): Promise<void> {
		try {
			await this.#repo.foldEdits(draftId, atLeast);
		} catch {
			// Kept in the log: read as it is, folded next time.
		}
	}
}

const folders = new WeakMap<DraftRepository, EditFolder>();

/** The one folder of a worker's repository. */
export function editFolder(repo: DraftRepository): EditFolder {
	let folder = folders.get(repo);
	if (!folder) folders.set(repo, (folder = new EditFolder(repo)));
	return folder;
}
