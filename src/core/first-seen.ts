// Where a value was first seen: an open-addressing hash table from a key to the index of the
// first record that had it. Duplicate checks run once per row on million-row files; this is
// about twice as fast as a Map there, and it keeps no strings: keys are read back from the
// records (through `keyAt`) only when two hashes match.

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
	#capacity: number;
	#hashes: Uint32Array;
	#indexes: Int32Array;
	#size = 0;
	#keyAt: (index: number) => string;

	/** `expected`: how many keys are likely, so the table need not grow while it fills. */
	constructor(keyAt: (index: number) => string, expected = 512) {
		this.#keyAt = keyAt;
		this.#capacity = 1024;
		while (this.#capacity < expected * 2) this.#capacity *= 2;
		this.#hashes = new Uint32Array(this.#capacity);
		this.#indexes = new Int32Array(this.#capacity);
	}

	get size(): number {
		return this.#size;
	}

	/** Records `index` for `key` unless the key was seen before; returns the earlier index, or -1. */
	claim(key: string, index: number): number {
		if (this.#size * 2 >= this.#capacity) this.#grow();
		const h = hashString(key);
		const mask = this.#capacity - 1;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const slot = this.#hashes[i];
			if (slot === 0) {
				this.#hashes[i] = h;
				this.#indexes[i] = index;
				this.#size++;
				return -1;
			}
			if (slot === h) {
				const earlier = this.#indexes[i] as number;
				if (this.#keyAt(earlier) === key) return earlier;
			}
		}
	}

	#grow(): void {
		const hashes = this.#hashes;
		const indexes = this.#indexes;
		this.#capacity *= 2;
		this.#hashes = new Uint32Array(this.#capacity);
		this.#indexes = new Int32Array(this.#capacity);
		const mask = this.#capacity - 1;
		for (let j = 0; j < hashes.length; j++) {
			const h = hashes[j] as number;
			if (h === 0) continue;
			let i = h & mask;
			while (this.#hashes[i] !== 0) i = (i + 1) & mask;
			this.#hashes[i] = h;
			this.#indexes[i] = indexes[j] as number;
		}
	}
}
