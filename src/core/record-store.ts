// Clients kept compactly, in blocks of 1,024 rows: each full block holds one string with all
// its values and the offsets between them. A million rows as objects meant ten million live
// strings, and the garbage collector tracing them cost more than the validation itself
// (see docs/benchmarks.md). A block is also what a draft keeps in one IndexedDB record
// (`SealedBlock`), and rows are never removed, only marked deleted, so indexes stay stable.
// Over 400 lines on purpose: the block layout, the block that packs it and the store that reads
// it are one format, and a change to one is a change to all three.
import { NO_STRINGS, type ClientRecord } from './record.ts';
import { joinedValue, LeftOutPart, type LeftOutCells } from './left-out-cells.ts';
import {
	narrowValue,
	packValues,
	forEachWide,
	storedWide,
	wideMap,
	type NarrowText,
	type StoredWide,
} from './narrow-text.ts';
import { TEXT_FIELDS, type TextField } from './fields.ts';
import { NarrowBuilder } from './narrow-builder.ts';
import {
	FILE_CREDENTIAL,
	originCode,
	originOf,
	syncCode,
	syncStateOf,
	type Credential,
	type CredentialPatch,
} from './credentials.ts';

export type { LeftOutCells };

export const BLOCK_SIZE = 1024;
const SHIFT = 10;
const MASK = BLOCK_SIZE - 1;

/**
 * Values of one row: its text fields in `TEXT_FIELDS` order, the extra-cell letters joined with
 * ',' (after a `!` when the row was read as Windows-1252, see `extraSlot`), then its tags.
 * `pushValues` and `Block.record` spell the order out by position because they run once per
 * row of a million; test/unit/core/fields.test.ts checks them against it.
 */
export type StoredField = TextField;
const FIELD_INDEX = Object.fromEntries(TEXT_FIELDS.map((f, i) => [f, i])) as Record<
	StoredField,
	number
>;
const EXTRA_AT = TEXT_FIELDS.length;
const PER_ROW = TEXT_FIELDS.length + 1;

/** One block as plain data: what IndexedDB stores and the worker sends around. */
export interface SealedBlock {
	count: number;
	/** Spreadsheet row number of each row. */
	rows: Int32Array;
	/** Index of each row's first value; [count] is the end. */
	starts: Uint32Array;
	text: string;
	/** End offset in `text` of each value. */
	ends: Uint32Array;
	/**
	 * The values with a character past U+00FF, each an empty slot in `text`, which then holds one
	 * byte per character (narrow-text.ts). Absent in blocks without such values, and in older
	 * records, whose `text` holds every value.
	 */
	wide?: StoredWide;
	/** 1 for a row the pro deleted (kept, so Undo can bring it back). */
	deleted: Uint8Array;
	/**
	 * Each row's credential (see credentials.ts). Absent while every row of the block is as
	 * imported, so a million imported rows cost nothing extra (and older records lack it).
	 */
	credentials?: CredentialArrays;
	/**
	 * The cells of the columns the mapping left out (`ClientRecord.leftOut`). Absent while no
	 * row of the block has any, as in every file in template form (and in older records).
	 */
	leftOut?: LeftOutCells;
}

/** A block's rows as held in memory (`RecordStore.heldBlock`): read it, do not keep it. */
export interface HeldBlock extends NarrowText {
	count: number;
	starts: Uint32Array;
	deleted: Uint8Array;
}

export interface CredentialArrays {
	/** `originCode` of each row. */
	origin: Uint8Array;
	setAt: Float64Array;
	printedAt: Float64Array;
	/** `syncCode` of each row (absent in blocks stored before sync existed). */
	sync?: Uint8Array;
	syncedAt?: Float64Array;
}

function newCredentialArrays(): Required<CredentialArrays> {
	return {
		origin: new Uint8Array(BLOCK_SIZE),
		setAt: new Float64Array(BLOCK_SIZE),
		printedAt: new Float64Array(BLOCK_SIZE),
		sync: new Uint8Array(BLOCK_SIZE),
		syncedAt: new Float64Array(BLOCK_SIZE),
	};
}

/**
 * The extra-cell letters, and whether the row was recoded (`ClientRecord.recoded`): kept in the
 * same stored value so that a flag set on a handful of rows costs the others nothing.
 */
function extraSlot(rec: ClientRecord): string {
	const letters = rec.extra.length === 0 ? '' : rec.extra.join(',');
	return rec.recoded ? `!${letters}` : letters;
}

