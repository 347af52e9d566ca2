// The draft worker: imports files into drafts and keeps the open draft's rows, off the main
// thread. Messages are parsed, not cast.
import { z } from 'zod';
import { RequestSchema, type Response } from './protocol.ts';
import { DraftService } from './draft-service.ts';
import { DraftSync } from './draft-sync.ts';
import { openDatabase } from '../storage/db.ts';
import { DraftRepository } from '../storage/drafts.ts';
import { SettingsRepository } from '../storage/settings.ts';
import { readSyncSettings, syncConfigOf } from '../sync/settings.ts';

// zod's compiled fast path needs eval, which the app's CSP forbids: use the interpreter.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (response: Response) => scope.postMessage(response);
const db = openDatabase();
db.on('versionchange', () => {
	// Another tab opened a newer schema: step aside so its upgrade can run, and tell the page.
	db.close();
	post({
		type: 'failed',
		id: 0,
		reason: 'upgraded',
		message: 'Roster was updated in another tab. Reloading to continue with the new version.',
	});
	return false;
});
const settings = new SettingsRepository(db);
const service = new DraftService({
	repo: new DraftRepository(db),
	post,
	sync: new DraftSync(),
	engine: {
		config: async () => syncConfigOf(await readSyncSettings(settings).catch(() => undefined)),
		// One tab sends at a time; the others' engines wait for the lock and find the outbox done.
		lock: (work) => ('locks' in navigator ? navigator.locks.request('roster-sync', work) : work()),
	},
});
// Back online: what waited goes at once (a failed request also counts as offline until then).
scope.addEventListener('online', () => void service.engine?.wake());

scope.onmessage = (event: MessageEvent<unknown>) => {
	const parsed = RequestSchema.safeParse(event.data);
	if (!parsed.success) {
		const id =
			typeof (event.data as { id?: unknown })?.id === 'number'
				? (event.data as { id: number }).id
				: -1;
		post({ type: 'failed', id, reason: 'error', message: `Bad request: ${parsed.error.message}` });
		return;
	}
	void service.handle(parsed.data);
};
