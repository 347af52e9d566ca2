// The one main-thread facade over the draft worker: `call(name, args)` with the result type
// inferred from the command map (protocol.ts), progress for long calls, cancellation, the events
// the worker sends on its own, and a new worker after a crash. Every message from the worker is
// parsed: the envelope, then the call's result or the event's payload with its own schema.
// A worker can die without an `error` event (Chromium ends a worker out of memory silently, as
// when DevTools closes it), so a heartbeat finds a worker that stopped answering, and every call
// has a time limit whose message names the call and what to do.
import { workerName, type LocaleMessage, type WorkerLocale } from '../i18n/worker-locale.ts';
import {
	COMMANDS,
	EVENTS,
	WorkerMessageSchema,
	type Args,
	type CommandName,
	type EventName,
	type EventPayload,
	type Failure,
	type FailureReason,
	type Result,
} from './protocol.ts';
import { CALL_TIMEOUTS, DEFAULT_TIMEOUT, duration, timeoutMessage } from './call-limits.ts';
import { m } from '../i18n/messages.ts';

export type { Changed, FailureReason } from './protocol.ts';
export { CALL_TIMEOUTS, DEFAULT_TIMEOUT, timeoutMessage } from './call-limits.ts';

export interface WorkerLike {
	postMessage(message: unknown): void;
	terminate(): void;
	onmessage: ((event: MessageEvent) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
	/** A message from the worker that could not be read (its call would never settle). */
	onmessageerror?: ((event: MessageEvent) => void) | null;
}

/** A call the worker refused or could not finish; `reason` says what the pro can do. */
export class WorkerError extends Error {
	readonly reason: FailureReason;
	constructor(message: string, reason: FailureReason) {
		super(message);
		this.name = 'WorkerError';
		this.reason = reason;
	}
}

/** An import (or another call) that was cancelled, or replaced by a newer one. */
export class ImportCancelled extends WorkerError {
	constructor() {
		super('The import was cancelled.', 'cancelled');
		this.name = 'ImportCancelled';
	}
}

export type ImportProgressEvent = Omit<EventPayload<'progress'>, 'call'>;
export type SyncStatusEvent = EventPayload<'syncStatus'>;
export type Opened = Result<'open'>;
export type NoticeList = Result<'notices'>;
export type SyncQueued = Result<'sync'>;

export interface CallOptions {
	onProgress?: (progress: ImportProgressEvent) => void;
}

interface Pending {
	name: CommandName;
	resolve: (result: unknown) => void;
	reject: (error: Error) => void;
	onProgress?: CallOptions['onProgress'];
	/** The call's time limit (restarted by its progress); null for the heartbeat's own ping. */
	timer: ReturnType<typeof setTimeout> | null;
}

export interface ClientOptions {
	/** How often the page checks that the worker still answers (ms). */
	heartbeatMs?: number;
	/** Checks in a row without an answer before the worker counts as dead. */
	missedBeats?: number;
	/** The same while a whole-draft call runs (it may hold the worker for a while). */
	busyBeats?: number;
	/** Time limit of a call (ms); the default is CALL_TIMEOUTS, else DEFAULT_TIMEOUT. */
	timeout?: (name: CommandName) => number;
}

/**
 * Every 5 s; dead after 30 s of silence, or 3 minutes while a whole-draft call runs (a big
 * workbook's read can hold a slow tablet's worker for long; a call that sends progress shows it
 * is alive whatever the count).
 */
const HEARTBEAT_MS = 5000;
const MISSED_BEATS = 6;
const BUSY_BEATS = 36;
/** Calls allowed this long or longer are whole-draft work (see CALL_TIMEOUTS). */
const LONG_CALL_MS = 5 * 60_000;

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
type Listeners = { [E in EventName]: Set<Listener<E>> };

function errorOf(failure: Failure): WorkerError {
	return failure.reason === 'cancelled'
		? new ImportCancelled()
		: new WorkerError(failure.message, failure.reason);
}

export class DraftWorkerClient {
	#spawn: () => WorkerLike;
	#worker: WorkerLike | null = null;
	#closed = false;
	#nextId = 1;
	#pending = new Map<number, Pending>();
	#listeners: Listeners = {
		progress: new Set(),
		changed: new Set(),
		failed: new Set(),
		syncStatus: new Set(),
		lockProgress: new Set(),
		locked: new Set(),
	};
	#lastSync: SyncStatusEvent | null = null;
	#heartbeatMs: number;
	#missedBeats: number;
	#busyBeats: number;
	#timeout: (name: CommandName) => number;
	#heartbeat: ReturnType<typeof setInterval> | null = null;
	/** The heartbeat's ping waiting for its answer, and checks made since it was sent. */
	#ping: number | null = null;
	#missed = 0;