/** `pushValues` into a builder (narrow-builder.ts). */
export function buildValues(builder: NarrowBuilder, rec: ClientRecord): void {
	builder.pushString(rec.email_address);
	builder.pushString(rec.initial_password);
	builder.pushString(rec.first_name);
	builder.pushString(rec.last_name);
	builder.pushString(rec.birthdate);
	builder.pushString(rec.gender);
	builder.pushString(rec.external_id);
	builder.pushString(extraSlot(rec));
	const tags = rec.tags;
	for (let i = 0; i < tags.length; i++) builder.pushString(tags[i] as string);
}

/**
 * A row read from the file's bytes (plain-rows.ts): its values go into a builder in stored
 * order, or become a record when the block is not filling.
 */
export interface BytesRow {
	row: number;
	build(builder: NarrowBuilder): void;
	record(): ClientRecord;
}

/** Appends a record's values in stored order, without an array per row. */
export function pushValues(values: string[], rec: ClientRecord): void {
	values.push(
		rec.email_address,
		rec.initial_password,
		rec.first_name,
		rec.last_name,
		rec.birthdate,
		rec.gender,
		rec.external_id,
		extraSlot(rec),
	);
	// Indexed: `for…of` over the frozen empty tag list allocates per row (see checkLengths).
	const tags = rec.tags;
	for (let i = 0; i < tags.length; i++) values.push(tags[i] as string);
}

/**
 * Rows already packed as a block packs them, made elsewhere (the parse worker, see
 * checked-rows.ts): a store appends them by copying ranges, not value by value.
 */
export interface PackedRows {
	count: number;
	/** Row numbers, before the store adds its offset. */
	rows: Int32Array;
	/** Index of each row's first value; [count] is the end. */
	starts: Uint32Array;
	text: string;
	/** End offset in `text` of each value. */
	ends: Uint32Array;
	/** The values set apart from `text` (narrow-text.ts), by value index; absent: none. */
	wide?: StoredWide;
	leftOut?: LeftOutCells;
}

/** The values of `wide` in [v0, v1), by their index from v0. */
function wideRange(wide: Map<number, string>, v0: number, v1: number): StoredWide | null {
	let part: Map<number, string> | null = null;
	for (const [k, value] of wide) if (k >= v0 && k < v1) (part ??= new Map()).set(k - v0, value);
	return part && storedWide(part);
}

/**
 * Rows [from, from + BLOCK_SIZE) of `p` as one full block, row numbers moved by `rowOffset`;
 * `wide`: `p.wide` as a map.
 */
function packedBlock(
	p: PackedRows,
	wide: Map<number, string> | null,
	from: number,
	rowOffset: number,
): SealedBlock {
	const rows = p.rows.slice(from, from + BLOCK_SIZE);
	for (let j = 0; j < BLOCK_SIZE; j++) rows[j] = (rows[j] as number) + rowOffset;
	const { starts, text, ends } = packedRange(p, from, BLOCK_SIZE);
	const left = p.leftOut;
	const leftOut =
		left && left.starts[from + BLOCK_SIZE] !== left.starts[from]
			? packedRange(left, from, BLOCK_SIZE)
			: undefined;
	const apart =
		wide && wideRange(wide, p.starts[from] as number, p.starts[from + BLOCK_SIZE] as number);
	return {
		count: BLOCK_SIZE,
		rows,
		starts,
		text,
		ends,
		...(apart ? { wide: apart } : {}),
		deleted: new Uint8Array(BLOCK_SIZE),
		...(leftOut ? { leftOut } : {}),
	};
}

/** `n` rows' values of packed rows from row `from` on, their offsets counted from the first. */
function packedRange(
	p: { starts: Uint32Array; text: string; ends: Uint32Array },
	from: number,
	n: number,
): { starts: Uint32Array; text: string; ends: Uint32Array } {
	const v0 = p.starts[from] as number;
	const v1 = p.starts[from + n] as number;
	const t0 = v0 === 0 ? 0 : (p.ends[v0 - 1] as number);
	const t1 = v1 === 0 ? 0 : (p.ends[v1 - 1] as number);
	const starts = p.starts.slice(from, from + n + 1);
	for (let j = 0; j <= n; j++) starts[j] = (starts[j] as number) - v0;
	const ends = p.ends.slice(v0, v1);
	for (let k = 0; k < ends.length; k++) ends[k] = (ends[k] as number) - t0;
	return { starts, text: p.text.substring(t0, t1), ends };
}

