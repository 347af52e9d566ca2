// The passphrase lock through the real worker service: turned on for drafts already there (with
// progress), locked (nothing of a draft can be read), a wrong passphrase, the right one, renamed
// and listed while sealed, and turned off again.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { Vault } from '../../../src/storage/vault.ts';
import { clientsCsv, harness, uniqueName } from './harness.ts';

const PASS = 'a long shared-tablet passphrase';

async function lockedHarness(name: string) {
	const db = openDatabase(name);
	return harness(name, { db, vault: await Vault.load(db) });
}

describe('DraftService: the passphrase lock', () => {
	it('encrypts the drafts already there, then a new worker is locked until the right passphrase', async () => {
		const name = uniqueName('lock-service');
		const h = await lockedHarness(name);
		const draftId = (await h.importText(clientsCsv(3))).draft.id;
		await h.call('renameDraft', { draftId, name: 'Clinic Nordlicht' });
		expect(await h.call('lockStatus', {})).toEqual({
			enabled: false,
			unlocked: true,
			migrating: null,
		});

		await h.call('turnOnLock', { passphrase: PASS });
		expect(h.events.lockProgress.at(-1)).toMatchObject({ phase: 'encrypting' });
		const last = h.events.lockProgress.at(-1);
		expect(last?.done).toBe(last?.total);
		expect(await h.call('lockStatus', {})).toEqual({
			enabled: true,
			unlocked: true,
			migrating: null,
		});
		expect((await h.call('listDrafts', {}))[0]?.name).toBe('Clinic Nordlicht');

		// Another page: a new worker over the same database.
		const later = await lockedHarness(name);
		expect(await later.call('lockStatus', {})).toMatchObject({ enabled: true, unlocked: false });
		expect(await later.failure('listDrafts', {})).toMatchObject({ reason: 'locked' });
		expect(await later.failure('open', { draftId, today: '20260101' })).toMatchObject({
			reason: 'locked',
		});
		expect(await later.call('unlock', { passphrase: 'not the passphrase' })).toBe(false);
		expect(await later.failure('listDrafts', {})).toMatchObject({ reason: 'locked' });
		expect(await later.call('unlock', { passphrase: PASS })).toBe(true);
		await later.open(draftId);
		expect((await later.rows(0, 1))[0]?.email_address).toBe('client0@example.com');
		await later.call('renameDraft', { draftId, name: 'Clinic Südlicht' });
		expect((await later.call('listDrafts', {}))[0]?.name).toBe('Clinic Südlicht');

		// Locked again: the open draft is gone from the worker too.
		await later.call('lock', {});
		expect(await later.failure('rows', { offset: 0, limit: 1 })).toMatchObject({
			message: expect.stringMatching(/no draft is open/i),
		});

		expect(await later.call('unlock', { passphrase: PASS })).toBe(true);
		expect(await later.call('turnOffLock', { passphrase: 'wrong' })).toBe(false);
		expect(await later.call('turnOffLock', { passphrase: PASS })).toBe(true);
		const plain = await lockedHarness(name);
		expect(await plain.call('lockStatus', {})).toEqual({
			enabled: false,
			unlocked: true,
			migrating: null,
		});
		expect((await plain.call('listDrafts', {}))[0]?.name).toBe('Clinic Südlicht');
	});

	it('changes the passphrase: the old one no longer opens the drafts', async () => {
		const name = uniqueName('lock-change');
		const h = await lockedHarness(name);
		await h.importText(clientsCsv(2));
		await h.call('turnOnLock', { passphrase: PASS });
		expect(
			await h.call('changePassphrase', { current: 'wrong', next: 'new passphrase here' }),
		).toBe(false);
		expect(await h.call('changePassphrase', { current: PASS, next: 'new passphrase here' })).toBe(
			true,
		);
		const later = await lockedHarness(name);
		expect(await later.call('unlock', { passphrase: PASS })).toBe(false);
		expect(await later.call('unlock', { passphrase: 'new passphrase here' })).toBe(true);
		expect(await later.call('listDrafts', {})).toHaveLength(1);
	});
});
