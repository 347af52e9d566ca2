// The mapping step a draft session shows between choosing a file and importing it: the step, the
// file it will import, the draft that import replaces, and the file each draft of this page
// session came from (changing a draft's columns imports that file again without asking for it).
import type { ColumnMappingStep } from './column-mapping.svelte.ts';

export class ImportStep {
	#step = $state<ColumnMappingStep | null>(null);
	/** Null: opened from a draft whose file this page no longer has. */
	#file = $state.raw<File | null>(null);
	#replace: string | null = null;
	/** Only in memory: after a reload the step asks for the file. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- looked up on a click, never shown
	#files = new Map<string, File>();

	get step(): ColumnMappingStep | null {
		return this.#step;
	}

	get file(): File | null {
		return this.#file;
	}

	/** The draft (with no edits) the step's import replaces; null for a new file. */
	get replace(): string | null {
		return this.#replace;
	}

	open(step: ColumnMappingStep, file: File | null, replace: string | null): void {
		this.#step = step;
		this.#file = file;
		this.#replace = replace;
	}

	/** The pro chose the file again (the page no longer had it). */
	chooseFile(file: File): void {
		this.#file = file;
	}

	close(): void {
		this.#step = null;
		this.#file = null;
		this.#replace = null;
	}

	/** The file `draftId` was imported from on this page (null: before a reload, or never). */
	fileOf(draftId: string): File | null {
		return this.#files.get(draftId) ?? null;
	}

	/** `file` is now draft `draftId`'s, and the draft it replaced (if any) is gone. */
	imported(draftId: string, file: File, replaced?: string): void {
		if (replaced) this.#files.delete(replaced);
		this.#files.set(draftId, file);
	}
}
