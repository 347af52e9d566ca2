// The passphrase lock's storage side: keys, each record kind sealed and opened, a wrong
// passphrase, a new passphrase, and turning the lock on and off (resumed after an interruption),
// with the raw database searched for client data after each.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type RosterDB } from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { MappingRepository } from '../../../src/storage/mappings.ts';
import { OutboxRepository } from '../../../src/storage/outbox.ts';
import { SettingsRepository } from '../../../src/storage/settings.ts';
import { LockedError, Vault } from '../../../src/storage/vault.ts';
import { migrateRecords } from '../../../src/storage/lock-migration.ts';
import { pack, unpack } from '../../../src/storage/pack.ts';
import { PBKDF2_ITERATIONS } from '../../../src/storage/keys.ts';
import { draftRecord, putDraft, storedRows, storeOf, uniqueName } from './harness.ts';

const PASS = 'correct horse battery staple';
const SECRET_PASSWORD = 'Zq9-SecretPw!';
const opened: RosterDB[] = [];

function open(name: string): RosterDB {
	const db = openDatabase(name);
	opened.push(db);
	return db;
}

afterEach(() => {
	for (const db of opened.splice(0)) db.close();
});

/** Every stored record of every table, as text (typed arrays and buffers read as UTF-8). */
async function everythingStored(db: RosterDB): Promise<string> {
	const decoder = new TextDecoder();
	const parts: string[] = [];
	const visit = (v: unknown): void => {
		if (typeof v === 'string') parts.push(v);
		else if (v instanceof ArrayBuffer) parts.push(decoder.decode(v));
		else if (ArrayBuffer.isView(v)) parts.push(decoder.decode(v as Uint8Array));
		else if (v instanceof Set) for (const x of v) visit(x);
		else if (Array.isArray(v)) for (const x of v) visit(x);
		else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) visit(x);
	};
	for (const table of db.tables) {
		visit(await table.toCollection().primaryKeys());
		visit(await table.toArray());
	}
	return parts.join('\n');
}

/** A draft with a client whose name and password are easy to find, one undo step, a chunk. */
async function fill(db: RosterDB, vault: Vault | null) {
	const repo = new DraftRepository(db, vault);
	await putDraft(
		repo,
		draftRecord('d1', { name: 'Physio Müller clients', fileIssues: [] }),
		storeOf(3, (i) =>
			i === 1 ? { first_name: 'Wilhelmina', initial_password: SECRET_PASSWORD } : {},
		),
	);
	await repo.commit(
		'd1',
		[{ index: 0, set: { last_name: 'Okonkwo-Smythe' } }],
		{
			label: 'Edit last name',
			changes: [
				{
					index: 0,
					before: { index: 0, set: { last_name: 'Doe' } },
					after: { index: 0, set: { last_name: 'Okonkwo-Smythe' } },
				},
			],
		},
		5,
		{
			outbox: {
				put: [
					{
						id: 'b1:0',
						draftId: 'd1',
						batchId: 'b1',
						index: 0,
						count: 1,
						key: 'k',
						rows: [1],
						clients: [
							{
								email_address: 'wilhelmina@example.org',
								initial_password: SECRET_PASSWORD,
								first_name: 'Wilhelmina',
								last_name: 'Doe',
								birthdate: '19800101',
								gender: 'female',
								tags: [],
							},
						] as never,
						attempts: 0,
						nextAt: 0,
						lastError: null,
						createdAt: 1,
					},
				],
			},
			syncIssues: {
				put: [
					{
						draftId: 'd1',
						index: 2,
						issues: [
							{ field: 'email_address', code: 'x', message: 'wilhelmina@example.org taken' },
						] as never,
					},
				],
			},
		},
	);
	await new MappingRepository(db, vault).put({
		key: 'mail\u001fvorname',
		header: ['Mail', 'Vorname'],
		mapping: { columns: ['email_address', 'first_name'], fill: { gender: '' } } as never,
		savedAt: 3,
	});
	await new SettingsRepository(db, vault).set('syncSettings', {
		baseUrl: 'http://localhost:8787',
		token: 'tok-abcdefghijklmnopqrstuvwxyz-123456',
	});
	return repo;
}

const CLIENT_DATA = [
	'Wilhelmina',
	SECRET_PASSWORD,
	'Okonkwo-Smythe',
	'Physio Müller',
	'wilhelmina@example.org',
	'tok-abcdefghijklmnopqrstuvwxyz',
	'Vorname',
];

