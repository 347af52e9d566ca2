// Entry point of the reference import API server: parse options, open the database, listen,
// print where it runs, and shut down cleanly on SIGINT/SIGTERM.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type RosterApp } from './app.ts';
import { OptionsError, parseOptions, PRODUCTION_SCRYPT_N, type ServerConfig } from './options.ts';
import { isLoopbackInterface } from './security.ts';

/** How long in-flight requests get to finish before their connections are cut. */
const SHUTDOWN_GRACE_MS = 5000;

function readConfig(): ServerConfig {
	try {
		const parsed = parseOptions(process.argv.slice(2), process.env);
		if (parsed.kind === 'help') {
			process.stdout.write(parsed.text);
			process.exit(0);
		}
		return parsed.config;
	} catch (e) {
		if (e instanceof OptionsError) {
			process.stderr.write(`roster: ${e.message}\n`);
			process.exit(2);
		}
		throw e;
	}
}

function displayHost(host: string): string {
	if (host === '0.0.0.0' || host === '::') return 'localhost';
	return host.includes(':') ? `[${host}]` : host;
}

function run(): void {
	const config = readConfig();
	let roster: RosterApp;
	try {
		roster = createApp(config);
	} catch (e) {
		// A damaged secret file, a database from a newer server, a folder it may not write to.
		console.error(`roster: cannot start: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	}
	for (const note of roster.notes) console.warn(note);
	if (roster.staleCleared > 0)
		console.log(
			`roster: ${roster.staleCleared} unfinished import request(s) from an earlier run will start over.`,
		);
	if (roster.resumed > 0)
		console.log(
			`roster: finishing ${roster.resumed} accepted asynchronous import chunk(s) from an earlier run.`,
		);
	if (!config.production && !isLoopbackInterface(config.host))
		console.warn(
			`roster: WARNING: listening on ${config.host} (--allow-lan): other computers on this network can reach the API with development settings. They never get the token from /roster-config.json; they must type it in Settings. For real use run with --production and a token, behind HTTPS (docs/server.md).`,
		);
	if (config.production && config.scryptN < PRODUCTION_SCRYPT_N)
		console.warn(
			`roster: scrypt cost ${config.scryptN} is below the production default ${PRODUCTION_SCRYPT_N}.`,
		);

	const server = serve(
		{ fetch: roster.app.fetch, port: config.port, hostname: config.host },
		(info: AddressInfo) => {
			const url = `http://${displayHost(config.host)}:${info.port}`;
			const token = config.tokenGenerated ? `  (development token: ${config.token})` : '';
			const extras = [
				config.app ? '' : 'API only',
				config.faults ? `FAULTS ON (seed ${config.faultSeed})` : '',
			].filter((s) => s !== '');
			console.log(
				`Roster is running at ${url}${token}${extras.length ? `  [${extras.join(', ')}]` : ''}`,
			);
		},
	);
	server.on('error', (err: NodeJS.ErrnoException) => {
		console.error(`roster: cannot listen on ${config.host}:${config.port}: ${err.message}`);
		roster.close();
		process.exit(1);
	});

	let stopping = false;
	const shutdown = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`roster: ${signal}, shutting down`);
		const force = setTimeout(() => {
			if ('closeAllConnections' in server) server.closeAllConnections();
		}, SHUTDOWN_GRACE_MS);
		force.unref();
		// close() waits for in-flight requests, so no chunk is cut between its claim and commit.
		server.close(() => {
			clearTimeout(force);
			roster.close();
			process.exit(0);
		});
		if ('closeIdleConnections' in server) server.closeIdleConnections();
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

run();
