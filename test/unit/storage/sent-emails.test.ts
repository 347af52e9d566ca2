// The device's record of sent emails: keyed hashes only (never the email), keyed by a device
// secret of its own, which the lock seals like the API token; the schema upgrade to version 6
// with the drafts sent before it recorded on first use; and the HMAC, checked against Web Crypto.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
	declareVersion1,
	declareVersion2,
	declareVersion3,
	declareVersion4,
	declareVersion5,
	declareVersion6,
	DB_VERSION,
	openDatabase,
	SENT_BACKFILL_KEY,
	type RosterDB,
} from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { migrateRecords } from '../../../src/storage/lock-migration.ts';
import { SENT_SECRET_KEY, SentEmails } from '../../../src/storage/sent-emails.ts';
import { HmacSha256 } from '../../../src/storage/hmac-sha256.ts';
import { LockedError, Vault } from '../../../src/storage/vault.ts';
import { draftRecord, putDraft, quotaSwitch, storedRows, storeOf, uniqueName } from './harness.ts';

const PASS = 'correct horse battery staple';
const opened: RosterDB[] = [];

function open(name: string): RosterDB {
	const db = openDatabase(name);
	opened.push(db);
	return db;
}

afterEach(() => {
	for (const db of opened.splice(0)) db.close();
});

describe('SentEmails', () => {
	it('records keyed hashes, never the email, and finds them from another draft only', async () => {
		const db = open(uniqueName('sent'));
		const sent = new SentEmails(db, null);
		await sent.record('d1', ['Ann@Example.com', 'bob@example.com', ' '], 1000);
		const stored = await db.sentBatches.toArray();
		expect(stored).toHaveLength(1);
		expect(stored[0]?.hashes).toHaveLength(2);
		expect(JSON.stringify(stored)).not.toMatch(/example/i);
		for (const hash of stored[0]?.hashes ?? []) expect(hash).toMatch(/^[0-9a-f]{64}$/);
		for (const r of stored)
			expect(r).toMatchObject({
				draftId: 'd1',
				sentAt: 1000,
			});
		// The email's case does not matter, as on the platform.
		const [ann] = await sent.hashes(['ann@example.COM']);
		const others = await sent.others('d2');
		expect(others.get(ann as string)).toMatchObject({ draftId: 'd1', sentAt: 1000 });
		expect((await sent.others('d1')).size).toBe(0);
	});

	it('keys the hashes with a secret of this device: another device hashes differently', async () => {
		const here = new SentEmails(open(uniqueName('sent-a')), null);
		const there = new SentEmails(open(uniqueName('sent-b')), null);
		const [a] = await here.hashes(['ann@example.com']);
		const [b] = await there.hashes(['ann@example.com']);
		expect(a).not.toBe(b);
		// The same device (a new worker) hashes as before: the secret is stored.
		const db = open(uniqueName('sent-c'));
		const first = await new SentEmails(db, null).hashes(['ann@example.com']);
		const again = await new SentEmails(db, null).hashes(['ann@example.com']);
		expect(again).toEqual(first);
		expect(await db.settings.get(SENT_SECRET_KEY)).toMatchObject({ value: expect.any(Uint8Array) });
	});

	it('under the lock, the secret is sealed and nothing can be checked until unlocked; off: clear', async () => {
		const name = uniqueName('sent-lock');
		const db = open(name);
		const before = await new SentEmails(db, null).hashes(['ann@example.com']);
		const vault = await Vault.load(db);
		await vault.turnOn(PASS, 1);
		await migrateRecords(db, vault, 'encrypting');
		await vault.setState('on');
		const stored = await db.settings.get(SENT_SECRET_KEY);
		expect(stored).toHaveProperty('sealed');
		expect(stored).not.toHaveProperty('value');

		const again = open(name);
		const later = await Vault.load(again);
		const locked = new SentEmails(again, later);
		await expect(locked.hashes(['ann@example.com'])).rejects.toBeInstanceOf(LockedError);
		expect(await later.unlock(PASS)).toBe(true);
		expect(await locked.hashes(['ann@example.com'])).toEqual(before);

		// Turned off: the secret is in clear again, and hashes as before.
		await later.setState('decrypting');
		await migrateRecords(again, later, 'decrypting');
		await later.turnOff();
		expect(await again.settings.get(SENT_SECRET_KEY)).toMatchObject({
			value: expect.any(Uint8Array),
		});
		expect(await new SentEmails(again, later).hashes(['ann@example.com'])).toEqual(before);
	});

	it('makes one secret when two workers start at once', async () => {
		const db = open(uniqueName('sent-race'));
		const [a, b] = await Promise.all([
			new SentEmails(db, null).hashes(['ann@example.com']),
			new SentEmails(db, null).hashes(['ann@example.com']),
		]);
		expect(a).toEqual(b);
	});
});

