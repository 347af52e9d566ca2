// Which screen is showing, and the moves between them: home (drafts list, new import) and one
// open draft. Reopening the app returns to the draft the pro was on.
import { z } from 'zod';
import type { DraftSession } from './draft-session.svelte.ts';
import type { DraftsList } from './drafts-list.svelte.ts';
import type { DraftRepository } from '../storage/drafts.ts';
import type { SettingsRepository } from '../storage/settings.ts';
import type { AppSettings } from './settings.svelte.ts';
import type { SyncState } from './sync.svelte.ts';
import { NoticePrint, type PrintHooks } from './notice-print.svelte.ts';
import type { NoticeChoice } from '../worker/views.ts';

/** `settings` and `notices` belong to the open draft: leaving them goes back to it. */
export type Screen = 'home' | 'draft' | 'settings' | 'notices';
const LAST_DRAFT = 'lastDraft';

export class AppState {
	screen = $state<Screen>('home');
	readonly session: DraftSession;
	readonly drafts: DraftsList;
	readonly settings: AppSettings;
	/** Sync with the import API (null where the app runs without it, as in component tests). */
	readonly sync: SyncState | null;
	/** The print run while the notices screen is open. */
	printing = $state<NoticePrint | null>(null);
	#printHooks: PrintHooks;
	#repo: DraftRepository;
	#settings: SettingsRepository;

	constructor(deps: {
		session: DraftSession;
		drafts: DraftsList;
		repo: DraftRepository;
		settings: SettingsRepository;
		appSettings: AppSettings;
		sync?: SyncState;
		printHooks?: PrintHooks;
	}) {
		this.sync = deps.sync ?? null;
		this.session = deps.session;
		this.drafts = deps.drafts;
		this.settings = deps.appSettings;
		this.#printHooks = deps.printHooks ?? {};
		this.#repo = deps.repo;
		this.#settings = deps.settings;
	}

	/** Starts on the draft open last time, if it still exists. */
	async boot(): Promise<void> {
		this.drafts.start();
		await this.settings.load();
		void this.sync?.start();
		const last = await this.#settings
			.get(LAST_DRAFT, (v) => z.string().safeParse(v).data)
			.catch(() => undefined);
		if (!last) return;
		const draft = await this.#repo.get(last).catch(() => undefined);
		if (draft && draft.deletedAt === null) await this.openDraft(last);
	}

	async openDraft(id: string): Promise<void> {
		this.screen = 'draft';
		await this.#settings.set(LAST_DRAFT, id).catch(() => undefined);
		await this.session.open(id);
	}

	async importFile(file: File, resume?: string): Promise<void> {
		this.screen = 'draft';
		await this.session.importFile(file, resume);
		const id = this.session.draft.info?.id;
		if (id) await this.#settings.set(LAST_DRAFT, id).catch(() => undefined);
	}

	openSettings(): void {
		this.#stopPrinting();
		this.screen = 'settings';
	}

	/** The print preview of the open draft's notices. */
	async openNotices(choice: NoticeChoice): Promise<void> {
		this.#stopPrinting();
		const run = new NoticePrint(this.session.draft, this.#printHooks);
		this.printing = run;
		this.screen = 'notices';
		await run.load(choice);
	}

	/** Back from settings or notices to the draft (or home when none is open). */
	backToDraft(): void {
		this.#stopPrinting();
		this.screen = this.session.draft.info ? 'draft' : 'home';
	}

	#stopPrinting(): void {
		this.printing?.stop();
		this.printing = null;
	}

	async home(): Promise<void> {
		this.#stopPrinting();
		this.screen = 'home';
		await this.#settings.remove(LAST_DRAFT).catch(() => undefined);
		await this.session.close();
		void this.drafts.refreshStorage();
	}
}
