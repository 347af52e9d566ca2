// Issue 13's privacy promises, checked from outside the app. "Remove passwords from this
// device" with a copy (Duplicate) and a draft in the bin present: afterwards no password is
// anywhere in the origin's storage, read as anyone with the browser profile could read it. And a
// request recorder over a whole session (import, edit, print, sync): client data leaves the page
// and its workers only for the configured import API, and nothing goes to any other origin.
import { expect, test, type Page, type Request } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { startServer, type TestServer } from '../../server/testing.ts';
import { cell, checkFile, draftItem, editCell, openMenu, summaryText } from './helpers.ts';
import { occurring, originStorage, placesOf } from './origin-storage.ts';

interface Client {
	email: string;
	/** Empty: Roster creates one. */
	password: string;
	first: string;
	last: string;
	birthdate: string;
	gender: string;
}

/** Long, unusual values, so that no asset name, hash or random byte spells one by chance. */
const CLIENTS: Client[] = [
	{
		email: 'marguerite.quillfeather@example.com',
		password: 'Wq3!Marker#Qx7aLd',
		first: 'Marguerite',
		last: 'Quillfeather',
		birthdate: '19840611',
		gender: 'female',
	},
	{
		email: 'barnaby.ironmonger@example.com',
		password: '',
		first: 'Barnaby',
		last: 'Ironmonger',
		birthdate: '19770923',
		gender: 'male',
	},
	{
		email: 'clementine.hollowell@example.com',
		password: 'Rt9$Marker@Zk2bVn',
		first: 'Clementine',
		last: 'Hollowell',
		birthdate: '19910214',
		gender: 'female',
	},
	{
		email: 'ignatius.blackwood@example.com',
		password: '',
		first: 'Ignatius',
		last: 'Blackwood',
		birthdate: '19681105',
		gender: 'male',
	},
];

function clientsFile(name: string): string {
	const path = join(tmpdir(), `${name}-${process.pid}.csv`);
	const header = 'email_address,initial_password,first_name,last_name,birthdate,gender';
	const lines = CLIENTS.map((c) =>
		[c.email, c.password, c.first, c.last, c.birthdate, c.gender].join(','),
	);
	writeFileSync(path, [header, ...lines].join('\n') + '\n');
	return path;
}

/** Creates the missing passwords; returns every client's password as the grid reveals it. */
async function createPasswords(page: Page): Promise<string[]> {
	const missing = CLIENTS.filter((c) => c.password === '').length;
	await expect(page.getByTestId('summary')).toHaveText(
		summaryText(CLIENTS.length - missing, missing, 0),
	);
	await page
		.getByRole('button', { name: `Create passwords for ${missing} clients without one` })
		.click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(CLIENTS.length, 0, 0));
	await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
	await page.getByRole('button', { name: 'Show passwords' }).click();
	const passwords: string[] = [];
	for (const [k, c] of CLIENTS.entries()) {
		const value = cell(page, k, 'initial_password').locator('.value');
		if (c.password !== '') await expect(value).toHaveText(c.password);
		else await expect(value).toHaveText(/^[^•\s]{12,}$/);
		passwords.push(((await value.textContent()) ?? '').trim());
	}
	await page.getByRole('button', { name: 'Hide passwords' }).click();
	return passwords;
}

