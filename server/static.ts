// Serves the built app (dist/) beside the API on one origin: exact files with their content
// types, index.html for the app's own paths, and caching that lets a new service worker land.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.ico': 'image/x-icon',
	'.webp': 'image/webp',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.wasm': 'application/wasm',
};

/** Files that must be revalidated on every load, or an old app would outlive a deploy. */
const ALWAYS_REVALIDATE = new Set([
	'/sw.js',
	'/registerSW.js',
	'/index.html',
	'/manifest.webmanifest',
]);

function cacheControl(path: string): string {
	if (ALWAYS_REVALIDATE.has(path) || path.startsWith('/workbox-')) return 'no-cache';
	// Vite names these by content hash, so they never change under the same name.
	if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
	return 'no-cache';
}

async function readIfFile(file: string): Promise<Buffer | null> {
	try {
		const s = await stat(file);
		return s.isFile() ? await readFile(file) : null;
	} catch {
		return null;
	}
}

/** Looks like a page of the app (no extension, or a browser asking for HTML). */
function wantsPage(c: Context, path: string): boolean {
	return extname(path) === '' || (c.req.header('accept') ?? '').includes('text/html');
}

export function staticFiles(root: string): (c: Context) => Promise<Response> {
	const base = normalize(root.endsWith(sep) ? root : root + sep);
	return async (c) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
			return c.json({ error: { code: 'method.not_allowed', message: 'Only GET and HEAD.' } }, 405);
		let path: string;
		try {
			path = decodeURIComponent(c.req.path);
		} catch {
			return c.text('Bad path', 400);
		}
		if (path.endsWith('/')) path += 'index.html';
		const file = normalize(join(base, path));
		// normalize() resolves "..": anything outside dist/ is not served, whatever the encoding.
		let body = file.startsWith(base) && !path.includes('\0') ? await readIfFile(file) : null;
		let served = path;
		if (body === null && wantsPage(c, path)) {
			body = await readIfFile(join(base, 'index.html'));
			served = '/index.html';
		}
		if (body === null) return c.text('Not found', 404);
		const headers = {
			'Content-Type': TYPES[extname(served).toLowerCase()] ?? 'application/octet-stream',
			'Cache-Control': cacheControl(served),
		};
		if (c.req.method === 'HEAD') return c.body(null, 200, headers);
		return c.body(new Uint8Array(body), 200, headers);
	};
}
