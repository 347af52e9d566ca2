// The server's command line and environment: one place that turns argv + env into a checked
// ServerConfig, so main.ts, start.ts and the tests agree on every option and its default.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseFaultSpec, type FaultSpec } from './faults.ts';
import { DEFAULT_ASYNC_CHUNKS } from './imports.ts';
import { isLoopbackInterface } from './security.ts';

export interface ServerConfig {
	port: number;
	host: string;
	data: string;
	token: string;
	/** True when the token was generated here (dev mode): main prints it. */
	tokenGenerated: boolean;
	production: boolean;
	/** Listening beyond this computer outside production, asked for with --allow-lan. */
	allowLan: boolean;
	origins: string[];
	tags: string[];
	bodyLimit: number;
	scryptN: number;
	/** Asynchronous chunks (`Prefer: respond-async`) worked on at once. */
	asyncChunks: number;
	/** A chunk expected to be hashed within this (ms) is answered at once, even if asked async. */
	syncUnderMs: number;
	/** How long an Idempotency-Key's record (and its stored answer) is kept. */
	idempotencyTtlMs: number;
	/** ROSTER_IDEMPOTENCY_SECRET; undefined: a secret file beside the database. */
	idempotencySecret: string | undefined;
	faults: FaultSpec | null;
	faultSeed: number;
	app: boolean;
	appDir: string;
	version: string;
}

export type ParsedOptions =
	{ kind: 'help'; text: string } | { kind: 'config'; config: ServerConfig };

/** A mistake in the options: main prints the message and exits 2. */
export class OptionsError extends Error {}

const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;
/**
 * OWASP's password storage guidance for scrypt: N = 2^17, r = 8, p = 1 (128 MiB and ~0.7 s per
 * hash here). Dev/test use 256 so bulk syncs stay fast; docs/server.md has the trade-off.
 */
export const PRODUCTION_SCRYPT_N = 2 ** 17;
export const DEV_SCRYPT_N = 256;
/** A production token must be long enough that guessing it online is hopeless. */
export const MIN_PRODUCTION_TOKEN = 32;
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * A chunk hashed within a second is answered at once: at the tests' and the dev cost a chunk of
 * 1,000 is, so no 202, polls and second request (~0.4 s a sync); at the production cost only a
 * handful of clients is.
 */
export const DEFAULT_SYNC_UNDER_MS = 1000;
/** Shorter, and a slow chunk's own record could expire while it is still being hashed. */
const MIN_IDEMPOTENCY_TTL_MS = 5 * 60 * 1000;
const MIN_SECRET_LENGTH = 32;

export const HELP = `Roster reference import API server

Usage: npm start -- [options]     (or: node --import tsx server/main.ts [options])

Options (environment variable in brackets):
  --port N             port to listen on, 0 = any free port (default 4173) [PORT]
  --host HOST          interface to listen on (default 127.0.0.1) [ROSTER_HOST]
  --allow-lan          outside production, allow a --host other computers can reach
                       (e.g. 0.0.0.0); prints a warning [ROSTER_ALLOW_LAN=1]
  --data FILE          SQLite database file (default ./data/roster.db) [ROSTER_DATA]
  --token TOKEN        API bearer token; required in production (at least 32
                       characters), generated and printed in development when
                       absent [ROSTER_TOKEN]
  --production         production mode (also NODE_ENV=production): token required,
                       scrypt cost 131072, no fault switch, no token in /roster-config.json
  --allow-origin URL   an origin allowed to call the API cross-origin; repeatable
                       [ROSTER_ORIGINS, comma-separated]
  --tags a,b,c         the organisation's tags; clients with other tags are rejected
                       (default: none, tags not checked) [ROSTER_TAGS]
  --body-limit SIZE    largest request body, bytes or with k/m suffix (default 5m)
                       [ROSTER_BODY_LIMIT]
  --scrypt-n N         scrypt cost, a power of two (default 131072 = 2^17 in
                       production, 256 otherwise) [ROSTER_SCRYPT_N]
  --async-chunks N     chunks sent with "Prefer: respond-async" worked on at once
                       (default ${DEFAULT_ASYNC_CHUNKS}; their hashes still share two threads)
                       [ROSTER_ASYNC_CHUNKS]
  --sync-under T       a chunk whose passwords are expected to be hashed within T is
                       answered at once even when "Prefer: respond-async" asks for a
                       202, e.g. 1s, 0s = always as asked, at most 30s (default 1s)
                       [ROSTER_SYNC_UNDER]
  --idempotency-ttl T  how long Idempotency-Key records are kept, e.g. 24h, 90m, 7d
                       (default 24h, at least 5m) [ROSTER_IDEMPOTENCY_TTL]
                       Their fingerprints are keyed with ROSTER_IDEMPOTENCY_SECRET, or
                       else with a secret file created beside the database (mode 600).
  --faults SPEC        test-only fault switch, e.g. 500:0.1,429:0.05,503:0.05,drop:0.05,
                       delay:200,hold-commit:30000,hash-delay:1000,retry-after:1,
                       seed:7; refused in production [ROSTER_FAULTS]
  --fault-seed N       seed of the fault switch's random source [ROSTER_FAULT_SEED]
  --no-app             serve the API only, not the built app in dist/
  --help               print this help and exit
`;