class Block {
	rows = new Int32Array(BLOCK_SIZE);
	deleted = new Uint8Array(BLOCK_SIZE);
	/** Index in `values` of each row's first value; [count] is the end. */
	starts = new Uint32Array(BLOCK_SIZE + 1);
	count = 0;
	/**
	 * Filling (rows appended as a file is read): values packed as they come. It seals when full
	 * or read whole, and opens when a row changes.
	 */
	builder: NarrowBuilder | null = null;
	// Open: values as strings. Sealed: one joined string and the end offset of each value, the
	// values with characters past U+00FF set apart in `wide` (narrow-text.ts).
	values: string[] | null = [];
	text = '';
	ends: Uint32Array<ArrayBuffer> | null = null;
	wide: Map<number, string> | null = null;
	credentials: Required<CredentialArrays> | null = null;
	/** Made by the first row with left-out cells (rows before it have none). */
	leftOut: LeftOutPart | null = null;

	/** An empty block that packs its values as rows come. */
	static filling(): Block {
		const block = new Block();
		block.values = null;
		block.builder = new NarrowBuilder(BLOCK_SIZE * (PER_ROW + 1));
		return block;
	}

	push(rec: ClientRecord): void {
		const builder = this.builder;
		this.rows[this.count] = rec.row;
		let end: number;
		if (builder) {
			this.starts[this.count] = builder.count;
			buildValues(builder, rec);
			end = builder.count;
		} else {
			const values = this.values ?? this.#open();
			this.starts[this.count] = values.length;
			pushValues(values, rec);
			end = values.length;
		}
		if (rec.leftOut.length !== 0 || this.leftOut)
			(this.leftOut ??= new LeftOutPart(BLOCK_SIZE)).push(this.count, rec.leftOut);
		this.count++;
		this.starts[this.count] = end;
	}

	/** Appends a row read from bytes: no string per value while the block fills. */
	pushBytes(r: BytesRow): void {
		const builder = this.builder;
		if (!builder) {
			this.push(r.record());
			return;
		}
		this.rows[this.count] = r.row;
		this.starts[this.count] = builder.count;
		r.build(builder);
		// Such a row has no left-out cells (plain-rows.ts).
		this.leftOut?.push(this.count, NO_STRINGS);
		this.count++;
		this.starts[this.count] = builder.count;
	}

	/**
	 * Appends `n` packed rows from row `from` on (the block has room for them); `wide`: `p.wide`
	 * as a map.
	 */
	pushPacked(
		p: PackedRows,
		wide: Map<number, string> | null,
		from: number,
		n: number,
		rowOffset: number,
	): void {
		const builder = this.builder;
		const values = builder ? null : (this.values ?? this.#open());
		const left = p.leftOut;
		for (let r = from; r < from + n; r++) {
			this.rows[this.count] = (p.rows[r] as number) + rowOffset;
			this.starts[this.count] = builder ? builder.count : (values as string[]).length;
			for (let k = p.starts[r] as number; k < (p.starts[r + 1] as number); k++) {
				const v = narrowValue(p.text, p.ends, wide, k);
				if (builder) builder.pushString(v);
				else (values as string[]).push(v);
			}
			if (left && (left.starts[r + 1] !== left.starts[r] || this.leftOut)) {
				const cells: string[] = [];
				for (let k = left.starts[r] as number; k < (left.starts[r + 1] as number); k++)
					cells.push(joinedValue(left.text, left.ends, k));
				(this.leftOut ??= new LeftOutPart(BLOCK_SIZE)).push(this.count, cells);
			}
			this.count++;
			this.starts[this.count] = builder ? builder.count : (values as string[]).length;
		}
	}

	seal(): void {
		if (this.builder) {
			const { text, ends, wide } = this.builder.finish();
			this.text = text;
			this.ends = ends;
			this.wide = wide;
			this.builder = null;
			this.leftOut?.seal();
			return;
		}
		if (!this.values) return;
		const { text, ends, wide } = packValues(this.values);
		this.text = text;
		this.ends = ends;
		this.wide = wide;
		this.values = null;
		this.leftOut?.seal();
	}

	#open(): string[] {
		if (this.values) return this.values;
		this.seal();
		const total = this.starts[this.count] as number;
		const values: string[] = new Array<string>(total);
		for (let k = 0; k < total; k++) values[k] = this.value(k);
		this.values = values;
		this.ends = null;
		this.text = '';
		this.wide = null;
		return values;
	}

