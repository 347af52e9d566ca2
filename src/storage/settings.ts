// Small settings kept on this device (which draft was open last, password and notice choices,
// the import API's address and token). Only the page writes the settings table (the settings
// screens, the sync state); the worker only reads it, for the import API's address and token.
import type { RosterDB } from './db.ts';
import { explainStorageError } from './errors.ts';

export class SettingsRepository {
	#db: RosterDB;

	constructor(db: RosterDB) {
		this.#db = db;
	}

	async get<T>(key: string, parse: (value: unknown) => T | undefined): Promise<T | undefined> {
		const record = await this.#db.settings.get(key);
		return record === undefined ? undefined : parse(record.value);
	}

	/** Saves a setting; a full disk rejects with a StorageFullError, in words the page shows. */
	async set(key: string, value: unknown): Promise<void> {
		try {
			await this.#db.settings.put({ key, value });
		} catch (error) {
			throw explainStorageError(error);
		}
	}

	async remove(key: string): Promise<void> {
		try {
			await this.#db.settings.delete(key);
		} catch (error) {
			throw explainStorageError(error);
		}
	}
}