function readVersion(): string {
	const pkg: unknown = JSON.parse(
		readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
	);
	if (typeof pkg === 'object' && pkg !== null && 'version' in pkg) return String(pkg.version);
	return '0.0.0';
}

function list(v: string | undefined): string[] {
	return (v ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

function integer(name: string, v: string, min: number, max: number): number {
	if (!/^\d+$/.test(v)) throw new OptionsError(`${name} must be a whole number, not '${v}'.`);
	const n = Number(v);
	if (n < min || n > max) throw new OptionsError(`${name} must be between ${min} and ${max}.`);
	return n;
}

export function parseSize(name: string, v: string): number {
	const m = /^(\d+)\s*(k|kb|kib|m|mb|mib)?$/i.exec(v.trim());
	if (!m) throw new OptionsError(`${name} must be a size such as 5242880, 512k or 5m, not '${v}'.`);
	const unit = (m[2] ?? '').toLowerCase();
	const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
	const n = Number(m[1]) * mult;
	if (n < 1024) throw new OptionsError(`${name} must be at least 1k.`);
	return n;
}

/** `90s`, `30m`, `24h`, `7d` → milliseconds. */
export function parseDuration(name: string, v: string): number {
	const m = /^(\d+)\s*(s|m|h|d)$/i.exec(v.trim());
	if (!m)
		throw new OptionsError(
			`${name} must be a duration such as 24h, 90m or 7d (a number and s, m, h or d), not '${v}'.`,
		);
	const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
		(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'
	];
	return Number(m[1]) * unit;
}

/**
 * A request answered at once holds its key as `running`, which goes stale after a minute
 * (server/db.ts STALE_RUNNING_MS) and is not resumed after a restart: far below that.
 */
export const MAX_SYNC_UNDER_MS = 30_000;

function syncUnder(v: string): number {
	const ms = parseDuration('--sync-under', v);
	if (ms > MAX_SYNC_UNDER_MS) throw new OptionsError('--sync-under must be at most 30s.');
	return ms;
}

function scryptCost(v: string): number {
	const n = integer('--scrypt-n', v, 2, 2 ** 20);
	if ((n & (n - 1)) !== 0) throw new OptionsError(`--scrypt-n must be a power of two, not ${n}.`);
	return n;
}

function isOrigin(v: string): boolean {
	try {
		return new URL(v).origin === v;
	} catch {
		return false;
	}
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): ParsedOptions {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			strict: true,
			allowPositionals: false,
			options: {
				port: { type: 'string' },
				host: { type: 'string' },
				data: { type: 'string' },
				token: { type: 'string' },
				production: { type: 'boolean' },
				'allow-lan': { type: 'boolean' },
				'idempotency-ttl': { type: 'string' },
				'allow-origin': { type: 'string', multiple: true },
				tags: { type: 'string' },
				'body-limit': { type: 'string' },
				'scrypt-n': { type: 'string' },
				'async-chunks': { type: 'string' },
				'sync-under': { type: 'string' },
				faults: { type: 'string' },
				'fault-seed': { type: 'string' },
				'no-app': { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
		}));
	} catch (e) {
		throw new OptionsError(`${e instanceof Error ? e.message : String(e)} (see --help)`);
	}
	if (values.help) return { kind: 'help', text: HELP };

	const production = values.production === true || env.NODE_ENV === 'production';
	const tokenOpt = values.token ?? env.ROSTER_TOKEN;
	if (tokenOpt !== undefined && tokenOpt.length < 8)
		throw new OptionsError('The token must be at least 8 characters.');
	if (production && tokenOpt === undefined)
		throw new OptionsError('Production mode needs a token: --token TOKEN or ROSTER_TOKEN.');
	if (production && tokenOpt !== undefined && tokenOpt.length < MIN_PRODUCTION_TOKEN)
		throw new OptionsError(
			`In production the token must be at least ${MIN_PRODUCTION_TOKEN} characters (this one has ${tokenOpt.length}); make one with: openssl rand -base64 32`,
		);

	const host = values.host ?? env.ROSTER_HOST ?? '127.0.0.1';
	const allowLan = values['allow-lan'] === true || env.ROSTER_ALLOW_LAN === '1';
	if (!production && !allowLan && !isLoopbackInterface(host))
		throw new OptionsError(
			`--host ${host} can be reached from other computers, and outside production the server runs with development settings. Keep the default (127.0.0.1); or add --allow-lan (ROSTER_ALLOW_LAN=1) to share it on your network on purpose; or run with --production and a token.`,
		);

	const ttlText = values['idempotency-ttl'] ?? env.ROSTER_IDEMPOTENCY_TTL;
	const idempotencyTtlMs =
		ttlText !== undefined
			? parseDuration('--idempotency-ttl', ttlText)
			: DEFAULT_IDEMPOTENCY_TTL_MS;
	if (idempotencyTtlMs < MIN_IDEMPOTENCY_TTL_MS)
		throw new OptionsError(
			`--idempotency-ttl must be at least 5m: a record must outlive the request that wrote it.`,
		);
	const idempotencySecret = env.ROSTER_IDEMPOTENCY_SECRET;
	if (idempotencySecret !== undefined && idempotencySecret.length < MIN_SECRET_LENGTH)
		throw new OptionsError(
			`ROSTER_IDEMPOTENCY_SECRET must be at least ${MIN_SECRET_LENGTH} characters (this one has ${idempotencySecret.length}); make one with: openssl rand -base64 32`,
		);

	const faultText = values.faults ?? env.ROSTER_FAULTS;
	if (production && faultText !== undefined && faultText !== '')
		throw new OptionsError('The fault switch (--faults, ROSTER_FAULTS) is refused in production.');
	let faults: FaultSpec | null = null;
	if (faultText !== undefined && faultText !== '') {
		try {
			faults = parseFaultSpec(faultText);
		} catch (e) {
			throw new OptionsError(e instanceof Error ? e.message : String(e));
		}
	}
	const seedText = values['fault-seed'] ?? env.ROSTER_FAULT_SEED;
	const faultSeed =
		seedText !== undefined
			? integer('--fault-seed', seedText, 0, 2 ** 32 - 1)
			: (faults?.seed ?? randomBytes(4).readUInt32LE(0));

	const origins = [...(values['allow-origin'] ?? []), ...list(env.ROSTER_ORIGINS)];
	for (const o of origins) {
		if (!isOrigin(o))
			throw new OptionsError(`--allow-origin '${o}' is not an origin such as https://a.example.`);
	}

	const scryptText = values['scrypt-n'] ?? env.ROSTER_SCRYPT_N;
	const asyncText = values['async-chunks'] ?? env.ROSTER_ASYNC_CHUNKS;
	const syncUnderText = values['sync-under'] ?? env.ROSTER_SYNC_UNDER;
	return {
		kind: 'config',
		config: {
			port: integer('--port', values.port ?? env.PORT ?? '4173', 0, 65535),
			host,
			data: values.data ?? env.ROSTER_DATA ?? 'data/roster.db',
			token: tokenOpt ?? randomBytes(24).toString('base64url'),
			tokenGenerated: tokenOpt === undefined,
			production,
			allowLan,
			origins,
			tags: list(values.tags ?? env.ROSTER_TAGS),
			bodyLimit:
				values['body-limit'] !== undefined || env.ROSTER_BODY_LIMIT !== undefined
					? parseSize('--body-limit', values['body-limit'] ?? env.ROSTER_BODY_LIMIT ?? '')
					: DEFAULT_BODY_LIMIT,
			scryptN:
				scryptText !== undefined
					? scryptCost(scryptText)
					: production
						? PRODUCTION_SCRYPT_N
						: DEV_SCRYPT_N,
			asyncChunks:
				asyncText !== undefined
					? integer('--async-chunks', asyncText, 1, 64)
					: DEFAULT_ASYNC_CHUNKS,
			syncUnderMs: syncUnderText !== undefined ? syncUnder(syncUnderText) : DEFAULT_SYNC_UNDER_MS,
			idempotencyTtlMs,
			idempotencySecret,
			faults,
			faultSeed,
			app: values['no-app'] !== true,
			// ROSTER_APP_DIR: another build (browser tests run side by side, each on its own).
			appDir: env.ROSTER_APP_DIR
				? `${env.ROSTER_APP_DIR.replace(/\/+$/, '')}/`
				: fileURLToPath(new URL('../dist/', import.meta.url)),
			version: readVersion(),
		},
	};
}
