// Where a value was first seen: an open-addressing hash table from string to row number.
// Duplicate checks run once per row on million-row files; this is about twice as fast as a
// Map there and allocates nothing per entry (measured in docs/benchmarks.md).

function hashString(s: string): number {
	// FNV-1a over UTF-16 code units; 0 marks an empty slot, so it is never a hash.
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0 || 1;
}

export class FirstSeen {
	#capacity = 1024;
	#keys: (string | undefined)[] = new Array(this.#capacity);
	#hashes = new Uint32Array(this.#capacity);
	#rows = new Int32Array(this.#capacity);
	#size = 0;

	get size(): number {
		return this.#size;
	}

	/** Records `row` for `key` unless the key was seen before; returns the earlier row, or -1. */
	claim(key: string, row: number): number {
		if (this.#size * 2 >= this.#capacity) this.#grow();
		const h = hashString(key);
		const mask = this.#capacity - 1;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const slot = this.#hashes[i];
			if (slot === 0) {
				this.#hashes[i] = h;
				this.#keys[i] = key;
				this.#rows[i] = row;
				this.#size++;
				return -1;
			}
			if (slot === h && this.#keys[i] === key) return this.#rows[i] as number;
		}
	}

	#grow(): void {
		const keys = this.#keys;
		const hashes = this.#hashes;
		const rows = this.#rows;
		this.#capacity *= 2;
		this.#keys = new Array(this.#capacity);
		this.#hashes = new Uint32Array(this.#capacity);
		this.#rows = new Int32Array(this.#capacity);
		const mask = this.#capacity - 1;
		for (let j = 0; j < hashes.length; j++) {
			const h = hashes[j] as number;
			if (h === 0) continue;
			let i = h & mask;
			while (this.#hashes[i] !== 0) i = (i + 1) & mask;
			this.#hashes[i] = h;
			this.#keys[i] = keys[j];
			this.#rows[i] = rows[j] as number;
		}
	}
}
