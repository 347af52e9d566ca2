// The server's command line and environment: one place that turns argv + env into a checked
// ServerConfig, so main.ts, start.ts and the tests agree on every option and its default.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseFaultSpec, type FaultSpec } from './faults.ts';

export interface ServerConfig {
	port: number;
	host: string;
	data: string;
	token: string;
	/** True when the token was generated here (dev mode): main prints it. */
	tokenGenerated: boolean;
	production: boolean;
	origins: string[];
	tags: string[];
	bodyLimit: number;
	scryptN: number;
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
/** Production cost (~16 MiB and tens of ms per hash); dev/test use 256 so bulk syncs stay fast. */
export const PRODUCTION_SCRYPT_N = 16384;
export const DEV_SCRYPT_N = 256;

export const HELP = `Roster reference import API server

Usage: npm start -- [options]     (or: node --import tsx server/main.ts [options])

Options (environment variable in brackets):
  --port N             port to listen on, 0 = any free port (default 4173) [PORT]
  --host HOST          interface to listen on (default 127.0.0.1) [ROSTER_HOST]
  --data FILE          SQLite database file (default ./data/roster.db) [ROSTER_DATA]
  --token TOKEN        API bearer token; required in production, generated and printed
                       in development when absent [ROSTER_TOKEN]
  --production         production mode (also NODE_ENV=production): token required,
                       scrypt cost 16384, no fault switch, no token in /roster-config.json
  --allow-origin URL   an origin allowed to call the API cross-origin; repeatable
                       [ROSTER_ORIGINS, comma-separated]
  --tags a,b,c         the organisation's tags; clients with other tags are rejected
                       (default: none, tags not checked) [ROSTER_TAGS]
  --body-limit SIZE    largest request body, bytes or with k/m suffix (default 5m)
                       [ROSTER_BODY_LIMIT]
  --scrypt-n N         scrypt cost, a power of two (default 16384 in production,
                       256 otherwise) [ROSTER_SCRYPT_N]
  --faults SPEC        test-only fault switch, e.g. 500:0.1,429:0.05,503:0.05,drop:0.05,
                       delay:200,hold-commit:30000,retry-after:1,seed:7; refused in
                       production [ROSTER_FAULTS]
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
				'allow-origin': { type: 'string', multiple: true },
				tags: { type: 'string' },
				'body-limit': { type: 'string' },
				'scrypt-n': { type: 'string' },
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
	return {
		kind: 'config',
		config: {
			port: integer('--port', values.port ?? env.PORT ?? '4173', 0, 65535),
			host: values.host ?? env.ROSTER_HOST ?? '127.0.0.1',
			data: values.data ?? env.ROSTER_DATA ?? 'data/roster.db',
			token: tokenOpt ?? randomBytes(24).toString('base64url'),
			tokenGenerated: tokenOpt === undefined,
			production,
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
			faults,
			faultSeed,
			app: values['no-app'] !== true,
			appDir: fileURLToPath(new URL('../dist/', import.meta.url)),
			version: readVersion(),
		},
	};
}
