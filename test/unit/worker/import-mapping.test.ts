// Importing with the pro's column mapping, through the real worker: the rows are read by it, a
// confirmed mapping is remembered for the next file with the same header, the draft keeps its
// head for the step to open again (`columns`), an untouched draft can be replaced by importing
// its file again, and the gender letters' convention settled at import holds on reopen.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../src/core/column-mapping.ts';
import { replaceRefused } from '../../../src/worker/handlers/import.ts';
import type { Args } from '../../../src/worker/protocol.ts';
import { TODAY } from '../helpers.ts';
import { clientsCsv, fileOf, harness, uniqueName, type Harness } from './harness.ts';

const CONTACTS = [
	'Name,Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value,Birthday,Notes',
	'Ana Durand,Ana,Durand,ana@example.com,555-0101,1990-03-12,likes mornings',
	'Leo Martin,Leo,Martin,leo@example.com,555-0102,1985-07-01,',
].join('\n');

/** What the pro confirms for CONTACTS: names, email and birthday; the rest left out. */
const CONTACTS_MAPPING: ColumnMapping = {
	columns: [null, 'first_name', 'last_name', 'email_address', null, 'birthdate', null],
	fill: { initial_password: '', gender: 'female' },
};

function importWith(
	h: Harness,
	text: string,
	extra: Pick<Args<'import'>, 'columns' | 'replace'> = {},
) {
	return h.call('import', {
		file: fileOf(text),
		name: 'contacts.csv',
		lastModified: 0,
		today: TODAY,
		...extra,
	});
}

describe('import with a column mapping', () => {
	it('reads the rows by the confirmed mapping and remembers it for the same header', async () => {
		const h = harness(uniqueName('map-confirmed'));
		const first = await h.call('inspect', { file: fileOf(CONTACTS), name: 'contacts.csv' });
		expect(first).toMatchObject({ needsStep: true, remembered: null });

		const opened = await importWith(h, CONTACTS, {
			columns: { mapping: CONTACTS_MAPPING, how: 'confirmed' },
		});
		expect(opened.draft.columnsInfo).toEqual({ how: 'confirmed', changeable: true });
		const [ana] = await h.allRows();
		expect(ana).toMatchObject({
			first_name: 'Ana',
			last_name: 'Durand',
			email_address: 'ana@example.com',
			gender: 'female',
			leftOut: ['Ana Durand', '555-0101', 'likes mornings'],
		});

		const remembered = await h.call('mappings', {});
		expect(remembered).toEqual([
			{
				key: first.key,
				header: first.header,
				mapping: CONTACTS_MAPPING,
				savedAt: expect.any(Number),
			},
		]);
		// Next month's export: the same header, written in capitals.
		const again = await h.call('inspect', {
			file: fileOf(CONTACTS.replace('Given Name', 'GIVEN NAME')),
			name: 'contacts.csv',
		});
		expect(again).toMatchObject({ needsStep: false, remembered: CONTACTS_MAPPING });
	});

	it('does not remember a mapping applied as remembered, and forgets one on request', async () => {
		const h = harness(uniqueName('map-forget'));
		const opened = await importWith(h, CONTACTS, {
			columns: { mapping: CONTACTS_MAPPING, how: 'remembered' },
		});
		expect(opened.draft.columnsInfo.how).toBe('remembered');
		expect(await h.call('mappings', {})).toEqual([]);

		await importWith(h, CONTACTS, { columns: { mapping: CONTACTS_MAPPING, how: 'confirmed' } });
		const [saved] = await h.call('mappings', {});
		expect(saved).toBeDefined();
		await h.call('forgetMapping', { key: saved?.key ?? '' });
		expect(await h.call('mappings', {})).toEqual([]);
		const after = await h.call('inspect', { file: fileOf(CONTACTS), name: 'contacts.csv' });
		expect(after).toMatchObject({ needsStep: true, remembered: null });
	});

	it('gives the step its header, first rows and mapping back from the open draft', async () => {
		const h = harness(uniqueName('map-columns'));
		// A blank line above the header: the step shows the header's own row number.
		await importWith(h, '\n' + CONTACTS, {
			columns: { mapping: CONTACTS_MAPPING, how: 'confirmed' },
		});
		const columns = await h.call('columns', {});
		expect(columns.headerRow).toBe(2);
		expect(columns.header[3]).toBe('E-mail 1 - Value');
		expect(columns.sample).toHaveLength(2);
		expect(columns.sample[1]?.[1]).toBe('Leo');
		expect(columns.mapping).toEqual(CONTACTS_MAPPING);
		expect(columns.suggestions[3]?.field).toBe('email_address');
		expect(columns.remembered).toEqual(CONTACTS_MAPPING);
	});

	it('imports a template file without a mapping as before (how: template)', async () => {
		const h = harness(uniqueName('map-template'));
		const opened = await h.importText(clientsCsv(3));
		expect(opened.draft.columnsInfo).toEqual({ how: 'template', changeable: true });
		const columns = await h.call('columns', {});
		expect(columns.mapping.columns).toEqual(opened.draft.columns.map((c) => c.field));
		expect(await h.call('mappings', {})).toEqual([]);
	});
});

