// Entry point of the reference import API server: parse options, open the database, listen,
// print where it runs, and shut down cleanly on SIGINT/SIGTERM.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { OptionsError, parseOptions, PRODUCTION_SCRYPT_N, type ServerConfig } from './options.ts';

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
	const roster = createApp(config);
	if (roster.staleCleared > 0)
		console.log(
			`roster: ${roster.staleCleared} unfinished import request(s) from an earlier run will start over.`,
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
