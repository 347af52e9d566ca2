// The passphrase lock as the page sees it: whether the drafts are locked, unlocking, locking now
// (and after an idle time, or a page hidden that long), turning the lock on or off with progress,
// and changing the passphrase. The keys live in the draft worker (lock-backend.ts); locking
// reloads the page, so that nothing of the drafts stays in this page's memory.
import { newPassphraseProblem } from '../ui/lock/passphrase-text.ts';
import { m } from '../i18n/messages.ts';
import type { LockBackend, LockProgress, LockStatus } from './lock-backend.ts';

/** What a passphrase that opens nothing is told, in the pro's language. */
export const wrongPassphrase = (): string => m.shell_lock_wrong();
/** How often the idle time is checked: a lock comes at most this late. */
export const IDLE_CHECK_MS = 15_000;
/** What counts as the pro using the page (a hidden page hears none of them). */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;

/** The page's visibility, as `document` gives it (a fake in tests). */
export interface VisibilitySource extends EventTarget {
	readonly visibilityState: DocumentVisibilityState;
}

export interface LockHooks {
	/** Reloads the page (which ends its worker and the keys in it). */
	reload(): void;
	/** Minutes without activity before the lock closes (read at each check). */
	idleMinutes(): number;
	now?(): number;
	/** Where `visibilitychange` is heard (document). */
	document?: VisibilitySource;
	/** Where pointer, key, touch and wheel events are heard (window). */
	activity?: EventTarget;
	/** Calls `check` every `ms` until the returned function is called (setInterval). */
	every?(ms: number, check: () => void): () => void;
}

/** What a message, the progress and `busy` are about: each form shows its own. */
export type LockAction = 'unlock' | 'turnOn' | 'turnOff' | 'change' | 'lock';

export class LockState {
	/** null until the worker has said (the page shows nothing of the drafts until then). */
	status = $state.raw<LockStatus | null>(null);
	/** What went wrong with the last action ('' : nothing). */
	error = $state('');
	/** What went right with the last action, said once ('' : nothing). */
	done = $state('');
	/** The action `error`, `done`, `busy` and `progress` belong to. */
	action = $state<LockAction | null>(null);
	busy = $state(false);
	progress = $state.raw<LockProgress | null>(null);
	/** Settings should bring the lock section into view (the offer's button asked for it). */
	showSection = $state(false);
	#backend: LockBackend;
	#hooks: LockHooks;
	#now: () => number;
	#lastActivity = 0;
	#hiddenAt: number | null = null;
	#stopWatching: (() => void) | null = null;
	#reloading = false;
	#started = false;
	#waiting: (() => void)[] = [];

	constructor(backend: LockBackend, hooks: LockHooks) {
		this.#backend = backend;
		this.#hooks = hooks;
		this.#now = hooks.now ?? (() => Date.now());
	}

	get ready(): boolean {
		return this.status !== null;
	}

	get enabled(): boolean {
		return this.status?.enabled === true;
	}

	/** The drafts cannot be read here until the passphrase is given. */
	get locked(): boolean {
		return this.status !== null && this.status.enabled && !this.status.unlocked;
	}

	/** Reads the lock's state, and locks this page too when another tab locks the device. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		this.#backend.onLocked(() => this.#reload());
		try {
			await this.#refresh();
		} catch (error) {
			this.#fail('unlock', m.shell_lock_unreadable({ error: messageOf(error) }));
		}
	}

	/**
	 * Reads the status again after the worker was replaced (it crashed, or a call failed as
	 * locked): a new worker holds no keys, so a page that was unlocked reloads, locked, rather than
	 * show drafts it can no longer read.
	 */
	async recheck(): Promise<void> {
		if (this.#reloading || !this.enabled || this.locked) return;
		try {
			const status = await this.#backend.status();
			if (status.enabled && !status.unlocked) this.#reload();
		} catch {
			// The worker is still coming back: the next failure checks again.
		}
	}

	/** Resolves once the drafts can be read: at once with the lock off, else after unlocking. */
	whenUnlocked(): Promise<void> {
		if (this.status !== null && !this.locked) return Promise.resolve();
		return new Promise((resolve) => this.#waiting.push(resolve));
	}

	async unlock(passphrase: string): Promise<boolean> {
		if (passphrase === '')
			return this.#fail('unlock', m.shell_lock_type_passphrase({ button: m.shell_lock_unlock() }));
		return this.#run('unlock', async () => {
			const opened = await this.#backend.unlock(passphrase, (p) => (this.progress = p));
			if (!opened) return this.#fail('unlock', wrongPassphrase());
			await this.#refresh();
			return true;
		});
	}

