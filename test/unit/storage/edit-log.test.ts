// The edit log (src/storage/edit-log.ts): a few rows' cells are written as small records beside
// their blocks, and every reader sees the rows as if each block had been rewritten — with the
// lock off and on (nothing in clear), across undo, redo and folds, a commit of another kind, a
// reopened database, Duplicate, the wipe and the lock turned on and off.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type BlockRecord, type RosterDB } from '../../../src/storage/db.ts';
import { openedBlock, type StoredBlock } from '../../../src/storage/block-lengths.ts';
import { DraftRepository, patchBlock, type NewHistory } from '../../../src/storage/drafts.ts';
import { FOLD_AT, LOG_MAX_ROWS } from '../../../src/storage/edit-log.ts';
import { KnownRows } from '../../../src/storage/known-rows.ts';
import { migrateRecords } from '../../../src/storage/lock-migration.ts';
import { OutboxRepository } from '../../../src/storage/outbox.ts';
import { Vault } from '../../../src/storage/vault.ts';
import { wipeDraft } from '../../../src/storage/wipe.ts';
import { BLOCK_SIZE, RecordStore, type SealedBlock } from '../../../src/core/record-store.ts';
import type { RowChange, RowPatch } from '../../../src/core/row-patch.ts';
import { draftRecord, putDraft, storedRows, storeOf, uniqueName } from './harness.ts';

const PASS = 'correct horse battery staple';
const ROWS = 2 * BLOCK_SIZE + 100;
const opened: RosterDB[] = [];

function open(name = uniqueName('edit-log')): RosterDB {
	const db = openDatabase(name);
	opened.push(db);
	return db;
}

afterEach(() => {
	for (const db of opened.splice(0)) db.close();
});

/** Every row as a reader sees it: cells, deleted mark and credential. */
function rowsOf(store: RecordStore) {
	return Array.from({ length: store.length }, (_, i) => ({
		rec: store.at(i),
		deleted: store.isDeleted(i),
		credential: store.credential(i),
	}));
}

/** The draft as the old path leaves it: every change merged into its blocks in memory. */
class Reference {
	blocks: SealedBlock[];
	#steps: RowChange[][] = [];
	#head = 0;

	constructor(store: RecordStore) {
		this.blocks = Array.from({ length: store.blockCount }, (_, b) => store.sealedBlock(b));
	}

