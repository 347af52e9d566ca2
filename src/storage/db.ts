// The one IndexedDB database, with every schema version it has had. Never edit a version that
// has shipped: add one with its upgrade (see docs/decisions.md for the layout).
import { Dexie, type EntityTable } from 'dexie';
import type { DateOrder } from '../core/dates.ts';
import type { SealedBlock } from '../core/record-store.ts';
import type { RowChange } from '../core/row-patch.ts';
import type { ApiIssue, ImportClient } from '../core/import-api.ts';
import type { DraftRecord } from './draft-record.ts';
import type { ClientRecord } from '../core/record.ts';
import type { Credential } from '../core/credentials.ts';
import type { ColumnMapping } from '../core/column-mapping.ts';
import type { MaybeSealed } from './sealing.ts';
import type { VaultRecord } from './vault.ts';

export const DB_NAME = 'roster';

// The draft record's type comes from its schema, which every read parses (draft-record.ts).
export type { DraftCountsRecord, DraftRecord, DraftSource } from './draft-record.ts';

import type { StoredBlock } from './block-lengths.ts';

export interface BlockRecord extends SealedBlock {
	draftId: string;
	index: number;
}

/** One undo step: small, so the labels of Undo and Redo read fast. */
export interface HistoryRecord {
	draftId: string;
	seq: number;
	label: string;
	at: number;
	dateOrder?: { before: DateOrder | null; after: DateOrder | null };
}

/** The rows an undo step changes (a bulk fix can hold thousands), beside its HistoryRecord. */
export interface HistoryChangesRecord {
	draftId: string;
	seq: number;
	changes: RowChange[];
}

/**
 * A row as an edit left it, not folded into its block yet (src/storage/edit-log.ts): one record
 * per row, replaced by the row's next edit, so applying the log twice changes nothing.
 */
export interface EditRecord {
	draftId: string;
	/** The row's index in the draft. */
	index: number;
	rec: ClientRecord;
	deleted: boolean;
	credential: Credential;
}

export interface SettingRecord {
	key: string;
	value: unknown;
}

/**
 * One chunk of a sync batch, written before its first send and removed once the server's
 * answer is applied to the rows (so its passwords do not stay on the device longer than needed).
 */
export interface OutboxRecord {
	/** `${batchId}:${index}`. */
	id: string;
	draftId: string;
	batchId: string;
	/** Chunk index in the batch, and how many chunks the batch has. */
	index: number;
	count: number;
	/** Sent as Idempotency-Key: the same on every retry, so the server never imports it twice. */
	key: string;
	/** The draft row index of each client, in the order sent. */
	rows: number[];
	clients: ImportClient[];
	attempts: number;
	/** Not sent again before this time (ms): backoff and Retry-After. */
	nextAt: number;
	/** Why the last attempt did not go through (shown while it waits). */
	lastError: string | null;
	createdAt: number;
}

/** The server's reasons for a rejected row, until the row is edited. */
export interface SyncIssueRecord {
	draftId: string;
	index: number;
	issues: ApiIssue[];
}

/** A mapping the pro confirmed for a header row, applied to the next file with the same header. */
export interface MappingRecord {
	/** `mappingKey(header)`. */
	key: string;
	/** The header row as written when it was confirmed. */
	header: string[];
	mapping: ColumnMapping;
	savedAt: number;
}

/**
 * An email the platform accepted (created or already registered) from a draft of this device,
 * kept as a keyed hash only (src/storage/sent-emails.ts): with the lock on, checking an email
 * against it needs the device secret, which is sealed.
 */
export interface SentEmailRecord {
	/** HMAC-SHA-256 of the email's key under the device secret, hex. */
	hash: string;
	draftId: string;
	/** When the platform's answer came (ms). */
	sentAt: number;
}

/** The emails one answer of the platform accepted from a draft, as SentEmailRecord's hashes. */
export interface SentBatchRecord {
	id?: number;
	draftId: string;
	sentAt: number;
	hashes: string[];
}

