// How far the file being imported has been read: bytes, rows checked and rows saved, for the
// progress screen. The worker reports; this only keeps the latest report.
import type { ImportProgressEvent } from '../worker/client.ts';

export class ImportProgress {
	#fileName = $state('');
	#bytesRead = $state(0);
	#totalBytes = $state(0);
	#rowsRead = $state(0);
	#savedRows = $state(0);

	get fileName(): string {
		return this.#fileName;
	}

	get rowsRead(): number {
		return this.#rowsRead;
	}

	get savedRows(): number {
		return this.#savedRows;
	}

	get percent(): number {
		return this.#totalBytes > 0 ? Math.round((this.#bytesRead / this.#totalBytes) * 100) : 0;
	}

	/** A new file: nothing read yet. */
	start(file: File): void {
		this.#fileName = file.name;
		this.#bytesRead = 0;
		this.#totalBytes = file.size;
		this.#rowsRead = 0;
		this.#savedRows = 0;
	}

	/**
	 * No file: a saved draft is opened. The screen names the file only for an import (a failed
	 * open once read "Could not import <the file imported before>").
	 */
	clear(): void {
		this.#fileName = '';
		this.#bytesRead = 0;
		this.#totalBytes = 0;
		this.#rowsRead = 0;
		this.#savedRows = 0;
	}

	update(progress: ImportProgressEvent): void {
		this.#bytesRead = progress.bytesRead;
		this.#totalBytes = progress.totalBytes;
		this.#rowsRead = progress.rows;
		this.#savedRows = progress.savedRows;
	}
}