	#apply(patches: RowPatch[]): void {
		for (const p of patches) {
			const b = Math.floor(p.index / BLOCK_SIZE);
			this.blocks[b] = patchBlock(this.blocks[b], b, [p]).block;
		}
	}

	commit(changes: RowChange[]): void {
		this.#apply(changes.map((c) => c.after));
		this.#steps.splice(this.#head, Infinity, changes);
		this.#head++;
	}

	undo(): void {
		if (this.#head === 0) return;
		this.#head--;
		this.#apply((this.#steps[this.#head] as RowChange[]).map((c) => c.before).reverse());
	}

	redo(): void {
		if (this.#head === this.#steps.length) return;
		this.#apply((this.#steps[this.#head] as RowChange[]).map((c) => c.after));
		this.#head++;
	}

	rows() {
		return rowsOf(RecordStore.fromBlocks(this.blocks));
	}
}

/** An edit of `field` on the rows given, as the worker plans it (before read from `now`). */
function editOf(now: RecordStore, indexes: number[], value: string): NewHistory {
	return {
		label: `Set ${value}`,
		changes: indexes.map((index) => ({
			index,
			before: { index, set: { first_name: now.at(index)?.first_name ?? '' } },
			after: { index, set: { first_name: value } },
		})),
	};
}

async function setup(vault: Vault | null = null, db = open()) {
	const repo = new DraftRepository(db, vault);
	const initial = storeOf(ROWS);
	await putDraft(repo, draftRecord('d'), initial);
	return { db, repo, ref: new Reference(initial) };
}

/** Commits an edit of these rows to the repository and the reference alike. */
async function edit(
	repo: DraftRepository,
	ref: Reference,
	indexes: number[],
	value: string,
	at = 10,
) {
	const step = editOf(RecordStore.fromBlocks(ref.blocks), indexes, value);
	ref.commit(step.changes);
	return repo.commit(
		'd',
		step.changes.map((c) => c.after),
		step,
		at,
	);
}

/** Deletes row `row` in the repository and the reference alike. */
async function deleteRow(repo: DraftRepository, ref: Reference, row: number, at = 1) {
	const change: RowChange = {
		index: row,
		before: { index: row, deleted: false },
		after: { index: row, deleted: true },
	};
	ref.commit([change]);
	return repo.commit('d', [change.after], { label: 'Delete', changes: [change] }, at);
}

/** Sets row `row`'s last name (another cell than `edit` sets), in both alike. */
async function setLastName(repo: DraftRepository, ref: Reference, row: number, at: number) {
	const change: RowChange = {
		index: row,
		before: { index: row, set: { last_name: 'x' } },
		after: { index: row, set: { last_name: 'Lovelace' } },
	};
	ref.commit([change]);
	return repo.commit('d', [change.after], { label: 'Set', changes: [change] }, at);
}

async function lockedVault(db: RosterDB): Promise<Vault> {
	const vault = await Vault.load(db);
	await vault.turnOn(PASS, 1);
	await vault.setState('on');
	return vault;
}

/** Every stored value of every table, as text (typed arrays and buffers read as UTF-8). */
async function everythingStored(db: RosterDB): Promise<string> {
	const decoder = new TextDecoder();
	const parts: string[] = [];
	const visit = (v: unknown): void => {
		if (typeof v === 'string') parts.push(v);
		else if (v instanceof ArrayBuffer) parts.push(decoder.decode(v));
		else if (ArrayBuffer.isView(v)) parts.push(decoder.decode(v as Uint8Array));
		else if (Array.isArray(v)) for (const x of v) visit(x);
		else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) visit(x);
	};
	for (const table of db.tables) visit(await table.toArray());
	return parts.join('\n');
}

const blockText = async (db: RosterDB, b: number) =>
	((await db.blocks.get(['d', b])) as StoredBlock | undefined)?.text;

