// The sign-in address a notice prints: the rule a new one must meet (https, a real address), and
// how it may wrap on paper. A client types the host name by hand, so it must never be split
// across lines; the path may break after a "/", where a reader sees a natural seam.
import { m } from '../i18n/messages.ts';

export const SIGN_IN_EXAMPLE = 'https://app.example.com';

/**
 * Why a sign-in address typed in Settings cannot be used (in the app's language), or null when it can (an empty one can:
 * printing then says the address is missing). Only https: the page it opens asks for the
 * password printed beside it.
 */
export function signInUrlProblem(text: string): string | null {
	const value = text.trim();
	const example = SIGN_IN_EXAMPLE;
	if (value === '') return null;
	if (/^http:\/\//i.test(value)) return m.notices_address_http({ example });
	if (!/^https:\/\//i.test(value)) return m.notices_address_no_https({ example });
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return m.notices_address_invalid({ example });
	}
	if (url.hostname === '') return m.notices_address_no_host({ example });
	if (url.username !== '' || url.password !== '') return m.notices_address_credentials();
	return null;
}

/**
 * The address cut where a line may break: the first piece is the scheme and host (and port),
 * each later piece ends with "/" or is the rest. Joined, the pieces give the address back.
 */
export function addressPieces(address: string): string[] {
	const value = address.trim();
	const hostStart = value.indexOf('//');
	const pathStart = value.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
	if (pathStart < 0) return value === '' ? [] : [value];
	const pieces = [value.slice(0, pathStart)];
	let rest = value.slice(pathStart);
	while (rest !== '') {
		const cut = rest.indexOf('/');
		const end = cut < 0 ? rest.length : cut + 1;
		pieces.push(rest.slice(0, end));
		rest = rest.slice(end);
	}
	return pieces;
}

/** Characters in the longest piece that may not wrap: what the printed size must fit on a line. */
export function longestPiece(address: string): number {
	return Math.max(0, ...addressPieces(address).map((piece) => Array.from(piece).length));
}

/** A stretch of message text, and whether it is the sign-in address (kept whole on paper). */
export interface MessageSegment {
	text: string;
	address: boolean;
}

/**
 * A message paragraph cut around each occurrence of the sign-in address, so the address inside
 * the message wraps by the same rule as the printed one (never inside the host name).
 */
export function segmentsAround(paragraph: string, address: string): MessageSegment[] {
	const value = address.trim();
	if (value === '') return [{ text: paragraph, address: false }];
	const out: MessageSegment[] = [];
	let rest = paragraph;
	for (let at = rest.indexOf(value); at >= 0; at = rest.indexOf(value)) {
		if (at > 0) out.push({ text: rest.slice(0, at), address: false });
		out.push({ text: value, address: true });
		rest = rest.slice(at + value.length);
	}
	if (rest !== '' || out.length === 0) out.push({ text: rest, address: false });
	return out;
}
