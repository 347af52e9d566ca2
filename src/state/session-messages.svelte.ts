// What the draft screen tells the pro besides the data: the last error (with the worker's reason,
// which decides how the app reacts) and the sentence for the live region that screen readers
// announce after an action ("3 rows fixed."). It also keeps the changes sent to the worker and
// not answered yet, so that after a worker restart the pro is told whether the last one was
// saved, and which one to check.
import type { ChangeBody } from '../worker/protocol.ts';
import type { DraftBackend } from './draft-session.svelte.ts';
import type { GridState } from './grid-state.svelte.ts';
import type { RowCache } from './row-cache.svelte.ts';
import { WorkerError, type FailureReason } from '../worker/client.ts';
import { fieldWords } from '../worker/change-words.ts';
import { m } from '../i18n/messages.ts';

/** A change in the words of its Undo label ("Edit email address on row 4"). */
export function changeLabel(body: ChangeBody, row: number | null): string {
	switch (body.type) {
		case 'edit': {
			const field = fieldWords(Object.keys(body.set)[0]);
			return row === null
				? m.draft_label_edit({ field })
				: m.draft_label_edit_row({ field, row: String(row) });
		}
		case 'editCells':
			return m.draft_label_paste();
		case 'setValue':
			return m.draft_label_set({ field: fieldWords(body.field) });
		case 'replace':
			return m.draft_label_replace({ find: body.find });
		case 'addRow':
			return m.draft_toolbar_add_row();
		case 'deleteRows':
			return m.draft_label_delete_rows();
		case 'fix':
			return m.draft_label_fix();
		case 'dateOrder':
			return m.draft_label_date_order();
		case 'undo':
			return m.draft_toolbar_undo();
		case 'redo':
			return m.draft_toolbar_redo();
		case 'passwords':
			return m.draft_label_new_passwords();
		case 'markPrinted':
			return m.draft_label_record_printed();
		case 'removePasswords':
			return m.draft_remove_confirm();
	}
}

/** Crashes this close together mean the next one is coming: the draft is not reopened. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 5 * 60_000;

export class SessionMessages {
	#error = $state('');
	#errorReason = $state<FailureReason | null>(null);
	#announcement = $state('');
	/** Changes sent and not answered yet, by ticket (oldest first). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read only after a restart
	#unanswered = new Map<number, string>();
	#ticket = 0;
	/** Whether a change was answered since the page opened (saved: the worker said so). */
	#answered = false;
	/** When the worker died lately (ms). */
	#crashes: number[] = [];

	get error(): string {
		return this.#error;
	}

	get errorReason(): FailureReason | null {
		return this.#errorReason;
	}

	get announcement(): string {
		return this.#announcement;
	}

	/** An exception from the worker or storage, shown as it is worded. */
	fail(error: unknown): void {
		this.show(
			error instanceof Error ? error.message : String(error),
			error instanceof WorkerError ? error.reason : 'error',
		);
	}

	show(message: string, reason: FailureReason): void {
		this.#error = message;
		this.#errorReason = reason;
	}

	clearError(): void {
		this.#error = '';
		this.#errorReason = null;
	}

	announce(text: string): void {
		this.#announcement = text;
	}

	/** A change went to the worker; call the returned function once it is answered. */
	changeSent(label: string): () => void {
		const ticket = ++this.#ticket;
		this.#unanswered.set(ticket, label);
		return () => {
			if (this.#unanswered.delete(ticket)) this.#answered = true;
		};
	}

	/**
	 * What to say once the worker stopped and a new one took over: whether the last change
	 * reached storage. A change sent and never answered may or may not be saved (the worker
	 * can die between the commit and its answer), so the pro is asked to check that one.
	 * `reopen` is false when workers keep dying (a draft too big for the device's memory, say):
	 * opening the draft once more would only start the next crash.
	 */
	restarted(now = Date.now()): { said: string; reopen: boolean } {
		this.#crashes = [...this.#crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
		const lost = [...this.#unanswered.values()];
		this.#unanswered.clear();
		const last = lost.at(-1);
		const change =
			last === undefined
				? this.#answered
					? m.draft_restart_saved()
					: m.draft_restart_safe()
				: lost.length > 1
					? m.draft_restart_lost_more({ last, more: String(lost.length - 1) })
					: m.draft_restart_lost({ last });
		if (this.#crashes.length >= MAX_CRASHES)
			return {
				said: m.draft_restart_many({ count: String(this.#crashes.length), change }),
				reopen: false,
			};
		return { said: m.draft_restart_once({ change }), reopen: true };
	}
}

/** An edited row's spreadsheet row, when it is among the rows loaded around the focus. */
function rowNear(rows: RowCache, grid: GridState, index: number): number | null {
	const at = grid.focus.position;
	for (let p = Math.max(0, at - 100); p <= at + 100; p++)
		if (rows.at(p)?.index === index) return rows.at(p)?.row ?? null;
	return null;
}

/** The backend with its changes counted in `messages` until answered. */
export function trackChanges(
	backend: DraftBackend,
	messages: SessionMessages,
	rows: RowCache,
	grid: GridState,
): DraftBackend {
	const change: DraftBackend['change'] = (body) => {
		// Sent first: the worker starts on it while the page words it (a crash is heard later).
		const sent = backend.change(body);
		const row = body.type === 'edit' ? rowNear(rows, grid, body.index) : null;
		const answered = messages.changeSent(changeLabel(body, row));
		return sent.finally(answered);
	};
	// Everything else is the backend's own, called on the backend itself (a class's private
	// fields need their own `this`).
	return new Proxy(backend, {
		get(target, key) {
			if (key === 'change') return change;
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}
