// An accepted asynchronous chunk's request, as `pending` stores it until its commit: it holds
// passwords, so it is sealed with AES-256-GCM under a key derived (HKDF) from the server's
// secret, which lives outside the database (secret.ts). A copy of the database alone, or the
// free pages a deleted row leaves in it, gives no password back. The Idempotency-Key is the
// additional data: a sealed request cannot be moved under another key.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { ImportRequest } from '../src/core/import-api.ts';
import { BoundedImportRequestSchema } from './request-schema.ts';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO = 'roster pending import request v1';

/** The sealing key: never the secret itself, which also keys the request fingerprints. */
export function sealingKey(secret: Buffer): Buffer {
	return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32));
}

/** version (1 byte) ‖ IV (12) ‖ tag (16) ‖ ciphertext of the request's JSON. */
export function sealRequest(key: Buffer, idempotencyKey: string, request: ImportRequest): Buffer {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(idempotencyKey, 'utf8'));
	const body = Buffer.concat([cipher.update(JSON.stringify(request), 'utf8'), cipher.final()]);
	return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Throws when the bytes were not sealed under this key and Idempotency-Key, or were altered. */
export function openRequest(key: Buffer, idempotencyKey: string, sealed: Buffer): ImportRequest {
	if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION)
		throw new Error('not a sealed request');
	const iv = sealed.subarray(1, 1 + IV_BYTES);
	const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
	const decipher = createDecipheriv('aes-256-gcm', key, iv);
	decipher.setAAD(Buffer.from(idempotencyKey, 'utf8'));
	decipher.setAuthTag(tag);
	const text = Buffer.concat([
		decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
		decipher.final(),
	]).toString('utf8');
	return BoundedImportRequestSchema.parse(JSON.parse(text));
}
