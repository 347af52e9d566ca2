// Whether a value is an email address, and whether it holds an upper-case letter, in one pass.
// Every row of a million-row file asks both: the regular expression and then a second scan for
// upper case took 0.5–0.8 s of a 1M import in Chromium; this loop answers both for ASCII
// addresses in about 40 % of the time, and leaves anything else to the expression. The same
// pass hashes the address's lower case for the duplicate index (key-index.ts), which is the
// next thing a row's email is read for.
import { FNV_OFFSET, FNV_PRIME } from './key-index.ts';

// Pragmatic address check: one @, a local part without spaces, a dotted domain with a
// letter TLD. Stricter RFC 5322 forms reject addresses mail providers accept.
export const EMAIL_PATTERN =
	/^[^\s@",;<>()[\]\\]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

/** Upper-case test without String#toLowerCase, which is slow on two-byte strings. */
export function hasUpperCase(v: string): boolean {
	for (let i = 0; i < v.length; i++) {
		const c = v.charCodeAt(i);
		if (c >= 65 && c <= 90) return true;
		if (c > 127) return v !== v.toLowerCase();
	}
	return false;
}

/** ASCII characters EMAIL_PATTERN's local part refuses: whitespace and `@",;<>()[]\`. */
export const NOT_LOCAL_CHARACTERS = ' \t\n\v\f\r@",;<>()[]\\';
const NOT_LOCAL = new Uint8Array(128);
for (const ch of NOT_LOCAL_CHARACTERS) NOT_LOCAL[ch.charCodeAt(0)] = 1;

const HYPHEN = 45;
const DOT = 46;
const AT = 64;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** 'invalid' unless EMAIL_PATTERN matches; then 'upper' when the address has an upper-case letter. */
export type EmailShape = 'invalid' | 'lower' | 'upper';

/**
 * What `emailShape` read of an address besides its shape: `hashString` of its lower case
 * (key-index.ts's `hashAsciiLowerCase`) when it read it whole as ASCII, else 0 (never a hash).
 */
export interface EmailScan {
	keyHash: number;
}

export function emailShape(v: string, scan?: EmailScan): EmailShape {
	if (scan) scan.keyHash = 0;
	const n = v.length;
	let upper = false;
	let h = FNV_OFFSET;
	let i = 0;
	for (; i < n; i++) {
		const c = v.charCodeAt(i);
		// Beyond ASCII the local part follows Unicode's whitespace and case: the expression's job.
		if (c > 127) return byPattern(v);
		if (NOT_LOCAL[c] === 1) break;
		const up = isUpper(c);
		upper ||= up;
		h = Math.imul(h ^ (up ? c + 32 : c), FNV_PRIME);
	}
	if (i === 0 || i === n || v.charCodeAt(i) !== AT) return 'invalid';
	h = Math.imul(h ^ AT, FNV_PRIME);
	// Labels of letters, digits and inner hyphens, each ended by a dot; then 2+ letters.
	let label = i + 1;
	let dots = 0;
	for (i = label; i < n; i++) {
		let c = v.charCodeAt(i);
		if (c === DOT) {
			if (i === label || v.charCodeAt(label) === HYPHEN || v.charCodeAt(i - 1) === HYPHEN)
				return 'invalid';
			dots++;
			label = i + 1;
		} else if (isLetter(c)) {
			if (isUpper(c)) {
				upper = true;
				c += 32;
			}
		} else if (!isDigit(c) && c !== HYPHEN) return 'invalid';
		h = Math.imul(h ^ c, FNV_PRIME);
	}
	if (dots === 0 || n - label < 2) return 'invalid';
	for (i = label; i < n; i++) if (!isLetter(v.charCodeAt(i))) return 'invalid';
	if (scan) scan.keyHash = h | 0 || 1;
	return upper ? 'upper' : 'lower';
}

function byPattern(v: string): EmailShape {
	if (!EMAIL_PATTERN.test(v)) return 'invalid';
	return hasUpperCase(v) ? 'upper' : 'lower';
}
