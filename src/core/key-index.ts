// Which records share a key (an email, an external ID): an open-addressing hash table from a key
// to the first record that has it, with the records of one key chained in row order. Duplicate
// checks run once per row on million-row files, and edits must find the other holders of a key
// at once; this is about twice as fast as a Map of arrays and keeps no strings: keys are read
// back from the records (through `keyAt`) only when two hashes match.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** A key's hash as the index stores it (also computed ahead, in another worker: `claimHashed`). */
export function hashString(s: string): number {
	// FNV-1a over UTF-16 code units; 0 marks an empty slot, so it is never a hash.
	let h = FNV_OFFSET;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, FNV_PRIME);
	}
	// Kept as int32 (the table is an Int32Array): the same bits, compared as stored.
	return h | 0 || 1;
}

/**
 * `hashString(s.toLowerCase())` for an ASCII `s`, in one pass and without the lower-case copy;
 * null when `s` has a character past ASCII (its lower case is Unicode's to say).
 */
export function hashAsciiLowerCase(s: string): number | null {
	let h = FNV_OFFSET;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c > 127) return null;
		h ^= c >= 65 && c <= 90 ? c + 32 : c;
		h = Math.imul(h, FNV_PRIME);
	}
	return h | 0 || 1;
}

const END = -1;
/** A slot whose key lost its last record: probing goes on past it. */
const TOMBSTONE = -2;
/**
 * Each slot is three ints side by side (hash, first record, last record): on a million keys the
 * table is far larger than the CPU caches, and three separate arrays cost three cache misses a
 * probe where one array costs one.
 */
const STRIDE = 3;
/**
 * Slots filled (tombstones included) before the table grows. With a slot's ints side by side the
 * longer probes of a fuller table mostly stay in one cache line, so the table can be half the
 * size a 0.5 load needs: 25 MB per index at a million keys instead of 50.
 */
const MAX_LOAD = 0.75;
const HEAD = 1;
const TAIL = 2;

export class KeyIndex {
	#capacity: number;
	/** STRIDE ints per slot; hash 0 marks an empty slot (hashes are stored as int32). */
	#slots: Int32Array;
	/** Per record: the next record with the same key, or END. */
	#next: Int32Array;
	#used = 0;
	#size = 0;
	#keyAt: (index: number) => string;

	/** `expected`: how many records are likely, so the tables need not grow while they fill. */
	constructor(keyAt: (index: number) => string, expected = 512) {
		this.#keyAt = keyAt;
		this.#capacity = 1024;
		while (this.#capacity * MAX_LOAD < expected) this.#capacity *= 2;
		this.#slots = new Int32Array(this.#capacity * STRIDE);
		this.#next = new Int32Array(Math.max(1024, expected));
	}

	/** How many distinct keys have at least one record. */
	get size(): number {
		return this.#size;
	}

	/** The slot's offset in #slots, or -1. */
	#slotOf(key: string, h: number): number {
		const slots = this.#slots;
		const mask = this.#capacity - 1;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const at = i * STRIDE;
			const slot = slots[at] as number;
			if (slot === 0) return -1;
			if (slot === h) {
				const head = slots[at + HEAD] as number;
				if (head !== TOMBSTONE && this.#keyAt(head) === key) return at;
			}
		}
	}

	/** The first record (lowest index) with `key`, or -1. */
	first(key: string): number {
		const at = this.#slotOf(key, hashString(key));
		return at === -1 ? -1 : (this.#slots[at + HEAD] as number);
	}

	/** Every record with `key`, in index order. */
	members(key: string): number[] {
		const out: number[] = [];
		const at = this.#slotOf(key, hashString(key));
		if (at === -1) return out;
		for (let i = this.#slots[at + HEAD] as number; i !== END; i = this.#next[i] as number)
			out.push(i);
		return out;
	}

	/**
	 * Adds record `index` (not yet in the index) under `key`; returns the first record that had
	 * the key before, or -1. The record must already answer `keyAt(index) === key`.
	 */
	claim(key: string, index: number): number {
		return this.#claim(hashString(key), index, key);
	}

	/**
	 * `claim` with the key's hash computed already (`hashString`): the key is read back through
	 * `keyAt(index)` only if another key has the same hash.
	 */
	claimHashed(hash: number, index: number): number {
		return this.#claim(hash, index, null);
	}

	#claim(h: number, index: number, key: string | null): number {
		if (index >= this.#next.length) this.#growRecords(index);
		this.#next[index] = END;
		if (this.#used + 1 >= this.#capacity * MAX_LOAD) this.#grow();
		const slots = this.#slots;
		const mask = this.#capacity - 1;
		// One probe both finds the key and the place for it: the first tombstone on the way, else
		// the empty slot that ends the probe.
		let free = -1;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const at = i * STRIDE;
			const slot = slots[at] as number;
			if (slot === 0) {
				if (free === -1) {
					free = at;
					this.#used++;
				}
				break;
			}
			const head = slots[at + HEAD] as number;
			if (head === TOMBSTONE) {
				if (free === -1) free = at;
			} else if (slot === h && this.#keyAt(head) === (key ??= this.#keyAt(index)))
				return this.#link(at, index);
		}
		slots[free] = h;
		slots[free + HEAD] = index;
		slots[free + TAIL] = index;
		this.#size++;
		return -1;
	}

	#link(at: number, index: number): number {
		const slots = this.#slots;
		const head = slots[at + HEAD] as number;
		const tail = slots[at + TAIL] as number;
		if (index > tail) {
			// Rows arrive in order while a file streams: appending is the common case.
			this.#next[tail] = index;
			slots[at + TAIL] = index;
		} else if (index < head) {
			this.#next[index] = head;
			slots[at + HEAD] = index;
		} else {
			let i = head;
			while ((this.#next[i] as number) < index) i = this.#next[i] as number;
			this.#next[index] = this.#next[i] as number;
			this.#next[i] = index;
		}
		return head;
	}

	/** Takes record `index` out of `key`'s chain (call before the record's key changes). */
	remove(key: string, index: number): void {
		const at = this.#slotOf(key, hashString(key));
		if (at === -1) return;
		const slots = this.#slots;
		const head = slots[at + HEAD] as number;
		if (head === index) {
			const next = this.#next[index] as number;
			if (next === END) {
				slots[at + HEAD] = TOMBSTONE;
				this.#size--;
			} else slots[at + HEAD] = next;
			return;
		}
		let i = head;
		while (this.#next[i] !== END && this.#next[i] !== index) i = this.#next[i] as number;
		if (this.#next[i] !== index) return;
		this.#next[i] = this.#next[index] as number;
		if (slots[at + TAIL] === index) slots[at + TAIL] = i;
	}

	#growRecords(index: number): void {
		let length = this.#next.length;
		while (length <= index) length *= 2;
		const next = new Int32Array(length);
		next.set(this.#next);
		this.#next = next;
	}

	/** Rehashes without tombstones, twice as large when half or more is live. */
	#grow(): void {
		const old = this.#slots;
		if (this.#size * 2 >= this.#capacity) this.#capacity *= 2;
		const slots = new Int32Array(this.#capacity * STRIDE);
		const mask = this.#capacity - 1;
		this.#used = 0;
		for (let j = 0; j < old.length; j += STRIDE) {
			const h = old[j] as number;
			if (h === 0 || old[j + HEAD] === TOMBSTONE) continue;
			let i = h & mask;
			while (slots[i * STRIDE] !== 0) i = (i + 1) & mask;
			slots.set(old.subarray(j, j + STRIDE), i * STRIDE);
			this.#used++;
		}
		this.#slots = slots;
	}
}
