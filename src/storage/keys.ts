// The keys of the passphrase lock, all Web Crypto: the passphrase gives a key-encryption key
// (PBKDF2-SHA-256, OWASP's 600,000 iterations), which wraps one random AES-GCM-256 key per draft
// (and one for the device's own records). Unwrapped keys are non-extractable: script on the page
// can use them while unlocked but never read them out. Argon2id would be stronger per guess,
// but needs WebAssembly, which the app's CSP does not allow (docs/decisions.md).

export const PBKDF2_ITERATIONS = 600_000;
const IV_BYTES = 12;
const SALT_BYTES = 16;

/** A data key encrypted by the key-encryption key. */
export interface WrappedKey {
	iv: Uint8Array;
	wrapped: ArrayBuffer;
}

/** What a wrong passphrase (or a damaged key record) gives. */
export class WrongPassphraseError extends Error {
	constructor() {
		super('That passphrase does not open the drafts on this device.');
		this.name = 'WrongPassphraseError';
	}
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const encoder = new TextEncoder();

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
	return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export const newSalt = (): Uint8Array<ArrayBuffer> => randomBytes(SALT_BYTES);
export const newIv = (): Uint8Array<ArrayBuffer> => randomBytes(IV_BYTES);

/** The key-encryption key of a passphrase (slow on purpose: a fraction of a second). */
export async function deriveKek(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number,
): Promise<CryptoKey> {
	const base = await subtle().importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, [
		'deriveKey',
	]);
	return subtle().deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
	);
}

/** `id` names the key's owner (a draft id, or the device): a wrapped key cannot be swapped. */
function aadOf(id: string): Uint8Array<ArrayBuffer> {
	return encoder.encode(`roster-key:${id}`);
}

/** A new random data key, wrapped under `kek`, and usable at once. */
export async function newDataKey(
	kek: CryptoKey,
	id: string,
): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
	const raw = randomBytes(32);
	const iv = newIv();
	const wrapped = await subtle().encrypt(
		{ name: 'AES-GCM', iv, additionalData: aadOf(id) },
		kek,
		raw,
	);
	const key = await subtle().importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
	raw.fill(0);
	return { key, wrapped: { iv, wrapped } };
}

/** The data key, non-extractable; a wrong key-encryption key throws WrongPassphraseError. */
export async function unwrapDataKey(
	kek: CryptoKey,
	id: string,
	wrapped: WrappedKey,
): Promise<CryptoKey> {
	try {
		return await subtle().unwrapKey(
			'raw',
			wrapped.wrapped,
			kek,
			{ name: 'AES-GCM', iv: wrapped.iv as Uint8Array<ArrayBuffer>, additionalData: aadOf(id) },
			'AES-GCM',
			false,
			['encrypt', 'decrypt'],
		);
	} catch {
		throw new WrongPassphraseError();
	}
}

/** The same data key wrapped under another key-encryption key (changing the passphrase). */
export async function rewrap(
	from: CryptoKey,
	to: CryptoKey,
	id: string,
	wrapped: WrappedKey,
): Promise<WrappedKey> {
	let raw: Uint8Array<ArrayBuffer>;
	try {
		raw = new Uint8Array(
			await subtle().decrypt(
				{ name: 'AES-GCM', iv: wrapped.iv as Uint8Array<ArrayBuffer>, additionalData: aadOf(id) },
				from,
				wrapped.wrapped,
			),
		);
	} catch {
		throw new WrongPassphraseError();
	}
	const iv = newIv();
	const out = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aadOf(id) }, to, raw);
	raw.fill(0);
	return { iv, wrapped: out };
}
