// Validation of a whole file: header mapping, row rules and the rules across rows (duplicates,
// a birthdate column's date order). Works streaming: rows are added as they are parsed.
import { ISSUE_SEVERITY, type Issue, type IssueCode } from './issues.ts';
import { ISSUE_WORDINGS, wordedIssue } from './issue-messages.ts';
import { mapHeader, REQUIRED_FIELDS, type HeaderMapping } from './template.ts';
import type { ClientRecord } from './record.ts';
import { columnIndexes, isBlank, recordOf, type ColumnIndexes } from './row-cells.ts';
import {
	ambiguousDateIssue,
	checkDateParts,
	checkRecord,
	emailKey,
	emailKeyHash,
	genderLetterIssue,
	type RuleContext,
} from './rules.ts';
import { withOrder, type DateOrder } from './dates.ts';
import { hashString, KeyIndex } from './key-index.ts';
import type { ColumnMapping } from './column-mapping.ts';
import { genderLetter, readGenderLetters, type GenderConvention } from './gender.ts';
import { RecordStore } from './record-store.ts';
import { HeaderSearch, skippedRowsIssue } from './header-row.ts';
import type { CsvRecord, Delimiter } from './csv-reader.ts';
import { PlainRow } from './plain-rows.ts';
import type { CheckedRows, RowChecks } from './checked-rows.ts';

export interface ValidateOptions {
	/** Today as YYYYMMDD (see `ymdOf`). */
	today: string;
	/**
	 * A date order the column settled before, or the pro chose: it holds for every ambiguous
	 * date (kept across fixes: once the certain dates are rewritten as YYYYMMDD they no longer
	 * show the order, but it still holds).
	 */
	dateOrder?: DateOrder | null;
	/**
	 * True for a draft: `dateOrder` (even null) holds and the column does not settle another
	 * one; the order changes only when the pro chooses it.
	 */
	keepDateOrder?: boolean;
	/** Roughly how many rows to expect (sizes the duplicate indexes up front). */
	expectedRows?: number;
	/**
	 * A file being read: rows' keys are claimed at `finish`, all back to back, where duplicates
	 * are final anyway. Claimed between chunks, the indexes' lines were gone from the caches
	 * each time (docs/decisions.md, "claims at the end").
	 */
	claimAtFinish?: boolean;
	/**
	 * What each source column feeds, as the pro confirmed it (or `--map` said). Absent: the
	 * header's certain name and alias matches (a file in template form).
	 */
	mapping?: ColumnMapping | null;
	/**
	 * The gender letter convention a draft settled when it was imported: it holds for every
	 * single-letter gender, and the column does not settle another (like `keepDateOrder`).
	 * Null holds too (each letter is read alone); absent, the column settles its own.
	 */
	genderConvention?: GenderConvention | null;
}

export interface Dataset {
	header: HeaderMapping;
	records: RecordStore;
	/** Issues of each record, by index in `records` (undefined: none). */
	recordIssues: (Issue[] | undefined)[];
	/** Issues of the whole file and of the header. */
	fileIssues: Issue[];
	/** The order that settled ambiguous birthdates, when the column agreed on one. */
	dateOrder: DateOrder | null;
	/** The letter convention the gender column's letters fit (null: none, or more than one). */
	genderConvention: GenderConvention | null;
}

/** What `file.no_rows` says (also when `inspect` finds it before an import). */
export const NO_ROWS_MESSAGE = ISSUE_WORDINGS.file_no_rows?.en({}) ?? '';

/** `file.no_rows`, with its wording's key. */
export function noRowsIssue(): Issue {
	return wordedIssue('file.no_rows', null, null, null, {});
}

export class Validator {
	#ctx: RuleContext;
	#header: HeaderMapping | null = null;
	#records = new RecordStore();
	#recordIssues: (Issue[] | undefined)[] = [];
	#emails: KeyIndex;
	#externalIds: KeyIndex;
	#fixedOrder: DateOrder | null;
	#keepOrder: boolean;
	#dayFirst = 0;
	#monthFirst = 0;
	#ambiguous: { index: number; year: number; first: number; second: number }[] = [];
	#fileIssues: Issue[] = [];
	#scratch: Issue[] = [];
	#at: ColumnIndexes | null = null;
	#mapping: ColumnMapping | null;
	/** Rows whose gender is a single letter, read once the column's convention is known. */
	#letterRows: number[] = [];
	#genderConvention: GenderConvention | null;
	#search = new HeaderSearch();
	/** Set while `addRows` or `checkStored` runs: keys wait in #claims to be claimed together. */
	#deferClaims = false;
	#claims = new DeferredClaims();
	/** Until `finish`: claims wait, however many (ValidateOptions.claimAtFinish). */
	#holdClaims: boolean;

