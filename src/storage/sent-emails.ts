// The device's record of emails the platform accepted (created or already registered) from any
// draft, so importing them again in another draft can warn that their accounts exist. Emails are
// never stored here in clear: each is an HMAC-SHA-256 (hmac-sha256.ts) of its key under a random
// device secret kept as a sealed setting (SEALED_SETTINGS), so with the lock on and locked nothing
// here can be checked. Entries outlive their draft: an account on the platform stays when the draft goes.
// Written and read by the worker only.
import { importEmailKey } from '../core/import-api.ts';
import { RecordStore } from '../core/record-store.ts';
import { syncCode } from '../core/credentials.ts';
import {
	SENT_BACKFILL_KEY,
	type RosterDB,
	type SentBatchRecord,
	type SentEmailRecord,
} from './db.ts';
import type { DraftRepository } from './drafts.ts';
import { explainStorageError } from './errors.ts';
import { HmacSha256 } from './hmac-sha256.ts';
import { openRecord, sealRecord, type MaybeSealed } from './sealing.ts';
import { LockedError, type Vault } from './vault.ts';
import { m } from '../i18n/messages.ts';

/** Settings key of the device secret the hashes are keyed with (a sealed setting). */
export const SENT_SECRET_KEY = 'sentEmailsSecret';

/** Emails hashed between two yields to the worker's other work (~20 ms). */
const HASH_BATCH = 10_000;
const SENT = syncCode('synced');
const EXISTS = syncCode('exists');

export class SentEmails {
	#db: RosterDB;
	#vault: Vault | null;
	#key: Promise<HmacSha256> | null = null;
	#backfill: Promise<void> | null = null;

	constructor(db: RosterDB, vault: Vault | null) {
		this.#db = db;
		this.#vault = vault;
	}

	/** The HMAC key: the stored device secret, or a new one (another tab's, if it won the race). */
	#hmacKey(): Promise<HmacSha256> {
		if (this.#vault?.locked) return Promise.reject(new LockedError());
		if (!this.#key) {
			this.#key = this.#loadKey();
			this.#key.catch(() => (this.#key = null));
		}
		return this.#key;
	}

	async #loadKey(): Promise<HmacSha256> {
		let secret = await this.#readSecret();
		if (!secret) {
			const fresh = crypto.getRandomValues(new Uint8Array(32));
			const record = await sealRecord(this.#vault, 'settings', {
				key: SENT_SECRET_KEY,
				value: fresh,
			});
			try {
				await this.#db.settings.add(record);
				secret = fresh;
			} catch {
				// Another tab's worker stored one first: every tab must hash with the same secret.
				secret = await this.#readSecret();
				if (!secret) throw new Error(m.draft_storage_sent_secret());
			}
		}
		return new HmacSha256(secret);
	}

	async #readSecret(): Promise<Uint8Array | null> {
		const stored = await this.#db.settings.get(SENT_SECRET_KEY);
		if (!stored) return null;
		const { value } = await openRecord(
			this.#vault,
			'settings',
			stored as MaybeSealed<{ key: string; value: unknown }>,
		);
		// Not `instanceof`: a value read back may come from another realm (a test's DOM).
		return ArrayBuffer.isView(value)
			? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
			: null;
	}

	/** The keyed hash of each email (same order); emails differing only in case hash alike. */
	async hashes(emails: readonly string[]): Promise<string[]> {
		const key = await this.#hmacKey();
		const out: string[] = [];
		for (let i = 0; i < emails.length; i++) {
			if (i > 0 && i % HASH_BATCH === 0) await new Promise((r) => setTimeout(r, 0));
			out.push(key.hexOfText(importEmailKey(emails[i] as string)));
		}
		return out;
	}

	/**
	 * The record of emails the platform accepted from `draftId` (null: none to record), to be
	 * written with the rows they settle (CommitOptions.sentEmails): one transaction per chunk.
	 */
	async batch(
		draftId: string,
		emails: readonly string[],
		sentAt: number,
	): Promise<SentBatchRecord | null> {
		const unique = [...new Set(emails.filter((e) => e.trim() !== '').map(importEmailKey))];
		if (unique.length === 0) return null;
		return { draftId, sentAt, hashes: await this.hashes(unique) };
	}

	/** Records emails the platform accepted from `draftId` (again is harmless: same key). */
	async record(draftId: string, emails: readonly string[], sentAt: number): Promise<void> {
		const batch = await this.batch(draftId, emails, sentAt);
		if (!batch) return;
		try {
			await this.#db.sentBatches.add(batch);
		} catch (error) {
			throw explainStorageError(error);
		}
	}

	/** How many records the device holds (none: nothing to check, nothing to hash). */
	count(): Promise<number> {
		return this.#db.sentBatches.count();
	}

	/**
	 * Every email not sent from `draftId`, by hash: the earliest send of each. Read whole, as the
	 * device's sent emails are far fewer than the rows a check hashes.
	 */
	async others(draftId: string): Promise<Map<string, SentEmailRecord>> {
		const out = new Map<string, SentEmailRecord>();
		await this.#db.sentBatches.each((b) => {
			if (b.draftId === draftId) return;
			for (const hash of b.hashes) {
				const known = out.get(hash);
				if (!known || b.sentAt < known.sentAt)
					out.set(hash, { hash, draftId: b.draftId, sentAt: b.sentAt });
			}
		});
		return out;
	}

	/**
	 * Records the sent rows of drafts that existed before this record did (listed by the schema
	 * upgrade), once: each draft leaves the list when its rows are in.
	 */
	backfill(repo: DraftRepository): Promise<void> {
		this.#backfill ??= this.#runBackfill(repo).finally(() => (this.#backfill = null));
		return this.#backfill;
	}

	async #runBackfill(repo: DraftRepository): Promise<void> {
		const stored = await this.#db.settings.get(SENT_BACKFILL_KEY);
		const ids = Array.isArray(stored?.value) ? (stored.value as unknown[]).map(String) : [];
		if (ids.length === 0) return;
		for (const id of ids) {
			try {
				await this.#backfillDraft(repo, id);
			} catch (error) {
				// Locked: try again at the next unlock. A damaged draft: its rows cannot be read,
				// now or later, so it leaves the list like the others.
				if (error instanceof LockedError) throw error;
			}
			const now = await this.#db.settings.get(SENT_BACKFILL_KEY);
			const left = Array.isArray(now?.value) ? (now.value as unknown[]).map(String) : [];
			const rest = left.filter((x) => x !== id);
			if (rest.length > 0) await this.#db.settings.put({ key: SENT_BACKFILL_KEY, value: rest });
			else await this.#db.settings.delete(SENT_BACKFILL_KEY);
		}
	}

	async #backfillDraft(repo: DraftRepository, id: string): Promise<void> {
		const byTime = new Map<number, string[]>();
		for await (const block of repo.blocks(id)) {
			const c = block.credentials;
			if (!c?.sync) continue;
			const store = RecordStore.fromBlocks([block]);
			for (let j = 0; j < block.count; j++) {
				const state = c.sync[j];
				if (state !== SENT && state !== EXISTS) continue;
				const at = c.syncedAt?.[j] ?? 0;
				const list = byTime.get(at) ?? [];
				list.push(store.field(j, 'email_address'));
				byTime.set(at, list);
			}
		}
		for (const [at, emails] of byTime) await this.record(id, emails, at);
	}
}
