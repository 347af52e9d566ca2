// Rows checked where they were parsed: the parse worker (src/worker/parse-part.ts) runs the rules
// that look at one row alone and packs the rows as a stored block packs them, so the draft
// worker only appends ranges, claims precomputed duplicate keys and looks again at the few rows
// that need it (an issue, a date whose order the column decides, a gender letter). Each row's
// outcome is the one Validator.#check gives, since a row with anything to say is checked there.
import { z } from 'zod';
import { GENDER_CONVENTIONS, genderLetter } from './gender.ts';
import { hashString } from './key-index.ts';
import { LeftOutPart } from './left-out-cells.ts';
import { storedWide } from './narrow-text.ts';
import { NarrowBuilder } from './narrow-builder.ts';
import { buildValues, type PackedRows } from './record-store.ts';
import { NO_STRINGS } from './record.ts';
import type { PlainRow } from './plain-rows.ts';
import { isBlank, recordOf, type ColumnIndexes } from './row-cells.ts';
import { checkRecord, emailKeyHash, type RuleContext } from './rules.ts';
import type { Issue } from './issues.ts';
import { TEXT_FIELDS } from './fields.ts';

const fieldNumbers = z.object(
	Object.fromEntries(TEXT_FIELDS.map((f) => [f, z.number().int()])) as Record<
		(typeof TEXT_FIELDS)[number],
		z.ZodNumber
	>,
);

/** What a row's checks need from the reading: its columns and the rules' context. */
export const RowChecksSchema = z.object({
	at: fieldNumbers.extend({
		tags: z.array(z.number().int()),
		width: z.number().int(),
		blank: z.array(z.boolean()),
		leftOut: z.array(z.number().int()),
		fill: z.object(
			Object.fromEntries(TEXT_FIELDS.map((f) => [f, z.string()])) as Record<
				(typeof TEXT_FIELDS)[number],
				z.ZodString
			>,
		),
	}),
	today: z.string(),
	absent: z.array(z.string()),
	genderConvention: z.enum(GENDER_CONVENTIONS).nullable(),
	deferGenderLetters: z.boolean(),
});
export type RowChecks = z.infer<typeof RowChecksSchema>;

export const CheckedRowsSchema = z.object({
	count: z.number().int(),
	/** Records of the reader the batch covers, blank ones (not kept) included. */
	records: z.number().int(),
	rows: z.instanceof(Int32Array<ArrayBuffer>),
	starts: z.instanceof(Uint32Array<ArrayBuffer>),
	text: z.string(),
	ends: z.instanceof(Uint32Array<ArrayBuffer>),
	/** The values past Latin-1, set apart from `text` as a block keeps them (narrow-text.ts). */
	wide: z
		.object({ at: z.instanceof(Uint32Array<ArrayBuffer>), values: z.array(z.string()) })
		.optional(),
	leftOut: z
		.object({
			starts: z.instanceof(Uint32Array),
			text: z.string(),
			ends: z.instanceof(Uint32Array),
		})
		.optional(),
	/** 1: the row has something to say, and the draft worker checks it itself. */
	recheck: z.instanceof(Uint8Array<ArrayBuffer>),
	/** `hashString(emailKey(email))` of each row that is not rechecked; 0: no email. */
	emailHashes: z.instanceof(Int32Array<ArrayBuffer>),
	/** `hashString(external_id)`, likewise. */
	idHashes: z.instanceof(Int32Array<ArrayBuffer>),
});
type LeftOutBatch = NonNullable<z.infer<typeof CheckedRowsSchema>['leftOut']>;
export type CheckedRows = z.infer<typeof CheckedRowsSchema> & PackedRows;

