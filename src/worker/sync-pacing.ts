// What a sync tells the page while it sends: at most one row change and one progress status
// per interval, the last of each. Each answered chunk (1,000 clients) changed the page's state
// once and its status line twice: ~300 messages for 100,000 clients, each re-deriving the
// draft's state on the page's main thread, which shares two cores with the draft worker and the
// server. Whatever ends the sending (idle, paused, offline) goes at once, after what was held,
// so "All 100,000 synced" is never late.
import type { SyncStatus } from '../sync/engine.ts';

/** At most one row change and one progress status per this (ms): ten a second. */
export const SYNC_EVENT_INTERVAL_MS = 100;

export interface PacingIo {
	/** Draft `draftId`'s rows `within` changed (`changedRows` of them): tell the page now. */
	changed: (draftId: string, changedRows: number, within: [number, number]) => void;
	status: (status: SyncStatus) => void;
	now: () => number;
	setTimer: (run: () => void, ms: number) => unknown;
	clearTimer: (timer: unknown) => void;
}

export class SyncEventPacer {
	readonly #io: PacingIo;
	readonly #intervalMs: number;
	#lastAt = -Infinity;
	#timer: unknown = null;
	#rows: { draftId: string; count: number; lo: number; hi: number } | null = null;
	#status: SyncStatus | null = null;
	#lastPhase: SyncStatus['phase'] | null = null;

	constructor(io: PacingIo, intervalMs = SYNC_EVENT_INTERVAL_MS) {
		this.#io = io;
		this.#intervalMs = intervalMs;
	}

	/** An answer changed draft `draftId`'s rows `lo`..`hi` (`count` of them). */
	rowsChanged(draftId: string, count: number, lo: number, hi: number): void {
		if (this.#rows && this.#rows.draftId !== draftId) this.flush();
		const r = this.#rows;
		this.#rows = r
			? { draftId, count: r.count + count, lo: Math.min(r.lo, lo), hi: Math.max(r.hi, hi) }
			: { draftId, count, lo, hi };
		this.#pace();
	}

	/** The engine's status: progress while sending is paced, any other phase goes at once. */
	status(status: SyncStatus): void {
		const progress = status.phase === 'sending' && this.#lastPhase === 'sending';
		this.#lastPhase = status.phase;
		if (progress) {
			this.#status = status;
			this.#pace();
			return;
		}
		// The held progress is superseded; the rows' change it held goes first.
		this.#status = null;
		this.flush();
		this.#lastAt = this.#io.now();
		this.#io.status(status);
	}

	/** Emits what is held: the rows' change, then the latest status. */
	flush(): void {
		if (this.#timer !== null) this.#io.clearTimer(this.#timer);
		this.#timer = null;
		const rows = this.#rows;
		const status = this.#status;
		this.#rows = null;
		this.#status = null;
		if (!rows && !status) return;
		this.#lastAt = this.#io.now();
		if (rows) this.#io.changed(rows.draftId, rows.count, [rows.lo, rows.hi]);
		if (status) this.#io.status(status);
	}

	#pace(): void {
		if (this.#timer !== null) return;
		const wait = this.#lastAt + this.#intervalMs - this.#io.now();
		if (wait <= 0) this.flush();
		else this.#timer = this.#io.setTimer(() => this.flush(), wait);
	}
}
