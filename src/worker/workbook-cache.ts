// The workbook `inspect` opened last, kept for the import that follows: opening a large
// workbook reads its shared strings and finds its merged cells (a pass over the sheet), and the
// import would otherwise do both again. One entry only: a new workbook replaces it, and the
// import takes it (the memory goes with the draft's reading, not the page's life).
import { openWorkbookOf } from '../core/import-table.ts';
import type { RandomAccessSource, WorkbookReader } from '../core/workbook/types.ts';

let last: { key: string; reader: WorkbookReader } | null = null;

/** The same file chosen again: its name, size and last change (a File's) agree. */
export function workbookKey(file: Blob, name: string): string {
	const modified = file instanceof File ? file.lastModified : 0;
	return `${name}\u0000${file.size}\u0000${modified}`;
}

/** Opens the workbook, or answers the one opened last for the same file. */
export async function openWorkbookCached(
	source: RandomAccessSource,
	key: string,
): Promise<WorkbookReader> {
	if (last?.key === key) return last.reader;
	last = null;
	const reader = await openWorkbookOf(source);
	last = { key, reader };
	return reader;
}

/** The reader `inspect` left for this file, if any (taken: the cache is then empty). */
export function takeWorkbook(key: string): WorkbookReader | undefined {
	if (last?.key !== key) return undefined;
	const { reader } = last;
	last = null;
	return reader;
}
