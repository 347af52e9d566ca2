// The passphrase lock as the page runs it, over a fake worker and a hand-turned clock: a wrong
// passphrase keeps the drafts locked, a weak or mistyped new one is refused with what to do,
// turning on shows progress, and the page locks (reloads) after the idle time, when it comes back
// after being hidden that long, and when another tab locks — never while the lock is off.
// Revealed passwords mask again after a minute.
import { describe, expect, it } from 'vitest';
import { LockState, wrongPassphrase, IDLE_CHECK_MS } from '../../../src/state/lock.svelte.ts';
import { GridState, REMASK_AFTER_MS } from '../../../src/state/grid-state.svelte.ts';
import type { LockBackend, LockProgress, LockStatus } from '../../../src/state/lock-backend.ts';

const GOOD = 'harbour lantern 42 cobalt';
const MINUTE = 60_000;

/** A worker that keeps one passphrase, and reports progress in three steps. */
function fakeBackend(initial: Partial<LockStatus> & { passphrase?: string } = {}) {
	let passphrase = initial.passphrase ?? GOOD;
	const state: LockStatus = {
		enabled: initial.enabled ?? false,
		unlocked: initial.unlocked ?? false,
		migrating: null,
	};
	const calls: string[] = [];
	const lockedListeners: (() => void)[] = [];
	const backend: LockBackend = {
		status: async () => ({ ...state }),
		unlock: async (p) => {
			calls.push('unlock');
			if (p !== passphrase) return false;
			state.unlocked = true;
			return true;
		},
		lock: async () => {
			calls.push('lock');
			state.unlocked = false;
		},
		turnOn: async (p, onProgress) => {
			calls.push('turnOn');
			for (const done of [0, 2, 4]) onProgress?.({ phase: 'encrypting', done, total: 4 });
			passphrase = p;
			state.enabled = true;
			state.unlocked = true;
		},
		turnOff: async (p, onProgress) => {
			calls.push('turnOff');
			if (p !== passphrase) return false;
			onProgress?.({ phase: 'decrypting', done: 4, total: 4 });
			state.enabled = false;
			return true;
		},
		changePassphrase: async (current, next) => {
			calls.push('changePassphrase');
			if (current !== passphrase) return false;
			passphrase = next;
			return true;
		},
		onLocked: (listener) => {
			lockedListeners.push(listener);
			return () => undefined;
		},
	};
	return { backend, calls, state, lockFromOtherTab: () => lockedListeners.forEach((l) => l()) };
}

