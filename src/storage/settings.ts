// Small settings kept on this device (which draft was open last).
import type { RosterDB } from './db.ts';

export class SettingsRepository {
	#db: RosterDB;

	constructor(db: RosterDB) {
		this.#db = db;
	}

	async get<T>(key: string, parse: (value: unknown) => T | undefined): Promise<T | undefined> {
		const record = await this.#db.settings.get(key);
		return record === undefined ? undefined : parse(record.value);
	}

	async set(key: string, value: unknown): Promise<void> {
		await this.#db.settings.put({ key, value });
	}

	async remove(key: string): Promise<void> {
		await this.#db.settings.delete(key);
	}
}
