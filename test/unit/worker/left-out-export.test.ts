// Over the real worker: the cells of a column the import left out stay with their rows through
// edits, fixes, deletes, undo and a reopened draft, and come back in the attention file.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HEADER, line } from '../helpers.ts';
import { harness, uniqueName } from './harness.ts';

const FILE =
	[
		`${HEADER},Notes`,
		`${line({ email_address: 'ann@example.com' })},"Allergic to nuts, see file"`,
		`${line({ email_address: 'bob(at)example.com', first_name: 'Bob' })},=1+2`,
		`${line({ email_address: 'cy@example.com', first_name: 'Cy', birthdate: '' })},`,
		`${line({ email_address: 'dee@example.com', first_name: 'Dee', last_name: '' })},Dee's note`,
	].join('\r\n') + '\r\n';

describe('left-out cells over the worker', () => {
	it('come back in the attention file after edits, fixes, deletes, undo and a reopen', async () => {
		const name = uniqueName('left-out-worker');
		const h = harness(name);
		const { draft } = await h.importText(FILE);
		await h.change({ type: 'edit', index: 1, set: { first_name: 'Robert', tags: ['vip'] } });
		await h.change({ type: 'fix', index: 1 });
		await h.change({ type: 'deleteRows', indexes: [3] });
		await h.change({ type: 'undo' });
		await h.change({ type: 'edit', index: 2, set: { first_name: 'Cyril' } });
		await h.change({ type: 'undo' });
		expect((await h.rows(0, 4)).map((r) => r.leftOut)).toEqual([
			['Allergic to nuts, see file'],
			['=1+2'],
			[],
			["Dee's note"],
		]);
		// A new worker reads the draft back from storage.
		const again = harness(name, { db: h.db });
		await again.open(draft.id);
		const attention = await again.call('export', { kind: 'attention' });
		// Blob.text() would drop the BOM: the file is compared as written.
		const bytes = new TextDecoder('utf-8', { ignoreBOM: true });
		expect(bytes.decode(await attention.blob.arrayBuffer())).toBe(
			`\ufeff${HEADER},tag,Notes,errors\r\n` +
				`bob(at)example.com,Abcdef1!,Robert,Lee,19811120,female,vip,'=1+2,Row 3: email 'bob(at)example.com' is not a valid address. Write it as name@example.com.\r\n` +
				`cy@example.com,Abcdef1!,Cy,Lee,,female,,,"Row 4: birthdate is empty. Add it as YYYYMMDD, e.g. 19811120."\r\n` +
				`dee@example.com,Abcdef1!,Dee,,19811120,female,,Dee's note,Row 5: last_name is empty. Add the client’s last name.\r\n`,
		);
		const clean = await again.call('export', { kind: 'clean' });
		expect(await clean.blob.text()).toBe(`${HEADER}\r\n${line()}\r\n`);
	});
});
