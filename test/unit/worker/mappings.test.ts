// The remembered mappings, in storage and through the worker: kept by header key (one per
// header, the newest confirmation winning), listed newest first, forgotten one by one; a stored
// record that no longer parses is ignored rather than breaking the list or the next import.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../src/core/column-mapping.ts';
import { openDatabase } from '../../../src/storage/db.ts';
import { MappingRepository } from '../../../src/storage/mappings.ts';
import { fileOf, harness, uniqueName } from './harness.ts';

const MAIL_ONLY: ColumnMapping = { columns: ['email_address', null], fill: { gender: '' } };
const NOTES_TOO: ColumnMapping = { columns: ['email_address', 'external_id'], fill: {} };

describe('MappingRepository', () => {
	it('keeps one mapping per key, lists them newest first, and deletes one', async () => {
		const db = openDatabase(uniqueName('mappings-repo'));
		const repo = new MappingRepository(db);
		await repo.put({ key: 'a', header: ['Mail', 'Notes'], mapping: MAIL_ONLY, savedAt: 1 });
		await repo.put({ key: 'b', header: ['E-mail', 'Id'], mapping: NOTES_TOO, savedAt: 3 });
		await repo.put({ key: 'a', header: ['MAIL', 'Notes'], mapping: NOTES_TOO, savedAt: 2 });
		expect((await repo.list()).map((r) => [r.key, r.savedAt])).toEqual([
			['b', 3],
			['a', 2],
		]);
		expect(await repo.get('a')).toMatchObject({ header: ['MAIL', 'Notes'], mapping: NOTES_TOO });
		await repo.delete('a');
		expect(await repo.get('a')).toBeUndefined();
		expect((await repo.list()).map((r) => r.key)).toEqual(['b']);
		db.close();
	});

	it('ignores a stored mapping that does not parse', async () => {
		const db = openDatabase(uniqueName('mappings-damaged'));
		const repo = new MappingRepository(db);
		await db.mappings.put({
			key: 'mail',
			header: ['Mail'],
			mapping: { columns: ['no_such_field'], fill: {} } as unknown as ColumnMapping,
			savedAt: 1,
		});
		expect(await repo.get('mail')).toBeUndefined();
		expect(await repo.list()).toEqual([]);
		db.close();
	});
});

describe('remembered mappings through the worker', () => {
	it('applies a remembered mapping to a header that only adds blank cells at its end', async () => {
		const h = harness(uniqueName('mappings-fit'));
		const text = 'Mail,Notes\nana@example.com,x\n';
		const first = await h.call('inspect', { file: fileOf(text), name: 'a.csv' });
		const repo = new MappingRepository(h.db);
		await repo.put({ key: first.key, header: first.header, mapping: MAIL_ONLY, savedAt: 1 });
		const wider = await h.call('inspect', {
			file: fileOf('Mail,Notes,,\nana@example.com,x,,\n'),
			name: 'b.csv',
		});
		expect(wider.key).toBe(first.key);
		expect(wider.remembered).toEqual({
			columns: ['email_address', null, null, null],
			fill: { gender: '' },
		});
		expect(wider.needsStep).toBe(false);
	});

	it('lists what Settings shows and forgets one', async () => {
		const h = harness(uniqueName('mappings-list'));
		const repo = new MappingRepository(h.db);
		await repo.put({ key: 'a', header: ['Mail', 'Notes'], mapping: MAIL_ONLY, savedAt: 1 });
		await repo.put({ key: 'b', header: ['E-mail', 'Id'], mapping: NOTES_TOO, savedAt: 2 });
		expect(await h.call('mappings', {})).toEqual([
			{ key: 'b', header: ['E-mail', 'Id'], mapping: NOTES_TOO, savedAt: 2 },
			{ key: 'a', header: ['Mail', 'Notes'], mapping: MAIL_ONLY, savedAt: 1 },
		]);
		expect(await h.call('forgetMapping', { key: 'b' })).toBeNull();
		expect((await h.call('mappings', {})).map((m) => m.key)).toEqual(['a']);
	});
});
