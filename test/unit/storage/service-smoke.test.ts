import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { DraftService } from '../../../src/worker/draft-service.ts';
import type { Request, Response } from '../../../src/worker/protocol.ts';
import { csv, line, TODAY } from '../helpers.ts';

function harness(name: string) {
	const db = openDatabase(name);
	const repo = new DraftRepository(db);
	const responses: Response[] = [];
	let nextId = 1;
	const service = new DraftService({ repo, post: (r) => responses.push(r) });
	async function call(body: Record<string, unknown>): Promise<Response> {
		const id = nextId++;
		await service.handle({ ...body, id } as Request);
		const r = responses.filter((x) => x.id === id && x.type !== 'progress').at(-1);
		if (!r) throw new Error(`no answer to ${String(body.type)}`);
		return r;
	}
	return { db, repo, service, call, responses };
}

describe('DraftService (smoke)', () => {
	it('imports, edits, undoes and reopens a draft', async () => {
		const h = harness('smoke-1');
		const text = csv(
			line({ email_address: 'a@x.org' }),
			line({ email_address: 'a@x.org' }),
			line({ email_address: 'B@x.org' }),
		);
		const file = new Blob([text]);
		const opened = await h.call({
			type: 'import',
			file,
			name: 'c.csv',
			lastModified: 0,
			today: TODAY,
		});
		expect(opened.type).toBe('opened');
		if (opened.type !== 'opened') return;
		expect(opened.state.counts.errorRows).toBe(2);
		const edit = await h.call({ type: 'edit', index: 1, set: { email_address: 'c@x.org' } });
		expect(edit.type === 'changed' && edit.state.counts.errorRows).toBe(1);
		const fix = await h.call({ type: 'fix' });
		expect(fix.type === 'changed' && fix.state.counts.errorRows).toBe(0);
		const undo = await h.call({ type: 'undo' });
		expect(undo.type === 'changed' && undo.state.counts.errorRows).toBe(1);
		expect(undo.type === 'changed' && undo.state.history.redoLabel).toMatch(/Apply 1 safe fix/);

		const other = harness('smoke-1');
		const again = await other.call({ type: 'open', draftId: opened.draft.id, today: TODAY });
		expect(again.type).toBe('opened');
		// wait until checked
		await new Promise((r) => setTimeout(r, 50));
		const rows = await other.call({ type: 'rows', offset: 0, limit: 10 });
		expect(rows.type === 'rows' && rows.rows.map((r) => r.email_address)).toEqual([
			'a@x.org',
			'c@x.org',
			'B@x.org',
		]);
		const list = await other.repo.list();
		expect(list.map((d) => d.counts.errorRows)).toEqual([1]);
	});
});