/**
 * Every table that holds client data stores each record either in clear or with those fields
 * sealed (src/storage/sealing.ts): read them through the repositories, which open them.
 */
export type RosterDB = Dexie & {
	drafts: Dexie.Table<MaybeSealed<DraftRecord>, string>;
	/** Each block as `storedBlock` gives it (block-lengths.ts); read through `openedBlock`. */
	blocks: Dexie.Table<MaybeSealed<StoredBlock>, [string, number]>;
	history: Dexie.Table<MaybeSealed<HistoryRecord>, [string, number]>;
	historyChanges: Dexie.Table<MaybeSealed<HistoryChangesRecord>, [string, number]>;
	settings: Dexie.Table<MaybeSealed<SettingRecord>, string>;
	outbox: Dexie.Table<MaybeSealed<OutboxRecord>, string>;
	syncIssues: Dexie.Table<MaybeSealed<SyncIssueRecord>, [string, number]>;
	mappings: Dexie.Table<MaybeSealed<MappingRecord>, string>;
	/** The passphrase lock: its record and the wrapped keys (src/storage/vault.ts). */
	keys: EntityTable<VaultRecord, 'id'>;
	/** Emails sent to the platform from any draft, as keyed hashes (never sealed: no clear data). */
	/** Version 6's one record per email; emptied into sentBatches by version 8. */
	sentEmails: Dexie.Table<SentEmailRecord, [string, string]>;
	/** Emails sent to the platform, one record per answer (keyed hashes, never sealed). */
	sentBatches: EntityTable<SentBatchRecord, 'id'>;
	/** Rows edited since their block was last written (src/storage/edit-log.ts). */
	edits: Dexie.Table<MaybeSealed<EditRecord>, [string, number]>;
};

/** Version 1: drafts and their row blocks. */
export function declareVersion1(db: Dexie): void {
	db.version(1).stores({ drafts: 'id, updatedAt', blocks: '[draftId+index]' });
}

/** Version 2: undo history, settings, a draft's position and soft delete. */
export function declareVersion2(db: Dexie): void {
	db.version(2)
		.stores({
			drafts: 'id, updatedAt, deletedAt',
			history: '[draftId+seq]',
			historyChanges: '[draftId+seq]',
			settings: 'key',
		})
		.upgrade((tx) =>
			tx
				.table('drafts')
				.toCollection()
				.modify((d: Record<string, unknown>) => {
					d.position ??= 0;
					d.historyHead ??= 0;
					d.historyStart ??= 0;
					d.historyEnd ??= 0;
					d.deletedAt ??= null;
					d.status ??= 'ready';
					d.fileRows ??= (d.counts as { rows?: number } | undefined)?.rows ?? 0;
				}),
		);
}

/** Version 3: the sync outbox and the server's reasons for rejected rows. */
export function declareVersion3(db: Dexie): void {
	db.version(3).stores({
		outbox: 'id, draftId, createdAt',
		syncIssues: '[draftId+index]',
	});
}

/**
 * Version 4: the column mappings the pro confirmed, by header key. Drafts need no upgrade: the
 * mapping and gender convention they gained are optional (absent: matched as the template).
 */
export function declareVersion4(db: Dexie): void {
	db.version(4).stores({ mappings: 'key' });
}

/**
 * Version 5: the passphrase lock's keys (src/storage/vault.ts). Records gain an optional
 * `sealed` field and drafts an optional `family` (the draft a copy was made from): no upgrade.
 */
export function declareVersion5(db: Dexie): void {
	db.version(5).stores({ keys: 'id' });
}

/** Settings key: drafts that existed before version 6, whose sent rows are not recorded yet. */
export const SENT_BACKFILL_KEY = 'sentEmailsBackfill';

