import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { csv, line, TODAY } from '../helpers.ts';
import { harness, uniqueName } from './harness.ts';

describe('draft worker service (smoke)', () => {
	it('imports, edits, undoes and reopens a draft', async () => {
		const name = uniqueName('smoke');
		const h = harness(name);
		const text = csv(
			line({ email_address: 'a@x.org' }),
			line({ email_address: 'a@x.org' }),
			line({ email_address: 'B@x.org' }),
		);
		const file = new Blob([text]);
		const opened = await h.call('import', { file, name: 'c.csv', lastModified: 0, today: TODAY });
		expect(opened.state.counts.errorRows).toBe(2);
		const edit = await h.call('edit', { index: 1, set: { email_address: 'c@x.org' } });
		expect(edit.state.counts.errorRows).toBe(1);
		const fix = await h.call('fix', {});
		expect(fix.state.counts.errorRows).toBe(0);
		const undo = await h.call('undo', {});
		expect(undo.state.counts.errorRows).toBe(1);
		expect(undo.state.history.redoLabel).toMatch(/Apply 1 safe fix/);

		const other = harness(name);
		await other.open(opened.draft.id);
		const rows = await other.call('rows', { offset: 0, limit: 10 });
		expect(rows.rows.map((r) => r.email_address)).toEqual(['a@x.org', 'c@x.org', 'B@x.org']);
		const list = await other.repo.list();
		expect(list.map((d) => d.counts.errorRows)).toEqual([1]);
	});
});