test('wipe with a copy and a draft in the bin present: no password left in the origin’s storage', async ({
	page,
}) => {
	test.setTimeout(180_000);
	await page.goto('/');
	await checkFile(page, clientsFile('roster-privacy-wipe'));
	const passwords = await createPasswords(page);
	const emails = CLIENTS.map((c) => c.email);

	await page.getByRole('button', { name: '← All drafts' }).click();
	const names = page.getByRole('heading', { level: 3 });
	await expect(names).toHaveCount(1);
	const original = ((await names.first().textContent()) ?? '').trim();
	const copy = `${original} (copy)`;
	const binned = `${original} (copy) (copy)`;
	// A copy of the original, and a copy of that copy: both share the original's rows.
	await page.getByRole('button', { name: `Duplicate ${original}`, exact: true }).click();
	await expect(draftItem(page, copy)).toContainText(`${CLIENTS.length} rows ·`);
	await page.getByRole('button', { name: `Duplicate ${copy}`, exact: true }).click();
	await expect(draftItem(page, binned)).toContainText(`${CLIENTS.length} rows ·`);
	// Into the bin. A reload before Undo runs out leaves it there: the new page only empties the
	// bin of deletes older than the Undo time, and its own Undo timer never started.
	await page.getByRole('button', { name: `Delete ${binned}`, exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toHaveText(
		`Deleted “${binned}”. Undo`,
	);
	await page.reload();
	await expect(names).toHaveText([copy, original]);

	// The scan sees the passwords before the wipe (else it would prove nothing after it), and
	// the binned draft is still stored.
	const before = await originStorage(page);
	expect(occurring(before, passwords)).toEqual(passwords);
	expect(before).toContain(binned);

	await draftItem(page, original)
		.getByRole('button', { name: `Open ${original}`, exact: true })
		.click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(CLIENTS.length, 0, 0));
	await openMenu(page, 'Passwords');
	await page.getByRole('button', { name: 'Remove passwords from this device…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove passwords from this device?' });
	await expect(dialog).toContainText('in its copies (Duplicate) and in drafts in the bin');
	await dialog.getByRole('button', { name: 'Remove passwords' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(0, CLIENTS.length, 0));
	await expect(cell(page, 0, 'initial_password')).toContainText(/removed \d+ \w{3}/);

	const after = await originStorage(page);
	expect.soft(placesOf(after, passwords), 'passwords left in the origin’s storage').toEqual([]);
	// The scan still reads the drafts: every client's email is there, and the binned draft.
	expect(occurring(after, emails)).toEqual(emails);
	expect(after).toContain(binned);

	// The copy, opened, shows the passwords as removed too.
	await page.getByRole('button', { name: '← All drafts' }).click();
	await draftItem(page, copy)
		.getByRole('button', { name: `Open ${copy}`, exact: true })
		.click();
	await expect(page.getByTestId('summary')).toHaveText(summaryText(0, CLIENTS.length, 0));
	for (const k of CLIENTS.keys())
		await expect(cell(page, k, 'initial_password')).toContainText(/removed/);
});

// ---- The request recorder ----

interface Recorded {
	method: string;
	url: string;
	/** URL, headers and body as text, to search for client values. */
	text: string;
	from: string;
}

async function record(request: Request): Promise<Recorded> {
	const headers = await request.allHeaders().catch(() => request.headers());
	const body = request.postDataBuffer();
	let url = request.url();
	try {
		url += `\n${decodeURIComponent(url)}`;
	} catch {
		// Not percent-encoded text: the raw URL is searched.
	}
	// Playwright gives a service worker's requests no frame; the page's and its workers' have one.
	const from = request.serviceWorker() ? 'service worker' : 'page or its workers';
	return {
		method: request.method(),
		url: request.url(),
		text: [url, JSON.stringify(headers), body ? body.toString('utf8') : ''].join('\n'),
		from,
	};
}

/** Every value of a client that may be sent, in the forms a request could carry it. */
function clientValues(passwords: string[], edited: string): string[] {
	const raw = CLIENTS.flatMap((c, k) => [
		c.email,
		c.first,
		c.last,
		passwords[k]!,
		c.birthdate,
		`${c.birthdate.slice(0, 4)}-${c.birthdate.slice(4, 6)}-${c.birthdate.slice(6)}`,
	]).concat(edited);
	return [
		...new Set(raw.flatMap((v) => [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)])),
	];
}

let servers: TestServer[] = [];
let previews: PreviewServer[] = [];

test.afterEach(async () => {
	for (const p of previews) await p.close().catch(() => undefined);
	for (const s of servers) await s.kill().catch(() => undefined);
	previews = [];
	servers = [];
});

/**
 * The built app (ROSTER_E2E_DIST, else dist/) served with the reference import API behind the
 * same origin, as `npm start` does: the app's security policy lets it talk to its own origin only.
 */
async function appWithApi(api: TestServer): Promise<string> {
	const server = await preview({
		configFile: false,
		logLevel: 'warn',
		build: { outDir: resolve(process.env.ROSTER_E2E_DIST ?? 'dist') },
		preview: {
			host: '127.0.0.1',
			port: 0,
			proxy: { '/api': api.origin, '/roster-config.json': api.origin },
		},
	});
	previews.push(server);
	const address = server.httpServer.address();
	if (address === null || typeof address === 'string') throw new Error('preview: no port');
	return `http://127.0.0.1:${address.port}`;
}

test('a request recorder over a whole session: client data goes to the import API only', async ({
	page,
	context,
}) => {
	test.setTimeout(180_000);
	const api = await startServer({});
	servers.push(api);
	const origin = await appWithApi(api);

	const pending: Promise<Recorded>[] = [];
	context.on('request', (request) => pending.push(record(request)));
	const sockets: string[] = [];
	const watch = (p: Page) => p.on('websocket', (ws) => sockets.push(ws.url()));
	watch(page);
	context.on('page', watch);

	await page.goto(origin);
	// The app took the server's sync settings (as `npm start` serves them): the configured API.
	await page.getByRole('button', { name: 'Settings', exact: true }).click();
	const address = page.getByLabel('Import API address');
	await expect(address).toHaveValue('/api/v1');
	const apiBase = new URL(await address.inputValue(), origin).href.replace(/\/$/, '');
	// Printing needs them (issue 14).
	await page.getByLabel('Practice name').fill('Harbour Physio');
	await page.getByLabel('Practice name').blur();
	await page.getByLabel(/^Sign-in address/).fill('https://app.example-health.com/signup');
	await page.getByLabel(/^Sign-in address/).blur();
	await page.getByRole('button', { name: /^← / }).click();

	await checkFile(page, clientsFile('roster-privacy-session'));
	const passwords = await createPasswords(page);
	const edited = 'Wenceslas';
	await editCell(page, 1, 'first_name', edited);

	// Print: the browser's dialog is not part of the test; what the notices screen loads is.
	await page.getByRole('button', { name: `Print notices (${CLIENTS.length} not printed)` }).click();
	await page.evaluate(() => {
		window.print = () => undefined;
	});
	// Printed before sending, as a pro may: "Print after sending" is the default.
	await page.getByRole('radio', { name: /^Print anyway/ }).check();
	await page.getByRole('button', { name: `Print ${CLIENTS.length} notices` }).click();
	await page.getByRole('button', { name: 'Yes, mark as printed' }).click();
	await expect(page.getByText(`${CLIENTS.length} notices marked as printed.`)).toBeVisible();
	await page.getByRole('button', { name: '← Back to the draft' }).click();

	await page
		.getByRole('button', { name: `Send ${CLIENTS.length} clients to the platform` })
		.click();
	await expect(page.getByTestId('sync-status')).toHaveText(`All ${CLIENTS.length} synced`, {
		timeout: 30_000,
	});
	expect(api.emails().sort()).toEqual(CLIENTS.map((c) => c.email).sort());

	const requests = await Promise.all(pending);
	const values = clientValues(passwords, edited);
	const carrying = requests.filter((r) => occurring(r.text, values).length > 0);
	const endpoints = new Map<string, number>();
	for (const r of requests) {
		const u = new URL(r.url);
		const key = `${r.method} ${u.protocol === 'data:' ? 'data:' : u.origin + u.pathname} (${r.from})`;
		endpoints.set(key, (endpoints.get(key) ?? 0) + 1);
	}
	const list = [...endpoints].map(([k, n]) => `${n}× ${k}`).sort();
	console.log(`Requests of the session (${requests.length}):\n  ${list.join('\n  ')}`);
	console.log(
		`Carrying client data (${carrying.length}): ${[...new Set(carrying.map((r) => `${r.method} ${r.url}`))].join(', ')}`,
	);

	// The sync did send the clients (so the search sees client data where it is): every email,
	// the edited name and every password went in a request to the API.
	const sent = carrying.map((r) => r.text).join('\n');
	expect(
		occurring(
			sent,
			CLIENTS.map((c) => c.email),
		),
	).toHaveLength(CLIENTS.length);
	expect(occurring(sent, passwords)).toEqual(passwords);
	expect(sent).toContain(edited);
	// Client data goes to the configured API, under its path, and nowhere else.
	const elsewhere = carrying.filter((r) => r.url !== apiBase && !r.url.startsWith(`${apiBase}/`));
	expect(elsewhere.map((r) => `${r.method} ${r.url} (${r.from})`)).toEqual([]);
	// Nothing goes to any other origin than the app's and the API's (blob: URLs are the page's).
	const allowed = new Set([origin, new URL(apiBase).origin]);
	const foreign = requests.filter((r) => !allowed.has(new URL(r.url).origin));
	expect(foreign.map((r) => `${r.method} ${r.url} (${r.from})`)).toEqual([]);
	expect(sockets).toEqual([]);
});
