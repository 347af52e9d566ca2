// Length limits: the longest value the platform takes in each field, and the issue a longer
// cell raises (value.too_long). Each row rule (rules.ts) checks its field's length first.
import { quote, type Issue } from './issues.ts';
import { wordedIssue, type IssueParams } from './issue-messages.ts';
import type { ClientRecord } from './record.ts';

/**
 * The longest value the platform takes, per field, in characters (code points; an emoji is
 * one). The import API has no limits of its own (server/ checks clients with these same rules
 * through import-api.ts; api/openapi.yaml declares none), so these are the platform's.
 * - email_address: RFC 5321 §4.5.3.1 — a path is at most 256 octets with its angle brackets,
 *   so 254 for the address, and 64 for the part before the @. Counted in UTF-8 octets, as the
 *   RFC (and RFC 6531 for addresses with accents) counts them.
 * - names: 100, above the longest names registries record (≈ 70), below what breaks a layout.
 * - tag: 64, a label shown beside a name, never a sentence.
 * - external_id: 128, room for a UUID or a practice software's key with a prefix.
 * - initial_password: 128, above any password manager's default and bounded so that hashing
 *   (scrypt on the server) is never fed a megabyte.
 * Birthdate and gender take only short exact forms: a long value fails their own rules.
 */
export const MAX_LENGTH = {
	email_address: 254,
	email_local_part: 64,
	initial_password: 128,
	first_name: 100,
	last_name: 100,
	tag: 64,
	external_id: 128,
} as const;

/** Length in code points: an emoji (a surrogate pair) is one character. */
export function codePointLength(v: string): number {
	let n = v.length;
	for (let i = 0; i < v.length; i++) {
		const c = v.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff) n--;
	}
	return n;
}

/** Octets of `v` in UTF-8, for the RFC 5321 limits. */
function utf8Length(v: string): number {
	let n = 0;
	for (let i = 0; i < v.length; i++) {
		const c = v.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		// A surrogate pair is 4 octets: 2 for each half.
		else if (c >= 0xd800 && c <= 0xdfff) n += 2;
		else n += 3;
	}
	return n;
}

export function emailTooLong(row: number, v: string, out: Issue[]): boolean {
	// Three octets a UTF-16 unit at most: most addresses are settled without counting.
	if (v.length * 3 > MAX_LENGTH.email_address) {
		const octets = utf8Length(v);
		if (octets > MAX_LENGTH.email_address) {
			tooLongIssue(out, row, 'email_address', 'email', {
				value: quote(v),
				bytes: octets,
				max: MAX_LENGTH.email_address,
			});
			return true;
		}
	}
	if (v.length > MAX_LENGTH.email_local_part) {
		const at = v.lastIndexOf('@');
		const local = utf8Length(at === -1 ? v : v.slice(0, at));
		if (local > MAX_LENGTH.email_local_part) {
			tooLongIssue(out, row, 'email_address', 'email_local', {
				value: quote(v),
				bytes: local,
				max: MAX_LENGTH.email_local_part,
			});
			return true;
		}
	}
	return false;
}

export type LimitedField = 'initial_password' | 'first_name' | 'last_name' | 'tag' | 'external_id';

/** `value.too_long` when `v` is over its field's limit; true if it was. */
export function tooLong(row: number, field: LimitedField, v: string, out: Issue[]): boolean {
	const max = MAX_LENGTH[field];
	// A string's UTF-16 length is never below its code points: short values skip the count.
	if (v.length <= max) return false;
	const length = codePointLength(v);
	if (length <= max) return false;
	// A password is never quoted: a message may be shown or sent where the client's is not.
	if (field === 'initial_password') tooLongIssue(out, row, field, 'password', { length, max });
	else if (field === 'tag') tooLongIssue(out, row, field, 'tag', { value: quote(v), length, max });
	else tooLongIssue(out, row, field, 'field', { field, value: quote(v), length, max });
	return true;
}

/** Tags and the external ID: the fields no other rule reads. */
export function checkLengths(rec: ClientRecord, out: Issue[]): void {
	// Indexed: `for…of` over the frozen empty tag list most rows share allocates its iterator
	// and result objects on every row (issue 16's allocation profile).
	const tags = rec.tags;
	for (let i = 0; i < tags.length; i++) tooLong(rec.row, 'tag', tags[i] as string, out);
	tooLong(rec.row, 'external_id', rec.external_id, out);
}

function tooLongIssue(
	out: Issue[],
	row: number,
	field: string,
	variant: string,
	params: IssueParams,
): void {
	out.push(wordedIssue('value.too_long', row, field, variant, params));
}
