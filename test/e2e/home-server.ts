// The reference server for the home and settings browser tests, serving this run's build
// (ROSTER_E2E_DIST when set, so runs side by side each test their own build) beside its API.
import { startServer, type TestServer } from '../../server/testing.ts';

export async function serverWithApp(
	opts: Parameters<typeof startServer>[0] = {},
): Promise<TestServer> {
	const dist = process.env.ROSTER_E2E_DIST;
	return startServer({
		app: true,
		...opts,
		env: { ...(dist ? { ROSTER_APP_DIR: dist } : {}), ...opts.env },
	});
}
