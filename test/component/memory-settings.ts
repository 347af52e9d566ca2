// Settings kept in memory, for component tests about a screen rather than storage.
import type { SettingsStore } from '../../src/storage/settings.ts';

export function memoryStore(): SettingsStore {
	const values = new Map<string, unknown>();
	return {
		get: async (key, parse) => parse(values.get(key)),
		set: async (key, value) => void values.set(key, value),
		remove: async (key) => void values.delete(key),
	};
}
