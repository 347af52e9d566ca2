// App entry: one database connection and one draft worker for the page, then the UI.
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
import './ui/global.css';

// The CSP forbids eval, so zod must not try its compiled fast path.
z.config({ jitless: true });

const db = openDatabase();
// Another tab opened a newer schema: close so its upgrade can run, and reload into it.
db.on('versionchange', () => {
	db.close();
	location.reload();
	return false;
});
const repo = new DraftRepository(db);
const worker = DraftWorkerClient.create();
const drafts = new DraftsList(repo, worker, navigator.storage);
const session = new DraftSession(worker, {
	savePosition: (id, index) => void repo.update(id, { position: index }).catch(() => undefined),
	onUpgrade: () => location.reload(),
	onCreated: () => {
		if (drafts.storage.persisted !== true) void drafts.requestPersistence();
	},
});
const app = new AppState({ session, drafts, repo, settings: new SettingsRepository(db) });
mount(App, { target: document.getElementById('app') as HTMLElement, props: { app } });
void app.boot();
// Leaving the page: remember the row the pro was on.
addEventListener('pagehide', () => session.flushPosition());
