// The app's Content-Security-Policy, in one place: vite.config.ts writes it into the built
// index.html as a <meta> tag, and the server sends it as a header (with the parts a <meta>
// cannot carry). No imports, so the Vite config can load it without the server's dependencies.

/** The built app may talk only to its own origin: client data leaves the device through sync alone. */
export const APP_CSP = [
	"default-src 'self'",
	"script-src 'self'",
	"worker-src 'self'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: blob:",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'none'",
].join('; ');

/**
 * What the server sends: the same policy plus `frame-ancestors 'none'`, which browsers ignore in
 * a <meta> tag, so no other site can frame the app and trick a pro into clicking in it. As a
 * header it also covers the worker scripts, which a page's <meta> does not reach.
 */
export const SERVER_CSP = `${APP_CSP}; frame-ancestors 'none'`;
