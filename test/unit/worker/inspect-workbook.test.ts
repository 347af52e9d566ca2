// `inspect` on workbooks (issue 12): the sheet whose header matches is previewed, with the rows
// above its header skipped; several client sheets leave the choice to the pro; a sheet asked for
// is previewed; a workbook whose sheet is damaged says so instead of failing the call.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildXlsx } from '../../workbooks/build-xlsx.ts';
import { harness, uniqueName } from './harness.ts';

const HEADER = [
	'email_address',
	'initial_password',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
];
const client = (n: number) => [
	`c${n}@example.com`,
	`Str0ng-pass-${n}!`,
	'Ana',
	'Silva',
	'19900101',
	'female',
];

async function inspect(bytes: Uint8Array, sheet?: string) {
	const h = harness(uniqueName('inspect-workbook'));
	const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
	return h.call('inspect', { file, name: 'clients.xlsx', ...(sheet ? { sheet } : {}) });
}

/** Counts the bytes read through `slice` (how workbooks are read). */
class CountingBlob extends Blob {
	read = 0;
	override slice(start = 0, end = this.size, type?: string): Blob {
		this.read += Math.min(end, this.size) - start;
		return super.slice(start, end, type);
	}
}

describe('inspect on a workbook', () => {
	it('leaves the workbook open for the import that follows, which does not read it again', async () => {
		const rows = [HEADER, ...Array.from({ length: 5000 }, (_, i) => client(i))];
		const bytes = buildXlsx({ sheets: [{ name: 'Clients', rows }], level: 6 });
		const args = (file: Blob) => ({ file, name: 'big.xlsx', lastModified: 0, today: '20261203' });
		const alone = new CountingBlob([bytes as Uint8Array<ArrayBuffer>]);
		const opened = await harness(uniqueName('import-alone')).call('import', args(alone));
		const h = harness(uniqueName('inspect-then-import'));
		const file = new CountingBlob([bytes as Uint8Array<ArrayBuffer>]);
		await h.call('inspect', { file, name: 'big.xlsx' });
		const afterInspect = file.read;
		const again = await h.call('import', args(file));
		expect(again.state.counts.rows).toBe(5000);
		expect(again.state.counts).toEqual(opened.state.counts);
		// It does not open the workbook again: its shared strings are not read a second time.
		expect(file.read - afterInspect).toBeLessThan(alone.read);
	});

	it('previews the one client sheet, from the header found below its title', async () => {
		const preview = await inspect(
			buildXlsx({
				sheets: [
					{ name: 'Notes', rows: [['Exported on Monday']] },
					{ name: 'Clients', rows: [['Client list'], [], HEADER, client(1), client(2)] },
				],
			}),
		);
		expect(preview.problem).toBeNull();
		expect(preview.workbook?.sheet).toBe('Clients');
		expect(preview.workbook?.sheets.map((s) => [s.name, s.matches])).toEqual([
			['Notes', false],
			['Clients', true],
		]);
		expect(preview.headerRow).toBe(3);
		expect(preview.header).toEqual(HEADER);
		expect(preview.sample).toEqual([client(1), client(2)]);
		expect(preview.needsStep).toBe(false);
	});

	it('leaves the choice to the pro when two sheets hold clients, then previews the one asked', async () => {
		const bytes = buildXlsx({
			sheets: [
				{ name: 'Lyon', rows: [HEADER, client(1)] },
				{ name: 'Madrid', rows: [HEADER, client(7), client(8)] },
			],
		});
		const first = await inspect(bytes);
		expect(first.workbook?.sheet).toBeNull();
		expect(first.header).toEqual([]);
		expect(first.problem).toBeNull();
		const madrid = await inspect(bytes, 'Madrid');
		expect(madrid.workbook?.sheet).toBe('Madrid');
		expect(madrid.sample).toEqual([client(7), client(8)]);
		// The draft keeps the head of the sheet it read, for its Columns step.
		const h = harness(uniqueName('import-sheet'));
		const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
		const opened = await h.call('import', {
			file,
			name: 'two.xlsx',
			lastModified: 0,
			today: '20261203',
			sheet: 'Madrid',
		});
		expect(opened.draft.sheet).toBe('Madrid');
		expect((await h.call('columns', {})).sample).toEqual([client(7), client(8)]);
	});

	it('says a workbook with a damaged sheet cannot be read', async () => {
		const rows = [HEADER, ...Array.from({ length: 3000 }, (_, i) => client(i))];
		const bytes = buildXlsx({
			sheets: [{ name: 'Clients', rows }],
			level: 6,
			sharedStrings: false,
		});
		bytes.fill(0xff, 200, 260);
		const preview = await inspect(bytes);
		expect(preview.problem?.code).toBe('file.workbook');
		expect(preview.problem?.message).toContain('damaged');
	});
});
