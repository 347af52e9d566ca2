// Which screen is showing, and the moves between them: home (drafts list, new import) and one
// open draft. Reopening the app returns to the draft the pro was on.
import type { AppUpdate } from './app-update.svelte.ts';
import type { LocaleState } from './locale.svelte.ts';
import { z } from 'zod';
import type { DraftSession, ImportOptions } from './draft-session.svelte.ts';
import type { DraftsList } from './drafts-list.svelte.ts';
import type { DraftRepository } from '../storage/drafts.ts';
import type { SettingsStore } from '../storage/settings.ts';
import type { AppSettings } from './settings.svelte.ts';
import type { SyncState } from './sync.svelte.ts';
import type { LockState } from './lock.svelte.ts';
import { NoticePrint, type PrintHooks } from './notice-print.svelte.ts';
import type { NoticeChoice } from '../worker/views.ts';
import { pastedCsv, pastedRows } from '../core/pasted-cells.ts';
import { m } from '../i18n/messages.ts';

/** `settings` and `notices` belong to the open draft: leaving them goes back to it. */
export type Screen = 'home' | 'draft' | 'settings' | 'notices';
const LAST_DRAFT = 'lastDraft';

export class AppState {
	#screen = $state<Screen>('home');
	/** Boot got past the lock: the drafts may be listed. */
	#listing = false;
	readonly session: DraftSession;
	readonly drafts: DraftsList;
	readonly settings: AppSettings;
	/** Sync with the import API (null where the app runs without it, as in component tests). */
	readonly sync: SyncState | null;
	/** The passphrase lock (null where the app runs without it, as in component tests). */
	readonly lock: LockState | null;
	/** A new version waiting for the pro's go (null where no service worker runs). */
	readonly update: AppUpdate | null;
	/** The pro's language (null where the app runs without a choice, as in component tests). */
	readonly locale: LocaleState | null;
	/** The print run while the notices screen is open. */
	printing = $state<NoticePrint | null>(null);
	/** Why the last paste on the home screen started nothing (empty when it did, or none). */
	pasteProblem = $state('');
	#printHooks: PrintHooks;
	#repo: DraftRepository;
	#settings: SettingsStore;

	constructor(deps: {
		locale?: LocaleState;
		session: DraftSession;
		drafts: DraftsList;
		repo: DraftRepository;
		settings: SettingsStore;
		appSettings: AppSettings;
		sync?: SyncState;
		lock?: LockState;
		update?: AppUpdate;
		printHooks?: PrintHooks;
	}) {
		this.update = deps.update ?? null;
		this.locale = deps.locale ?? null;
		this.sync = deps.sync ?? null;
		this.lock = deps.lock ?? null;
		this.session = deps.session;
		this.drafts = deps.drafts;
		this.settings = deps.appSettings;
		this.#printHooks = deps.printHooks ?? {};
		this.#repo = deps.repo;
		this.#settings = deps.settings;
	}

	get screen(): Screen {
		return this.#screen;
	}

	set screen(screen: Screen) {
		this.#screen = screen;
		this.#followDrafts();
	}

	/**
	 * The drafts list follows its table only while it shows (home): with a draft open, each chunk
	 * a sync sends rewrites the draft's record, and the list was read again for nothing (issue 16).
	 * Coming home reads it at once.
	 */
	#followDrafts(): void {
		if (this.#listing && this.#screen === 'home') this.drafts.start();
		else this.drafts.stop();
	}

	/** Starts on the draft open last time, if it still exists. */
	async boot(): Promise<void> {
		// Locked drafts are not read (nor listed) before the passphrase opens them.
		await this.lock?.start();
		await this.lock?.whenUnlocked();
		this.#listing = true;
		this.#followDrafts();
		await this.settings.load();
		void this.sync?.start();
		const last = await this.#settings
			.get(LAST_DRAFT, (v) => z.string().safeParse(v).data)
			.catch(() => undefined);
		if (!last) return;
		if (await this.#repo.exists(last).catch(() => false)) await this.openDraft(last);
	}

	async openDraft(id: string): Promise<void> {
		this.screen = 'draft';
		await this.#settings.set(LAST_DRAFT, id).catch(() => undefined);
		await this.session.open(id);
	}

	/**
	 * A file chosen on the home screen: read its start first. One that cannot be imported says
	 * why there and creates nothing; one whose columns need the pro opens the mapping step;
	 * otherwise it is imported at once (with the mapping remembered for its header, if any).
	 */
	async chooseFile(file: File): Promise<void> {
		this.screen = 'home';
		this.pasteProblem = '';
		const preview = await this.session.inspect(file);
		if (this.session.phase === 'mapping') this.screen = 'draft';
		if (preview) await this.importFile(file, undefined, this.session.columnsOf(preview));
	}

	/**
	 * Cells pasted on the home screen: they become a CSV file that takes the chosen file's path
	 * (mapping step, remembered mappings, draft), so a paste behaves as the same cells saved as
	 * CSV would. A paste without cells says so and starts nothing.
	 */
	async pasteCells(flavours: { html?: string; text?: string }): Promise<void> {
		const csv = pastedCsv(pastedRows(flavours));
		if (csv === '') {
			this.pasteProblem = m.shell_paste_empty();
			return;
		}
		// The draft is named as a file's draft is, in the pro's language.
		await this.chooseFile(new File([csv], m.shell_paste_file_name(), { type: 'text/csv' }));
	}

	/** Imports a file (or the rest of it into `resume`) and opens its draft. */
	async importFile(file: File, resume?: string, options?: ImportOptions): Promise<void> {
		this.screen = 'draft';
		await this.session.importFile(file, resume, options);
		await this.#rememberOpen();
	}

	/** "Import" in the mapping step. */
	async importMapped(): Promise<void> {
		await this.session.importMapped();
		await this.#rememberOpen();
	}

	/** Leaves the mapping step: back to the draft it was opened from, or home. */
	async cancelStep(): Promise<void> {
		if (!this.session.cancelStep()) await this.home();
	}

	async #rememberOpen(): Promise<void> {
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
