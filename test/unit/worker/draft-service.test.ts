import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../../src/core/record-store.ts';
import { importText as readCsv, TODAY } from '../helpers.ts';
import {
	clientsCsv,
	draftRecord,
	emailOf,
	fileOf,
	harness,
	putDraft,
	storedRows,
	uniqueName,
	waitFor,
} from './harness.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** 2,500 clients over three blocks, with an invalid email, a duplicate and a weak password. */
const MIXED = clientsCsv(2500, (i) =>
	i === 10
		? { email_address: 'not-an-email' }
		: i === 2000
			? { email_address: emailOf(3) }
			: i === 1500
				? { initial_password: 'abcdefgh' }
				: {},
);

/** A File whose stream breaks after `chunks` chunks, as when the disk or the tab goes away. */
class BrokenFile extends Blob {
	#chunks: number;
	constructor(parts: BlobPart[], chunks: number) {
		super(parts);
		this.#chunks = chunks;
	}
	override stream(): ReturnType<Blob['stream']> {
		const reader = super.stream().getReader();
		let left = this.#chunks;
		return new ReadableStream({
			pull: async (controller) => {
				if (left-- === 0) {
					controller.error(new DOMException('The file could not be read', 'NotReadableError'));
					return;
				}
				const { done, value } = await reader.read();
				if (done) controller.close();
				else controller.enqueue(value);
			},
		});
	}
}

