// The draft worker: imports files into drafts and keeps the open draft's rows, off the main
// thread. Wires the service (src/worker/service.ts) to the worker global.
import { z } from 'zod';
import type { WorkerMessage } from './protocol.ts';
import { createDraftService } from './service.ts';
import { BroadcastLockChannel, TabChannel } from './tab-channel.ts';
import { Vault } from '../storage/vault.ts';
import { openDatabase } from '../storage/db.ts';
import { DraftRepository } from '../storage/drafts.ts';
import { SettingsRepository } from '../storage/settings.ts';
import { readSyncSettings, syncConfigOf } from '../sync/settings.ts';
import { loadMessages, m } from '../i18n/messages.ts';
import { LocaleMessageSchema, localeOfWorkerName } from '../i18n/worker-locale.ts';

// zod's compiled fast path needs eval, which the app's CSP forbids: use the interpreter.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerMessage) => scope.postMessage(message);
const db = openDatabase();
db.on('versionchange', () => {
	// Another tab opened a newer schema: step aside so its upgrade can run, and tell the page.
	db.close();
	post({
		kind: 'event',
		name: 'failed',
		payload: {
			reason: 'upgraded',
			message: m.draft_upgraded(),
		},
	});
	return false;
});
// Locked until the page hands over the passphrase, when the lock is on (src/storage/vault.ts).
// Calls that arrive while the lock's record is read wait for it, in the order they came.
const speaking = localeOfWorkerName(scope.name);
const messagesLoaded = loadMessages(speaking.locale, speaking.pseudo).catch(() => undefined);
const started = Vault.load(db).then((vault) => {
	const settings = new SettingsRepository(db, vault);
	return createDraftService({
		repo: new DraftRepository(db, vault),
		post,
		tabs: new TabChannel(),
		lockChannel: new BroadcastLockChannel(),
		engine: {
			// Locked: the token cannot be read, so nothing is sent until the pro unlocks.
			config: async () =>
				vault.locked ? null : syncConfigOf(await readSyncSettings(settings).catch(() => undefined)),
			// One tab sends at a time; the others' engines wait for the lock and find the outbox done.
			lock: (work) =>
				'locks' in navigator ? navigator.locks.request('roster-sync', work) : work(),
		},
	});
});
// Back online: what waited goes at once (a failed request also counts as offline until then).
scope.addEventListener('online', () => void started.then((service) => service.engine?.wake()));
// Calls wait for the language's messages, save the lock's status: it has no words, and the
// first screen waits for it (the message module would otherwise be on the start-up path twice,
// once in the page and once here).
const WORDLESS: ReadonlySet<unknown> = new Set(['lockStatus']);
// A language switch: calls that come after it wait for the new messages.
let ready = messagesLoaded.then(() => started);
scope.onmessage = (event: MessageEvent<unknown>) => {
	const locale = LocaleMessageSchema.safeParse(event.data);
	if (locale.success) {
		const { locale: next, pseudo } = locale.data;
		ready = ready.then((service) =>
			loadMessages(next, pseudo).then(
				() => service,
				() => service,
			),
		);
		return;
	}
	const name = (event.data as { name?: unknown } | null)?.name;
	void (WORDLESS.has(name) ? started : ready).then((service) => service.dispatch(event.data));
};