	constructor(options: ValidateOptions) {
		const held = options.genderConvention !== undefined;
		this.#ctx = {
			today: options.today,
			absent: new Set(),
			genderConvention: options.genderConvention ?? null,
			deferGenderLetters: !held,
			email: { keyHash: 0 },
		};
		this.#genderConvention = options.genderConvention ?? null;
		this.#holdClaims = options.claimAtFinish ?? false;
		this.#mapping = options.mapping ?? null;
		const expected = Math.min(options.expectedRows ?? 0, 1 << 24);
		this.#emails = new KeyIndex((i) => emailKey(this.#records.field(i, 'email_address')), expected);
		this.#externalIds = new KeyIndex((i) => this.#records.field(i, 'external_id'), expected);
		this.#fixedOrder = options.dateOrder ?? null;
		this.#keepOrder = options.keepDateOrder ?? false;
	}

	/** Continues from records already held (a draft read back from storage). */
	static over(records: RecordStore, header: HeaderMapping, options: ValidateOptions): Validator {
		const v = new Validator(options);
		v.setHeader(header);
		v.#records = records;
		return v;
	}

	/** What a draft needs to keep validating after edits. */
	get indexes(): { emails: KeyIndex; externalIds: KeyIndex; ctx: RuleContext } {
		return { emails: this.#emails, externalIds: this.#externalIds, ctx: this.#ctx };
	}

	get header(): HeaderMapping | null {
		return this.#header;
	}

	get records(): RecordStore {
		return this.#records;
	}

	/** Issues of a record checked so far (duplicates and ambiguous dates are final at `finish`). */
	issuesAt(index: number): Issue[] {
		return this.#recordIssues[index] ?? [];
	}

	get rowCount(): number {
		return this.#records.length;
	}

	/** False until a non-blank record (the header, or a row that may sit above it) was added. */
	get hasHeader(): boolean {
		return this.#header !== null || this.#search.waiting;
	}

	/**
	 * Adds parsed records as `addCells` does one by one, then claims their keys back to back.
	 * On a million rows the key indexes are far larger than the CPU caches: probes between two
	 * rows' checks each wait on their cache misses, where probes in a row overlap them
	 * (docs/decisions.md, "claims in a batch").
	 */
	addRows(rows: readonly CsvRecord[]): void {
		this.#deferClaims = true;
		try {
			for (const r of rows) this.addCells(r.cells, r.row, r.recoded);
		} finally {
			this.#deferClaims = false;
			this.#claimQueued();
		}
	}

	/**
	 * Adds a parsed record. The header is the first row within the first rows that names
	 * template fields (header-row.ts); until it is found, rows wait.
	 */
	addCells(cells: string[], row: number, recoded?: boolean): void {
		if (isBlank(cells)) return;
		if (this.#header) {
			this.#addRow(cells, row, recoded);
			return;
		}
		this.#takeRows(this.#search.push(recoded ? { cells, row, recoded } : { cells, row }));
	}

	#addRow(cells: string[], row: number, recoded: boolean | undefined): void {
		const rec = recordOf(cells, row, this.#at as ColumnIndexes);
		if (recoded) rec.recoded = true;
		this.addRecord(rec);
	}

	#takeRows(rows: CsvRecord[]): void {
		const found = this.#search.header;
		if (!this.#header && found) {
			this.setHeader(mapHeader(found.cells, this.#mapping, found.row));
			const skipped = this.#search.skipped;
			if (skipped.length > 0) this.#fileIssues.push(skippedRowsIssue(skipped, found.row));
		}
		for (const r of rows) this.#addRow(r.cells, r.row, r.recoded);
	}

	setHeader(header: HeaderMapping): void {
		this.#header = header;
		this.#at = columnIndexes(header, this.#mapping);
		this.#ctx.absent = new Set(REQUIRED_FIELDS.filter((f) => !header.present.has(f)));
	}

	/**
	 * A reader of plain rows under this file's header (plain-rows.ts), or null: before the
	 * header, or when no row can be plain.
	 */
	plainRows(delimiter: Delimiter): PlainRow | null {
		if (!this.#header || !this.#at) return null;
		return PlainRow.under(this.#at, delimiter, this.#ctx.today);
	}

	/**
	 * Adds the plain rows of `src` from `at` (a line start) on, read by `plain`, until a line that
	 * is not one; `row`: the first one's row number. Returns where it stopped. A plain row has no
	 * issue of its own: only its keys are claimed, in a batch as `addRows` claims them.
	 */
	addPlainLines(plain: PlainRow, src: Uint8Array, at: number, row: number): number {
		const records = this.#records;
		const issues = this.#recordIssues;
		const claims = this.#claims;
		let p = at;
		try {
			for (let next = plain.read(src, p); next !== -1; next = plain.read(src, p)) {
				plain.row = row++;
				const index = records.length;
				records.pushBytes(plain);
				issues[index] = undefined;
				if (claims.addHashes(index, plain.emailHash, plain.idHash)) this.#claimQueued();
				p = next;
			}
		} finally {
			this.#claimQueued();
		}
		return p;
	}

	/** Adds one client already in record form (re-validation after edits or fixes). */
	addRecord(rec: ClientRecord): void {
		this.#records.push(rec);
		this.#check(rec, this.#records.length - 1);
	}

	/**
	 * Checks every record the store already holds from `from` on (a draft read back from
	 * storage); deleted rows are skipped, as if they were not there.
	 */
	checkStored(from: number, to = this.#records.length): void {
		this.#deferClaims = true;
		try {
			for (let i = from; i < to; i++) {
				if (this.#records.isDeleted(i)) this.#recordIssues[i] = undefined;
				else this.#check(this.#records.at(i) as ClientRecord, i);
			}
		} finally {
			this.#deferClaims = false;
			this.#claimQueued();
		}
	}

	#check(rec: ClientRecord, index: number): void {
		// One scratch list for all rows: most rows have no issue, and a million empty arrays
		// would only feed the garbage collector.
		const out = this.#scratch;
		out.length = 0;
		const reading = checkRecord(rec, this.#ctx, out);
		if (reading === null) {
			// The usual case: nothing about this row's date waits for its column.
		} else if (reading.kind === 'certain') {
			if (reading.order === 'day-first') this.#dayFirst++;
			else this.#monthFirst++;
		} else if (this.#keepOrder) {
			// The order is known up front, so the row is final now: rows shown while a draft
			// is still being checked already carry their date issues.
			settleDate(rec, reading, this.#fixedOrder, this.#ctx, out);
		} else {
			this.#ambiguous.push({
				index,
				year: reading.year,
				first: reading.first,
				second: reading.second,
			});
		}
		if (this.#ctx.deferGenderLetters && genderLetter(rec.gender) !== null)
			this.#letterRows.push(index);
		this.#recordIssues[index] = out.length > 0 ? out.slice() : undefined;
		// Claimed at once unless a batch is being added, or once its queue is full.
		const full = this.#claims.add(index, rec, this.#ctx.email?.keyHash ?? 0);
		if (full || !this.#deferClaims) this.#claimQueued();
	}

	/** Claims the keys #check set aside, in row order. */
	#claimQueued(): void {
		const claims = this.#claims;
		if (this.#holdClaims) return;
		const q = claims.queue;
		const { emails, ids } = claims.earlier();
		this.#emails.claimQueued(q, claims.length, 1, emails);
		this.#externalIds.claimQueued(q, claims.length, 2, ids);
		for (let k = 0; k < claims.length / 3; k++) {
			const earlierEmail = emails[k] as number;
			const earlierId = ids[k] as number;
			if (earlierEmail !== -1 || earlierId !== -1)
				this.#addDuplicates(q[3 * k] as number, earlierEmail, earlierId);
		}
		claims.clear();
	}

	/** A duplicate's issues go after the row's others (email first), whenever it is claimed. */
	#addDuplicates(index: number, earlierEmail: number, earlierId: number): void {
		const list = (this.#recordIssues[index] ??= []);
		if (earlierEmail !== -1) list.push(this.#duplicate('email_address', index, earlierEmail));
		if (earlierId !== -1) list.push(this.#duplicate('external_id', index, earlierId));
	}

	/**
	 * What the parse worker needs to check rows as this validator would (checked-rows.ts), or
	 * null until the header is known.
	 */
	rowChecks(): RowChecks | null {
		if (!this.#header || !this.#at) return null;
		return {
			at: this.#at,
			today: this.#ctx.today,
			absent: [...this.#ctx.absent],
			genderConvention: this.#ctx.genderConvention ?? null,
			deferGenderLetters: this.#ctx.deferGenderLetters ?? false,
		};
	}

	/**
	 * Adds rows checked elsewhere by `rowChecks()` (their row numbers moved by `rowOffset`): the
	 * rows marked for it are checked here again, in full; the others only queue their keys, which
	 * are claimed in row order with the rest.
	 */
	addChecked(batch: CheckedRows, rowOffset: number): void {
		const base = this.#records.length;
		this.#records.appendPacked(batch, rowOffset);
		const issues = this.#recordIssues;
		const claims = this.#claims;
		this.#deferClaims = true;
		try {
			for (let r = 0; r < batch.count; r++) {
				const index = base + r;
				if (batch.recheck[r] === 1) {
					this.#check(this.#records.at(index) as ClientRecord, index);
					continue;
				}
				issues[index] = undefined;
				const email = batch.emailHashes[r] as number;
				if (claims.addHashes(index, email, batch.idHashes[r] as number)) this.#claimQueued();
			}
		} finally {
			this.#deferClaims = false;
			this.#claimQueued();
		}
	}

	#duplicate(field: UniqueField, index: number, earlier: number): Issue {
		const rec = this.#records.at(index) as ClientRecord;
		return duplicateIssue(field, rec, this.#records.rowNumber(earlier), earlier);
	}

	/** Adds a problem of the whole file (empty, binary, unclosed quote). */
	addFileIssue(issue: Issue): void {
		this.#fileIssues.push(issue);
	}

	finish(): Dataset {
		// Before the dates and genders settle, as when claims were made between chunks: a row's
		// duplicates then come right after its own issues.
		this.#holdClaims = false;
		this.#claimQueued();
		if (!this.#header) this.#takeRows(this.#search.settle());
		const dateOrder = this.#settleAmbiguousDates();
		const genderConvention = this.#settleGenderLetters();
		const header = this.#header ?? mapHeader([]);
		const fileIssues = [...this.#fileIssues];
		if (this.#header) fileIssues.push(...this.#header.issues);
		if (
			this.#header &&
			this.#records.length === 0 &&
			!fileIssues.some((i) => i.code.startsWith('file.'))
		)
			fileIssues.push(noRowsIssue());
		return {
			header,
			records: this.#records,
			recordIssues: this.#recordIssues,
			fileIssues,
			dateOrder,
			genderConvention,
		};
	}

	/**
	 * Reads the single-letter genders by the convention the column's letters fit (or each by
	 * itself when they fit none), and holds it from then on: a draft's edits read letters the same.
	 */
	#settleGenderLetters(): GenderConvention | null {
		if (!this.#ctx.deferGenderLetters) return this.#genderConvention;
		const letters = new Set<string>();
		for (const i of this.#letterRows) letters.add(this.#records.field(i, 'gender'));
		const { convention, reading } = readGenderLetters(letters);
		for (const i of this.#letterRows) {
			const rec = this.#records.at(i) as ClientRecord;
			const letter = genderLetter(rec.gender) as string;
			const list = (this.#recordIssues[i] ??= []);
			genderLetterIssue(rec, letter, reading.get(letter) ?? null, convention, list);
		}
		this.#letterRows = [];
		this.#ctx.deferGenderLetters = false;
		this.#ctx.genderConvention = this.#genderConvention = convention;
		return convention;
	}

	#settleAmbiguousDates(): DateOrder | null {
		const order: DateOrder | null = this.#keepOrder
			? this.#fixedOrder
			: (this.#fixedOrder ??
				(this.#dayFirst > 0 && this.#monthFirst === 0
					? 'day-first'
					: this.#monthFirst > 0 && this.#dayFirst === 0
						? 'month-first'
						: null));
		for (const amb of this.#ambiguous) {
			const rec = this.#records.at(amb.index) as ClientRecord;
			const out: Issue[] = [];
			settleDate(rec, amb, order, this.#ctx, out);
			const list = (this.#recordIssues[amb.index] ??= []);
			list.push(...out);
		}
		this.#ambiguous = [];
		return order;
	}
}

/** The issues of an ambiguous birthdate once the column's order is known (or not). */
export function settleDate(
	rec: ClientRecord,
	reading: { year: number; first: number; second: number },
	order: DateOrder | null,
	ctx: RuleContext,
	out: Issue[],
): void {
	if (!order) {
		out.push(ambiguousDateIssue(rec, reading));
		return;
	}
	const { year, month, day } = withOrder(reading, order);
	checkDateParts(rec.row, rec.birthdate, year, month, day, false, ctx, out, order);
}

export type UniqueField = 'email_address' | 'external_id';

/** A duplicate of the row with index `first` (spreadsheet row `firstRow`). */
export function duplicateIssue(
	field: UniqueField,
	rec: ClientRecord,
	firstRow: number,
	first: number,
): Issue {
	const issue =
		field === 'email_address'
			? wordedIssue('email.duplicate', rec.row, 'email_address', null, {
					value: rec.email_address,
					other: firstRow,
				})
			: wordedIssue('external_id.duplicate', rec.row, 'external_id', null, {
					value: rec.external_id,
					other: firstRow,
				});
	issue.duplicateOf = first;
	return issue;
}

export function validateCells(rows: string[][], options: ValidateOptions): Dataset {
	const v = new Validator(options);
	rows.forEach((cells, i) => v.addCells(cells, i + 1));
	return v.finish();
}

/** Validates records again, e.g. after fixes: the header keeps only what fixes cannot change. */
export function revalidate(
	dataset: Dataset,
	records: Iterable<ClientRecord>,
	options: ValidateOptions,
): Dataset {
	const v = new Validator({
		...options,
		dateOrder: dataset.dateOrder,
		// Held like a draft's: the letters left after fixes must read as they did before.
		genderConvention:
			options.genderConvention === undefined ? dataset.genderConvention : options.genderConvention,
	});
	// Fixes cannot change the header: only the notes about its names are dropped.
	const keep = dataset.fileIssues.filter(
		(i) => i.code !== 'header.unknown' && i.code !== 'header.alias',
	);
	v.setHeader({ ...dataset.header, issues: [] });
	for (const issue of keep) v.addFileIssue(issue);
	for (const rec of records) v.addRecord(rec);
	return v.finish();
}

export function isError(code: IssueCode): boolean {
	return ISSUE_SEVERITY[code] === 'error';
}

/** True when the whole file is blocked (missing or duplicated columns, unreadable file). */
export function fileBlocked(dataset: Dataset): boolean {
	return dataset.fileIssues.some((i) => i.severity === 'error' && i.code !== 'file.no_rows');
}

export function recordHasError(dataset: Dataset, index: number): boolean {
	if (fileBlocked(dataset)) return true;
	const list = dataset.recordIssues[index];
	return list !== undefined && list.some((i) => i.severity === 'error');
}

/** Rows whose claims may wait while claims are made as the queue fills. */
const CLAIMS_BOUND = 4096;

/**
 * Rows' key hashes waiting to be claimed: (index, email hash, external ID hash), 0 for none.
 * Bounded while claims are made as it fills (a draft's million rows checked again queue no more
 * than a file chunk's); it grows while they wait for the end of a file.
 */
class DeferredClaims {
	queue = new Int32Array(3 * CLAIMS_BOUND);
	length = 0;
	#emails = new Int32Array(CLAIMS_BOUND);
	#ids = new Int32Array(CLAIMS_BOUND);

	/**
	 * Queues the row's keys (`emailHash`: its email key's hash when known, else 0); true when the
	 * queue holds its bound of rows: claim now (unless claims wait, and it grows).
	 */
	add(index: number, rec: ClientRecord, emailHash: number): boolean {
		return this.addHashes(
			index,
			// Neither hash is ever 0 (key-index.ts), so 0 can mean "no key".
			rec.email_address === '' ? 0 : emailHash || emailKeyHash(rec.email_address),
			rec.external_id === '' ? 0 : hashString(rec.external_id),
		);
	}

	/** `add` with both hashes known (0: no key); true once it holds its bound of rows. */
	addHashes(index: number, emailHash: number, idHash: number): boolean {
		let q = this.queue;
		if (this.length === q.length) {
			q = new Int32Array(q.length * 2);
			q.set(this.queue);
			this.queue = q;
		}
		q[this.length] = index;
		q[this.length + 1] = emailHash;
		q[this.length + 2] = idHash;
		this.length += 3;
		return this.length >= 3 * CLAIMS_BOUND;
	}

	/** Where claiming the queued rows puts each one's earlier holders of its keys (or -1). */
	earlier(): { emails: Int32Array; ids: Int32Array } {
		const rows = this.queue.length / 3;
		if (this.#emails.length !== rows) {
			this.#emails = new Int32Array(rows);
			this.#ids = new Int32Array(rows);
		}
		return { emails: this.#emails, ids: this.#ids };
	}

	clear(): void {
		this.length = 0;
		if (this.queue.length > 3 * CLAIMS_BOUND) {
			this.queue = new Int32Array(3 * CLAIMS_BOUND);
			this.earlier();
		}
	}
}