describe('DraftService: importing a file', () => {
	it('saves the file as a ready draft with its rows in order', async () => {
		const name = uniqueName('service-import');
		const h = harness(name);
		const opened = await h.importText(MIXED);
		expect(opened.draft).toMatchObject({
			status: 'ready',
			fileRows: 2500,
			fileName: 'clients.csv',
		});
		expect(opened.state.counts).toMatchObject({ rows: 2500, errorRows: 2, warningRows: 1 });
		const list = await h.repo.list();
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({
			id: opened.draft.id,
			status: 'ready',
			fileRows: 2500,
			counts: { rows: 2500, errorRows: 2, warningRows: 1 },
		});
		expect((await storedRows(h.repo, opened.draft.id)).blockCount).toBe(3);
		const rows = await h.allRows();
		expect(rows.map((r) => r.row)).toEqual(range(2500).map((i) => i + 2));
		expect(rows[2499]?.email_address).toBe(emailOf(2499));
		expect(rows[2000]?.issues.map((i) => i.code)).toEqual(['email.duplicate']);

		// Another tab (or the next visit) opens the same rows with the same issues.
		const again = harness(name);
		const reopened = await again.open(opened.draft.id);
		expect(reopened.draft).toMatchObject({ status: 'ready', fileRows: 2500 });
		expect(await again.allRows()).toEqual(rows);
		const state = await again.call('view', { filter: 'all', search: '' });
		expect(state.counts).toEqual(opened.state.counts);
	});

	it('finishes a partly imported draft from the file, keeping edits made meanwhile', async () => {
		const name = uniqueName('service-resume');
		const h = harness(name);
		const text = clientsCsv(3000);
		// What an import that stopped after two blocks left behind.
		const { dataset } = await readCsv(text);
		const saved = RecordStore.fromBlocks([0, 1].map((b) => dataset.records.sealedBlock(b)));
		const draft = draftRecord('partial', {
			status: 'importing',
			fileRows: 2048,
			header: { ...dataset.header, issues: [] },
			counts: { rows: 2048, errorRows: 0, warningRows: 0 },
			source: {
				fileName: 'clients.csv',
				size: text.length,
				lastModified: 0,
				encoding: 'utf-8',
				delimiter: ',',
			},
		});
		await putDraft(h.repo, draft, saved);

		const opened = await h.open('partial');
		expect(opened.draft).toMatchObject({ status: 'importing', fileRows: 2048 });
		expect((await h.allRows()).map((r) => r.email_address)).toEqual(range(2048).map(emailOf));
		await h.change({ type: 'edit', index: 5, set: { first_name: 'Edited' } });

		const resumed = await h.importText(text, 'partial');
		expect(resumed.draft).toMatchObject({ id: 'partial', status: 'ready', fileRows: 3000 });
		const rows = await h.allRows();
		expect(rows.map((r) => r.email_address)).toEqual(range(3000).map(emailOf));
		expect(rows.map((r) => r.row)).toEqual(range(3000).map((i) => i + 2));
		expect(rows[5]?.first_name).toBe('Edited');
		expect(rows.filter((r) => r.issues.length > 0)).toEqual([]);
		expect((await h.repo.list()).map((d) => [d.id, d.status, d.fileRows])).toEqual([
			['partial', 'ready', 3000],
		]);
		expect((await storedRows(h.repo, 'partial')).at(5)?.first_name).toBe('Edited');
		// The edit is still undoable.
		const undo = await h.change({ type: 'undo' });
		expect(undo.state.history.undo).toBe(0);
		expect((await h.rows(5, 1))[0]?.first_name).toBe('Ann');
	});

	it('keeps the saved part of a file whose reading broke, and finishes it later', async () => {
		const name = uniqueName('service-crash');
		// Pacing clock that runs fast: every chunk's full blocks are saved at once.
		let t = 0;
		const h = harness(name, { now: () => (t += 1000) });
		const text = clientsCsv(3000);
		const parts = [];
		for (let at = 0; at < text.length; at += 8192) parts.push(text.slice(at, at + 8192));
		const broken = new BrokenFile(parts, Math.floor(parts.length / 2));
		const failed = await h.failure('import', {
			file: broken,
			name: 'clients.csv',
			lastModified: 0,
			today: TODAY,
		});
		expect(failed).toMatchObject({ reason: 'error' });
		const [draft] = await h.repo.list();
		expect(draft).toMatchObject({ status: 'importing', fileRows: 1024 });
		if (!draft) return;
		expect((await storedRows(h.repo, draft.id)).length).toBe(1024);

		const resumed = await h.importFile(fileOf(text), draft.id);
		expect(resumed.draft).toMatchObject({ id: draft.id, status: 'ready', fileRows: 3000 });
		const rows = await h.allRows();
		expect(rows.map((r) => r.email_address)).toEqual(range(3000).map(emailOf));
		expect(resumed.state.counts).toMatchObject({ rows: 3000, errorRows: 0 });
		expect(await h.repo.list()).toHaveLength(1);
	});

	it('duplicates a draft with its edits but not its undo history', async () => {
		const h = harness(uniqueName('service-duplicate'));
		const { draft } = await h.importText(clientsCsv(5));
		await h.change({ type: 'edit', index: 0, set: { first_name: 'Edited' } });
		const copy = await h.call('duplicate', { draftId: draft.id, name: 'Copy' });
		expect((await h.repo.list()).map((d) => d.name).sort()).toEqual(['Copy', draft.name].sort());
		const opened = await h.open(copy.draftId);
		expect(opened.draft).toMatchObject({ name: 'Copy', status: 'ready', fileRows: 5 });
		expect(opened.state.history.undo).toBe(0);
		expect((await h.allRows()).map((r) => r.first_name)).toEqual([
			'Edited',
			'Ann',
			'Ann',
			'Ann',
			'Ann',
		]);
		await h.change({ type: 'edit', index: 1, set: { first_name: 'Copied' } });
		expect((await storedRows(h.repo, draft.id)).at(1)?.first_name).toBe('Ann');
	});

	it('removes the new draft when the import is cancelled', async () => {
		const name = uniqueName('service-cancel');
		const h = harness(name);
		const big = fileOf(clientsCsv(200_000));
		const running = h.call('import', {
			file: big,
			name: 'big.csv',
			lastModified: 0,
			today: TODAY,
		});
		const outcome = running.then(
			() => 'finished',
			(e: unknown) => e,
		);
		// Cancel once the draft is listed and blocks are on disk.
		await waitFor(async () => (await h.db.blocks.count()) > 0, 20_000);
		expect(await h.db.drafts.count()).toBe(1);
		// Cancel itself answers nothing of note: the import fails as cancelled.
		h.client.cancel('import');
		expect(await outcome).toMatchObject({ reason: 'cancelled' });
		expect(await h.repo.list()).toEqual([]);
		expect(await h.db.drafts.count()).toBe(0);
		expect(await h.db.blocks.count()).toBe(0);
	});
});
