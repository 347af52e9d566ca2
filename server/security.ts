// What every answer carries (CSP, nosniff, no referrer, no-store on the API) and the rules for
// handing the development token to the app: only to this computer, asked for by a loopback name.
import type { MiddlewareHandler } from 'hono';
import { API_PREFIX } from '../src/core/import-api.ts';
import { SERVER_CSP } from './csp.ts';

export const CONFIG_PATH = '/roster-config.json';

/** Answers that may hold client data or the token: no browser or proxy cache may keep them. */
function isPrivate(path: string): boolean {
	return path === CONFIG_PATH || path === API_PREFIX || path.startsWith('/api/');
}

/**
 * Set after the handler ran, so errors (onError), 404s and static files get them too. Static
 * assets keep their own Cache-Control: hashed assets are immutable, the rest revalidated.
 */
export function securityHeaders(): MiddlewareHandler {
	return async (c, next) => {
		await next();
		const h = c.res.headers;
		h.set('Content-Security-Policy', SERVER_CSP);
		h.set('X-Content-Type-Options', 'nosniff');
		h.set('Referrer-Policy', 'no-referrer');
		if (isPrivate(c.req.path)) h.set('Cache-Control', 'no-store');
	};
}

const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIpv4Loopback(v: string): boolean {
	const m = IPV4_LOOPBACK.exec(v);
	return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

/** A socket's remote address on this computer: 127.0.0.0/8, ::1, or 127.x mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
	if (address === undefined) return false;
	const a = address.toLowerCase();
	if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
	if (a.startsWith('::ffff:')) return isIpv4Loopback(a.slice('::ffff:'.length));
	return isIpv4Loopback(a);
}

/**
 * A `Host` header naming this computer: `localhost`, 127.x.x.x or [::1], with or without a
 * port. Anything else — evil.example, localhost.evil.example, 127.0.0.1.nip.io — may be a DNS
 * rebinding page that resolves its own name to 127.0.0.1 to read the token.
 */
export function isLoopbackHost(host: string | undefined): boolean {
	if (host === undefined) return false;
	const m = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
	if (!m) return false;
	const name = m[1] ?? '';
	if (m[2] !== undefined && Number(m[2]) > 65535) return false;
	return name === 'localhost' || name === '[::1]' || isIpv4Loopback(name);
}

/** An interface to listen on that only this computer can reach. */
export function isLoopbackInterface(host: string): boolean {
	const h = host.trim().toLowerCase();
	return h === 'localhost' || isLoopbackAddress(h.replace(/^\[(.*)\]$/, '$1'));
}
