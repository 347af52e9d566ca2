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
	/** Where the driver listens now (a restart moves it). */
	readonly url: string;
	/** Ends this driver with its display and browsers, and starts a new one. */
	restart(): Promise<void>;
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
async function launchDriver(): Promise<{ child: ChildProcess; url: string }> {
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
	return { child, url };
}

async function endGroup(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const done = new Promise((r) => child.once('exit', r));
	killGroup(child);
	await done;
}

/** The suite's driver: checks the tools first, and can start over (`openBrowser` on a hang). */
export async function startDriver(): Promise<DriverProcess> {
	checkTools();
	let running = await launchDriver();
	return {
		get url() {
			return running.url;
		},
		async restart() {
			await endGroup(running.child);
			running = await launchDriver();
		},
		stop: () => endGroup(running.child),
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
 * How long a new MiniBrowser session may take to start. Starts take ~1–2 s here, but in 3 of 11
 * runs of the suite beside two busy processes (and once in CI) one never answered: the session
 * request hung in WebKitWebDriver, before any page of the app's was loaded.
 */
const SESSION_START_MS = 25_000;

/**
 * A new MiniBrowser with a storage of its own (automation sessions are ephemeral). `userAgent`
 * makes it say it is another browser (e.g. an iPhone's Safari), through MiniBrowser's settings
 * flags. A start that hangs is given up and tried once more on a new driver and display: the
 * browser's start, not what the test checks (whose steps are never retried).
 */
export async function openBrowser(
	wd: DriverProcess,
	{ userAgent }: { userAgent?: string } = {},
): Promise<WebDriver> {
	const args = ['--automation', ...(userAgent ? [`--user-agent=${userAgent}`] : [])];
	const capabilities = {
		browserName: 'MiniBrowser',
		'webkitgtk:browserOptions': { binary: miniBrowserPath(), args },
	};
	let driver = await sessionWithin(wd.url, capabilities, SESSION_START_MS);
	if (!driver) {
		console.warn(`MiniBrowser did not start within ${SESSION_START_MS / 1000} s: a new driver.`);
		await wd.restart();
		driver = await sessionWithin(wd.url, capabilities, SESSION_START_MS);
	}
	if (!driver)
		throw new Error(
			`MiniBrowser did not start within ${SESSION_START_MS / 1000} s, twice (a new driver the second time).`,
		);
	// An iPad's viewport (820×1180, portrait): the clinics' tablets are what WebKit stands for.
	await driver.manage().window().setRect({ width: 820, height: 1180 });
	// A load or script that hangs fails its step with WebDriver's timeout error instead of
	// running into the test's.
	await driver.manage().setTimeouts({ pageLoad: 30_000, script: 30_000 });
	return driver;
}

/** A session from the driver at `url`, or null when none came within `ms`. */
async function sessionWithin(
	url: string,
	capabilities: Record<string, unknown>,
	ms: number,
): Promise<WebDriver | null> {
	const starting = new Builder().usingServer(url).withCapabilities(capabilities).build();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
	const driver = await Promise.race([starting, late]).finally(() => clearTimeout(timer));
	// One that comes after all is closed, not left open beside the next.
	if (!driver) void starting.then((d) => d.quit()).catch(() => undefined);
	return driver;
}
