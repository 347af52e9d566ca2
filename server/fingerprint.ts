// The idempotency fingerprint of a request: HMAC-SHA-256, keyed with a secret kept outside the
// database, of the SHA-256 of its canonical JSON. Without the key, the database's fingerprints
// cannot be used to test guesses of a request's passwords (an unkeyed hash can, at SHA-256
// speed). Hashing first lets a database of plain SHA-256 fingerprints (schema 1) be rekeyed in
// place, so retries of chunks sent before an upgrade still replay.
import { createHash, createHmac, type KeyObject } from 'node:crypto';
import type { ImportRequest } from '../src/core/import-api.ts';

/**
 * JSON with keys sorted at every level, so the same request always hashes the same. Built in
 * one string, without entry arrays (a tenth of the server's event loop for 100,000 clients):
 * stored fingerprints depend on every byte, so test/server/units.test.ts holds it to the
 * first version's output.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) {
		let out = '[';
		for (let i = 0; i < value.length; i++) {
			if (i > 0) out += ',';
			// As join() wrote an element JSON has no text for (undefined, a function): nothing.
			out += (canonicalJson(value[i]) as string | undefined) ?? '';
		}
		return out + ']';
	}
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		// sort() compares UTF-16 code units, as the comparator of the first version did.
		const keys = Object.keys(record).sort();
		let out = '{';
		for (const key of keys) {
			const v = record[key];
			if (v === undefined) continue;
			if (out.length > 1) out += ',';
			out += JSON.stringify(key) + ':' + canonicalJson(v);
		}
		return out + '}';
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
