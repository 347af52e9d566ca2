// Starts Debian's WebKitWebDriver (under a virtual X display when there is none) and opens
// WebKitGTK's MiniBrowser sessions through it: Safari's engine, since no Safari runs on Linux.
// Missing tools fail the run with how to install them: CI installs them, so a skip would hide it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Builder, type WebDriver } from 'selenium-webdriver';

const DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const XVFB_RUN = '/usr/bin/xvfb-run';
const MINIBROWSER_CANDIDATES = [
	'/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
	'/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
	'/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
	'/usr/lib/aarch64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
];
const INSTALL =
	'Install them (Debian: sudo apt-get install -y webkit2gtk-driver xvfb) or run .ci/run.';
const READY_TIMEOUT_MS = 20_000;

export function miniBrowserPath(): string {
	const own = process.env.WEBKIT_MINIBROWSER_PATH;
	if (own) {
		if (!existsSync(own)) throw new Error(`WEBKIT_MINIBROWSER_PATH=${own} does not exist.`);
		return own;
	}
	const found = MINIBROWSER_CANDIDATES.find((p) => existsSync(p));
	if (!found)
		throw new Error(
			`WebKitGTK's MiniBrowser was not found (looked in ${MINIBROWSER_CANDIDATES.join(', ')}). ` +
				`${INSTALL} Or set WEBKIT_MINIBROWSER_PATH.`,
		);
	return found;
}

/** The tools the suite needs; throws a message that says what is missing and how to get it. */
export function checkTools(): void {
	if (!existsSync(DRIVER))
		throw new Error(`WebKitWebDriver was not found at ${DRIVER}. ${INSTALL}`);
	if (!process.env.DISPLAY && !existsSync(XVFB_RUN))
		throw new Error(`No X display and no ${XVFB_RUN} to make one. ${INSTALL}`);
	miniBrowserPath();
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

export interface DriverProcess {
	url: string;
	stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
	try {
		return (await fetch(`${url}/status`)).ok;
	} catch {
		return false;
	}
}

/** Starts WebKitWebDriver on a free port; MiniBrowser needs an X display, so xvfb-run when none. */
export async function startDriver(): Promise<DriverProcess> {
	checkTools();
	const port = await freePort();
	const args = [`--port=${port}`, '--host=127.0.0.1'];
	// -a picks a free display number, so parallel runs do not collide.
	const child: ChildProcess = process.env.DISPLAY
		? spawn(DRIVER, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true })
		: spawn(XVFB_RUN, ['-a', '-s', '-screen 0 1920x1280x24', DRIVER, ...args], {
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true,
			});
	let out = '';
	child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
	child.stderr?.setEncoding('utf8').on('data', (s: string) => (out += s));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (!(await answers(url))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			killGroup(child);
			throw new Error(`WebKitWebDriver did not start on ${url}.\n${out}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		url,
		async stop() {
			if (child.exitCode !== null) return;
			const done = new Promise((r) => child.once('exit', r));
			killGroup(child);
			await done;
		},
	};
}

/** xvfb-run starts Xvfb and the driver as children: end the whole group this run started. */
function killGroup(child: ChildProcess): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		child.kill('SIGTERM');
	}
}

/**
 * A new MiniBrowser with a storage of its own (automation sessions are ephemeral). `userAgent`
 * makes it say it is another browser (e.g. an iPhone's Safari), through MiniBrowser's settings
 * flags.
 */
export async function openBrowser(
	driverUrl: string,
	{ userAgent }: { userAgent?: string } = {},
): Promise<WebDriver> {
	const args = ['--automation', ...(userAgent ? [`--user-agent=${userAgent}`] : [])];
	const driver = await new Builder()
		.usingServer(driverUrl)
		.withCapabilities({
			browserName: 'MiniBrowser',
			'webkitgtk:browserOptions': { binary: miniBrowserPath(), args },
		})
		.build();
	// An iPad's viewport (820×1180, portrait): the clinics' tablets are what WebKit stands for.
	await driver.manage().window().setRect({ width: 820, height: 1180 });
	// A load or script that hangs fails its step with WebDriver's timeout error instead of
	// running into the test's.
	await driver.manage().setTimeouts({ pageLoad: 30_000, script: 30_000 });
	return driver;
}