	/** `spawn` makes a worker: at the first call, and again after a crash. */
	constructor(spawn: () => WorkerLike, options: ClientOptions = {}) {
		this.#spawn = spawn;
		this.#heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
		this.#missedBeats = options.missedBeats ?? MISSED_BEATS;
		this.#busyBeats = options.busyBeats ?? BUSY_BEATS;
		this.#timeout = options.timeout ?? ((name) => CALL_TIMEOUTS[name] ?? DEFAULT_TIMEOUT);
	}

	/** The app's client; its worker starts at once, to resume any sync waiting in the outbox. */
	static create(language: () => WorkerLocale): DraftWorkerClient {
		const client = new DraftWorkerClient(
			() =>
				new Worker(new URL('./draft.worker.ts', import.meta.url), {
					type: 'module',
					name: workerName(language()),
				}),
		);
		client.#ensure();
		return client;
	}

	/**
	 * Tells the running worker the pro's new language; its next messages speak it. (A worker
	 * started later reads the language from its name.)
	 */
	setLocale(l: WorkerLocale): void {
		const message: LocaleMessage = { kind: 'locale', ...l };
		this.#worker?.postMessage(message);
	}

	/** Runs command `name` in the worker; resolves with its parsed result. */
	call<K extends CommandName>(
		name: K,
		args: Args<K>,
		options: CallOptions = {},
	): Promise<Result<K>> {
		if (this.#closed) return Promise.reject(new WorkerError(m.draft_worker_closed(), 'error'));
		const id = this.#nextId++;
		return new Promise<Result<K>>((resolve, reject) => {
			this.#pending.set(id, {
				name,
				resolve: resolve as (result: unknown) => void,
				reject,
				onProgress: options.onProgress,
				timer: this.#limit(id, name),
			});
			try {
				this.#ensure().postMessage({ id, name, args });
			} catch (error) {
				// Not sent (no worker could start, or the arguments cannot be cloned): never pending.
				this.#settle(id, () => undefined);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		});
	}

	/** Starts call `id`'s time limit: past it, the call fails saying what to do. */
	#limit(id: number, name: CommandName): ReturnType<typeof setTimeout> {
		const ms = this.#timeout(name);
		return setTimeout(() => {
			this.#settle(id, (p) => p.reject(new WorkerError(timeoutMessage(name, ms), 'timeout')));
			// An import stops reading; other calls finish unseen (the heartbeat replaces a dead worker).
			if (name === 'import' && this.#worker && !this.#closed)
				this.#post({ id: this.#nextId++, name: 'cancel', args: { target: id } });
		}, ms);
	}

	/** Posts a message the page needs no answer to (a failure to send changes nothing). */
	#post(message: { id: number; name: CommandName; args: unknown }): void {
		try {
			this.#worker?.postMessage(message);
		} catch {
			// The worker is gone: the heartbeat replaces it.
		}
	}

	/** Cancels every running call of `name` (each then rejects with ImportCancelled). */
	cancel(name: CommandName): void {
		for (const [target, pending] of this.#pending)
			if (pending.name === name) void this.call('cancel', { target }).catch(() => undefined);
	}

	/** Listens to an event; returns a function that stops listening. The sync status replays its
	 * last value at once. */
	on<E extends EventName>(name: E, listener: Listener<E>): () => void {
		const set = this.#listeners[name] as Set<Listener<E>>;
		set.add(listener);
		if (name === 'syncStatus' && this.#lastSync)
			(listener as Listener<'syncStatus'>)(this.#lastSync);
		return () => set.delete(listener);
	}

	terminate(): void {
		this.#closed = true;
		this.#stopHeartbeat();
		this.#failAll(new WorkerError(m.draft_worker_closed(), 'error'));
		this.#worker?.terminate();
		this.#worker = null;
	}

	#ensure(): WorkerLike {
		if (this.#worker) return this.#worker;
		const worker = this.#spawn();
		worker.onmessage = (event) => this.#receive(event.data);
		worker.onerror = (event) => this.#crashed(worker, event.message);
		// Which call's answer was lost is unknown: that call would wait forever, so start afresh.
		worker.onmessageerror = () => this.#crashed(worker, m.draft_worker_unreadable());
		this.#worker = worker;
		this.#startHeartbeat();
		return worker;
	}

	#startHeartbeat(): void {
		this.#stopHeartbeat();
		this.#ping = null;
		this.#missed = 0;
		this.#heartbeat = setInterval(() => this.#beat(), this.#heartbeatMs);
		// In Node (tests) the heartbeat alone must not keep the process running.
		(this.#heartbeat as { unref?: () => void }).unref?.();
	}

	#stopHeartbeat(): void {
		if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
		this.#heartbeat = null;
	}

	/**
	 * Counted in checks, not wall time: a page frozen in the background (its worker frozen
	 * with it) resumes with one late check, not with a worker wrongly declared dead.
	 */
	#beat(): void {
		const worker = this.#worker;
		if (!worker || this.#closed) return;
		if (this.#ping !== null) {
			this.#missed++;
			const busy = [...this.#pending.values()].some(
				(p) => p.timer !== null && this.#timeout(p.name) >= LONG_CALL_MS,
			);
			if (this.#missed >= (busy ? this.#busyBeats : this.#missedBeats))
				this.#crashed(
					worker,
					m.draft_worker_silent({ duration: duration(this.#missed * this.#heartbeatMs) }),
				);
			return;
		}
		const id = this.#nextId++;
		this.#ping = id;
		this.#pending.set(id, {
			name: 'ping',
			resolve: () => undefined,
			reject: () => undefined,
			timer: null,
		});
		this.#post({ id, name: 'ping', args: {} });
	}

	/**
	 * The worker died (or threw an error it did not catch: it is replaced all the same, since its
	 * state is no longer known): its calls fail, the page hears `crashed` (the draft is safe in
	 * storage and must be opened again), and a new worker starts at once and resumes sending what
	 * waits in the outbox, as a worker does when the app starts.
	 */
	#crashed(worker: WorkerLike, detail: string | undefined): void {
		if (this.#worker !== worker) return;
		this.#worker = null;
		this.#lastSync = null;
		this.#stopHeartbeat();
		this.#ping = null;
		worker.terminate();
		const failure: Failure = {
			reason: 'crashed',
			message: detail ? m.draft_worker_stopped_detail({ detail }) : m.draft_worker_stopped(),
		};
		this.#failAll(errorOf(failure));
		this.#emit('failed', failure);
		if (!this.#closed) void this.call('syncNow', {}).catch(() => undefined);
	}

	#receive(data: unknown): void {
		// Any message shows the worker is alive, even while a long call keeps it from the ping.
		this.#missed = 0;
		const parsed = WorkerMessageSchema.safeParse(data);
		if (!parsed.success) {
			const raw = (data as { id?: unknown } | null)?.id;
			const message = m.draft_worker_unexpected_message({
				detail: parsed.error.issues[0]?.message ?? '',
			});
			if (typeof raw === 'number' && this.#pending.has(raw))
				this.#settle(raw, (p) => p.reject(new WorkerError(message, 'error')));
			else this.#emit('failed', { reason: 'error', message });
			return;
		}
		const message = parsed.data;
		if (message.kind === 'event') {
			this.#event(message.name, message.payload);
			return;
		}
		if (message.kind === 'error') {
			this.#settle(message.id, (p) => p.reject(errorOf(message.error)));
			return;
		}
		this.#settle(message.id, (p) => {
			const result = COMMANDS[p.name].result.safeParse(message.result);
			if (result.success) p.resolve(result.data);
			else
				p.reject(
					new WorkerError(
						m.draft_worker_unexpected_answer({
							name: p.name,
							detail: result.error.issues[0]?.message ?? '',
						}),
						'error',
					),
				);
		});
	}

	#settle(id: number, settle: (pending: Pending) => void): void {
		const pending = this.#pending.get(id);
		if (!pending) return;
		this.#pending.delete(id);
		if (pending.timer !== null) clearTimeout(pending.timer);
		if (id === this.#ping) this.#ping = null;
		settle(pending);
	}

	#event(name: EventName, payload: unknown): void {
		const parsed = EVENTS[name].safeParse(payload);
		if (!parsed.success) {
			this.#emit('failed', {
				reason: 'error',
				message: m.draft_worker_unexpected_event({
					name,
					detail: parsed.error.issues[0]?.message ?? '',
				}),
			});
			return;
		}
		if (name === 'progress') {
			const { call, ...progress } = parsed.data as EventPayload<'progress'>;
			const pending = this.#pending.get(call);
			// A call that reports progress is working: its time limit starts again.
			if (pending?.timer) {
				clearTimeout(pending.timer);
				pending.timer = this.#limit(call, pending.name);
			}
			pending?.onProgress?.(progress);
		}
		if (name === 'syncStatus') this.#lastSync = parsed.data as SyncStatusEvent;
		// Parsed with the schema of `name`: the payload is that event's.
		this.#emit(name, parsed.data as EventPayload<typeof name>);
	}

	#emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
		for (const listener of this.#listeners[name] as Set<Listener<E>>) listener(payload);
	}

	#failAll(error: Error): void {
		const pending = [...this.#pending.values()];
		this.#pending.clear();
		for (const p of pending) {
			if (p.timer !== null) clearTimeout(p.timer);
			p.reject(error);
		}
	}
}
