// The idempotency fingerprint of a request: HMAC-SHA-256, keyed with a secret kept outside the
// database, of the SHA-256 of its canonical JSON. Without the key, the database's fingerprints
// cannot be used to test guesses of a request's passwords (an unkeyed hash can, at SHA-256
// speed). Hashing first lets a database of plain SHA-256 fingerprints (schema 1) be rekeyed in
// place, so retries of chunks sent before an upgrade still replay.
import { createHash, createHmac, type KeyObject } from 'node:crypto';
import type { ImportRequest } from '../src/core/import-api.ts';

/** JSON with keys sorted at every level, so the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

type Secret = Buffer | KeyObject;

function hmacHex(secret: Secret, data: Buffer | string): string {
	return createHmac('sha256', secret).update(data).digest('hex');
}

export function requestFingerprint(secret: Secret, request: ImportRequest): string {
	return hmacHex(secret, createHash('sha256').update(canonicalJson(request)).digest());
}

/** A schema-1 fingerprint (hex SHA-256 of the canonical JSON) as requestFingerprint gives it. */
export function rekeyLegacyFingerprint(secret: Secret, sha256Hex: string): string {
	return hmacHex(secret, Buffer.from(sha256Hex, 'hex'));
}

/**
 * Stored beside the records: tells, at start, whether they were fingerprinted with this secret.
 * A changed secret would answer every retry with 422, so the records are dropped instead.
 */
export function secretCheck(secret: Secret): string {
	return hmacHex(secret, 'roster idempotency secret check');
}
