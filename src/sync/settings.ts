// Where the app sends its batches: the import API address and token, kept in this device's
// settings. Read by the page (Settings, Test connection) and by the worker (each drain).
import { z } from 'zod';
import type { SettingsStore } from '../storage/settings.ts';
import type { SyncConfig } from './api-client.ts';

export const SYNC_SETTINGS_KEY = 'syncSettings';

export const SyncSettingsSchema = z.object({
	baseUrl: z.string().max(2048),
	token: z.string().max(4096),
});
export type SyncSettings = z.infer<typeof SyncSettingsSchema>;

/** What `npm start` serves beside the app, so the app it serves is set up to sync there. */
export const ServedConfigSchema = z.object({ apiBase: z.string(), token: z.string().nullable() });

export async function readSyncSettings(repo: SettingsStore): Promise<SyncSettings | undefined> {
	return repo.get(SYNC_SETTINGS_KEY, (v) => SyncSettingsSchema.safeParse(v).data);
}

/** The settings as the engine needs them, or null while they are incomplete. */
export function syncConfigOf(settings: SyncSettings | undefined): SyncConfig | null {
	if (!settings || settings.baseUrl.trim() === '' || settings.token.trim() === '') return null;
	return { baseUrl: settings.baseUrl.trim(), token: settings.token.trim() };
}