/** A page: a clock turned by hand, a document whose visibility the test sets, activity events. */
function page(idleMinutes = 5) {
	let now = 1_000_000;
	const checks: (() => void)[] = [];
	const doc = Object.assign(new EventTarget(), {
		visibilityState: 'visible' as DocumentVisibilityState,
	});
	const activity = new EventTarget();
	const reloads: number[] = [];
	const hooks = {
		reload: () => reloads.push(now),
		idleMinutes: () => idleMinutes,
		now: () => now,
		document: doc,
		activity,
		every: (_ms: number, check: () => void) => {
			checks.push(check);
			return () => checks.splice(checks.indexOf(check), 1);
		},
	};
	return {
		hooks,
		reloads,
		/** Time passes; the interval fires once per IDLE_CHECK_MS, as a browser would. */
		async pass(ms: number) {
			for (let t = 0; t < ms; t += IDLE_CHECK_MS) {
				now += Math.min(IDLE_CHECK_MS, ms - t);
				for (const check of [...checks]) check();
			}
			await settle();
		},
		/** Time passes with the timers frozen (a hidden tab, a sleeping tablet). */
		jump(ms: number) {
			now += ms;
		},
		setVisibility(state: DocumentVisibilityState) {
			doc.visibilityState = state;
			doc.dispatchEvent(new Event('visibilitychange'));
		},
		touch(type = 'pointerdown') {
			activity.dispatchEvent(new Event(type));
		},
		get watching() {
			return checks.length;
		},
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

async function openLock(idleMinutes = 5) {
	const fake = fakeBackend({ enabled: true, unlocked: true });
	const p = page(idleMinutes);
	const lock = new LockState(fake.backend, p.hooks);
	await lock.start();
	return { ...fake, ...p, lock };
}

describe('unlocking', () => {
	it('stays locked on a wrong passphrase and says so; the right one opens the drafts', async () => {
		const fake = fakeBackend({ enabled: true, unlocked: false });
		const lock = new LockState(fake.backend, page().hooks);
		await lock.start();
		expect(lock.locked).toBe(true);
		let opened = false;
		void lock.whenUnlocked().then(() => (opened = true));

		expect(await lock.unlock('harbour lantern 41 cobalt')).toBe(false);
		expect(lock.locked).toBe(true);
		expect(lock.error).toBe(wrongPassphrase());
		await settle();
		expect(opened).toBe(false);

		expect(await lock.unlock('')).toBe(false);
		expect(lock.error).toBe('Type the passphrase, then press Unlock.');
		expect(fake.calls.filter((c) => c === 'unlock')).toHaveLength(1);

		expect(await lock.unlock(GOOD)).toBe(true);
		expect(lock.locked).toBe(false);
		expect(lock.error).toBe('');
		await settle();
		expect(opened).toBe(true);
	});

	it('with the lock off, the drafts are open at once and no idle lock runs', async () => {
		const fake = fakeBackend();
		const p = page(1);
		const lock = new LockState(fake.backend, p.hooks);
		await lock.start();
		await expect(lock.whenUnlocked()).resolves.toBeUndefined();
		expect(lock.locked).toBe(false);
		await p.pass(10 * MINUTE);
		expect(p.reloads).toEqual([]);
		expect(fake.calls).toEqual([]);
	});
});

describe('turning on, changing, turning off', () => {
	it('refuses a short, a weak and a mistyped passphrase with what to do, and asks nothing of the worker', async () => {
		const fake = fakeBackend();
		const lock = new LockState(fake.backend, page().hooks);
		await lock.start();
		expect(await lock.turnOn('short1!', 'short1!')).toBe(false);
		expect(lock.error).toMatch(/too short: use at least 12 characters/);
		expect(await lock.turnOn('aaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaa')).toBe(false);
		expect(lock.error).toMatch(/too easy to guess: use fewer repeated characters/);
		expect(await lock.turnOn(GOOD, 'harbour lantern 42 cobalt!')).toBe(false);
		expect(lock.error).toMatch(/The two passphrases differ/);
		expect(lock.action).toBe('turnOn');
		expect(fake.calls).toEqual([]);
		expect(lock.enabled).toBe(false);
	});

	it('shows progress while it encrypts, then the lock is on and unlocked', async () => {
		const fake = fakeBackend();
		const lock = new LockState(fake.backend, page().hooks);
		await lock.start();
		const seen: (LockProgress | null)[] = [];
		const original = fake.backend.turnOn;
		fake.backend.turnOn = (p, onProgress) =>
			original(p, (progress) => {
				onProgress?.(progress);
				seen.push(lock.progress);
			});
		const on = lock.turnOn(GOOD, GOOD);
		expect(lock.busy).toBe(true);
		expect(await on).toBe(true);
		expect(seen.map((s) => s?.done)).toEqual([0, 2, 4]);
		expect(lock.progress).toBeNull();
		expect(lock.busy).toBe(false);
		expect(lock.enabled).toBe(true);
		expect(lock.locked).toBe(false);
		expect(lock.done).toMatch(/^Lock turned on: every draft on this device is encrypted/);
	});

	it('changes the passphrase only with the current one, and turns off only with the right one', async () => {
		const { lock, calls } = await openLock();
		const next = 'Quiet-river-Tuesday-88';
		expect(await lock.changePassphrase('wrong one here!', next, next)).toBe(false);
		expect(lock.error).toMatch(/current passphrase does not open the drafts/);
		expect(await lock.changePassphrase(GOOD, GOOD, GOOD)).toBe(false);
		expect(lock.error).toMatch(/is the current one/);
		expect(calls).toEqual(['changePassphrase']);
		expect(await lock.changePassphrase(GOOD, next, next)).toBe(true);
		expect(lock.done).toMatch(/Passphrase changed/);

		expect(await lock.turnOff(GOOD)).toBe(false);
		expect(lock.error).toBe(wrongPassphrase());
		expect(lock.enabled).toBe(true);
		expect(await lock.turnOff(next)).toBe(true);
		expect(lock.enabled).toBe(false);
		lock.dispose();
	});

	it('says what failed when the worker fails, and is no longer busy', async () => {
		const fake = fakeBackend();
		fake.backend.turnOn = async () => {
			throw new Error('The device is full.');
		};
		const lock = new LockState(fake.backend, page().hooks);
		await lock.start();
		expect(await lock.turnOn(GOOD, GOOD)).toBe(false);
		expect(lock.error).toBe('Turning on the lock did not work: The device is full.');
		expect(lock.busy).toBe(false);
		expect(lock.progress).toBeNull();
	});
});

describe('locking', () => {
	it('Lock now drops the keys first, then reloads the page', async () => {
		const { lock, calls, reloads } = await openLock();
		await lock.lockNow();
		expect(calls).toEqual(['lock']);
		expect(reloads).toHaveLength(1);
	});

	it('locks after the idle time without activity, not before, and activity starts it again', async () => {
		const { lock, reloads, pass, touch, calls } = await openLock(5);
		await pass(4 * MINUTE);
		touch('keydown');
		await pass(4 * MINUTE);
		touch('wheel');
		await pass(4 * MINUTE + 45_000);
		expect(reloads).toEqual([]);
		await pass(15_000);
		expect(calls).toEqual(['lock']);
		expect(reloads).toHaveLength(1);
		lock.dispose();
	});

	it('follows the idle minutes set in Settings', async () => {
		const { reloads, pass } = await openLock(1);
		await pass(45_000);
		expect(reloads).toEqual([]);
		await pass(15_000);
		expect(reloads).toHaveLength(1);
	});

	it('locks when the page comes back after being hidden as long as the idle time', async () => {
		const { reloads, jump, setVisibility, touch } = await openLock(5);
		touch();
		setVisibility('hidden');
		// The browser froze the timers: only the return tells.
		jump(5 * MINUTE);
		expect(reloads).toEqual([]);
		setVisibility('visible');
		await settle();
		expect(reloads).toHaveLength(1);
	});

	it('does not lock when the page comes back sooner', async () => {
		const { lock, reloads, jump, setVisibility } = await openLock(5);
		setVisibility('hidden');
		jump(4 * MINUTE);
		setVisibility('visible');
		await settle();
		expect(reloads).toEqual([]);
		expect(lock.locked).toBe(false);
		lock.dispose();
	});

	it('reloads locked when another tab locks the device', async () => {
		const { reloads, lockFromOtherTab, watching } = await openLock();
		expect(watching).toBe(1);
		lockFromOtherTab();
		expect(reloads).toHaveLength(1);
	});

	it('reloads locked when a replaced worker holds no keys, and not while it still does', async () => {
		const { lock, reloads, state } = await openLock();
		await lock.recheck();
		expect(reloads).toEqual([]);
		// A crashed worker's successor starts without the keys.
		state.unlocked = false;
		await lock.recheck();
		expect(reloads).toHaveLength(1);
	});

	it('stops watching once the lock is turned off', async () => {
		const { lock, reloads, pass } = await openLock(1);
		expect(await lock.turnOff(GOOD)).toBe(true);
		await pass(10 * MINUTE);
		expect(reloads).toEqual([]);
	});
});

describe('revealed passwords', () => {
	/** A timer list the test fires by hand. */
	function timers() {
		const pending: { ms: number; done: () => void; live: boolean }[] = [];
		return {
			after: (ms: number, done: () => void) => {
				const timer = { ms, done, live: true };
				pending.push(timer);
				return () => (timer.live = false);
			},
			fire() {
				for (const timer of pending.splice(0)) if (timer.live) timer.done();
			},
			live: () => pending.filter((t) => t.live),
		};
	}

	it('"Show passwords" and a single reveal mask again after a minute', () => {
		const clock = timers();
		const grid = new GridState(undefined, clock.after);
		grid.toggleShowPasswords();
		grid.toggleReveal(3);
		expect(grid.isRevealed(7)).toBe(true);
		expect(clock.live().map((t) => t.ms)).toEqual([REMASK_AFTER_MS, REMASK_AFTER_MS]);
		expect(REMASK_AFTER_MS).toBe(60_000);
		clock.fire();
		expect(grid.showPasswords).toBe(false);
		expect(grid.isRevealed(7)).toBe(false);
		expect(grid.isRevealed(3)).toBe(false);
	});

	it('a password hidden by hand and shown again gets a whole minute', () => {
		const clock = timers();
		const grid = new GridState(undefined, clock.after);
		grid.toggleReveal(3);
		grid.toggleReveal(3);
		expect(clock.live()).toEqual([]);
		grid.toggleReveal(3);
		expect(clock.live()).toHaveLength(1);
		clock.fire();
		expect(grid.isRevealed(3)).toBe(false);
	});
});
