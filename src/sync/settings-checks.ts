// Why an import API address or token typed in Settings cannot be used, in words shown under the
// field: a setting Roster would only fail with later (an address without https://, an empty
// token) is refused when typed, never stored and silently ignored.
import { m } from '../i18n/messages.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why `value` cannot be the import API's address (null: it can). */
export function addressProblem(value: string): string | null {
	const text = value.trim();
	if (text === '') return m.shell_check_address_empty();
	// The app's own origin (as `npm start` serves the API beside it).
	if (text.startsWith('/') && !text.startsWith('//')) return null;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return m.shell_check_not_url();
	}
	if (url.protocol === 'https:') return null;
	if (url.protocol === 'http:') {
		if (LOCAL_HOSTS.has(url.hostname)) return null;
		return m.shell_check_http();
	}
	return m.shell_check_protocol({ protocol: url.protocol });
}

/** Why `value` cannot be the access token (null: it can). */
export function tokenProblem(value: string): string | null {
	const text = value.trim();
	if (text === '') return m.shell_check_token_empty();
	if (/\s/.test(text)) return m.shell_check_token_space();
	return null;
}

/** The address as a full URL, read from the page at `self` (a `/api/v1` is on its origin). */
export function fullAddress(value: string, self: string): string {
	return new URL(value.trim(), self).href;
}
