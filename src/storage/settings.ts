// Small settings kept on this device (which draft was open last, password and notice choices,
// the import API's address and token). The page writes the settings table, but for the settings
// that hold a secret (SEALED_SETTINGS: the API token), which only the worker reads and writes,
// sealed while the lock is on; the page reaches those through the worker (secretSetting).
import type { RosterDB } from './db.ts';
import { explainStorageError } from './errors.ts';
import { openRecord, sealRecord, type MaybeSealed } from './sealing.ts';
import type { Vault } from './vault.ts';

/** What the state classes need of the settings (the page's mix of repository and worker). */
export interface SettingsStore {
	get<T>(key: string, parse: (value: unknown) => T | undefined): Promise<T | undefined>;
	set(key: string, value: unknown): Promise<void>;
	remove(key: string): Promise<void>;
}

export class SettingsRepository implements SettingsStore {
	#db: RosterDB;
	#vault: Vault | null;

	/** `vault`: the worker's; the page's repository has none and leaves secrets to the worker. */
	constructor(db: RosterDB, vault: Vault | null = null) {
		this.#db = db;
		this.#vault = vault;
	}

	async get<T>(key: string, parse: (value: unknown) => T | undefined): Promise<T | undefined> {
		const stored = await this.#db.settings.get(key);
		if (stored === undefined) return undefined;
		const record = await openRecord(
			this.#vault,
			'settings',
			stored as MaybeSealed<{ key: string; value: unknown }>,
		);
		return parse(record.value);
	}

	/** Saves a setting; a full disk rejects with a StorageFullError, in words the page shows. */
	async set(key: string, value: unknown): Promise<void> {
		try {
			await this.#db.settings.put(await sealRecord(this.#vault, 'settings', { key, value }));
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