	set(j: number, rec: ClientRecord): void {
		const values = this.#open();
		const from = this.starts[j] as number;
		const to = this.starts[j + 1] as number;
		const next: string[] = [];
		pushValues(next, rec);
		values.splice(from, to - from, ...next);
		const shift = next.length - (to - from);
		if (shift !== 0)
			for (let k = j + 1; k <= this.count; k++) this.starts[k] = (this.starts[k] as number) + shift;
		this.rows[j] = rec.row;
		if (rec.leftOut.length !== 0 || this.leftOut)
			(this.leftOut ??= new LeftOutPart(BLOCK_SIZE)).set(j, this.count, rec.leftOut);
	}

	sealed(): SealedBlock {
		const { text, ends, wide } = this.packed();
		const c = this.credentials;
		const leftOut = this.leftOut?.sealed(this.count);
		return {
			count: this.count,
			rows: this.rows.slice(0, this.count),
			starts: this.starts.slice(0, this.count + 1),
			text,
			ends: ends.slice(),
			...(wide ? { wide: storedWide(wide) } : {}),
			deleted: this.deleted.slice(0, this.count),
			...(c
				? {
						credentials: {
							origin: c.origin.slice(0, this.count),
							setAt: c.setAt.slice(0, this.count),
							printedAt: c.printedAt.slice(0, this.count),
							sync: c.sync.slice(0, this.count),
							syncedAt: c.syncedAt.slice(0, this.count),
						},
					}
				: {}),
			...(leftOut ? { leftOut } : {}),
		};
	}

	/** The values packed (narrow-text.ts): as held when sealed, packed now when open. */
	packed(): NarrowText {
		if (this.values) return packValues(this.values);
		if (this.builder) return this.builder.snapshot();
		return { text: this.text, ends: this.ends as Uint32Array<ArrayBuffer>, wide: this.wide };
	}

	credential(j: number): Credential {
		const c = this.credentials;
		if (!c) return { ...FILE_CREDENTIAL };
		return {
			origin: originOf(c.origin[j] as number),
			setAt: c.setAt[j] as number,
			printedAt: c.printedAt[j] as number,
			sync: syncStateOf(c.sync[j] as number),
			syncedAt: c.syncedAt[j] as number,
		};
	}

	setCredential(j: number, patch: CredentialPatch): void {
		const c = (this.credentials ??= newCredentialArrays());
		if (patch.origin !== undefined) c.origin[j] = originCode(patch.origin);
		if (patch.setAt !== undefined) c.setAt[j] = patch.setAt;
		if (patch.printedAt !== undefined) c.printedAt[j] = patch.printedAt;
		if (patch.sync !== undefined) c.sync[j] = syncCode(patch.sync);
		if (patch.syncedAt !== undefined) c.syncedAt[j] = patch.syncedAt;
	}

	static from(data: SealedBlock): Block {
		const block = new Block();
		block.count = data.count;
		block.rows.set(data.rows);
		block.starts.set(data.starts);
		block.deleted.set(data.deleted);
		// Older records join every value plainly: packed one byte per character once edited.
		block.text = data.text;
		block.ends = data.ends as Uint32Array<ArrayBuffer>;
		block.wide = data.wide ? wideMap(data.wide) : null;
		block.values = null;
		const c = data.credentials;
		if (c) {
			const into = (block.credentials = newCredentialArrays());
			into.origin.set(c.origin.subarray(0, data.count));
			into.setAt.set(c.setAt.subarray(0, data.count));
			into.printedAt.set(c.printedAt.subarray(0, data.count));
			if (c.sync) into.sync.set(c.sync.subarray(0, data.count));
			if (c.syncedAt) into.syncedAt.set(c.syncedAt.subarray(0, data.count));
		}
		if (data.leftOut) block.leftOut = LeftOutPart.from(data.leftOut, data.count, BLOCK_SIZE);
		return block;
	}

	value(k: number): string {
		if (this.values) return this.values[k] as string;
		if (this.builder) return this.builder.value(k);
		const ends = this.ends as Uint32Array<ArrayBuffer>;
		return narrowValue(this.text, ends, this.wide, k);
	}

