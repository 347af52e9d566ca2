// A stored draft record is parsed with its full schema: a record with a wrong or missing field
// is reported as damaged (naming the field), never handed on as if it were a draft.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { DamagedDraftError, parseDraftRecord } from '../../../src/storage/draft-record.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { draftRecord, putDraft, storedRows, storeOf, uniqueName } from './harness.ts';

function setup(prefix: string) {
	const db = openDatabase(uniqueName(prefix));
	return { db, repo: new DraftRepository(db) };
}

/** A draft record as stored, with `change` applied to a copy (to damage it). */
function stored(id: string, change: (r: Record<string, unknown>) => void): Record<string, unknown> {
	const record: Record<string, unknown> = structuredClone({ ...draftRecord(id) });
	change(record);
	return record;
}

describe('parseDraftRecord', () => {
	it('reads a record as the import and the upgrades leave it', () => {
		const record = draftRecord('d', {
			header: {
				columns: ['email_address', null, 'tag'],
				names: ['Email', '', 'Tags'],
				blank: [false, true, false],
				present: new Set(['email_address', 'tag']),
				issues: [],
			},
			dateOrder: 'day-first',
			exportedAt: 5,
		});
		expect(parseDraftRecord(record)).toEqual({ ok: true, draft: record });
		// Drafts from before the export time was kept have none.
		const older: Partial<typeof record> = { ...record };
		delete older.exportedAt;
		expect(parseDraftRecord(older)).toEqual({ ok: true, draft: older });
	});

	it('names every field that is wrong', () => {
		const parsed = parseDraftRecord(
			stored('d', (r) => {
				(r.counts as Record<string, unknown>).rows = '12';
				delete r.header;
				r.status = 'done';
			}),
		);
		expect(parsed.ok).toBe(false);
		const error = (parsed as { error: DamagedDraftError }).error;
		expect(error).toBeInstanceOf(DamagedDraftError);
		expect(error.draftId).toBe('d');
		expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual([
			'counts.rows',
			'header',
			'status',
		]);
		expect(error.message).toMatch(/A draft saved on this device is damaged.*counts\.rows/);
	});

	it('refuses a header whose columns are not template fields', () => {
		const parsed = parseDraftRecord(
			stored('d', (r) => {
				(r.header as { columns: unknown[] }).columns = ['email', null];
			}),
		);
		expect(parsed.ok).toBe(false);
		expect((parsed as { error: DamagedDraftError }).error.problems[0]).toMatch(
			/^header\.columns\.0:/,
		);
	});

	it('refuses what is not a record at all', () => {
		for (const value of [null, 'draft', 42, []]) {
			const parsed = parseDraftRecord(value);
			expect(parsed.ok).toBe(false);
			expect((parsed as { error: DamagedDraftError }).error.draftId).toBeNull();
		}
	});
});

describe('DraftRepository: a damaged draft record', () => {
	it('is reported when read, not handed on', async () => {
		const { db, repo } = setup('record-missing');
		await db.drafts.put(stored('d', (r) => delete r.header) as never);
		const error: unknown = await repo.get('d').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DamagedDraftError);
		expect((error as DamagedDraftError).problems).toEqual([expect.stringMatching(/^header:/)]);
	});

	it('is reported by a commit, which then writes nothing', async () => {
		const { db, repo } = setup('record-wrong-type');
		await putDraft(repo, draftRecord('d'), storeOf(2));
		await db.drafts.update('d', { fileIssues: 'none' as never });
		const error: unknown = await repo
			.commit('d', [{ index: 0, set: { first_name: 'Zoe' } }], null, 10)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DamagedDraftError);
		expect((error as DamagedDraftError).problems).toEqual([expect.stringMatching(/^fileIssues:/)]);
		expect((await storedRows(repo, 'd')).at(0)?.first_name).toBe('Ann');
	});

	it('is left out of the list, which still shows the other drafts', async () => {
		const { db, repo } = setup('record-list');
		await repo.create(draftRecord('good', { updatedAt: 2 }));
		await db.drafts.put(stored('bad', (r) => (r.source = { fileName: 'x.csv' })) as never);
		expect((await repo.list()).map((d) => d.id)).toEqual(['good']);
	});

	it('keeps a field a newer version added when a commit writes the record back', async () => {
		const { db, repo } = setup('record-newer');
		await putDraft(repo, draftRecord('d'), storeOf(1));
		await db.drafts.update('d', { laterField: { kept: true } } as never);
		await repo.commit('d', [{ index: 0, set: { first_name: 'Zoe' } }], null, 10);
		expect(await db.drafts.get('d')).toMatchObject({ laterField: { kept: true }, updatedAt: 10 });
	});
});
