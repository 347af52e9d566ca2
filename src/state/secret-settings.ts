// The page's settings: most are read and written here, but those holding a secret (the import
// API's token) go through the draft worker, which seals them while the passphrase lock is on.
import { SEALED_SETTINGS } from '../storage/sealing.ts';
import type { SettingsRepository, SettingsStore } from '../storage/settings.ts';

/** What the worker offers for the secret settings. */
export interface SecretSettingsBackend {
	read(key: string): Promise<unknown>;
	save(key: string, value: unknown): Promise<void>;
}

export function settingsWithSecrets(
	repo: SettingsRepository,
	secrets: SecretSettingsBackend,
): SettingsStore {
	const secret = (key: string) => SEALED_SETTINGS.includes(key);
	return {
		get: async (key, parse) => {
			if (!secret(key)) return repo.get(key, parse);
			const value = await secrets.read(key);
			return value === null || value === undefined ? undefined : parse(value);
		},
		set: (key, value) => (secret(key) ? secrets.save(key, value) : repo.set(key, value)),
		remove: (key) => repo.remove(key),
	};
}
