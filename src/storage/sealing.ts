// Which fields of each stored record hold client data, and how they are sealed into one
// `sealed` field and opened again. A record carries either its fields in clear or `sealed`, so
// every read works on both (a lock turned on half-way, a draft from before the lock). Fields
// that are only numbers, times and states stay in clear: the home screen lists drafts, and
// another tab writes a draft's position, without a key.
import type { Vault, Sealed } from './vault.ts';
import { DEVICE } from './vault.ts';
import { m } from '../i18n/messages.ts';

/** What each table seals, and where (the additional data names the table and record key). */
export const SEALED_FIELDS = {
	drafts: ['name', 'source', 'header', 'fileIssues', 'mapping'],
	blocks: [
		'count',
		'rows',
		'rowsFrom',
		'rowSteps',
		'starts',
		'counts',
		'text',
		'ends',
		'lens',
		'wide',
		'deleted',
		'credentials',
		'leftOut',
	],
	edits: ['rec', 'deleted', 'credential'],
	history: ['label', 'dateOrder'],
	historyChanges: ['changes'],
	outbox: ['rows', 'clients', 'lastError'],
	syncIssues: ['issues'],
	mappings: ['key', 'header', 'mapping'],
	settings: ['value'],
} as const;
export type SealedTable = keyof typeof SEALED_FIELDS;

/**
 * The settings that hold a secret: the import API's address and token, and the key of the sent
 * emails' hashes (src/storage/sent-emails.ts).
 */
export const SEALED_SETTINGS: readonly string[] = ['syncSettings', 'sentEmailsSecret'];

export type MaybeSealed<T> = T | (Partial<T> & { sealed: Sealed });

export function isSealed(record: unknown): record is { sealed: Sealed } {
	return typeof record === 'object' && record !== null && 'sealed' in record;
}

/** The owner and place of a record: its draft (or the device) and `table:key`. */
export function placeOf(table: SealedTable, record: Record<string, unknown>): [string, string] {
	switch (table) {
		case 'drafts':
			return [String(record.id), 'drafts'];
		case 'blocks':
			return [String(record.draftId), `blocks:${String(record.index)}`];
		case 'edits':
			return [String(record.draftId), `edits:${String(record.index)}`];
		case 'history':
		case 'historyChanges':
			return [String(record.draftId), `${table}:${String(record.seq)}`];
		case 'outbox':
			return [String(record.draftId), `outbox:${String(record.id)}`];
		case 'syncIssues':
			return [String(record.draftId), `syncIssues:${String(record.index)}`];
		// A sealed mapping is stored under a random key (its own key is a header row).
		case 'mappings':
			return [DEVICE, 'mappings'];
		case 'settings':
			return [DEVICE, `settings:${String(record.key)}`];
	}
}

/** The record as stored now: its client data sealed while the lock is on, else as it is. */
export async function sealRecord<T extends object>(
	vault: Vault | null,
	table: SealedTable,
	record: T,
): Promise<T | (Partial<T> & { sealed: Sealed })> {
	if (!vault || (!vault.sealing && !vault.locked)) return record;
	const clear: Record<string, unknown> = { ...(record as Record<string, unknown>) };
	const secret: Record<string, unknown> = {};
	for (const field of SEALED_FIELDS[table]) {
		if (field in clear) {
			secret[field] = clear[field];
			delete clear[field];
		}
	}
	const [owner, where] = placeOf(table, clear);
	const sealed = await vault.seal(owner, where, secret);
	return sealed ? ({ ...clear, sealed } as Partial<T> & { sealed: Sealed }) : record;
}

/** The record with its client data in clear (a record stored in clear is returned as it is). */
export async function openRecord<T extends object>(
	vault: Vault | null,
	table: SealedTable,
	record: MaybeSealed<T>,
): Promise<T> {
	if (!isSealed(record)) return record as T;
	if (!vault) throw new Error(m.draft_storage_sealed());
	const { sealed, ...clear } = record;
	const [owner, where] = placeOf(table, clear as Record<string, unknown>);
	const secret = (await vault.open(owner, where, sealed)) as Record<string, unknown>;
	return { ...clear, ...secret } as T;
}
