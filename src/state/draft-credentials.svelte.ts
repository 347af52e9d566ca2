// The passwords of the open draft and what hands them out: creating them, printing notices,
// queuing clients for the platform, downloading the file, and wiping the passwords once handed
// out. Draft delegates to it; it changes the draft only through Draft's `change`.
import type { IssueCode } from '../core/issues.ts';
import type { ExportKind } from '../core/export.ts';
import type { PasswordOptions } from '../core/password.ts';
import { WEAK_PASSWORD_CODES } from '../core/credential-rules.ts';
import { m } from '../i18n/messages.ts';
import { formatNumber } from '../i18n/format.ts';
import type { DraftState, NoticeChoice, PasswordScope } from '../worker/views.ts';
import type { Changed, NoticeList } from '../worker/client.ts';
import type { ChangeBody, DraftBackend, SyncBatchOptions } from './draft-backend.ts';
import type { GridState } from './grid-state.svelte.ts';
import type { SessionMessages } from './session-messages.svelte.ts';

/** What the credentials part needs of the draft it belongs to. */
export interface CredentialsDeps {
	backend: DraftBackend;
	grid: GridState;
	messages: SessionMessages;
	/** The draft's latest snapshot (null: none open). */
	state: () => DraftState | null;
	/** Takes a new snapshot from the worker. */
	update: (state: DraftState) => void;
	/** Sends a change with the draft's save status (null: it failed, already said). */
	change: (body: ChangeBody) => Promise<Changed | null>;
}

export class DraftCredentials {
	#heldBack = $state.raw<{ rows: number; tags: string[] } | null>(null);
	#deps: CredentialsDeps;

	constructor(deps: CredentialsDeps) {
		this.#deps = deps;
	}

	/** Clients without a password ("Create passwords for N clients without one"). */
	get passwordsMissing(): number {
		return this.#issueCount('password.missing');
	}

	/** Passwords "Replace weak passwords" replaces: weak or too short (as the worker's plan). */
	get passwordsWeak(): number {
		return WEAK_PASSWORD_CODES.reduce((n, code) => n + this.#issueCount(code), 0);
	}

	#issueCount(code: IssueCode): number {
		return this.#deps.state()?.counts.codes.find((c) => c.code === code)?.count ?? 0;
	}

	/**
	 * The passwords have done their job, so removing them is offered: every notice printed, and
	 * the clean file downloaded or every client sent to the platform.
	 */
	get passwordsHandedOut(): boolean {
		const state = this.#deps.state();
		if (!state) return false;
		const c = state.credentials;
		return (
			c.noticeReady > 0 &&
			c.noticePending === 0 &&
			(state.exportedAt !== null || (c.unsent === 0 && c.queued === 0))
		);
	}

	/** Rows held back from the last batch for tags the organisation lacks (shown by the panel). */
	get heldBack(): { rows: number; tags: string[] } | null {
		return this.#heldBack;
	}

	reset(): void {
		this.#heldBack = null;
	}

	/**
	 * Creates passwords (for rows without one, with a weak one, or the selected): one undo step.
	 * `indexes`: these rows instead of the selected (the problems panel's one row).
	 */
	async createPasswords(
		scope: PasswordScope,
		options: PasswordOptions,
		indexes?: number[],
	): Promise<void> {
		const { change, grid, messages } = this.#deps;
		const changed = await change({
			type: 'passwords',
			scope,
			options,
			...(scope === 'selected' ? { indexes: indexes ?? grid.selectedIndexes() } : {}),
		});
		if (changed) messages.announce(m.draft_passwords_created({ count: changed.changedRows }));
	}

	/** The notices to print, read from the worker (rows with errors are left out and counted). */
	async notices(choice: NoticeChoice): Promise<NoticeList | null> {
		const { backend, grid, messages } = this.#deps;
		try {
			return await backend.notices(
				choice,
				choice === 'selected' ? grid.selectedIndexes() : undefined,
			);
		} catch (error) {
			messages.fail(error);
			return null;
		}
	}

	async markPrinted(indexes: number[]): Promise<boolean> {
		return (await this.#deps.change({ type: 'markPrinted', indexes })) !== null;
	}

	/**
	 * Queues the rows without errors not sent yet, to go to the platform when online; rows with a
	 * tag the organisation lacks (when its tags are known) are held back and counted.
	 */
	async syncDraft(batch: SyncBatchOptions = {}): Promise<void> {
		const { backend, update, messages } = this.#deps;
		try {
			const r = await backend.sync(batch);
			update(r.state);
			this.#heldBack = r.heldBack > 0 ? { rows: r.heldBack, tags: r.unknownTags } : null;
			messages.announce(m.draft_clients_queued({ count: r.queued }));
		} catch (error) {
			messages.fail(error);
		}
	}

	/** Wipes the draft's passwords from this device (asked for and confirmed by the pro). */
	async removePasswords(): Promise<boolean> {
		const { change, grid, messages } = this.#deps;
		const changed = await change({ type: 'removePasswords' });
		if (changed) {
			grid.hideRevealed();
			messages.announce(wipeMessage(changed.changedRows, changed.wiped));
		}
		return changed !== null;
	}

	async exportFile(kind: ExportKind): Promise<{ blob: Blob; name: string; rows: number } | null> {
		try {
			const r = await this.#deps.backend.export(kind);
			return { blob: r.blob, name: r.fileName, rows: r.rows };
		} catch (error) {
			this.#deps.messages.fail(error);
			return null;
		}
	}
}

/** What "Remove passwords" did, in words: copies wiped too, sending cancelled. */
export function wipeMessage(
	rows: number,
	wiped: { drafts: number; cancelled: number; uncertain: number } | undefined,
): string {
	const copies = (wiped?.drafts ?? 1) - 1;
	const parts = [
		copies > 0
			? m.draft_wipe_removed_copies({ count: rows, copies })
			: m.draft_wipe_removed({ count: rows }),
	];
	if (wiped && wiped.cancelled > 0)
		parts.push(
			wiped.uncertain > 0
				? m.draft_wipe_cancelled_uncertain({
						count: wiped.cancelled,
						uncertain: formatNumber(wiped.uncertain),
					})
				: m.draft_wipe_cancelled({ count: wiped.cancelled }),
		);
	return parts.join(' ');
}
