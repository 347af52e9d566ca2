// Settings on a full disk: the write fails with the words the page shows for a full disk, and
// the setting saved before stays.
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { StorageFullError } from '../../../src/storage/errors.ts';
import { SettingsRepository } from '../../../src/storage/settings.ts';
import { quotaSwitch, uniqueName } from './harness.ts';

it('says the disk is full when a setting cannot be saved, and keeps the one saved before', async () => {
	const db = openDatabase(uniqueName('settings-quota'));
	const quota = quotaSwitch(db);
	const settings = new SettingsRepository(db);
	await settings.set('paper', { pageSize: 'a4' });
	quota.failing = true;
	const failed: unknown = await settings.set('paper', { pageSize: 'letter' }).catch((e) => e);
	const removed: unknown = await settings.remove('paper').catch((e) => e);
	quota.failing = false;
	expect(failed).toBeInstanceOf(StorageFullError);
	expect(removed).toBeInstanceOf(StorageFullError);
	expect((failed as Error).message).toMatch(/Delete drafts you no longer need/);
	expect(await settings.get('paper', (v) => v)).toEqual({ pageSize: 'a4' });
});
