// Which records share a key (an email, an external ID): an open-addressing hash table from a key
// to the first record that has it, with the records of one key chained in row order. Duplicate
// checks run once per row on million-row files, and edits must find the other holders of a key
// at once; this is about twice as fast as a Map of arrays and keeps no strings: keys are read
// back from the records (through `keyAt`) only when two hashes match.

function hashString(s: string): number {
	// FNV-1a over UTF-16 code units; 0 marks an empty slot, so it is never a hash.
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0 || 1;
}

const END = -1;
/** A slot whose key lost its last record: probing goes on past it. */
const TOMBSTONE = -2;

export class KeyIndex {
	#capacity: number;
	#hashes: Uint32Array;
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
		while (this.#capacity < expected * 2) this.#capacity *= 2;
		this.#hashes = new Uint32Array(this.#capacity);
		this.#heads = new Int32Array(this.#capacity);
		this.#tails = new Int32Array(this.#capacity);
		this.#next = new Int32Array(Math.max(1024, expected));
	}

	/** How many distinct keys have at least one record. */
	get size(): number {
		return this.#size;
	}

	#slotOf(key: string, h: number): number {
		const mask = this.#capacity - 1;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const slot = this.#hashes[i];
			if (slot === 0) return -1;
			if (slot === h) {
				const head = this.#heads[i] as number;
				if (head !== TOMBSTONE && this.#keyAt(head) === key) return i;
			}
		}
	}

	/** The first record (lowest index) with `key`, or -1. */
	first(key: string): number {
		const slot = this.#slotOf(key, hashString(key));
		return slot === -1 ? -1 : (this.#heads[slot] as number);
	}

	/** Every record with `key`, in index order. */
	members(key: string): number[] {
		const out: number[] = [];
		const slot = this.#slotOf(key, hashString(key));
		if (slot === -1) return out;
		for (let i = this.#heads[slot] as number; i !== END; i = this.#next[i] as number) out.push(i);
		return out;
	}

	/**
	 * Adds record `index` (not yet in the index) under `key`; returns the first record that had
	 * the key before, or -1. The record must already answer `keyAt(index) === key`.
	 */
	claim(key: string, index: number): number {
		if (index >= this.#next.length) this.#growRecords(index);
		const h = hashString(key);
		const slot = this.#slotOf(key, h);
		this.#next[index] = END;
		if (slot !== -1) return this.#link(slot, index);
		if ((this.#used + 1) * 2 >= this.#capacity) this.#grow();
		const mask = this.#capacity - 1;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const head = this.#heads[i] as number;
			if (this.#hashes[i] === 0 || head === TOMBSTONE) {
				if (this.#hashes[i] === 0) this.#used++;
				this.#hashes[i] = h;
				this.#heads[i] = index;
				this.#tails[i] = index;
				this.#size++;
				return -1;
			}
		}
	}

	#link(slot: number, index: number): number {
		const head = this.#heads[slot] as number;
		const tail = this.#tails[slot] as number;
		if (index > tail) {
			// Rows arrive in order while a file streams: appending is the common case.
			this.#next[tail] = index;
			this.#tails[slot] = index;
		} else if (index < head) {
			this.#next[index] = head;
			this.#heads[slot] = index;
		} else {
			let at = head;
			while ((this.#next[at] as number) < index) at = this.#next[at] as number;
			this.#next[index] = this.#next[at] as number;
			this.#next[at] = index;
		}
		return head;
	}

	/** Takes record `index` out of `key`'s chain (call before the record's key changes). */
	remove(key: string, index: number): void {
		const slot = this.#slotOf(key, hashString(key));
		if (slot === -1) return;
		const head = this.#heads[slot] as number;
		if (head === index) {
			const next = this.#next[index] as number;
			if (next === END) {
				this.#heads[slot] = TOMBSTONE;
				this.#size--;
			} else this.#heads[slot] = next;
			return;
		}
		let at = head;
		while (this.#next[at] !== END && this.#next[at] !== index) at = this.#next[at] as number;
		if (this.#next[at] !== index) return;
		this.#next[at] = this.#next[index] as number;
		if (this.#tails[slot] === index) this.#tails[slot] = at;
	}

	#growRecords(index: number): void {
		let length = this.#next.length;
		while (length <= index) length *= 2;
		const next = new Int32Array(length);
		next.set(this.#next);
		this.#next = next;
	}

	#grow(): void {
		const { hashes, heads, tails } = {
			hashes: this.#hashes,
			heads: this.#heads,
			tails: this.#tails,
		};
		if (this.#size * 4 >= this.#capacity) this.#capacity *= 2;
		this.#hashes = new Uint32Array(this.#capacity);
		this.#heads = new Int32Array(this.#capacity);
		this.#tails = new Int32Array(this.#capacity);
		this.#used = 0;
		const mask = this.#capacity - 1;
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
