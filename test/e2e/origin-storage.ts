// What the app's origin keeps on this device, read the way anyone with the browser profile
// could: every IndexedDB database (each store's values, keys and index keys), every Cache
// Storage response body, localStorage and sessionStorage. Returned as one text to search for
// client data. Bytes are decoded as UTF-8 and as UTF-16LE (at both byte alignments), so a
// password kept in an ArrayBuffer or a typed array is found whichever way it was encoded.
import type { Page } from '@playwright/test';

/**
 * The origin's storage as text, read in the page. The function passed to `evaluate` is sent to
 * the page as source: everything it uses is defined inside it.
 */
export async function originStorage(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const out: string[] = [];
		const utf8 = new TextDecoder('utf-8');
		const utf16 = new TextDecoder('utf-16le');
		const bytes = (b: ArrayBuffer | ArrayBufferView): string => {
			const view =
				b instanceof ArrayBuffer
					? new Uint8Array(b)
					: new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
			const even = view.subarray(0, view.byteLength & ~1);
			const odd = view.subarray(1, 1 + ((view.byteLength - 1) & ~1));
			return [utf8.decode(view), utf16.decode(even), utf16.decode(odd)].join('\n');
		};
		// Structured-clone values: plain objects, arrays, Maps, Sets, Dates, Blobs, bytes, keys.
		const walk = async (value: unknown, seen: Set<object>): Promise<string> => {
			if (value === null || typeof value !== 'object') return String(value);
			if (seen.has(value)) return '';
			seen.add(value);
			if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return bytes(value);
			if (value instanceof Blob) return bytes(await value.arrayBuffer());
			if (value instanceof Date) return value.toISOString();
			if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey)
				return `[CryptoKey ${value.type} extractable=${value.extractable}]`;
			const entries: [unknown, unknown][] =
				value instanceof Map
					? [...value.entries()]
					: value instanceof Set
						? [...value].map((v, i) => [i, v])
						: Object.entries(value);
			const parts: string[] = [];
			for (const [k, v] of entries) parts.push(`${await walk(k, seen)}=${await walk(v, seen)}`);
			return `{${parts.join(',')}}`;
		};
		const request = <T>(r: IDBRequest<T>): Promise<T> =>
			new Promise<T>((resolve, reject) => {
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
		const indexKeys = (index: IDBIndex): Promise<unknown[]> =>
			new Promise((resolve, reject) => {
				const keys: unknown[] = [];
				const cursor = index.openKeyCursor();
				cursor.onsuccess = () => {
					if (!cursor.result) return resolve(keys);
					keys.push(cursor.result.key);
					cursor.result.continue();
				};
				cursor.onerror = () => reject(cursor.error);
			});

		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			// No version: opens what is there, never upgrades the app's database under it.
			const db = await request(indexedDB.open(info.name));
			try {
				out.push(`# indexedDB ${info.name} v${db.version}`);
				for (const storeName of [...db.objectStoreNames]) {
					const store = db.transaction(storeName, 'readonly').objectStore(storeName);
					const [values, keys] = await Promise.all([
						request(store.getAll()),
						request(store.getAllKeys()),
					]);
					const indexes: Record<string, unknown[]> = {};
					for (const indexName of [...store.indexNames])
						indexes[indexName] = await indexKeys(store.index(indexName));
					out.push(
						`## ${storeName} (${values.length} records)`,
						await walk({ values, keys, indexes }, new Set()),
					);
				}
			} finally {
				db.close();
			}
		}
		for (const cacheName of await caches.keys()) {
			const cache = await caches.open(cacheName);
			for (const req of await cache.keys()) {
				const res = await cache.match(req);
				out.push(`# cache ${cacheName} ${req.url}`, res ? bytes(await res.arrayBuffer()) : '');
			}
		}
		for (const [label, storage] of [
			['localStorage', localStorage],
			['sessionStorage', sessionStorage],
		] as const)
			for (let i = 0; i < storage.length; i++) {
				const key = storage.key(i) ?? '';
				out.push(`# ${label} ${key}`, storage.getItem(key) ?? '');
			}
		return out.join('\n');
	});
}

/**
 * Where each value of `wanted` occurs in `originStorage`'s text: "value in roster › drafts", once
 * per place, so a failure names the store to look at.
 */
export function placesOf(text: string, wanted: readonly string[]): string[] {
	const found = new Set<string>();
	let database = '';
	let place = '';
	for (const line of text.split('\n')) {
		if (line.startsWith('# indexedDB ')) database = place = line.slice(2);
		else if (line.startsWith('## ')) place = `${database} › ${line.slice(3)}`;
		else if (line.startsWith('# ')) place = line.slice(2);
		for (const w of wanted) if (line.includes(w)) found.add(`${w} in ${place}`);
	}
	return [...found];
}

/** The values of `wanted` that occur in `text`, each once. */
export function occurring(text: string, wanted: readonly string[]): string[] {
	return [...new Set(wanted.filter((w) => text.includes(w)))];
}
