// The two parts of a file cut by findCsvSplit, read by two CsvStreamReaders, put back together
// as one reading: the second part's rows continue the first's (the reader numbers records, so a
// cell holding line breaks is one row), and its quote problems move with them.
import type { CsvReaderResult, CsvRecord } from './csv-reader.ts';

export interface PartReading {
	/** How many records the part's reader gave (the last row number it used). */
	rows: number;
	result: CsvReaderResult;
}

/** The row number one reading of the whole file gives to row `row` of the second part. */
export function continuedRow(row: number, first: PartReading): number {
	return first.rows + row;
}

/**
 * The reader's result for the whole file from its two parts' results; null when the parts may
 * have been read differently from one reading and the file must be read again in one piece: a
 * quote still open where the first part ends, or a quote open so long (8 M characters) that
 * either reader went on reading its lines literally, since where that starts depends on how the
 * text arrived.
 */
export function mergedResult(first: PartReading, second: PartReading): CsvReaderResult | null {
	if (first.result.unclosedQuoteRow !== null) return null;
	if (first.result.literalQuoteRows || second.result.literalQuoteRows) return null;
	const open = second.result.unclosedQuoteRow;
	return { unclosedQuoteRow: open === null ? null : continuedRow(open, first) };
}

/** The second part's records renumbered as one reading numbers them. */
export function continuedRecords(records: readonly CsvRecord[], first: PartReading): CsvRecord[] {
	return records.map((r) => ({ ...r, row: continuedRow(r.row, first) }));
}
