// The column mappings the pro confirmed, one per header row (its `mappingKey`): the next file
// with that header is imported the same way without the step. Every read and write of the
// `mappings` table goes through here. With the lock on, a mapping is sealed whole, its header
// key too, and stored under a random key: finding one opens them all (they are few).
import { ColumnMappingSchema } from '../core/column-mapping.ts';
import type { MappingRecord, RosterDB } from './db.ts';
import { explainStorageError } from './errors.ts';
import { isSealed, openRecord, sealRecord, type MaybeSealed } from './sealing.ts';
import type { Vault } from './vault.ts';

/** A stored mapping that does not parse (written by a newer version, or damaged) is ignored. */
function parsed(record: MappingRecord | undefined): MappingRecord | undefined {
	if (!record) return undefined;
	const mapping = ColumnMappingSchema.safeParse(record.mapping);
	if (!mapping.success || !Array.isArray(record.header)) return undefined;
	return { ...record, mapping: mapping.data };
}

/** A mapping with the key it is stored under (its own key, or a random one when sealed). */
interface StoredMapping {
	storedKey: string;
	record: MappingRecord;
}

export class MappingRepository {
	#db: RosterDB;
	#vault: Vault | null;

	constructor(db: RosterDB, vault: Vault | null = null) {
		this.#db = db;
		this.#vault = vault;
	}

	async #all(): Promise<StoredMapping[]> {
		const stored = await this.#db.mappings.toArray();
		const opened = await Promise.all(stored.map((r) => this.#open(r).catch(() => undefined)));
		return opened.filter((m): m is StoredMapping => m !== undefined);
	}

	async #open(stored: MaybeSealed<MappingRecord>): Promise<StoredMapping | undefined> {
		const storedKey = String(stored.key);
		if (!isSealed(stored)) {
			const record = parsed(stored as MappingRecord);
			return record ? { storedKey, record } : undefined;
		}
		// The key it is stored under is random: its own is sealed with the rest.
		const rest: Record<string, unknown> = { ...stored };
		delete rest.key;
		const record = parsed(await openRecord<MappingRecord>(this.#vault, 'mappings', rest as never));
		return record ? { storedKey, record } : undefined;
	}

	async get(key: string): Promise<MappingRecord | undefined> {
		const direct = await this.#db.mappings.get(key);
		if (direct && !isSealed(direct)) return parsed(direct as MappingRecord);
		if (!this.#vault?.enabled) return undefined;
		return (await this.#all()).find((m) => m.record.key === key)?.record;
	}

	/** Saves (or replaces) the mapping of a header; a full disk rejects with StorageFullError. */
	async put(record: MappingRecord): Promise<void> {
		try {
			const sealed = await sealRecord(this.#vault, 'mappings', record);
			if (!isSealed(sealed)) {
				await this.#db.mappings.put(record);
				return;
			}
			const same = (await this.#all()).filter((m) => m.record.key === record.key);
			const storedKey = same[0]?.storedKey.startsWith('#')
				? same[0].storedKey
				: `#${crypto.randomUUID()}`;
			const db = this.#db;
			await db.transaction('rw', db.mappings, async () => {
				await db.mappings.bulkDelete(same.map((m) => m.storedKey));
				await db.mappings.put({ ...sealed, key: storedKey });
			});
		} catch (error) {
			throw explainStorageError(error);
		}
	}

	/** Every usable mapping, newest first. */
	async list(): Promise<MappingRecord[]> {
		return (await this.#all()).map((m) => m.record).sort((a, b) => b.savedAt - a.savedAt);
	}

	async delete(key: string): Promise<void> {
		try {
			const stored = (await this.#all()).filter((m) => m.record.key === key);
			await this.#db.mappings.bulkDelete([key, ...stored.map((m) => m.storedKey)]);
		} catch (error) {
			throw explainStorageError(error);
		}
	}
}
