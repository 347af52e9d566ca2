// The print run of credential notices: which rows (all, selected, not printed yet), whether
// clients the platform has not created yet are printed too, the notices the worker gave for them,
// how many are on screen so far, the language the notices are printed in (the app's unless the pro
// picks the clients' one), and the question after printing ("did they print?") whose answer
// records the hand-off.
import {
	notCreated,
	noticesToPrint,
	type PrintNotice,
	type SendingChoice,
} from '../notices/print-run.ts';
import { flushSync } from 'svelte';
import type { NoticeChoice } from '../worker/views.ts';
import { FIRST_SLICE, nextSliceSize } from '../notices/print-slices.ts';
import type { Draft } from './draft.svelte.ts';
import { m } from '../i18n/messages.ts';
import type { Locale } from '../i18n/locales.ts';
import {
	appNoticeLanguage,
	loadNoticeLanguage,
	type NoticeLanguage,
} from '../notices/notice-language.ts';

/** Notices on screen at once: the first page shows without waiting for the rest. */
const FIRST = 4;

export interface PrintHooks {
	/** Opens the browser's print dialog (window.print; replaced in tests). */
	print?: () => void;
	/** Runs `work` in a later task (setTimeout; replaced in tests). */
	later?: (work: () => void) => void;
	/** The clock that sizes each slice of notices, in ms (performance.now; replaced in tests). */
	now?: () => number;
}

export class NoticePrint {
	choice = $state<NoticeChoice>('pending');
	phase = $state<'loading' | 'ready' | 'failed'>('loading');
	/**
	 * "Print after sending" unless the pro chooses otherwise: a password the platform does not
	 * know yet gets the client nowhere (and never will if they turn out to be registered).
	 */
	sending = $state<SendingChoice>('after-sending');
	/** Every notice the worker gave for the rows asked for, created on the platform or not. */
	asked = $state.raw<PrintNotice[]>([]);
	/** The notices going on paper under the sending choice. */
	notices = $derived(noticesToPrint(this.asked, this.sending));
	/** Asked-for notices whose client the platform has not created (yet). */
	unsent = $derived(notCreated(this.asked));
	/** Rows asked for that get no notice because they have errors; `removed` of them are wiped. */
	withErrors = $state(0);
	removed = $state(0);
	/** Left out as already registered (their password is not the one here). */
	registered = $state(0);
	/** How many notices are built on screen so far. */
	shown = $state(0);
	/** After Print: waiting for the pro to say whether the notices came out of the printer. */
	confirming = $state(false);
	message = $state('');
	/** The notices' language: the app's at first (the preview waits for another to load). */
	language = $state.raw<NoticeLanguage>(appNoticeLanguage());

	#draft: Pick<Draft, 'notices' | 'markPrinted'>;
	#hooks: PrintHooks;
	#generation = 0;
	#languageAsks = 0;

	constructor(draft: Pick<Draft, 'notices' | 'markPrinted'>, hooks: PrintHooks = {}) {
		this.#draft = draft;
		this.#hooks = hooks;
	}

	/** True once every notice is on screen: printing earlier would leave some out. */
	get complete(): boolean {
		return this.phase === 'ready' && this.shown >= this.notices.length;
	}

	async load(choice: NoticeChoice = this.choice): Promise<void> {
		const generation = ++this.#generation;
		this.choice = choice;
		this.phase = 'loading';
		this.confirming = false;
		this.message = '';
		const list = await this.#draft.notices(choice);
		if (generation !== this.#generation) return;
		if (!list) {
			this.phase = 'failed';
			return;
		}
		this.asked = list.notices;
		this.withErrors = list.withErrors;
		this.removed = list.removed;
		this.registered = list.registered;
		this.shown = Math.min(FIRST, list.notices.length);
		this.phase = 'ready';
		this.#grow(generation);
	}

	/**
	 * Builds the preview again from its first page, a slice at a time: the notices' layout or
	 * language changed, and rebuilding all of them at once would freeze the page.
	 */
	rebuild(): void {
		if (this.phase !== 'ready') return;
		const generation = ++this.#generation;
		this.shown = Math.min(FIRST, this.notices.length);
		this.#grow(generation);
	}

	/** Prints only created clients, or everyone asked for; the preview starts again. */
	setSending(choice: SendingChoice): void {
		if (choice === this.sending) return;
		const generation = ++this.#generation;
		this.sending = choice;
		this.confirming = false;
		this.message = '';
		this.shown = Math.min(FIRST, this.notices.length);
		this.#grow(generation);
	}

	/**
	 * Builds the rest a slice per task, each slice sized by how long the last one took to build, so
	 * a slow or busy device builds fewer at a time instead of freezing the page.
	 */
	#grow(generation: number, size = FIRST_SLICE): void {
		if (generation !== this.#generation || this.shown >= this.notices.length) return;
		(this.#hooks.later ?? ((work) => setTimeout(work, 0)))(() => {
			if (generation !== this.#generation) return;
			const now = this.#hooks.now ?? (() => performance.now());
			const start = now();
			this.shown = Math.min(this.notices.length, this.shown + size);
			// Built now rather than after this task's other work, so the time is the slice's own.
			flushSync();
			this.#grow(generation, nextSliceSize(size, now() - start));
		});
	}

	print(): void {
		if (!this.complete || this.notices.length === 0) return;
		(this.#hooks.print ?? (() => window.print()))();
		// The browser does not tell whether the pages came out (or the dialog was cancelled).
		this.confirming = true;
	}

	async confirmPrinted(): Promise<void> {
		const indexes = this.notices.map((n) => n.index);
		this.confirming = false;
		if (await this.#draft.markPrinted(indexes))
			this.message = m.notices_print_marked({ count: indexes.length });
	}

	notPrinted(): void {
		this.confirming = false;
		this.message = m.notices_print_not_printed();
	}

	/** Prints the notices in another language (the clients'), once its messages are loaded. */
	async setLocale(locale: Locale): Promise<void> {
		const ask = ++this.#languageAsks;
		const language = await loadNoticeLanguage(locale);
		// A later choice made while this one loaded wins.
		if (ask !== this.#languageAsks || language.locale === this.language.locale) return;
		this.language = language;
		this.rebuild();
	}

	/** Stops building notices (the screen is left). */
	stop(): void {
		this.#generation++;
	}
}
