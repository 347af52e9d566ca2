// The two files a pro downloads: valid clients in template form, and everything else with the
// reasons. Together they hold every client of the source file.
import {
	attentionLine,
	englishIssue,
	neutralise,
	CRLF,
	csvLine,
	headerLine,
	recordCells,
	type CsvLayout,
	type DescribeIssue,
} from './csv-writer.ts';
import type { Issue } from './issues.ts';
import { foldHeader } from './header-aliases.ts';
import type { HeaderMapping } from './template.ts';
import { errorFlags } from './summary.ts';
import type { Dataset } from './validate.ts';
import type { ClientRecord } from './record.ts';

/** The clean file (rows ready to import) or the rows needing attention. */
export const EXPORT_KINDS = ['clean', 'attention'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** UTF-8 BOM: lets Excel open the attention file with accents intact. */
const BOM = '\ufeff';

/** The attention file's last column: each row's problems. */
const ERRORS = 'errors';

/**
 * The file as string parts (one per row), ready for `new Blob(parts)` or a write stream.
 * The clean file is exactly what the platform takes: UTF-8 without BOM, CRLF, template order.
 * `describe` words each problem of the attention file's `errors` column; the app and the CLI
 * pass one in the pro's language (core itself knows only the English message).
 */
export function exportParts(
	dataset: Dataset,
	kind: ExportKind,
	flags: Uint8Array = errorFlags(dataset),
	describe: DescribeIssue = englishIssue,
): string[] {
	const wanted = kind === 'clean' ? 0 : 1;
	const layout = layoutOf(dataset, flags, wanted);
	if (kind === 'clean') {
		const parts = [headerLine(layout)];
		for (const rec of recordsFlagged(dataset, flags, 0))
			parts.push(csvLine(recordCells(rec, layout)));
		return parts;
	}
	const fileErrors = dataset.fileIssues.filter((i) => i.severity === 'error');
	const leftOut = leftOutColumns(dataset.header);
	const parts = [BOM + headerLine(layout, [...leftOut.names.map(neutralise), ERRORS])];
	let i = -1;
	for (const rec of dataset.records) {
		if (flags[++i] !== 1) continue;
		const own = (dataset.recordIssues[i] ?? []).filter((x) => x.severity === 'error');
		const issues: Issue[] = own.length > 0 ? own : fileErrors;
		parts.push(attentionLine(rec, layout, issues, leftOut.at, describe));
	}
	return parts;
}

/**
 * The source columns the mapping left out, as the attention file writes them back: their
 * headers as written, and where each is in a record's `leftOut` (which holds every non-blank
 * column without a field, in column order). A file that comes back with Roster's own `errors`
 * column has it left out too; it is not written twice, since the new `errors` replaces it.
 */
export function leftOutColumns(header: HeaderMapping): { names: string[]; at: number[] } {
	const names: string[] = [];
	const at: number[] = [];
	let k = 0;
	header.columns.forEach((field, i) => {
		if (field !== null || header.blank[i]) return;
		const name = header.names[i] ?? '';
		if (foldHeader(name) !== ERRORS) {
			names.push(name);
			at.push(k);
		}
		k++;
	});
	return { names, at };
}

/** The columns the chosen rows need, read from the store without building the records. */
function layoutOf(dataset: Dataset, flags: Uint8Array, wanted: number): CsvLayout {
	const { records } = dataset;
	let tagColumns = 0;
	let externalId = dataset.header.present.has('external_id');
	for (let i = 0; i < records.length; i++) {
		if (flags[i] !== wanted) continue;
		tagColumns = Math.max(tagColumns, records.tagCount(i));
		if (!externalId && records.field(i, 'external_id') !== '') externalId = true;
	}
	return { tagColumns, externalId };
}

function* recordsFlagged(
	dataset: Dataset,
	flags: Uint8Array,
	wanted: number,
): Generator<ClientRecord> {
	let i = 0;
	for (const rec of dataset.records) if (flags[i++] === wanted) yield rec;
}

export function exportText(dataset: Dataset, kind: ExportKind): string {
	return exportParts(dataset, kind).join('');
}

export { CRLF, type DescribeIssue };
