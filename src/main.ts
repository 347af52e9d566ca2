// App entry: one database connection and one draft worker for the page, then the UI.
import './start-messages.ts';
import { mount } from 'svelte';
import { z } from 'zod';
import App from './ui/App.svelte';
import { DraftWorkerClient } from './worker/client.ts';
import { DraftSession } from './state/draft-session.svelte.ts';
import { DraftsList } from './state/drafts-list.svelte.ts';
import { AppState } from './state/app.svelte.ts';
import { openDatabase } from './storage/db.ts';
import { DraftRepository } from './storage/drafts.ts';
import { SettingsRepository } from './storage/settings.ts';
import { AppSettings } from './state/settings.svelte.ts';
import { SyncState } from './state/sync.svelte.ts';
import {
	draftBackend,
	draftsBackend,
	lockBackend,
	mappingsBackend,
	secretSettingsBackend,
	syncBackend,
} from './state/worker-backend.ts';
import { LockState } from './state/lock.svelte.ts';
import { settingsWithSecrets } from './state/secret-settings.ts';
import { LocaleState, initialLocale } from './state/locale.svelte.ts';
import { loadMessages } from './i18n/messages.ts';
import { AppUpdate } from './state/app-update.svelte.ts';
import { registerSW } from 'virtual:pwa-register';
import './ui/global.css';

// The CSP forbids eval, so zod must not try its compiled fast path.
z.config({ jitless: true });

const languageDeps = {
	storage: globalThis.localStorage ?? null,
	languages: navigator.languages ?? [navigator.language],
};
const startLocale = initialLocale(languageDeps);
const db = openDatabase();
let reloading = false;
/**
 * Another tab opened a newer schema: reload into it, once, after the event that told us has
 * finished (the page and the worker both hear of it; navigating from inside IndexedDB's event
 * dispatch crashed the renderer now and then).
 */
function reloadForUpgrade(): void {
	if (reloading) return;
	reloading = true;
	setTimeout(() => {
		worker.terminate();
		location.reload();
	}, 50);
}
db.on('versionchange', () => {
	db.close();
	reloadForUpgrade();
	return false;
});
const repo = new DraftRepository(db);
const locale = new LocaleState(
	{ ...languageDeps, root: document.documentElement, tellWorker: (l) => worker.setLocale(l) },
	startLocale,
);
const worker = DraftWorkerClient.create(() => ({ locale: locale.current, pseudo: locale.pseudo }));
const drafts = new DraftsList(repo, draftsBackend(worker), navigator.storage);
const session = new DraftSession(draftBackend(worker), {
	savePosition: (id, index) => void repo.update(id, { position: index }).catch(() => undefined),
	onUpgrade: reloadForUpgrade,
	onCreated: () => {
		if (drafts.storage.persisted !== true) void drafts.requestPersistence();
	},
});
const settings = settingsWithSecrets(new SettingsRepository(db), secretSettingsBackend(worker));
const appSettings = new AppSettings(settings, mappingsBackend(worker));
const update = new AppUpdate();
const app = new AppState({
	update,
	locale,
	session,
	drafts,
	repo,
	settings,
	appSettings,
	sync: new SyncState(syncBackend(worker), settings),
	// Locking reloads the page: nothing of the drafts stays in its memory or its worker's.
	lock: new LockState(lockBackend(worker), {
		reload: () => {
			worker.terminate();
			location.reload();
		},
		idleMinutes: () => appSettings.lockIdleMinutes,
	}),
});
// A worker started again after a crash holds no keys: the page locks rather than fail each call.
worker.on('failed', (failure) => {
	if (failure.reason === 'crashed' || failure.reason === 'locked') void app.lock?.recheck();
});
// The messages of the pro's language are in before anything is drawn.
// (Should that module fail to load, English does: an app in English beats a blank page.)
void locale
	.start()
	.catch(() => loadMessages('en'))
	.then(() => {
		mount(App, { target: document.getElementById('app') as HTMLElement, props: { app } });
		void app.boot();
		update.start(registerSW, () =>
			navigator.serviceWorker?.addEventListener('controllerchange', () => location.reload(), {
				once: true,
			}),
		);
	});
// Leaving the page: remember the row the pro was on.
addEventListener('pagehide', () => session.flushPosition());
// Back online: send what waits (the worker hears it too; a second nudge is harmless).
addEventListener('online', () => void app.sync?.syncNow().catch(() => undefined));