/**
 * Version 6: the emails sent from every draft, as keyed hashes (src/storage/sent-emails.ts).
 * Hashing needs Web Crypto and perhaps the passphrase, neither usable inside an upgrade: the
 * upgrade only lists the drafts that may hold sent rows, and the worker records them on first use.
 */
export function declareVersion6(db: Dexie): void {
	db.version(6)
		.stores({ sentEmails: '[hash+draftId], hash, draftId' })
		.upgrade(async (tx) => {
			const ids = await tx.table('drafts').toCollection().primaryKeys();
			if (ids.length > 0) await tx.table('settings').put({ key: SENT_BACKFILL_KEY, value: ids });
		});
}

/**
 * Version 7: the edit log, rows edited since their block was written, keyed like blocks by draft
 * and row index (a block's edits are one key range). New table only: no upgrade.
 */
export function declareVersion7(db: Dexie): void {
	db.version(7).stores({ edits: '[draftId+index]' });
}

/**
 * Version 8: sent emails kept as one record per answered chunk (its hashes in a list) instead of
 * one per email. Chromium spends ~70 µs of the worker's time per IndexedDB request, so 500 puts
 * per chunk cost more than the chunk's rows; the lookup reads every record anyway.
 */
export function declareVersion8(db: Dexie): void {
	db.version(8)
		.stores({ sentBatches: '++id, draftId' })
		.upgrade(async (tx) => {
			const batches = new Map<string, SentBatchRecord>();
			await tx
				.table('sentEmails')
				.toCollection()
				.each((r: SentEmailRecord) => {
					const key = `${r.sentAt}\u0000${r.draftId}`;
					const batch = batches.get(key);
					if (batch) batch.hashes.push(r.hash);
					else batches.set(key, { draftId: r.draftId, sentAt: r.sentAt, hashes: [r.hash] });
				});
			await tx.table('sentBatches').bulkAdd([...batches.values()]);
			await tx.table('sentEmails').clear();
		});
}

/**
 * Version 9: a block may keep its text one byte per character, with its values past Latin-1 in
 * `wide` (src/core/narrow-text.ts). Nothing to migrate (older blocks read as before), but an
 * older app would read those values as empty: the version keeps it from opening the database.
 */
export function declareVersion9(db: Dexie): void {
	db.version(9).stores({});
}

/**
 * Version 10: a block may keep its row numbers and each row's count of values as strings
 * (`rowsFrom`, `rowSteps`, `counts`: src/storage/block-lengths.ts). Nothing to migrate, but an
 * older app would find such a block without rows: the version keeps it from opening the database.
 */
export function declareVersion10(db: Dexie): void {
	db.version(10).stores({});
}

/**
 * Version 11: every write that changes a draft's rows gives its record a new `rowsStamp`, and an
 * edit trusts the blocks it read before while the stamp is the same (known-rows.ts). An older
 * app would change rows and write the stamp back as it found it: the version keeps it from
 * opening the database (an open tab of it closes, storage-upgraded).
 */
export function declareVersion11(db: Dexie): void {
	db.version(11).stores({});
}

/**
 * Version 12: the outbox's chunks indexed by their attempts, so that the sync engine, handed the
 * chunks of a batch just queued, can tell from keys alone which of them an engine has tried
 * since (src/sync/engine.ts #read) and read those back. Nothing to migrate.
 */
export function declareVersion12(db: Dexie): void {
	db.version(12).stores({ outbox: 'id, draftId, createdAt, attempts' });
}

export const DB_VERSION = 12;

export function openDatabase(name = DB_NAME): RosterDB {
	// Strict: an edit counts as saved only once it is on disk, not just handed to the OS.
	const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as RosterDB;
	declareVersion1(db);
	declareVersion2(db);
	declareVersion3(db);
	declareVersion4(db);
	declareVersion5(db);
	declareVersion6(db);
	declareVersion7(db);
	declareVersion8(db);
	declareVersion9(db);
	declareVersion10(db);
	declareVersion11(db);
	declareVersion12(db);
	return db;
}
