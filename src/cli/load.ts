// Reading the input file of a command: file-system checks, importCsv with today's date from the
// real clock (core takes the clock from its caller), the --map choices matched to the header,
// progress on a terminal, and the header row.
import type { Delimiter } from '../core/csv-reader.ts';
import { ymdOf } from '../core/dates.ts';
import type { Encoding } from '../core/decode.ts';
import { importCsv, type ImportProgress } from '../core/import-csv.ts';
import type { Dataset } from '../core/validate.ts';
import { describeColumns, readFileStart, readHeaderCells, type SourceColumn } from './columns.ts';
import { resolveMapping, type MapChoice, type ResolvedMapping } from './map-option.ts';
import { openFileSource } from './node-source.ts';

export interface LoadedFile {
	path: string;
	/** Today as YYYYMMDD: the date the rules were checked against. */
	today: string;
	dataset: Dataset;
	encoding: Encoding;
	delimiter: Delimiter;
	columns: SourceColumn[];
}

/** Files smaller than this read too fast for a progress line to help. */
const PROGRESS_MIN_BYTES = 16 << 20;

/**
 * Reads and validates the file. Without `choices` the validator matches the header itself
 * (names and aliases for certain; an unknown column keeps its warning); with them, the header
 * is read first and the --map choices plus the certain suggestions make the mapping.
 */
export async function loadFile(
	path: string,
	choices: readonly MapChoice[] = [],
): Promise<LoadedFile> {
	const source = await openFileSource(path);
	const today = ymdOf(new Date());
	let resolved: ResolvedMapping | null = null;
	if (choices.length > 0) {
		const start = await readFileStart(source);
		// No header (not text, or empty): the import below says why, and no --map can help.
		if (start) resolved = resolveMapping(path, start.header, start.sample, choices);
	}
	const progress =
		process.stderr.isTTY && source.size >= PROGRESS_MIN_BYTES ? terminalProgress(path) : null;
	try {
		const { dataset, encoding, delimiter } = await importCsv(source, {
			today,
			mapping: resolved?.mapping ?? null,
			onProgress: progress?.update,
		});
		const hasHeader = dataset.header.columns.length > 0;
		const cells = hasHeader ? await readHeaderCells(source, encoding, delimiter) : [];
		return {
			path,
			today,
			dataset,
			encoding,
			delimiter,
			columns: describeColumns(cells, dataset.header, resolved?.mapped),
		};
	} finally {
		progress?.clear();
	}
}

/** A one-line progress indicator on stderr, redrawn at most five times a second. */
function terminalProgress(path: string) {
	let last = 0;
	return {
		update(p: ImportProgress): void {
			const now = performance.now();
			if (now - last < 200) return;
			last = now;
			const percent = p.totalBytes > 0 ? Math.floor((p.bytesRead / p.totalBytes) * 100) : 0;
			process.stderr.write(
				`\rReading ${path}: ${percent}% · ${p.rows.toLocaleString('en-US')} rows\x1b[K`,
			);
		},
		clear(): void {
			if (last > 0) process.stderr.write('\r\x1b[K');
		},
	};
}
