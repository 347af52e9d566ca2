// Sync as the screens see it: where the import API is (address, token, "Test connection"), what
// the engine is doing, the line every screen shows ("Offline — 340 clients waiting"), and
// "Cancel sending" with what the platform may already have. A failed call is shown, never thrown
// at the button that asked.
import type { SettingsStore } from '../storage/settings.ts';
import { ImportApiClient, type ConnectionCheck } from '../sync/api-client.ts';
import { MESSAGES, policyAllows, policyMessage } from '../sync/connection-messages.ts';
import { addressProblem, fullAddress, tokenProblem } from '../sync/settings-checks.ts';
import {
	readSyncSettings,
	ServedConfigSchema,
	SYNC_SETTINGS_KEY,
	type SyncSettings,
} from '../sync/settings.ts';
import type { SyncStatusEvent } from '../worker/client.ts';
import type { Result } from '../worker/protocol.ts';
import type { DraftState } from '../worker/views.ts';
import { m } from '../i18n/messages.ts';
import { formatNumber } from '../i18n/format.ts';
import { z } from 'zod';
import { chunkSizeFor, type Health } from '../core/import-api.ts';
import type { SyncBatchOptions } from './draft-backend.ts';

const TAGS_KEY = 'orgTags';
const TagsCacheSchema = z.object({ tags: z.array(z.string()), at: z.number() });
const PLATFORM_KEY = 'platform';
const PlatformCacheSchema = z.object({ asyncImports: z.boolean(), at: z.number() });

/** What the state needs from the worker client (a fake in tests). */
export interface SyncBackend {
	onSyncStatus(listener: (status: SyncStatusEvent) => void): () => void;
	syncNow(): Promise<void>;
	/** Takes a draft's waiting chunks out of the outbox; its rows are not sent (editable). */
	cancelSync(draftId: string): Promise<Result<'cancelSync'>>;
}

/** Spreadsheet rows as the pro reads them: "rows 2–26", "rows 2–26, 30 and 41–44". */
export function rowsText(ranges: readonly (readonly [number, number])[]): string {
	const shown = ranges.slice(0, 4).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
	const single = ranges.length === 1 && ranges[0]?.[0] === ranges[0]?.[1];
	const comma = m.draft_list_separator();
	if (single) return m.draft_rows_single({ row: shown[0] ?? '' });
	if (ranges.length > 4) return m.draft_rows_list_others({ rows: shown.join(comma) });
	if (shown.length === 1) return m.draft_rows_list({ rows: shown[0] ?? '' });
	return m.draft_rows_list_and({ rows: shown.slice(0, -1).join(comma), last: shown.at(-1) ?? '' });
}

/** What "Cancel sending" did, in words for the pro. */
export function cancelledText(result: Result<'cancelSync'>): string {
	if (result.cancelled === 0) return m.draft_cancel_nothing();
	const head = m.draft_cancel_head({ count: result.cancelled });
	const { clients, ranges } = result.uncertain;
	if (clients === 0) return `${head} ${m.draft_cancel_none_reached()}`;
	return `${head} ${m.draft_cancel_uncertain({ count: clients, rows: rowsText(ranges) })}`;
}

export interface SyncHooks {
	/** Reads what `npm start` serves beside the app (null: not served that way). */
	served?: () => Promise<unknown>;
	fetch?: typeof fetch;
	/** The page's Content-Security-Policy (default: its <meta> tag; null: none known). */
	policy?: () => string | null;
}

/** The policy the built app carries in its <meta> tag (the server sends the same as a header). */
function pagePolicy(): string | null {
	const meta = globalThis.document?.querySelector('meta[http-equiv="Content-Security-Policy"]');
	return meta?.getAttribute('content') ?? null;
}

/** Why each sync setting typed was refused, or a warning about it ('' : nothing to say). */
export interface SyncFieldNotes {
	baseUrl: string;
	token: string;
	/** The address is kept, but Roster's security policy will not let the page reach it. */
	baseUrlWarning: string;
}

