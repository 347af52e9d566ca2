// Which records share a key (an email, an external ID): an open-addressing hash table from a key
// to the first record that has it, with the records of one key chained in row order. Duplicate
// checks run once per row on million-row files, and edits must find the other holders of a key
// at once; this is about twice as fast as a Map of arrays and keeps no strings: keys are read
// back from the records (through `keyAt`) only when two hashes match.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** A key's hash as the index stores it (also computed ahead, in another worker: `claimQueued`). */
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
/** `claim`'s queue of one row, and its answer. */
const ONE = new Int32Array(3);
const ANSWER = new Int32Array(1);
/** A slot whose key lost its last record: probing goes on past it. */
const TOMBSTONE = -2;
/**
 * Slots filled (tombstones included) before the table grows. Probing reads only the hashes, one
 * int a slot, so a probe's few slots mostly share a cache line even at this load.
 */
const MAX_LOAD = 0.75;
/** A stretch of the table that `#bySlot` groups keys by: 2,048 slots, 16 KB of hashes and heads. */
const STRETCH_BITS = 11;
/**
 * Tables from this many slots (hashes and heads: 1 MB) claim a queue by stretch when it holds
 * keys for at least 1 / 2^SORTED_SHARE of the slots, 64 keys a stretch on average: fewer share
 * no stretch's lines, and sorting them only costs (a 1M draft's keys checked again 4,096 at a
 * time: 201 → 250 ms when every queue was sorted).
 */
const SORTED_TABLE = 1 << 17;
const SORTED_SHARE = 5;

