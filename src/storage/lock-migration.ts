// Turning the lock on or off for what is already stored: every record that holds client data is
// sealed (or opened) page by page, each page in its own transaction. A closed tab leaves some
// records sealed and others not; every read handles both, and the lock's record says the work is
// unfinished, so it goes on at the next unlock. Drafts' own records go last, after their rows.
import type { Table } from 'dexie';
import type { RosterDB } from './db.ts';
import { isSealed, openRecord, sealRecord, SEALED_SETTINGS, type SealedTable } from './sealing.ts';
import type { Vault } from './vault.ts';

export interface MigrationProgress {
	phase: 'encrypting' | 'decrypting';
	done: number;
	total: number;
}

const PAGE = 16;
const ORDER: SealedTable[] = [
	'blocks',
	'edits',
	'historyChanges',
	'history',
	'outbox',
	'syncIssues',
	'settings',
	'drafts',
];

function tableOf(db: RosterDB, name: SealedTable): Table<object, unknown> {
	return db.table(name);
}

/** Primary keys of the records to change in `table` (settings: only those holding a secret). */
async function keysOf(db: RosterDB, name: SealedTable): Promise<unknown[]> {
	if (name === 'settings') return [...SEALED_SETTINGS];
	return tableOf(db, name).toCollection().primaryKeys();
}

/**
 * Seals (`encrypting`) or opens (`decrypting`) every stored record with client data. Records
 * already in the wanted form are left alone, so a run that was cut off can simply run again.
 */
export async function migrateRecords(
	db: RosterDB,
	vault: Vault,
	phase: MigrationProgress['phase'],
	onProgress: (progress: MigrationProgress) => void = () => undefined,
): Promise<void> {
	const keys = await Promise.all(ORDER.map((name) => keysOf(db, name)));
	const mappings = await db.mappings.count();
	const total = keys.reduce((n, k) => n + k.length, 0) + mappings;
	let done = 0;
	onProgress({ phase, done, total });
	for (const [t, name] of ORDER.entries()) {
		const table = tableOf(db, name);
		const all = keys[t] as unknown[];
		for (let from = 0; from < all.length; from += PAGE) {
			const page = all.slice(from, from + PAGE);
			const records = (await table.bulkGet(page)).filter((r): r is object => r !== undefined);
			const changed = await Promise.all(
				records
					.filter((r) => isSealed(r) !== (phase === 'encrypting'))
					.map((r) =>
						phase === 'encrypting'
							? sealRecord(vault, name, r)
							: openRecord<object>(vault, name, r as never),
					),
			);
			if (changed.length > 0) await table.bulkPut(changed);
			done += page.length;
			onProgress({ phase, done, total });
		}
	}
	await migrateMappings(db, vault, phase);
	onProgress({ phase, done: total, total });
}

/** Mappings change their key as well (a sealed one is stored under a random key). */
async function migrateMappings(
	db: RosterDB,
	vault: Vault,
	phase: MigrationProgress['phase'],
): Promise<void> {
	const all = await db.mappings.toArray();
	for (const stored of all) {
		if (isSealed(stored) === (phase === 'encrypting')) continue;
		const oldKey = String(stored.key);
		let next: object;
		if (phase === 'encrypting') {
			next = { ...(await sealRecord(vault, 'mappings', stored)), key: `#${crypto.randomUUID()}` };
		} else {
			const rest: Record<string, unknown> = { ...stored };
			delete rest.key;
			next = await openRecord<object>(vault, 'mappings', rest as never);
		}
		await db.transaction('rw', db.mappings, async () => {
			await db.mappings.delete(oldKey);
			await db.mappings.put(next as never);
		});
	}
}