describe('import replacing a draft', () => {
	it('deletes the untouched draft it replaces', async () => {
		const h = harness(uniqueName('map-replace'));
		const old = await importWith(h, CONTACTS);
		const fresh = await importWith(h, CONTACTS, {
			columns: { mapping: CONTACTS_MAPPING, how: 'confirmed' },
			replace: old.draft.id,
		});
		expect(fresh.draft.id).not.toBe(old.draft.id);
		expect(await h.repo.get(old.draft.id)).toBeUndefined();
		expect((await h.repo.list()).map((d) => d.id)).toEqual([fresh.draft.id]);
	});

	it('refuses to replace a draft with an edit, and keeps both it and its edit', async () => {
		const h = harness(uniqueName('map-refuse'));
		const old = await importWith(h, CONTACTS);
		await h.call('locate', { index: 0 });
		await h.change({ type: 'edit', index: 0, set: { first_name: 'Anna' } });
		expect(
			(await h.call('open', { draftId: old.draft.id, today: TODAY })).draft.columnsInfo,
		).toMatchObject({ changeable: false });

		const error = await h.failure('import', {
			file: fileOf(CONTACTS),
			name: 'contacts.csv',
			lastModified: 0,
			today: TODAY,
			columns: { mapping: CONTACTS_MAPPING, how: 'confirmed' },
			replace: old.draft.id,
		});
		expect(error.message).toBe(replaceRefused());
		expect((await h.repo.list()).map((d) => d.id)).toEqual([old.draft.id]);
		expect((await h.allRows())[0]?.first_name).toBe('Anna');
	});

	it('refuses to replace a draft whose notices were printed', async () => {
		const h = harness(uniqueName('map-printed'));
		const old = await h.importText(clientsCsv(3));
		await h.call('locate', { index: 0 });
		await h.change({ type: 'markPrinted', indexes: [1] });
		const error = await h.failure('import', {
			file: fileOf(clientsCsv(3)),
			name: 'clients.csv',
			lastModified: 0,
			today: TODAY,
			replace: old.draft.id,
		});
		expect(error.message).toBe(replaceRefused());
		expect(await h.repo.get(old.draft.id)).toBeDefined();
	});
});

describe('the gender convention of a draft', () => {
	it('is settled at import and held on reopen: M stays male once the F rows are gone', async () => {
		const h = harness(uniqueName('map-gender'));
		const text = clientsCsv(4, (i) => ({ gender: i % 2 === 0 ? 'M' : 'F' }));
		const opened = await h.importText(text);
		expect((await h.repo.get(opened.draft.id))?.genderConvention).toBe('M/F');
		await h.call('locate', { index: 0 });
		await h.change({ type: 'deleteRows', indexes: [1, 3] });

		await h.call('close', {});
		await h.open(opened.draft.id);
		// Deleted rows are not in the view: the two M rows are left, and nothing says F any more.
		const rows = await h.allRows();
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row.issues.map((i) => i.code)).not.toContain('gender.ambiguous');
			expect(row.issues.find((i) => i.code === 'gender.alias')?.fix).toBe('male');
		}
	});
});

describe('settling an ambiguous gender letter', () => {
	it('reads every ambiguous letter as the chosen gender, in one undo step', async () => {
		const h = harness(uniqueName('map-ambiguous'));
		// Only M: male in English, German and Dutch, female in Spanish (H/M).
		await h.importText(clientsCsv(3, () => ({ gender: 'M' })));
		const codes = async () => (await h.allRows()).map((r) => r.issues.map((i) => i.code));
		expect(await codes()).toEqual([
			['gender.ambiguous'],
			['gender.ambiguous'],
			['gender.ambiguous'],
		]);

		const changed = await h.change({ type: 'fix', code: 'gender.ambiguous', value: 'male' });
		expect(changed.changedRows).toBe(3);
		expect(changed.state.history).toMatchObject({
			undo: 1,
			undoLabel: 'Read 3 ambiguous genders as male',
		});
		expect((await h.allRows()).map((r) => r.gender)).toEqual(['male', 'male', 'male']);
		expect(await codes()).toEqual([[], [], []]);

		await h.change({ type: 'undo' });
		expect((await h.allRows()).map((r) => r.gender)).toEqual(['M', 'M', 'M']);
	});

	it('changes nothing without a chosen value', async () => {
		const h = harness(uniqueName('map-ambiguous-none'));
		await h.importText(clientsCsv(2, () => ({ gender: 'M' })));
		const changed = await h.change({ type: 'fix', code: 'gender.ambiguous' });
		expect(changed.changedRows).toBe(0);
		expect((await h.allRows()).map((r) => r.gender)).toEqual(['M', 'M']);
	});
});