describe('DraftRepository.commit with sent emails', () => {
	it('records them with the rows they settle, or neither when the write fails', async () => {
		const db = open(uniqueName('sent-commit'));
		const quota = quotaSwitch(db);
		const repo = new DraftRepository(db);
		await putDraft(repo, draftRecord('d'), storeOf(2));
		const sent = new SentEmails(db, null);
		const batch = await sent.batch('d', ['ann@example.com'], 50);
		const sentEmails = batch ? [batch] : [];

		quota.failing = true;
		quota.table = 'sentBatches';
		const failed = repo.commit('d', [{ index: 0, set: { first_name: 'Zoe' } }], null, 10, {
			sentEmails,
		});
		await expect(failed).rejects.toThrow();
		expect((await storedRows(repo, 'd')).field(0, 'first_name')).toBe('Ann');

		quota.failing = false;
		await repo.commit('d', [{ index: 0, set: { first_name: 'Zoe' } }], null, 11, { sentEmails });
		expect((await storedRows(repo, 'd')).field(0, 'first_name')).toBe('Zoe');
		expect(await db.sentBatches.toArray()).toEqual([
			{ id: expect.any(Number), hashes: batch?.hashes, draftId: 'd', sentAt: 50 },
		]);
		expect(batch?.hashes).toHaveLength(1);
	});
});

describe('DraftRepository.commit clearing rejection reasons', () => {
	it("removes the reasons of the rows asked, whichever had some, and no other draft's", async () => {
		const db = open(uniqueName('issues-clear'));
		const repo = new DraftRepository(db);
		await putDraft(repo, draftRecord('d'), storeOf(4));
		await putDraft(repo, draftRecord('e'), storeOf(4));
		const issue = (draftId: string, index: number) => ({
			draftId,
			index,
			issues: [{ code: 'tag.unknown', message: 'no such tag' }],
		});
		await repo.commit('d', [], null, 10, { syncIssues: { put: [issue('d', 1), issue('d', 3)] } });
		await repo.commit('e', [], null, 10, { syncIssues: { put: [issue('e', 1)] } });
		await repo.commit('d', [], null, 11, { syncIssues: { remove: [0, 1, 2] } });
		const left = await db.syncIssues.toArray();
		expect(left.map((r) => [r.draftId, r.index]).sort()).toEqual([
			['d', 3],
			['e', 1],
		]);
	});
});

