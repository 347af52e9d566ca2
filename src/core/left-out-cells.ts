// The record store's packing of values into one string per block, and the optional part of a
// block that holds each row's left-out cells (the source columns the mapping left out, which the
// attention file writes back). Apart from record-store.ts only to keep that file's size in hand:
// it is the same block format.
import { NO_STRINGS } from './record.ts';

/** Values joined into one flat string, with the end offset of each. */
export function joinValues(values: readonly string[]): {
	text: string;
	ends: Uint32Array<ArrayBuffer>;
} {
	const ends = new Uint32Array(values.length);
	let end = 0;
	for (let i = 0; i < values.length; i++) {
		end += (values[i] as string).length;
		ends[i] = end;
	}
	// join('') copies the values into one flat string, so the decoded file chunks the
	// values were sliced from can be freed.
	return { text: values.join(''), ends };
}

/** Value `k` of values joined by joinValues. */
export function joinedValue(text: string, ends: Uint32Array, k: number): string {
	return text.substring(k === 0 ? 0 : (ends[k - 1] as number), ends[k] as number);
}

/** Each row's left-out cells, packed like the main values: one string and the value ends. */
export interface LeftOutCells {
	/** Index of each row's first left-out value; [count] is the end. */
	starts: Uint32Array;
	text: string;
	/** End offset in `text` of each value. */
	ends: Uint32Array;
}

/**
 * A block's left-out cells. Kept apart from the main values so that a row's tags stay the
 * values after its fixed ones, and made only by the first row that has any: a block of rows
 * with none (every file in template form) costs nothing.
 */
export class LeftOutPart {
	/** Index in `values` of each row's first cell; [count] is the end. */
	starts: Uint32Array;
	// Open: the cells as strings. Sealed: one joined string and the end of each cell.
	values: string[] | null = [];
	text = '';
	ends: Uint32Array | null = null;

	constructor(capacity: number) {
		this.starts = new Uint32Array(capacity + 1);
	}

	/** Appends row `j`'s cells (`j`: the block's row count before the row). */
	push(j: number, cells: readonly string[]): void {
		const values = this.#open(j);
		for (const c of cells) values.push(c);
		this.starts[j + 1] = values.length;
	}

	/** Replaces row `j`'s cells, in a block of `count` rows. */
	set(j: number, count: number, cells: readonly string[]): void {
		const from = this.starts[j] as number;
		const to = this.starts[j + 1] as number;
		// An edit passes the row's cells back unchanged: no need to unpack the block for it.
		if (to - from === cells.length && cells.every((c, i) => this.#value(from + i) === c)) return;
		const values = this.#open(count);
		values.splice(from, to - from, ...cells);
		const shift = cells.length - (to - from);
		if (shift !== 0)
			for (let k = j + 1; k <= count; k++) this.starts[k] = (this.starts[k] as number) + shift;
	}

	seal(): void {
		if (!this.values) return;
		const { text, ends } = joinValues(this.values);
		this.text = text;
		this.ends = ends;
		this.values = null;
	}

	sealed(count: number): LeftOutCells {
		const { text, ends } = this.values
			? joinValues(this.values)
			: { text: this.text, ends: this.ends as Uint32Array };
		return { starts: this.starts.slice(0, count + 1), text, ends: ends.slice() };
	}

	static from(data: LeftOutCells, count: number, capacity: number): LeftOutPart {
		const part = new LeftOutPart(capacity);
		part.starts.set(data.starts.subarray(0, count + 1));
		part.text = data.text;
		part.ends = data.ends;
		part.values = null;
		return part;
	}

	/** Row `j`'s cells (a fresh array, or the shared empty one). */
	cells(j: number): string[] {
		const from = this.starts[j] as number;
		const to = this.starts[j + 1] as number;
		if (to === from) return NO_STRINGS as string[];
		const out: string[] = [];
		for (let k = from; k < to; k++) out.push(this.#value(k));
		return out;
	}

	#value(k: number): string {
		if (this.values) return this.values[k] as string;
		const ends = this.ends as Uint32Array;
		return joinedValue(this.text, ends, k);
	}

	/** The cells as strings again, for a block of `count` rows. */
	#open(count: number): string[] {
		if (this.values) return this.values;
		const total = this.starts[count] as number;
		const values: string[] = new Array<string>(total);
		for (let k = 0; k < total; k++) values[k] = this.#value(k);
		this.values = values;
		this.ends = null;
		this.text = '';
		return values;
	}
}