describe('the edit log', () => {
	it('writes a few rows beside their block and reads back what rewriting would give', async () => {
		const { db, repo, ref } = await setup();
		const before = await blockText(db, 0);
		const result = await edit(repo, ref, [3], 'Ada');
		await edit(repo, ref, [3, 1500], 'Grace');
		await edit(repo, ref, [7], 'Hedy');
		// The block was not rewritten; three rows wait in the log.
		expect(await blockText(db, 0)).toBe(before);
		expect(await db.edits.count()).toBe(3);
		expect(result.rows.map((r) => [r.index, r.rec.first_name])).toEqual([[3, 'Ada']]);
		expect(result.pendingEdits).toBe(1);
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
		const [block] = await repo.readBlocks('d', [0]);
		expect(RecordStore.fromBlocks([block as BlockRecord]).at(7)?.first_name).toBe('Hedy');
	});

	it('rewrites the blocks of a change over more rows than the log takes', async () => {
		const { db, repo, ref } = await setup();
		const rows = Array.from({ length: LOG_MAX_ROWS + 1 }, (_, k) => k * 3);
		const result = await edit(repo, ref, rows, 'Many');
		expect(result.pendingEdits).toBe(0);
		expect(await db.edits.count()).toBe(0);
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
	});

	it('keeps client data sealed in the log with the lock on, and reads it after an unlock', async () => {
		const name = uniqueName('edit-log-locked');
		const db = open(name);
		const { repo, ref } = await setup(await lockedVault(db), db);
		await edit(repo, ref, [5], 'Wilhelmina');
		await edit(repo, ref, [1100], 'Okonkwo-Smythe');
		expect(await db.edits.count()).toBe(2);
		const text = await everythingStored(db);
		expect(text).not.toContain('Wilhelmina');
		expect(text).not.toContain('Okonkwo-Smythe');
		expect(text).not.toContain('client5@example.com');

		const later = await Vault.load(open(name));
		expect(await later.unlock(PASS)).toBe(true);
		const again = new DraftRepository(opened.at(-1) as RosterDB, later);
		expect(rowsOf(await storedRows(again, 'd'))).toEqual(ref.rows());
		await again.foldEdits('d');
		expect(await db.edits.count()).toBe(0);
		expect(await everythingStored(db)).not.toContain('Wilhelmina');
		expect(rowsOf(await storedRows(again, 'd'))).toEqual(ref.rows());
	});

	it('seals what it writes when the lock turns on while an edit begins (one transaction given up)', async () => {
		const db = open();
		const vault = await lockedVault(db);
		const { repo, ref } = await setup(vault, db);
		// The worker heard of the lock only after the edit had chosen its way: with the lock off an
		// edit reads and writes in one transaction, which cannot stay open across Web Crypto.
		let asked = 0;
		Object.defineProperty(vault, 'enabled', { get: () => asked++ > 0 });
		// As in a browser, where a transaction commits once it waits on anything else.
		const seal = vault.seal.bind(vault);
		vault.seal = async (...args) => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			return seal(...args);
		};
		await edit(repo, ref, [5], 'Wilhelmina');
		expect(asked).toBeGreaterThan(0);
		expect(await everythingStored(db)).not.toContain('Wilhelmina');
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
	});

	it('undoes and redoes across logged commits and folds', async () => {
		const { repo, ref } = await setup();
		await edit(repo, ref, [2], 'One');
		await edit(repo, ref, [2], 'Two');
		await repo.foldEdits('d');
		await edit(repo, ref, [2, 9], 'Three');
		for (const direction of [-1, -1, 1, -1, -1, 1, 1, 1] as const) {
			const stepped = await repo.step('d', direction, 20);
			if (direction === -1) ref.undo();
			else ref.redo();
			expect(stepped).not.toBeNull();
			expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
			if (direction === 1) await repo.foldEdits('d');
		}
		expect((await storedRows(repo, 'd')).at(2)?.first_name).toBe('Three');
	});

	it('folds a block once it has FOLD_AT logged rows, and only that block', async () => {
		const { db, repo, ref } = await setup();
		let last = 0;
		for (let k = 0; k < FOLD_AT; k += 8) {
			const rows = Array.from({ length: 8 }, (_, j) => k + j);
			last = (await edit(repo, ref, rows, `N${k}`)).pendingEdits ?? 0;
		}
		await edit(repo, ref, [BLOCK_SIZE + 1], 'Other');
		expect(last).toBe(FOLD_AT);
		expect(await repo.foldEdits('d', FOLD_AT + 1)).toBe(0);
		expect(await repo.foldEdits('d', FOLD_AT)).toBe(1);
		// Block 1's one row is still logged; block 0 holds its rows itself now.
		expect((await db.edits.toArray()).map((e) => e.index)).toEqual([BLOCK_SIZE + 1]);
		const [block0] = await new DraftRepository(db).readBlocks('d', [0]);
		expect(RecordStore.fromBlocks([block0 as BlockRecord]).at(FOLD_AT - 1)?.first_name).toBe(
			`N${FOLD_AT - 8}`,
		);
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
	});

	it('a change of another kind on the block takes its log in and drops it, in one write', async () => {
		const { db, repo, ref } = await setup();
		await edit(repo, ref, [4], 'Logged');
		await edit(repo, ref, [BLOCK_SIZE + 4], 'Elsewhere');
		await deleteRow(repo, ref, 6, 30);
		expect((await db.edits.toArray()).map((e) => e.index)).toEqual([BLOCK_SIZE + 4]);
		const stored = openedBlock((await db.blocks.get(['d', 0])) as StoredBlock);
		expect(RecordStore.fromBlocks([stored]).at(4)?.first_name).toBe('Logged');
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
	});

	it('is applied when the draft is opened again, copied, and removed with the draft', async () => {
		const name = uniqueName('edit-log-reopen');
		const { repo, ref } = await setup(null, open(name));
		await edit(repo, ref, [8], 'Kept');
		// A new connection, as after the tab was closed before any fold.
		const again = new DraftRepository(open(name));
		expect(rowsOf(await storedRows(again, 'd'))).toEqual(ref.rows());
		const copy = await again.duplicate('d', { id: 'c', name: 'Copy', now: 40 });
		expect(rowsOf(await storedRows(again, copy.id))).toEqual(ref.rows());
		await again.softDelete('d', 1);
		await again.purgeDeleted(2);
		expect(await again.db.edits.count()).toBe(0);
	});

	it('the wipe empties a logged password and leaves no log behind', async () => {
		const { db, repo, ref } = await setup();
		await edit(repo, ref, [3], 'Ada');
		await repo.commit('d', [{ index: 9, set: { initial_password: 'Typed-Secret-9' } }], null, 50);
		expect(await db.edits.count()).toBe(2);
		await wipeDraft(repo, new OutboxRepository(db), 'd', 60);
		expect(await db.edits.count()).toBe(0);
		expect(await everythingStored(db)).not.toContain('Typed-Secret-9');
		const rows = await storedRows(repo, 'd');
		expect(rows.at(9)?.initial_password).toBe('');
		expect(rows.at(3)?.first_name).toBe('Ada');
	});

	it('is sealed when the lock is turned on and opened when it is turned off', async () => {
		const db = open();
		const vault = await Vault.load(db);
		const { repo, ref } = await setup(vault, db);
		await edit(repo, ref, [12], 'Wilhelmina');
		await vault.turnOn(PASS, 1);
		await migrateRecords(db, vault, 'encrypting');
		await vault.setState('on');
		expect(await everythingStored(db)).not.toContain('Wilhelmina');
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
		await vault.setState('decrypting');
		await migrateRecords(db, vault, 'decrypting');
		await vault.turnOff();
		expect(await everythingStored(db)).toContain('Wilhelmina');
		expect(rowsOf(await storedRows(new DraftRepository(db), 'd'))).toEqual(ref.rows());
	});
});

