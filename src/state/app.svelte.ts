// Which screen is showing, and the moves between them: home (drafts list, new import) and one
// open draft. Reopening the app returns to the draft the pro was on.
import { z } from 'zod';
import type { DraftSession } from './draft-session.svelte.ts';
import type { DraftsList } from './drafts-list.svelte.ts';
import type { DraftRepository } from '../storage/drafts.ts';
import type { SettingsRepository } from '../storage/settings.ts';

export type Screen = 'home' | 'draft';
const LAST_DRAFT = 'lastDraft';

export class AppState {
	screen = $state<Screen>('home');
	readonly session: DraftSession;
	readonly drafts: DraftsList;
	#repo: DraftRepository;
	#settings: SettingsRepository;

	constructor(deps: {
		session: DraftSession;
		drafts: DraftsList;
		repo: DraftRepository;
		settings: SettingsRepository;
	}) {
		this.session = deps.session;
		this.drafts = deps.drafts;
		this.#repo = deps.repo;
		this.#settings = deps.settings;
	}

	/** Starts on the draft open last time, if it still exists. */
	async boot(): Promise<void> {
		this.drafts.start();
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
		const id = this.session.draft?.id;
		if (id) await this.#settings.set(LAST_DRAFT, id).catch(() => undefined);
	}

	async home(): Promise<void> {
		this.screen = 'home';
		await this.#settings.remove(LAST_DRAFT).catch(() => undefined);
		await this.session.close();
		void this.drafts.refreshStorage();
	}
}