export class SyncState {
	status = $state<SyncStatusEvent | null>(null);
	settings = $state<SyncSettings>({ baseUrl: '', token: '' });
	testing = $state(false);
	testResult = $state<ConnectionCheck | null>(null);
	/** What is wrong with a field typed in Settings (shown under it). */
	fieldNotes = $state<SyncFieldNotes>({ baseUrl: '', token: '', baseUrlWarning: '' });
	/** A sync call that failed ("Sync now", "Cancel sending"), in words ('' : none). */
	error = $state('');
	/** What the last "Cancel sending" did ('' : nothing to say). */
	cancelNote = $state('');
	cancelling = $state(false);
	/**
	 * The organisation's tags as last fetched, kept for offline use (null: never fetched; empty:
	 * the organisation does not check tags, like the server).
	 */
	knownTags = $state<string[] | null>(null);
	/** Whether the platform last said it takes imports asynchronously (GET /health). */
	asyncImports = $state(false);
	#backend: SyncBackend;
	#repo: SettingsStore;
	#hooks: SyncHooks;

	constructor(backend: SyncBackend, repo: SettingsStore, hooks: SyncHooks = {}) {
		this.#backend = backend;
		this.#repo = repo;
		this.#hooks = hooks;
		backend.onSyncStatus((status) => {
			this.status = status;
			// A new batch on its way: what the last cancel said is old news.
			if (status.phase === 'sending') this.cancelNote = '';
		});
	}

	get configured(): boolean {
		return this.settings.baseUrl.trim() !== '' && this.settings.token.trim() !== '';
	}