	record(j: number): ClientRecord {
		const k = this.starts[j] as number;
		const next = this.starts[j + 1] as number;
		const slot = this.value(k + EXTRA_AT);
		const recoded = slot.startsWith('!');
		const extra = recoded ? slot.slice(1) : slot;
		let tags = NO_STRINGS as string[];
		if (next > k + PER_ROW) {
			tags = [];
			for (let t = k + PER_ROW; t < next; t++) tags.push(this.value(t));
		}
		return {
			row: this.rows[j] as number,
			email_address: this.value(k),
			initial_password: this.value(k + 1),
			first_name: this.value(k + 2),
			last_name: this.value(k + 3),
			birthdate: this.value(k + 4),
			gender: this.value(k + 5),
			tags,
			external_id: this.value(k + 6),
			extra: extra === '' ? (NO_STRINGS as string[]) : extra.split(','),
			leftOut: this.leftOut ? this.leftOut.cells(j) : (NO_STRINGS as string[]),
			...(recoded ? { recoded: true as const } : {}),
		};
	}
}

export class RecordStore implements Iterable<ClientRecord> {
	#blocks: Block[] = [];
	#length = 0;
	#deleted = 0;

	/** A store made of blocks read back from storage, in order (all but the last full). */
	static fromBlocks(blocks: Iterable<SealedBlock>): RecordStore {
		const store = new RecordStore();
		for (const data of blocks) store.appendBlock(data);
		return store;
	}

	appendBlock(data: SealedBlock): void {
		const last = this.#blocks[this.#blocks.length - 1];
		if (last && last.count !== BLOCK_SIZE) throw new Error('Only the last block may be partial.');
		const block = Block.from(data);
		this.#blocks.push(block);
		this.#length += block.count;
		for (let j = 0; j < block.count; j++) this.#deleted += block.deleted[j] as number;
	}

	get blockCount(): number {
		return this.#blocks.length;
	}

	/** Block `b` as plain data; a full block that was edited is packed again on the way. */
	sealedBlock(b: number): SealedBlock {
		const block = this.#blocks[b];
		if (!block) throw new RangeError(`No block ${b}`);
		if (block.count === BLOCK_SIZE) block.seal();
		return block.sealed();
	}

	/**
	 * Block `b` as it is held, for a scan of its text: its arrays without the copies
	 * `sealedBlock` makes for storage, its values set apart as a map (narrow-text.ts).
	 */
	heldBlock(b: number): HeldBlock {
		const block = this.#blocks[b];
		if (!block) throw new RangeError(`No block ${b}`);
		if (block.count === BLOCK_SIZE) block.seal();
		const { count, starts, deleted } = block;
		return { count, starts, deleted, ...block.packed() };
	}

