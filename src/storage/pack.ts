// Turns a stored value into bytes and back, so it can be encrypted as one piece: what IndexedDB
// would have kept by structured clone (plain objects, arrays, strings, numbers, typed arrays,
// sets). The structure goes as JSON, and typed arrays and long strings as their raw bytes after
// it, so a block of rows (one long string and a few arrays) is a UTF-8 encode and a few copies,
// with no JSON escaping of its text.

const TAG = '\u0000';
const TYPED = {
	Int32Array,
	Uint32Array,
	Uint8Array,
	Uint16Array,
	Float64Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;
/** Strings at least this long go as UTF-8 bytes after the JSON. */
const LONG = 256;

function typedName(value: object): TypedName | null {
	for (const name of Object.keys(TYPED) as TypedName[])
		if (value instanceof TYPED[name]) return name;
	return null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Bytes of `value`; `unpack` gives back an equal value. */
export function pack(value: unknown): Uint8Array {
	const parts: (Typed | Uint8Array)[] = [];
	let offset = 0;
	const place = (bytes: Typed | Uint8Array): number => {
		// Aligned, so unpack can view the bytes in place.
		offset = Math.ceil(offset / 8) * 8;
		const at = offset;
		offset += bytes.byteLength;
		parts.push(bytes);
		return at;
	};
	const json = JSON.stringify(value, function (_key, v: unknown) {
		// A lone surrogate would not survive UTF-8: such a string stays in the JSON, escaped.
		if (typeof v === 'string' && v.length >= LONG && v.isWellFormed()) {
			const bytes = encoder.encode(v);
			return { [TAG]: 's', o: place(bytes), n: bytes.byteLength };
		}
		if (typeof v === 'number' && !Number.isFinite(v)) return { [TAG]: 'n', v: String(v) };
		if (typeof v !== 'object' || v === null) return v;
		if (v instanceof Set) return { [TAG]: 'Set', v: [...(v as Set<unknown>)] };
		const name = ArrayBuffer.isView(v) ? typedName(v) : null;
		if (!name) return v;
		const typed = v as Typed;
		return { [TAG]: name, o: place(typed), n: typed.length };
	});
	const head = encoder.encode(json ?? 'null');
	const start = Math.ceil((4 + head.byteLength) / 8) * 8;
	const out = new Uint8Array(start + offset);
	new DataView(out.buffer).setUint32(0, head.byteLength);
	out.set(head, 4);
	let at = 0;
	for (const typed of parts) {
		at = Math.ceil(at / 8) * 8;
		out.set(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), start + at);
		at += typed.byteLength;
	}
	return out;
}

/** The value `pack` made these bytes from. */
export function unpack(bytes: Uint8Array): unknown {
	const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
	const json = decoder.decode(bytes.subarray(4, 4 + length));
	const start = Math.ceil((4 + length) / 8) * 8;
	return JSON.parse(json, (_key, v: unknown) => {
		if (typeof v !== 'object' || v === null || !(TAG in v)) return v;
		const tagged = v as { [TAG]: string; v?: unknown; o?: number; n?: number };
		const kind = tagged[TAG];
		if (kind === 'n') return Number(tagged.v);
		if (kind === 'Set') return new Set(tagged.v as unknown[]);
		if (kind === 's') {
			const from = start + (tagged.o ?? 0);
			return decoder.decode(bytes.subarray(from, from + (tagged.n ?? 0)));
		}
		const Kind = TYPED[kind as TypedName];
		if (!Kind) return v;
		const n = tagged.n ?? 0;
		// A copy, so the value owns its memory (the decrypted buffer can go).
		const from = bytes.byteOffset + start + (tagged.o ?? 0);
		return new Kind((bytes.buffer as ArrayBuffer).slice(from, from + n * Kind.BYTES_PER_ELEMENT));
	});
}