export class KeyIndex {
	#capacity: number;
	/**
	 * Per slot: the key's hash (0: empty), and its first and last record (TOMBSTONE: the key lost
	 * its records). Apart, so that a probe reads only hashes: on a million keys the tables are far
	 * larger than the CPU caches, and a new key (the usual claim) then waits on one miss, in 4
	 * bytes a slot, where slots of three ints side by side had it read 12 (claims of 2M keys
	 * 139–194 → 80–146 ms, docs/decisions.md). Its head is written, not waited for; its tail only
	 * once it has two records (#tailOf).
	 */
	#hashes: Int32Array;
	#heads: Int32Array;
	#tails: Int32Array;
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
		this.#hashes = new Int32Array(this.#capacity);
		this.#heads = new Int32Array(this.#capacity);
		this.#tails = new Int32Array(this.#capacity);
		this.#next = new Int32Array(Math.max(1024, expected));
	}

	/** How many distinct keys have at least one record. */
	get size(): number {
		return this.#size;
	}

	/** The slot of `key`, or -1. */
	#slotOf(key: string, h: number): number {
		const hashes = this.#hashes;
		const mask = this.#capacity - 1;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const slot = hashes[i] as number;
			if (slot === 0) return -1;
			if (slot === h) {
				const head = this.#heads[i] as number;
				if (head !== TOMBSTONE && this.#keyAt(head) === key) return i;
			}
		}
	}

	/** The first record (lowest index) with `key`, or -1. */
	first(key: string): number {
		const at = this.#slotOf(key, hashString(key));
		return at === -1 ? -1 : (this.#heads[at] as number);
	}

	/** Every record with `key`, in index order. */
	members(key: string): number[] {
		const out: number[] = [];
		const at = this.#slotOf(key, hashString(key));
		if (at === -1) return out;
		for (let i = this.#heads[at] as number; i !== END; i = this.#next[i] as number) out.push(i);
		return out;
	}

	/**
	 * Adds record `index` (not yet in the index) under `key`; returns the first record that had
	 * the key before, or -1. The record must already answer `keyAt(index) === key`.
	 */
	claim(key: string, index: number): number {
		ONE[0] = index;
		ONE[1] = hashString(key);
		this.claimQueued(ONE, 3, 1, ANSWER);
		return ANSWER[0] as number;
	}

	/**
	 * `claim` of each row a queue of (index, email hash, external ID hash) triplets holds, its
	 * key's hash (`hashString`, computed ahead, maybe in another worker) at `at` (1 or 2; 0 for no
	 * key): `earlier[k]` gets the k-th row's answer, -1 for a row without the key. The key is read
	 * back through `keyAt` only when another key has the same hash. One loop with the tables at
	 * hand, where a call per claim re-read them (the 2M claims of a million-row file:
	 * docs/decisions.md, "claims at the end").
	 */
	claimQueued(queue: Int32Array, length: number, at: 1 | 2, earlier: Int32Array): void {
		let keys = 0;
		let last = -1;
		for (let p = 0, k = 0; p < length; p += 3, k++) {
			earlier[k] = -1;
			if (queue[p + at] === 0) continue;
			keys++;
			last = Math.max(last, queue[p] as number);
		}
		if (keys === 0) return;
		if (last >= this.#next.length) this.#growRecords(last);
		if (this.#used + keys >= this.#capacity * MAX_LOAD) this.#grow(this.#size + keys);
		const next = this.#next;
		for (let p = 0; p < length; p += 3) if (queue[p + at] !== 0) next[queue[p] as number] = END;
		if (this.#capacity >= SORTED_TABLE && keys >= this.#capacity >>> SORTED_SHARE)
			this.#claimAll(this.#bySlot(queue, length, at, keys), 3 * keys, 1, true, earlier);
		else this.#claimAll(queue, length, at, false, earlier);
	}

	/**
	 * Claims the rows of `claims`, triplets of (index, hash, hash) with the key's hash at `at`
	 * (0: no key), and with the row's position in the queue third when `positioned` (else its
	 * position is its triplet's). A row whose key had records already gets its first one in
	 * `earlier` at its position. The tables are sized for the claims; each row's `next` is END.
	 */
	#claimAll(
		claims: Int32Array,
		length: number,
		at: 1 | 2,
		positioned: boolean,
		earlier: Int32Array,
	): void {
		const hashes = this.#hashes;
		const heads = this.#heads;
		const mask = this.#capacity - 1;
		for (let p = 0, k = 0; p < length; p += 3, k++) {
			const h = claims[p + at] as number;
			if (h === 0) continue;
			const index = claims[p] as number;
			for (let i = h & mask; ; i = (i + 1) & mask) {
				const slot = hashes[i] as number;
				if (slot === 0) {
					hashes[i] = h;
					heads[i] = index;
					this.#used++;
					this.#size++;
					break;
				}
				if (slot === h) {
					const head = heads[i] as number;
					if (head !== TOMBSTONE && this.#keyAt(head) === this.#keyAt(index)) {
						earlier[positioned ? (claims[p + 2] as number) : k] = this.#link(i, index);
						break;
					}
				}
			}
		}
	}

	/**
	 * The `keys` queued rows that have a key at `at`, as (index, hash, position in the queue)
	 * triplets grouped by the stretch of the table their key's slot lies in, in queue order
	 * within a stretch (so a key's rows still come in row order). Claimed in this order, a million
	 * keys fill the tables stretch by stretch, each small enough to stay in the CPU caches, where
	 * in queue order nearly every key waited on a cache miss (docs/decisions.md, "claims by
	 * stretch of the table").
	 */
	#bySlot(queue: Int32Array, length: number, at: 1 | 2, keys: number): Int32Array {
		const shift = STRETCH_BITS;
		const mask = this.#capacity - 1;
		const starts = new Int32Array((this.#capacity >>> shift) + 1);
		for (let p = at; p < length; p += 3) {
			const h = queue[p] as number;
			if (h === 0) continue;
			const b = ((h & mask) >>> shift) + 1;
			starts[b] = (starts[b] as number) + 1;
		}
		for (let b = 1; b < starts.length; b++)
			starts[b] = (starts[b] as number) + (starts[b - 1] as number);
		const sorted = new Int32Array(3 * keys);
		for (let p = 0, k = 0; p < length; p += 3, k++) {
			const h = queue[p + at] as number;
			if (h === 0) continue;
			const b = (h & mask) >>> shift;
			const place = starts[b] as number;
			starts[b] = place + 1;
			const to = 3 * place;
			sorted[to] = queue[p] as number;
			sorted[to + 1] = h;
			sorted[to + 2] = k;
		}
		return sorted;
	}

	#link(at: number, index: number): number {
		const head = this.#heads[at] as number;
		const tail = this.#tailOf(at, head);
		if (index > tail) {
			// Rows arrive in order while a file streams: appending is the common case.
			this.#next[tail] = index;
			this.#tails[at] = index;
		} else if (index < head) {
			this.#next[index] = head;
			this.#heads[at] = index;
			this.#tails[at] = tail;
		} else {
			let i = head;
			while ((this.#next[i] as number) < index) i = this.#next[i] as number;
			this.#next[index] = this.#next[i] as number;
			this.#next[i] = index;
		}
		return head;
	}

	/**
	 * The last record of the chain at slot `at`. A key of one record has no tail written (a new
	 * key then costs one random write less, on tables far larger than the caches): its tail is
	 * its head. Written once the chain has two.
	 */
	#tailOf(at: number, head: number): number {
		return this.#next[head] === END ? head : (this.#tails[at] as number);
	}

	/** Takes record `index` out of `key`'s chain (call before the record's key changes). */
	remove(key: string, index: number): void {
		const at = this.#slotOf(key, hashString(key));
		if (at === -1) return;
		const heads = this.#heads;
		const head = heads[at] as number;
		if (head === index) {
			const next = this.#next[index] as number;
			if (next === END) {
				heads[at] = TOMBSTONE;
				this.#size--;
			} else heads[at] = next;
			return;
		}
		let i = head;
		while (this.#next[i] !== END && this.#next[i] !== index) i = this.#next[i] as number;
		if (this.#next[i] !== index) return;
		const tail = this.#tailOf(at, head);
		this.#next[i] = this.#next[index] as number;
		if (tail === index) this.#tails[at] = i;
	}

	#growRecords(index: number): void {
		let length = this.#next.length;
		while (length <= index) length *= 2;
		const next = new Int32Array(length);
		next.set(this.#next);
		this.#next = next;
	}

	/**
	 * Rehashes without tombstones, for `keys` keys: twice as large (or more) when half or more of
	 * the slots would be live.
	 */
	#grow(keys: number): void {
		const [hashes, heads, tails] = [this.#hashes, this.#heads, this.#tails];
		while (keys * 2 >= this.#capacity) this.#capacity *= 2;
		this.#hashes = new Int32Array(this.#capacity);
		this.#heads = new Int32Array(this.#capacity);
		this.#tails = new Int32Array(this.#capacity);
		const mask = this.#capacity - 1;
		this.#used = 0;
		for (let j = 0; j < hashes.length; j++) {
			const h = hashes[j] as number;
			if (h === 0 || heads[j] === TOMBSTONE) continue;
			let i = h & mask;
			while (this.#hashes[i] !== 0) i = (i + 1) & mask;
			this.#hashes[i] = h;
			this.#heads[i] = heads[j] as number;
			this.#tails[i] = tails[j] as number;
			this.#used++;
		}
	}
}