	/** Replaces the record at `index` (its row number included). */
	set(index: number, rec: ClientRecord): void {
		if (index < 0 || index >= this.#length) throw new RangeError(`No record ${index}`);
		(this.#blocks[index >> SHIFT] as Block).set(index & MASK, rec);
	}

	isDeleted(index: number): boolean {
		return (this.#blocks[index >> SHIFT] as Block).deleted[index & MASK] === 1;
	}

	setDeleted(index: number, deleted: boolean): void {
		const block = this.#blocks[index >> SHIFT] as Block;
		const was = block.deleted[index & MASK] as number;
		block.deleted[index & MASK] = deleted ? 1 : 0;
		this.#deleted += (deleted ? 1 : 0) - was;
	}

	/** How many records are marked deleted. */
	get deletedCount(): number {
		return this.#deleted;
	}

	static from(records: Iterable<ClientRecord>): RecordStore {
		const store = new RecordStore();
		for (const r of records) store.push(r);
		return store;
	}

	get length(): number {
		return this.#length;
	}

	push(rec: ClientRecord): void {
		this.#open().push(rec);
		this.#length++;
	}

	/** Appends a row read from the file's bytes (plain-rows.ts). */
	pushBytes(r: BytesRow): void {
		this.#open().pushBytes(r);
		this.#length++;
	}

	/** The last block when it has room, else a new one (the full one sealed). */
	#open(): Block {
		const last = this.#blocks[this.#blocks.length - 1];
		if (last && last.count !== BLOCK_SIZE) return last;
		last?.seal();
		const block = Block.filling();
		this.#blocks.push(block);
		return block;
	}

	/**
	 * Appends packed rows, their row numbers moved by `rowOffset`: full blocks are taken as
	 * ranges of the packed text, and only the rows that share a block with others are copied
	 * value by value.
	 */
	appendPacked(p: PackedRows, rowOffset: number): void {
		const wide = p.wide ? wideMap(p.wide) : null;
		let r = 0;
		while (r < p.count) {
			let block = this.#blocks[this.#blocks.length - 1];
			if (!block || block.count === BLOCK_SIZE) {
				block?.seal();
				if (p.count - r >= BLOCK_SIZE) {
					this.#blocks.push(Block.from(packedBlock(p, wide, r, rowOffset)));
					this.#length += BLOCK_SIZE;
					r += BLOCK_SIZE;
					continue;
				}
				block = Block.filling();
				this.#blocks.push(block);
			}
			const n = Math.min(BLOCK_SIZE - block.count, p.count - r);
			block.pushPacked(p, wide, r, n, rowOffset);
			this.#length += n;
			r += n;
		}
	}

	/** The record at `index` (a fresh object: changing it does not change the store). */
	at(index: number): ClientRecord | undefined {
		if (index < 0 || index >= this.#length) return undefined;
		return (this.#blocks[index >> SHIFT] as Block).record(index & MASK);
	}

	/** One value without building the whole record. */
	field(index: number, field: StoredField): string {
		const block = this.#blocks[index >> SHIFT] as Block;
		return block.value((block.starts[index & MASK] as number) + FIELD_INDEX[field]);
	}

	/** How many tags the record has, without building it. */
	tagCount(index: number): number {
		const block = this.#blocks[index >> SHIFT] as Block;
		const j = index & MASK;
		return (block.starts[j + 1] as number) - (block.starts[j] as number) - PER_ROW;
	}

	/** Where the row's password came from and when its notice was printed. */
	credential(index: number): Credential {
		return (this.#blocks[index >> SHIFT] as Block).credential(index & MASK);
	}

	setCredential(index: number, patch: CredentialPatch): void {
		if (index < 0 || index >= this.#length) throw new RangeError(`No record ${index}`);
		(this.#blocks[index >> SHIFT] as Block).setCredential(index & MASK, patch);
	}

	/** Block `b`'s credential arrays, or null while all its rows are as imported. */
	credentialArrays(b: number): CredentialArrays | null {
		return this.#blocks[b]?.credentials ?? null;
	}

	rowNumber(index: number): number {
		return (this.#blocks[index >> SHIFT] as Block).rows[index & MASK] as number;
	}

	/**
	 * Marks (1) the records with a value containing `needle` (lowercase); passwords and the
	 * extra-cell letters are not searched. Works on each block's joined text, so a million rows
	 * do not become seven million strings.
	 */
	search(needle: string): Uint8Array {
		const out = new Uint8Array(this.#length);
		if (needle === '') return out;
		this.#blocks.forEach((block, b) => {
			block.seal();
			const text = block.text.toLowerCase();
			// toLowerCase keeps the length for nearly all text; when it does not, offsets
			// would drift, so that block is searched value by value.
			const exact = text.length === block.text.length;
			const ends = block.ends as Uint32Array;
			let row = 0;
			for (
				let at = exact ? text.indexOf(needle) : -1;
				at !== -1;
				at = text.indexOf(needle, at + 1)
			) {
				let lo = 0;
				let hi = ends.length - 1;
				while (lo < hi) {
					const mid = (lo + hi) >> 1;
					if ((ends[mid] as number) <= at) lo = mid + 1;
					else hi = mid;
				}
				if (at + needle.length > (ends[lo] as number)) continue;
				while ((block.starts[row + 1] as number) <= lo) row++;
				const k = lo - (block.starts[row] as number);
				if (k !== 1 && k !== 7) out[(b << SHIFT) + row] = 1;
			}
			if (exact && block.wide)
				forEachWide(block.wide, block.starts, block.count, (j, kind, value) => {
					if (kind !== 1 && kind !== 7 && value.toLowerCase().includes(needle))
						out[(b << SHIFT) + j] = 1;
				});
			if (!exact)
				for (let j = 0; j < block.count; j++) {
					const from = block.starts[j] as number;
					for (let k = from; k < (block.starts[j + 1] as number); k++) {
						const kind = k - from;
						if (kind !== 1 && kind !== 7 && block.value(k).toLowerCase().includes(needle))
							out[(b << SHIFT) + j] = 1;
					}
				}
		});
		return out;
	}

	*[Symbol.iterator](): Iterator<ClientRecord> {
		for (let i = 0; i < this.#length; i++) yield this.at(i) as ClientRecord;
	}

	toArray(): ClientRecord[] {
		return [...this];
	}
}