type Op =
	| { kind: 'edit'; rows: number[]; value: string }
	| { kind: 'delete'; row: number }
	| { kind: 'undo' }
	| { kind: 'redo' }
	| { kind: 'fold'; atLeast: number };

const row = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: ROWS - 1 }));
const op: fc.Arbitrary<Op> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('edit' as const),
			rows: fc.uniqueArray(row, { minLength: 1, maxLength: LOG_MAX_ROWS + 2 }),
			value: fc.constantFrom('Ada', 'Zoë', '', 'O,Brien', 'x'.repeat(50)),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), row }) },
	{ weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
	{ weight: 2, arbitrary: fc.constant({ kind: 'redo' as const }) },
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('fold' as const), atLeast: fc.constantFrom(1, 3) }),
	},
);

/** Runs one operation on the repository and the reference alike. */
async function run(repo: DraftRepository, ref: Reference, o: Op): Promise<void> {
	if (o.kind === 'edit') await edit(repo, ref, o.rows, o.value);
	else if (o.kind === 'delete') await deleteRow(repo, ref, o.row);
	else if (o.kind === 'fold') await repo.foldEdits('d', o.atLeast);
	else {
		const direction = o.kind === 'undo' ? -1 : 1;
		if (await repo.step('d', direction, 2)) {
			if (direction === -1) ref.undo();
			else ref.redo();
		}
	}
}

describe('the edit log, property', () => {
	it('any edits, deletes, undo, redo and folds give the rows the always-rewrite path gives', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
				const { db, repo, ref } = await setup();
				for (const o of ops) await run(repo, ref, o);
				expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
				db.close();
			}),
			{ numRuns: 25 },
		);
	});
});

