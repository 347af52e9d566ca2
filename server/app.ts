// Wires one server instance from its config: database, import service, fault switch, the API
// under /api/v1, /roster-config.json and the built app. main.ts listens; tests may call fetch().
import { Hono } from 'hono';
import type Database from 'better-sqlite3';
import { API_PREFIX } from '../src/core/import-api.ts';
import { ImportRepository, openDatabase } from './db.ts';
import { FaultInjector, seededRandom } from './faults.ts';
import { loadIdempotencySecret } from './secret.ts';
import { ImportService, utcToday } from './imports.ts';
import type { ServerConfig } from './options.ts';
import { apiError, apiRoutes, type Env } from './routes.ts';
import { CONFIG_PATH, isLoopbackAddress, isLoopbackHost, securityHeaders } from './security.ts';
import { staticFiles } from './static.ts';

export interface RosterApp {
	app: Hono<Env>;
	db: Database.Database;
	/** `running` keys found at start (left by a process that died mid-request). */
	staleCleared: number;
	/** Accepted asynchronous chunks found unfinished at start, now queued again. */
	resumed: number;
	/** Lines main prints at start: files created, rekeyed or dropped records, loose modes. */
	notes: string[];
	close(): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Expired idempotency records are deleted this often (and at start). */
const PURGE_EVERY_MS = 60 * 60 * 1000;

export function createApp(config: ServerConfig): RosterApp {
	const secret = loadIdempotencySecret(config.data, config.idempotencySecret);
	const { db, notes } = openDatabase(config.data, secret.key);
	const repo = new ImportRepository(db, { ttlMs: config.idempotencyTtlMs });
	const staleCleared = repo.clearRunning();
	const purged = repo.purgeExpired();
	if (purged > 0) notes.push(`roster: removed ${purged} expired idempotency record(s).`);
	const purge = setInterval(
		() => repo.purgeExpired(),
		Math.min(PURGE_EVERY_MS, config.idempotencyTtlMs),
	);
	purge.unref();
	const faults = config.faults
		? new FaultInjector(config.faults, seededRandom(config.faultSeed))
		: null;
	const hashDelay = faults?.hashDelayMs ?? 0;
	const delay = faults?.delayMs ?? 0;
	const service = new ImportService(repo, {
		scryptN: config.scryptN,
		secret: secret.key,
		knownTags: config.tags.length > 0 ? new Set(config.tags) : null,
		today: () => utcToday(),
		insideCommit: faults ? (key) => faults.insideCommit(key) : undefined,
		afterHash: hashDelay > 0 ? () => sleep(hashDelay) : undefined,
		beforeAsyncWork: delay > 0 ? () => sleep(delay) : undefined,
		asyncChunks: config.asyncChunks,
		// The fault switch's delays and holds exist to keep chunks in work: always as asked.
		syncUnderMs: faults ? 0 : config.syncUnderMs,
	});
	const resumed = service.resume();

	const app = new Hono<Env>();
	app.use('*', securityHeaders());
	app.route(
		API_PREFIX,
		apiRoutes({
			token: config.token,
			version: config.version,
			tags: config.tags,
			origins: new Set(config.origins),
			bodyLimit: config.bodyLimit,
			repo,
			service,
			faults,
		}),
	);
	app.all('/api/*', (c) =>
		apiError(c, 404, 'route.not_found', `${c.req.path} is not part of this API (${API_PREFIX}).`),
	);
	// Preconfigures the app served from here to sync with this server. The token goes only to
	// a browser on this computer (loopback socket) that asked by a loopback name (a DNS
	// rebinding page on evil.example that resolves to 127.0.0.1 sends `Host: evil.example`), and
	// only when the server made the token up itself: a token given by --token/ROSTER_TOKEN is
	// the organisation's and is typed into Settings. Otherwise `token: null`: the app asks for it.
	app.get(CONFIG_PATH, (c) => {
		const remote = c.env?.incoming?.socket?.remoteAddress;
		const handOut =
			!config.production &&
			config.tokenGenerated &&
			isLoopbackAddress(remote) &&
			isLoopbackHost(c.req.header('host'));
		return c.json({ apiBase: API_PREFIX, token: handOut ? config.token : null });
	});
	if (config.app) app.get('*', staticFiles(config.appDir));
	app.notFound((c) =>
		apiError(c, 404, 'route.not_found', `${c.req.method} ${c.req.path} does not exist.`),
	);
	app.onError((err, c) => {
		// The message only: never the request, which may hold passwords.
		console.error(`roster: ${c.req.method} ${c.req.path} failed: ${err.message}`);
		return apiError(c, 500, 'server.error', 'The server failed to handle this request; try again.');
	});
	return {
		app,
		db,
		staleCleared,
		resumed,
		notes: [...secret.notes, ...notes],
		close: () => {
			clearInterval(purge);
			service.close();
			db.close();
		},
	};
}