	/** Settings stored on the device, else those of the server that served the app; then sends. */
	async start(): Promise<void> {
		const cached = await this.#repo
			.get(TAGS_KEY, (v) => TagsCacheSchema.safeParse(v).data)
			.catch(() => undefined);
		if (cached) this.knownTags = cached.tags;
		const platform = await this.#repo
			.get(PLATFORM_KEY, (v) => PlatformCacheSchema.safeParse(v).data)
			.catch(() => undefined);
		if (platform) this.asyncImports = platform.asyncImports;
		const stored = await readSyncSettings(this.#repo).catch(() => undefined);
		if (stored) this.settings = stored;
		else {
			const served = ServedConfigSchema.safeParse(await this.#served());
			if (served.success && served.data.token)
				await this.save({ baseUrl: served.data.apiBase, token: served.data.token });
		}
		await this.#backend.syncNow().catch(() => undefined);
		await this.refreshPlatform();
	}

	/**
	 * Fetches the organisation's tags and what the platform says of itself when online, and
	 * keeps them for offline use.
	 */
	async refreshPlatform(): Promise<void> {
		if (!this.configured) return;
		const client = this.#client();
		// Each kept apart: a platform without a tag list still says how it imports, and back.
		await Promise.allSettled([
			client.tags().then((tags) => this.#keepTags(tags)),
			client.health().then((health) => this.#keepHealth(health)),
		]);
		// Offline or refused: what was cached (if anything) stays.
	}

	async #keepTags(tags: string[]): Promise<void> {
		this.knownTags = tags;
		await this.#repo.set(TAGS_KEY, { tags, at: Date.now() });
	}

	async #keepHealth(health: Health): Promise<void> {
		this.asyncImports = health.async_imports === true;
		await this.#repo.set(PLATFORM_KEY, { asyncImports: this.asyncImports, at: Date.now() });
	}

	/** Clients per request for the next batch (import-api.ts, chunkSizeFor). */
	get chunkSize(): number {
		return chunkSizeFor(this.asyncImports);
	}

	/** The tags to check a batch against (undefined: not checked). */
	get checkTags(): string[] | undefined {
		return this.knownTags && this.knownTags.length > 0 ? [...this.knownTags] : undefined;
	}

	/** How the next batch is made: the tags it is checked against, its chunks' size. */
	get batchOptions(): SyncBatchOptions {
		const knownTags = this.checkTags;
		return { ...(knownTags ? { knownTags } : {}), chunkSize: this.chunkSize };
	}

	#client(): ImportApiClient {
		return new ImportApiClient($state.snapshot(this.settings), {
			...(this.#hooks.fetch ? { fetch: this.#hooks.fetch } : {}),
			policy: this.#policy(),
		});
	}

	#policy(): string | null {
		return (this.#hooks.policy ?? pagePolicy)();
	}

	#self(): string {
		return globalThis.location?.href ?? 'http://localhost/';
	}

	/**
	 * The address typed in Settings: refused with the reason when it cannot work (kept as it was),
	 * saved otherwise, with a warning when the page's security policy will not let it through.
	 */
	async setAddress(value: string): Promise<boolean> {
		const problem = addressProblem(value);
		this.fieldNotes = { ...this.fieldNotes, baseUrl: problem ?? '', baseUrlWarning: '' };
		if (problem) return false;
		const target = fullAddress(value, this.#self());
		const blocked = !policyAllows(this.#policy(), target, this.#self());
		this.fieldNotes = {
			...this.fieldNotes,
			baseUrlWarning: blocked ? policyMessage(target, this.#self()) : '',
		};
		await this.save({ baseUrl: value, token: this.settings.token });
		return true;
	}

	/** The token typed in Settings: refused with the reason (kept as it was), saved otherwise. */
	async setToken(value: string): Promise<boolean> {
		const problem = tokenProblem(value);
		this.fieldNotes = { ...this.fieldNotes, token: problem ?? '' };
		if (problem) return false;
		await this.save({ baseUrl: this.settings.baseUrl, token: value });
		return true;
	}

	async #served(): Promise<unknown> {
		try {
			if (this.#hooks.served) return await this.#hooks.served();
			const r = await fetch('/roster-config.json', { cache: 'no-store' });
			return r.ok ? await r.json() : null;
		} catch {
			return null;
		}
	}

	async save(settings: SyncSettings): Promise<void> {
		this.settings = { baseUrl: settings.baseUrl.trim(), token: settings.token.trim() };
		this.testResult = null;
		this.error = '';
		try {
			await this.#repo.set(SYNC_SETTINGS_KEY, $state.snapshot(this.settings));
		} catch (error) {
			// The worker reads them from storage: unsaved, nothing is sent. Said, never thrown
			// (the app starts this unawaited).
			this.error = m.draft_sync_error_settings({ error: messageOf(error) });
			return;
		}
		await this.#backend.syncNow().catch(() => undefined);
	}

	async test(): Promise<void> {
		this.testing = true;
		try {
			const { result, platform } = await this.#client().check();
			this.testResult = result;
			// The check has just read both: kept as they are, not asked for again.
			if (platform)
				await Promise.allSettled([
					this.#keepTags(platform.tags),
					this.#keepHealth(platform.health),
				]);
		} finally {
			this.testing = false;
		}
	}

	async syncNow(): Promise<void> {
		this.error = '';
		try {
			await this.#backend.syncNow();
		} catch (error) {
			this.error = m.draft_sync_error_now({ error: messageOf(error) });
		}
	}

	/**
	 * "Cancel sending" for a draft: waits for a request in flight to be answered, then takes the
	 * rest out of the outbox and says which clients the platform may already have.
	 */
	async cancel(draftId: string): Promise<Result<'cancelSync'> | null> {
		this.error = '';
		this.cancelNote = '';
		this.cancelling = true;
		try {
			const result = await this.#backend.cancelSync(draftId);
			this.cancelNote = cancelledText(result);
			return result;
		} catch (error) {
			this.error = m.draft_sync_error_cancel({ error: messageOf(error) });
			return null;
		} finally {
			this.cancelling = false;
		}
	}

	/**
	 * The one line every screen shows: what is waiting or being sent, or how the open draft
	 * stands with the platform ("All 1,204 synced", "3 rejected — review").
	 */
	line(draft: DraftState | null): string {
		const s = this.status;
		if (s && s.waiting > 0) {
			const count = s.waiting;
			if (s.phase === 'offline') return m.draft_line_offline({ count });
			if (s.phase === 'sending' && s.creating)
				return m.draft_line_creating({
					done: formatNumber(s.creating.done),
					count: s.creating.total,
				});
			if (s.phase === 'sending')
				return m.draft_line_sending({
					done: formatNumber(s.done + 1),
					total: formatNumber(s.total),
				});
			if (s.phase === 'unconfigured') return m.draft_line_unconfigured({ count });
			if (s.phase === 'paused')
				return s.message.startsWith(MESSAGES.tokenRefused)
					? m.draft_line_token({ count })
					: m.draft_line_paused({ count });
			return m.draft_line_retrying({ count });
		}
		const c = draft?.credentials;
		if (c && c.rejected > 0) return m.draft_line_rejected({ count: c.rejected });
		if (c && c.synced + c.exists > 0)
			return c.unsent > 0
				? m.draft_line_partly({ synced: formatNumber(c.synced + c.exists), count: c.unsent })
				: m.draft_line_all({ count: formatNumber(c.synced + c.exists) });
		return '';
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