	/**
	 * Locks the device: the worker drops its keys once the changes asked for are saved, then the
	 * page reloads, locked, with nothing of the drafts left in its memory.
	 */
	async lockNow(): Promise<void> {
		if (this.#reloading) return;
		this.#start('lock');
		try {
			await this.#backend.lock();
		} catch {
			// The reload ends the worker and its keys all the same: lock rather than stay open.
		}
		this.#reload();
	}

	/** Turns the lock on with a new passphrase typed twice, encrypting every draft. */
	async turnOn(passphrase: string, repeat: string): Promise<boolean> {
		const problem = newPassphraseProblem(passphrase, repeat);
		if (problem) return this.#fail('turnOn', problem);
		return this.#run('turnOn', async () => {
			this.progress = { phase: 'encrypting', done: 0, total: 0 };
			await this.#backend.turnOn(passphrase, (p) => (this.progress = p));
			await this.#refresh();
			this.done = m.shell_lock_turned_on({ button: m.shell_app_lock_now() });
			return true;
		});
	}

	/** Turns the lock off after checking the passphrase, decrypting every draft. */
	async turnOff(passphrase: string): Promise<boolean> {
		if (passphrase === '')
			return this.#fail(
				'turnOff',
				m.shell_lock_type_passphrase({ button: m.shell_lockset_turn_off() }),
			);
		return this.#run('turnOff', async () => {
			this.progress = { phase: 'decrypting', done: 0, total: 0 };
			const ok = await this.#backend.turnOff(passphrase, (p) => (this.progress = p));
			if (!ok) return this.#fail('turnOff', wrongPassphrase());
			await this.#refresh();
			this.done = m.shell_lock_turned_off();
			return true;
		});
	}

	/** A new passphrase for the same keys (only the keys are wrapped again: quick). */
	async changePassphrase(current: string, next: string, repeat: string): Promise<boolean> {
		if (current === '')
			return this.#fail('change', m.shell_lock_type_current({ field: m.shell_lockset_current() }));
		const problem = newPassphraseProblem(next, repeat);
		if (problem) return this.#fail('change', problem);
		if (next === current) return this.#fail('change', m.shell_lock_same());
		return this.#run('change', async () => {
			if (!(await this.#backend.changePassphrase(current, next)))
				return this.#fail('change', m.shell_lock_current_wrong());
			this.done = m.shell_lock_changed();
			return true;
		});
	}

	/** Settings opened from the offer: bring the lock section into view once. */
	takeShowSection(): boolean {
		const show = this.showSection;
		this.showSection = false;
		return show;
	}

	/** Stops listening for activity (tests; a page that goes away needs nothing). */
	dispose(): void {
		this.#stopWatching?.();
		this.#stopWatching = null;
	}

	async #refresh(): Promise<void> {
		this.status = await this.#backend.status();
		if (this.status.enabled && this.status.unlocked) this.#watch();
		else this.dispose();
		if (!this.locked) for (const resolve of this.#waiting.splice(0)) resolve();
	}

	#start(action: LockAction): void {
		this.action = action;
		this.error = '';
		this.done = '';
		this.busy = true;
	}

	async #run(action: LockAction, work: () => Promise<boolean>): Promise<boolean> {
		this.#start(action);
		try {
			return await work();
		} catch (error) {
			return this.#fail(action, failed(action, messageOf(error)));
		} finally {
			this.busy = false;
			this.progress = null;
		}
	}

	#fail(action: LockAction, message: string): false {
		this.action = action;
		this.done = '';
		this.error = message;
		return false;
	}

	#reload(): void {
		if (this.#reloading) return;
		this.#reloading = true;
		this.dispose();
		this.#hooks.reload();
	}

	/** Locks after the idle time without activity, or when the page comes back after as long. */
	#watch(): void {
		if (this.#stopWatching) return;
		const doc = this.#hooks.document ?? globalThis.document;
		const target = this.#hooks.activity ?? globalThis.window;
		this.#lastActivity = this.#now();
		this.#hiddenAt = doc?.visibilityState === 'hidden' ? this.#now() : null;
		const active = () => (this.#lastActivity = this.#now());
		const visibility = () => {
			if (doc?.visibilityState === 'hidden') this.#hiddenAt ??= this.#now();
			else {
				this.#check();
				this.#hiddenAt = null;
			}
		};
		const options = { capture: true, passive: true };
		for (const name of ACTIVITY_EVENTS) target?.addEventListener(name, active, options);
		doc?.addEventListener('visibilitychange', visibility);
		const every =
			this.#hooks.every ??
			((ms, check) => {
				const id = setInterval(check, ms);
				return () => clearInterval(id);
			});
		const stopTimer = every(IDLE_CHECK_MS, () => this.#check());
		this.#stopWatching = () => {
			for (const name of ACTIVITY_EVENTS) target?.removeEventListener(name, active, options);
			doc?.removeEventListener('visibilitychange', visibility);
			stopTimer();
		};
	}

	#check(): void {
		// A turn off or on under way is not interrupted: the pro is watching its progress.
		if (this.busy || !this.enabled || this.locked) return;
		const limit = idleMs(this.#hooks.idleMinutes());
		const now = this.#now();
		const hiddenLong = this.#hiddenAt !== null && now - this.#hiddenAt >= limit;
		if (hiddenLong || now - this.#lastActivity >= limit) void this.lockNow();
	}
}

/** 1 to 60 minutes; anything else (a broken setting) falls back to the default 5. */
function idleMs(minutes: number): number {
	const m = Number.isFinite(minutes) && minutes >= 1 && minutes <= 60 ? minutes : 5;
	return m * 60_000;
}

/** "Unlocking did not work: …", said of each action in its own words. */
function failed(action: LockAction, error: string): string {
	switch (action) {
		case 'unlock':
			return m.shell_lock_failed_unlock({ error });
		case 'turnOn':
			return m.shell_lock_failed_turn_on({ error });
		case 'turnOff':
			return m.shell_lock_failed_turn_off({ error });
		case 'change':
			return m.shell_lock_failed_change({ error });
		case 'lock':
			return m.shell_lock_failed_lock({ error });
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
