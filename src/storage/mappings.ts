// The column mappings the pro confirmed, one per header row (its `mappingKey`): the next file
// with that header is imported the same way without the step. Every read and write of the
// `mappings` table goes through here, so that encrypting it at rest (issue 13) changes one file.
import { ColumnMappingSchema } from '../core/column-mapping.ts';
import type { MappingRecord, RosterDB } from './db.ts';
import { explainStorageError } from './errors.ts';

/** A stored mapping that does not parse (written by a newer version, or damaged) is ignored. */
function parsed(record: MappingRecord | undefined): MappingRecord | undefined {
	if (!record) return undefined;
	const mapping = ColumnMappingSchema.safeParse(record.mapping);
	if (!mapping.success || !Array.isArray(record.header)) return undefined;
	return { ...record, mapping: mapping.data };
}

export class MappingRepository {
	#db: RosterDB;

	constructor(db: RosterDB) {
		this.#db = db;
	}

	async get(key: string): Promise<MappingRecord | undefined> {
		return parsed(await this.#db.mappings.get(key));
	}

	/** Saves (or replaces) the mapping of a header; a full disk rejects with StorageFullError. */
	async put(record: MappingRecord): Promise<void> {
		try {
			await this.#db.mappings.put(record);
		} catch (error) {
			throw explainStorageError(error);
		}
	}

	/** Every usable mapping, newest first. */
	async list(): Promise<MappingRecord[]> {
		const all = await this.#db.mappings.toArray();
		return all
			.map((r) => parsed(r))
			.filter((r): r is MappingRecord => r !== undefined)
			.sort((a, b) => b.savedAt - a.savedAt);
	}

	async delete(key: string): Promise<void> {
		try {
			await this.#db.mappings.delete(key);
		} catch (error) {
			throw explainStorageError(error);
		}
	}
}