// Two workers (two tabs) write one draft. Each keeps the blocks its last edit read or wrote
// (known-rows.ts) and reads them again only when the draft's rows stamp says someone else
// changed the rows: a stale block would write an old row over the other tab's change.
describe('edits from two tabs', () => {
	it('an edit after the other tab deleted the row keeps it deleted', async () => {
		const { db, repo, ref } = await setup();
		const other = new DraftRepository(db);
		await edit(repo, ref, [5], 'Ada');
		await deleteRow(other, ref, 6, 20);
		await edit(repo, ref, [6], 'Grace');
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
		expect((await storedRows(repo, 'd')).isDeleted(6)).toBe(true);
	});

	it('an edit after the other tab wiped the passwords writes no password back', async () => {
		const { db, repo, ref } = await setup();
		const other = new DraftRepository(db);
		await repo.commit('d', [{ index: 9, set: { initial_password: 'Typed-Secret-9' } }], null, 5);
		await edit(repo, ref, [8], 'Ada');
		await wipeDraft(other, new OutboxRepository(db), 'd', 60);
		await edit(repo, ref, [9], 'Grace');
		const rows = await storedRows(repo, 'd');
		expect(rows.at(9)?.initial_password).toBe('');
		expect(rows.at(9)?.first_name).toBe('Grace');
		expect(await everythingStored(db)).not.toContain('Typed-Secret-9');
	});

	it('a second edit in the block reads neither the block nor its log again', async () => {
		const { db, repo, ref } = await setup();
		await edit(repo, ref, [1], 'Ada');
		const blockReads = vi.spyOn(db.blocks, 'bulkGet');
		const logReads = vi.spyOn(db.edits, 'where');
		await edit(repo, ref, [2], 'Grace');
		await edit(repo, ref, [1], 'Hedy');
		expect(blockReads).not.toHaveBeenCalled();
		expect(logReads).not.toHaveBeenCalled();
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
	});

	it('an edit after the other tab undid a delete keeps the row back', async () => {
		const { db, repo, ref } = await setup();
		const other = new DraftRepository(db);
		await deleteRow(other, ref, 7, 20);
		// This tab reads the block with the row deleted; the other undoes this edit, then the delete.
		await edit(repo, ref, [3], 'Ada');
		for (const at of [30, 31]) {
			expect(await other.step('d', -1, at)).not.toBeNull();
			ref.undo();
		}
		await edit(repo, ref, [7], 'Grace');
		expect((await storedRows(repo, 'd')).isDeleted(7)).toBe(false);
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
	});

	it('an edit whose transaction failed is not taken as written', async () => {
		const { repo, ref } = await setup();
		await edit(repo, ref, [1], 'Ada');
		// The transaction fails after the edit noted its writes (as a commit refused by the disk).
		const wrote = KnownRows.prototype.wrote;
		vi.spyOn(KnownRows.prototype, 'wrote').mockImplementationOnce(function (
			this: KnownRows,
			...args: Parameters<KnownRows['wrote']>
		) {
			wrote.apply(this, args);
			throw new Error('disk gone');
		});
		const lost = editOf(RecordStore.fromBlocks(ref.blocks), [2], 'Lost');
		await expect(repo.commit('d', [lost.changes[0]!.after], lost, 30)).rejects.toThrow();
		// Another cell of the same row: the row is taken as stored, not as the failed edit left it.
		await setLastName(repo, ref, 2, 40);
		expect((await storedRows(repo, 'd')).at(2)?.first_name).not.toBe('Lost');
		expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
	});

	it('any edits, deletes, undo, redo and folds from either tab give the rows of one writer', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(op, fc.constantFrom(0, 1)), { maxLength: 14 }),
				async (ops) => {
					const { db, repo, ref } = await setup();
					const tabs = [repo, new DraftRepository(db)] as const;
					for (const [o, tab] of ops) await run(tabs[tab], ref, o);
					expect(rowsOf(await storedRows(repo, 'd'))).toEqual(ref.rows());
					db.close();
				},
			),
			{ numRuns: 40 },
		);
	});
});

describe('edits of one row in a row', () => {
	it('keep every cell each one set', async () => {
		const { repo, ref } = await setup();
		await edit(repo, ref, [4], 'Ada');
		await setLastName(repo, ref, 4, 20);
		const rows = await storedRows(repo, 'd');
		expect([rows.at(4)?.first_name, rows.at(4)?.last_name]).toEqual(['Ada', 'Lovelace']);
		expect(rowsOf(rows)).toEqual(ref.rows());
	});
});