describe('schema upgrade to version 6', () => {
	/** A version-5 database with a draft whose rows 0 and 2 the platform accepted. */
	async function makeVersion5(name: string): Promise<void> {
		const db = new Dexie(name) as RosterDB;
		for (const declare of [declareVersion1, declareVersion2, declareVersion3, declareVersion4])
			declare(db);
		declareVersion5(db);
		await db.open();
		// Stored as version 5 wrote it: blocks only (today's commit also writes later tables).
		const rows = storeOf(3);
		rows.setCredential(0, { sync: 'synced', syncedAt: 500 });
		rows.setCredential(2, { sync: 'exists', syncedAt: 600 });
		await putDraft(new DraftRepository(db), draftRecord('old', { name: 'Spring clients' }), rows);
		db.close();
	}

	it('adds the table, lists the drafts to record, and records their sent rows once', async () => {
		const name = uniqueName('upgrade-sent');
		await makeVersion5(name);
		const db = open(name);
		await db.open();
		expect(db.verno).toBe(DB_VERSION);
		expect(await db.sentBatches.count()).toBe(0);
		expect(await db.settings.get(SENT_BACKFILL_KEY)).toMatchObject({ value: ['old'] });
		const sent = new SentEmails(db, null);
		await sent.backfill(new DraftRepository(db));
		expect(await db.settings.get(SENT_BACKFILL_KEY)).toBeUndefined();
		const others = await sent.others('new');
		const [c0, c1, c2] = await sent.hashes([
			'client0@example.com',
			'client1@example.com',
			'client2@example.com',
		]);
		expect(others.get(c0 as string)).toMatchObject({ draftId: 'old', sentAt: 500 });
		expect(others.has(c1 as string)).toBe(false);
		expect(others.get(c2 as string)).toMatchObject({ draftId: 'old', sentAt: 600 });
		// Once is enough: nothing is listed any more.
		await db.sentBatches.clear();
		await sent.backfill(new DraftRepository(db));
		expect(await db.sentBatches.count()).toBe(0);
	});

	it('a new database has nothing to record', async () => {
		const db = open(uniqueName('fresh-sent'));
		await db.open();
		expect(await db.settings.get(SENT_BACKFILL_KEY)).toBeUndefined();
	});
});

describe('schema upgrade to version 8', () => {
	it("moves version 6's one record per email into one per answer, found as before", async () => {
		const name = uniqueName('upgrade-batches');
		const old = new Dexie(name) as RosterDB;
		for (const declare of [declareVersion1, declareVersion2, declareVersion3, declareVersion4])
			declare(old);
		declareVersion5(old);
		declareVersion6(old);
		await old.open();
		const hashes = await new SentEmails(old, null).hashes(['ann@example.com', 'bob@example.com']);
		const [ann, bob] = hashes as [string, string];
		await old.sentEmails.bulkPut([
			{ hash: ann, draftId: 'd1', sentAt: 100 },
			{ hash: bob, draftId: 'd1', sentAt: 100 },
			{ hash: ann, draftId: 'd2', sentAt: 50 },
		]);
		old.close();

		const db = open(name);
		await db.open();
		expect(db.verno).toBe(DB_VERSION);
		expect(await db.sentEmails.count()).toBe(0);
		const batches = await db.sentBatches.toArray();
		expect(batches.map((b) => [b.draftId, b.sentAt, b.hashes.length]).sort()).toEqual([
			['d1', 100, 2],
			['d2', 50, 1],
		]);
		const others = await new SentEmails(db, null).others('d3');
		expect(others.get(ann)).toMatchObject({ draftId: 'd2', sentAt: 50 });
		expect(others.get(bob)).toMatchObject({ draftId: 'd1', sentAt: 100 });
	});
});

describe('HmacSha256', () => {
	it('gives what Web Crypto gives, for short, long, multi-block and non-ASCII messages', async () => {
		const encoder = new TextEncoder();
		for (const keyLength of [32, 64, 100]) {
			const key = crypto.getRandomValues(new Uint8Array(keyLength));
			const ours = new HmacSha256(key);
			const theirs = await crypto.subtle.importKey(
				'raw',
				key,
				{ name: 'HMAC', hash: 'SHA-256' },
				false,
				['sign'],
			);
			for (const text of [
				'',
				'a',
				'ann@example.com',
				'x'.repeat(55),
				'y'.repeat(56),
				'z'.repeat(64),
				'ünïcødé@exämple.com',
				'w'.repeat(200),
				'v'.repeat(300),
				`${'a'.repeat(40)}é`,
			]) {
				const message = encoder.encode(text);
				const expected = Buffer.from(await crypto.subtle.sign('HMAC', theirs, message)).toString(
					'hex',
				);
				expect(ours.hex(message), `key ${keyLength}, ${text.length} chars`).toBe(expected);
				expect(ours.hexOfText(text), `key ${keyLength}, text of ${text.length}`).toBe(expected);
			}
		}
	});
});