function expectNoClientData(text: string): void {
	for (const needle of CLIENT_DATA) expect(text, needle).not.toContain(needle);
}

describe('pack', () => {
	it('gives back strings, numbers, typed arrays, sets and infinities', () => {
		const value = {
			text: 'é\u0000"x',
			n: [1, -0.5, Infinity, -Infinity],
			rows: new Int32Array([2, 3, -4]),
			at: new Float64Array([NaN, 1.5]),
			flags: new Uint8Array([1, 0, 1]),
			present: new Set(['email_address']),
			nested: { ends: new Uint32Array([0, 4]) },
		};
		const back = unpack(pack(value)) as typeof value;
		expect(back).toEqual(value);
		expect(back.rows).toBeInstanceOf(Int32Array);
		const long = { text: 'Zoë "quoted"\n,'.repeat(500), odd: '\ud800'.padEnd(300, 'x') };
		expect(unpack(pack(long))).toEqual(long);
		expect(back.present).toBeInstanceOf(Set);
	});
});

describe('Vault', () => {
	it('derives the key with PBKDF2 at 600,000 iterations or more', () => {
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
	});

	it('seals every record kind: nothing of the client is stored in clear, and all reads back', async () => {
		const db = open(uniqueName('vault-kinds'));
		const vault = await Vault.load(db);
		await vault.turnOn(PASS, 1);
		await vault.setState('on');
		const repo = await fill(db, vault);
		expectNoClientData(await everythingStored(db));

		const rows = await storedRows(repo, 'd1');
		expect(rows.at(1)?.first_name).toBe('Wilhelmina');
		expect(rows.at(1)?.initial_password).toBe(SECRET_PASSWORD);
		expect(rows.at(0)?.last_name).toBe('Okonkwo-Smythe');
		expect((await repo.get('d1'))?.name).toBe('Physio Müller clients');
		expect((await repo.historyInfo('d1')).undoLabel).toBe('Edit last name');
		const outbox = new OutboxRepository(db, vault);
		expect((await outbox.all())[0]?.clients[0]?.initial_password).toBe(SECRET_PASSWORD);
		expect((await outbox.allIssues('d1'))[0]?.issues[0]?.message).toContain('wilhelmina');
		expect((await new MappingRepository(db, vault).get('mail\u001fvorname'))?.header).toEqual([
			'Mail',
			'Vorname',
		]);
		const settings = await new SettingsRepository(db, vault).get('syncSettings', (v) => v);
		expect(settings).toMatchObject({ token: 'tok-abcdefghijklmnopqrstuvwxyz-123456' });

		const undone = await repo.step('d1', -1, 9);
		expect(undone?.rows[0]?.rec.last_name).toBe('Doe');
		expectNoClientData(await everythingStored(db));
	});

	it('stays locked for a wrong passphrase and opens for the right one, in a new session', async () => {
		const name = uniqueName('vault-unlock');
		const db = open(name);
		const vault = await Vault.load(db);
		await vault.turnOn(PASS, 1);
		await vault.setState('on');
		await fill(db, vault);

		const later = await Vault.load(open(name));
		expect(later.locked).toBe(true);
		const repo = new DraftRepository(opened.at(-1) as RosterDB, later);
		await expect(repo.get('d1')).rejects.toBeInstanceOf(LockedError);
		await expect(
			repo.commit('d1', [{ index: 0, set: { first_name: 'X' } }], null, 2),
		).rejects.toBeInstanceOf(LockedError);
		expect(await later.unlock('wrong passphrase')).toBe(false);
		expect(later.locked).toBe(true);
		expect(await later.unlock(PASS)).toBe(true);
		expect((await repo.get('d1'))?.name).toBe('Physio Müller clients');
		expect((await storedRows(repo, 'd1')).at(1)?.initial_password).toBe(SECRET_PASSWORD);
	});

	it('changes the passphrase by re-wrapping the keys only', async () => {
		const name = uniqueName('vault-rewrap');
		const db = open(name);
		const vault = await Vault.load(db);
		await vault.turnOn(PASS, 1);
		await vault.setState('on');
		await fill(db, vault);
		const blocksBefore = await db.blocks.toArray();

		expect(await vault.changePassphrase('not it', 'new pass phrase 2')).toBe(false);
		expect(await vault.changePassphrase(PASS, 'new pass phrase 2')).toBe(true);
		expect(await db.blocks.toArray()).toEqual(blocksBefore);

		const later = await Vault.load(open(name));
		expect(await later.unlock(PASS)).toBe(false);
		expect(await later.unlock('new pass phrase 2')).toBe(true);
		const repo = new DraftRepository(opened.at(-1) as RosterDB, later);
		expect((await storedRows(repo, 'd1')).at(1)?.first_name).toBe('Wilhelmina');
	});

	it('encrypts what was stored before the lock, and goes on after an interruption', async () => {
		const name = uniqueName('vault-migrate');
		const db = open(name);
		await fill(db, null);
		expect(await everythingStored(db)).toContain(SECRET_PASSWORD);

		const vault = await Vault.load(db);
		await vault.turnOn(PASS, 1);
		// Cut off after the first pages, as a closed tab would.
		let pages = 0;
		await expect(
			migrateRecords(db, vault, 'encrypting', () => {
				if (++pages === 3) throw new Error('tab closed');
			}),
		).rejects.toThrow('tab closed');
		expect(vault.state).toBe('encrypting');
		// Half-way, every draft still reads whole.
		const half = new DraftRepository(db, vault);
		expect((await storedRows(half, 'd1')).at(1)?.initial_password).toBe(SECRET_PASSWORD);

		const later = await Vault.load(open(name));
		expect(later.state).toBe('encrypting');
		expect(await later.unlock(PASS)).toBe(true);
		const seen: number[] = [];
		await migrateRecords(opened.at(-1) as RosterDB, later, 'encrypting', (p) => seen.push(p.done));
		await later.setState('on');
		expect(seen.at(-1)).toBeGreaterThan(0);
		expectNoClientData(await everythingStored(db));
		const repo = new DraftRepository(opened.at(-1) as RosterDB, later);
		expect((await storedRows(repo, 'd1')).at(1)?.initial_password).toBe(SECRET_PASSWORD);
		expect((await new MappingRepository(opened.at(-1) as RosterDB, later).list()).length).toBe(1);
	});

	it('turning the lock off decrypts everything and drops the keys', async () => {
		const db = open(uniqueName('vault-off'));
		const vault = await Vault.load(db);
		await vault.turnOn(PASS, 1);
		await vault.setState('on');
		await fill(db, vault);
		await vault.setState('decrypting');
		await migrateRecords(db, vault, 'decrypting');
		await vault.turnOff();
		expect(await db.keys.count()).toBe(0);
		const text = await everythingStored(db);
		expect(text).toContain(SECRET_PASSWORD);
		const repo = new DraftRepository(db, null);
		expect((await repo.get('d1'))?.name).toBe('Physio Müller clients');
		expect((await new MappingRepository(db, null).list())[0]?.header).toEqual(['Mail', 'Vorname']);
	});

	it('a sealed block moved to another row cannot be read', async () => {
		const db = open(uniqueName('vault-swap'));
		const vault = await Vault.load(db);
		await vault.turnOn(PASS, 1);
		await vault.setState('on');
		const repo = new DraftRepository(db, vault);
		await putDraft(repo, draftRecord('d1'), storeOf(2000));
		const first = await db.blocks.get(['d1', 0]);
		await db.blocks.put({ ...(first as object), index: 1 } as never);
		await expect(repo.readBlocks('d1', [1])).rejects.toThrow();
	});

	it('deleting a draft for good deletes its key', async () => {
		const db = open(uniqueName('vault-purge'));
		const vault = await Vault.load(db);
		await vault.turnOn(PASS, 1);
		await vault.setState('on');
		const repo = await fill(db, vault);
		expect(await db.keys.get('d1')).toBeDefined();
		await repo.softDelete('d1', 10);
		await repo.purgeDeleted(20);
		expect(await db.keys.get('d1')).toBeUndefined();
	});
});

describe('DraftRepository.duplicate', () => {
	it('writes the copy with no row left in a batch (the batch is the original’s)', async () => {
		const db = open(uniqueName('copy-unqueued'));
		const repo = new DraftRepository(db);
		await putDraft(repo, draftRecord('d1'), storeOf(3));
		await repo.commit('d1', [{ index: 1, credential: { sync: 'queued', syncedAt: 5 } }], null, 5);
		await repo.duplicate('d1', { id: 'd2', name: 'Copy', now: 6 });
		expect((await storedRows(repo, 'd1')).credential(1).sync).toBe('queued');
		expect((await storedRows(repo, 'd2')).credential(1).sync).toBe('none');
		expect((await repo.get('d2'))?.family).toBe('d1');
	});
});
