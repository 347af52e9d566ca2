// Why an import API address or token typed in Settings cannot be used, in words shown under the
// field: a setting Roster would only fail with later (an address without https://, an empty
// token) is refused when typed, never stored and silently ignored.

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why `value` cannot be the import API's address (null: it can). */
export function addressProblem(value: string): string | null {
	const text = value.trim();
	if (text === '')
		return 'Enter the import API’s address: /api/v1 for the server that serves Roster, or https://… for another.';
	// The app's own origin (as `npm start` serves the API beside it).
	if (text.startsWith('/') && !text.startsWith('//')) return null;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return 'This is not a web address: it starts with https:// (or /api/v1 for the server that serves Roster).';
	}
	if (url.protocol === 'https:') return null;
	if (url.protocol === 'http:') {
		if (LOCAL_HOSTS.has(url.hostname)) return null;
		return 'Use https://: over http:// the token and your clients’ details would travel unencrypted (http:// is kept for localhost and 127.0.0.1).';
	}
	return `The address must start with https:// (not ${url.protocol}//).`;
}

/** Why `value` cannot be the access token (null: it can). */
export function tokenProblem(value: string): string | null {
	const text = value.trim();
	if (text === '') return 'Enter the access token the platform gave you with the address.';
	if (/\s/.test(text))
		return 'The token has a space or line break in it: copy it again, as one piece.';
	return null;
}

/** The address as a full URL, read from the page at `self` (a `/api/v1` is on its origin). */
export function fullAddress(value: string, self: string): string {
	return new URL(value.trim(), self).href;
}