/** The buffers a batch can hand over instead of copying. */
export function checkedTransfer(batch: CheckedRows): ArrayBuffer[] {
	const { rows, starts, ends, recheck, emailHashes, idHashes, leftOut, wide } = batch;
	const arrays = [rows, starts, ends, recheck, emailHashes, idHashes];
	if (wide) arrays.push(wide.at);
	if (leftOut) arrays.push(leftOut.starts, leftOut.ends);
	return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** Checks rows one by one and packs them into batches of `capacity` rows. */
export class CheckedRowsPacker {
	readonly #ctx: RuleContext;
	readonly #at: ColumnIndexes;
	readonly #capacity: number;
	#scratch: Issue[] = [];
	#values: NarrowBuilder;
	#rows: Int32Array;
	#starts: Uint32Array;
	#recheck: Uint8Array;
	#emails: Int32Array;
	#ids: Int32Array;
	#leftOut: LeftOutPart | null = null;
	#count = 0;
	#records = 0;

	constructor(checks: RowChecks, capacity: number) {
		this.#at = checks.at;
		this.#ctx = {
			today: checks.today,
			absent: new Set(checks.absent),
			genderConvention: checks.genderConvention,
			deferGenderLetters: checks.deferGenderLetters,
		};
		this.#capacity = capacity;
		this.#values = this.#builder();
		this.#rows = new Int32Array(capacity);
		this.#starts = new Uint32Array(capacity + 1);
		this.#recheck = new Uint8Array(capacity);
		this.#emails = new Int32Array(capacity);
		this.#ids = new Int32Array(capacity);
	}

	/** Rows packed so far (a full batch holds `capacity`). */
	get count(): number {
		return this.#count;
	}

	/** Records of the reader added since the last batch, blank ones included. */
	get records(): number {
		return this.#records;
	}

	/** Adds one record of the reader; a blank one is counted and not kept, as the validator does. */
	add(cells: string[], row: number): void {
		this.#records++;
		if (isBlank(cells)) return;
		const rec = recordOf(cells, row, this.#at);
		const out = this.#scratch;
		out.length = 0;
		const reading = checkRecord(rec, this.#ctx, out);
		const recheck =
			out.length > 0 ||
			reading !== null ||
			(this.#ctx.deferGenderLetters === true && genderLetter(rec.gender) !== null);
		const j = this.#begin(row);
		buildValues(this.#values, rec);
		if (rec.leftOut.length !== 0 || this.#leftOut)
			(this.#leftOut ??= new LeftOutPart(this.#capacity)).push(j, rec.leftOut);
		this.#end(
			j,
			recheck,
			recheck || rec.email_address === '' ? 0 : emailKeyHash(rec.email_address),
			recheck || rec.external_id === '' ? 0 : hashString(rec.external_id),
		);
	}

	/**
	 * Adds the row `plain` read last (plain-rows.ts): nothing to check again, its keys hashed
	 * already, its values copied from the file's bytes.
	 */
	addPlain(plain: PlainRow): void {
		this.#records++;
		const j = this.#begin(plain.row);
		plain.build(this.#values);
		this.#leftOut?.push(j, NO_STRINGS);
		this.#end(j, false, plain.emailHash, plain.idHash);
	}

	/** Starts row `j` of the batch, at spreadsheet row `row`; its values go in next. */
	#begin(row: number): number {
		const j = this.#count;
		this.#rows[j] = row;
		this.#starts[j] = this.#values.count;
		return j;
	}

	/** Ends row `j` once its values are in: whether to check it again, and its key hashes. */
	#end(j: number, recheck: boolean, email: number, id: number): void {
		this.#recheck[j] = recheck ? 1 : 0;
		this.#emails[j] = email;
		this.#ids[j] = id;
		this.#count = j + 1;
		this.#starts[this.#count] = this.#values.count;
	}

	#builder(): NarrowBuilder {
		return new NarrowBuilder(this.#capacity * 10);
	}

	/** The batch so far; the packer starts a new one. */
	take(): CheckedRows {
		const n = this.#count;
		// Packed as a block is, so the blocks the draft worker takes as ranges of it are one byte a
		// character too: a plain join was two bytes a character wherever a chunk held one
		// character past U+00FF, and so was every block made from it, in memory and on disk.
		const { text, ends, wide } = this.#values.finish();
		const batch: CheckedRows = {
			count: n,
			records: this.#records,
			rows: this.#rows.slice(0, n),
			starts: this.#starts.slice(0, n + 1),
			text,
			ends,
			...(wide ? { wide: storedWide(wide) } : {}),
			recheck: this.#recheck.slice(0, n),
			emailHashes: this.#emails.slice(0, n),
			idHashes: this.#ids.slice(0, n),
			// sealed() copies into fresh arrays, so their buffers are ArrayBuffers to transfer.
			...(this.#leftOut ? { leftOut: this.#leftOut.sealed(n) as LeftOutBatch } : {}),
		};
		this.#values = this.#builder();
		this.#leftOut = null;
		this.#count = 0;
		this.#records = 0;
		this.#starts[0] = 0;
		return batch;
	}
}
