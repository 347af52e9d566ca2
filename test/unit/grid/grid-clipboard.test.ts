// The grid's copy, paste and clear without a browser: the text a spreadsheet pastes back (tabs,
// line breaks and quotes kept inside their cell), a masked password never copied, a pasted block
// placed from the focused cell over client columns only and clipped to the grid, and the
// sentences that say what was left out or refused.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../../src/core/credentials.ts';
import type { GridKey } from '../../../src/state/grid-state.svelte.ts';
import {
	clearPlan,
	copyText,
	leftOutNote,
	pastePlan,
	refusedNote,
	toTsv,
} from '../../../src/ui/grid/grid-clipboard.ts';
import type { RowView } from '../../../src/worker/views.ts';

/** The grid's columns of a draft with tags and external IDs (columns.ts order). */
const KEYS: GridKey[] = [
	'select',
	'status',
	'email_address',
	'initial_password',
	'first_name',
	'last_name',
	'birthdate',
	'gender',
	'tags',
	'external_id',
	'platform',
	'notice',
];
const col = (key: GridKey) => KEYS.indexOf(key);

function view(row: number, over: Partial<RowView> = {}, sync: SyncState = 'none'): RowView {
	return {
		index: row - 2,
		row,
		email_address: `c${row}@example.com`,
		initial_password: '',
		first_name: `First${row}`,
		last_name: `Last${row}`,
		birthdate: '19811120',
		gender: 'female',
		tags: [],
		external_id: '',
		extra: [],
		leftOut: [],
		hasError: false,
		issues: [],
		credential: { origin: 'file', setAt: 0, printedAt: 0, sync, syncedAt: 0 },
		syncIssues: [],
		...over,
	};
}

describe('toTsv', () => {
	it('writes plain cells between tabs, one line per row', () => {
		expect(
			toTsv([
				['a', 'b'],
				['c', ''],
			]),
		).toBe('a\tb\nc\t');
	});

	it('quotes a cell with a tab, a line break or a quote, doubling its quotes', () => {
		expect(toTsv([['one\ttwo', 'line\nbreak', 'say "hi"', 'cr\rlf']])).toBe(
			'"one\ttwo"\t"line\nbreak"\t"say ""hi"""\t"cr\rlf"',
		);
	});

	it('reads back as the same cells (as a spreadsheet parses tab-separated text)', () => {
		const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\t', '\n', '"', ',', 'x') });
		const block = fc
			.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }))
			.chain(([width, height]) =>
				fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
					minLength: height,
					maxLength: height,
				}),
			)
			// A row of one empty cell is an empty line, which no reader can tell from nothing.
			.filter((rows) => rows.every((r) => r.length > 1 || r[0] !== ''));
		fc.assert(
			fc.property(block, (rows) => {
				const parsed = Papa.parse<string[]>(toTsv(rows), { delimiter: '\t', newline: '\n' });
				expect(parsed.data).toEqual(rows);
			}),
		);
	});
});

describe('copyText', () => {
	const rows = [view(2, { tags: ['vip', 'yoga'] }), view(3)];

	it('copies the client cells as the grid shows them, tags joined with ", "', () => {
		const result = copyText(rows, ['first_name', 'tags', 'platform'], () => false);
		expect(result).toEqual({ ok: true, text: 'First2\tvip, yoga\nFirst3\t', cells: 4 });
	});

	it('leaves Roster’s own columns out of a range that spans them', () => {
		const result = copyText(rows, ['select', 'status', 'email_address'], () => false);
		expect(result).toEqual({ ok: true, text: 'c2@example.com\nc3@example.com', cells: 2 });
	});

	it('refuses to copy a masked password, naming its row, and copies it once revealed', () => {
		const secret = [view(2), view(3, { initial_password: 'Hb4#Yq8!Nz2k' })];
		const masked = copyText(secret, ['initial_password', 'first_name'], () => false);
		expect(masked).toEqual({
			ok: false,
			message: expect.stringMatching(/password on row 3 is masked.*Reveal it/),
		});
		const shown = copyText(secret, ['initial_password', 'first_name'], (i) => i === 1);
		expect(shown).toEqual({ ok: true, text: '\tFirst2\nHb4#Yq8!Nz2k\tFirst3', cells: 4 });
		// An empty password shows nothing, so there is nothing masked to copy.
		expect(copyText([view(2)], ['initial_password'], () => false)).toEqual({
			ok: true,
			text: '',
			cells: 1,
		});
	});

	it('says why nothing was copied: no client cell, or rows still loading', () => {
		expect(copyText(rows, ['status'], () => false)).toEqual({
			ok: false,
			message: expect.stringContaining('only client cells'),
		});
		expect(copyText([view(2), undefined], ['first_name'], () => false)).toEqual({
			ok: false,
			message: expect.stringContaining('still loading'),
		});
	});
});

describe('pastePlan', () => {
	const block = [
		['Ann', 'Lee'],
		['Bo', 'Berg'],
	];

	it('places a block from the focused cell down and right, one edit per row', () => {
		const plan = pastePlan(block, { position: 3, column: col('first_name') }, KEYS, 10);
		expect(plan).toEqual({
			edits: [
				{ position: 3, set: { first_name: 'Ann', last_name: 'Lee' } },
				{ position: 4, set: { first_name: 'Bo', last_name: 'Berg' } },
			],
			fields: ['first_name', 'last_name'],
			cells: 4,
			columnsLeftOut: 0,
			rowsLeftOut: 0,
		});
	});

	it('steps over Roster’s own columns, reads tags by commas and passwords as typed', () => {
		const plan = pastePlan(
			[['x@example.com', 'Pw 1234567!', 'Al']],
			{ position: 0, column: col('status') },
			KEYS,
			1,
		);
		expect(plan.edits).toEqual([
			{
				position: 0,
				set: { email_address: 'x@example.com', initial_password: 'Pw 1234567!', first_name: 'Al' },
			},
		]);
		const tags = pastePlan([['vip, yoga ,', '42']], { position: 0, column: col('tags') }, KEYS, 1);
		expect(tags.edits).toEqual([
			{ position: 0, set: { tags: ['vip', 'yoga'], external_id: '42' } },
		]);
	});

	it('clips the columns past the last client column and the rows past the view, and says so', () => {
		const wide = [['1', '2', '3', '4', '5']];
		const plan = pastePlan(
			[...wide, ...wide, ...wide],
			{ position: 8, column: col('gender') },
			KEYS,
			10,
		);
		// Gender, tags and external ID take three cells; Platform and Notice are not the pro's.
		expect(plan.fields).toEqual(['gender', 'tags', 'external_id']);
		expect(plan.edits.map((e) => e.position)).toEqual([8, 9]);
		expect(plan.columnsLeftOut).toBe(2);
		expect(plan.rowsLeftOut).toBe(1);
		expect(plan.cells).toBe(6);
		expect(leftOutNote(plan)).toBe(
			'2 columns did not fit and were left out. 1 row did not fit below the last row shown and was left out.',
		);
		expect(leftOutNote(pastePlan(block, { position: 0, column: 2 }, KEYS, 5))).toBe('');
	});

	it('leaves the cells past a short row’s end as they are', () => {
		const plan = pastePlan(
			[['a@example.com', 'pw'], ['b@example.com']],
			{ position: 0, column: 2 },
			KEYS,
			5,
		);
		expect(plan.edits[1]).toEqual({ position: 1, set: { email_address: 'b@example.com' } });
		expect(plan.cells).toBe(3);
	});

	it('never places a cell outside the grid, whatever the block and the focused cell', () => {
		const input = fc.record({
			height: fc.integer({ min: 1, max: 30 }),
			width: fc.integer({ min: 0, max: 15 }),
			position: fc.integer({ min: 0, max: 40 }),
			column: fc.integer({ min: 0, max: KEYS.length - 1 }),
			total: fc.integer({ min: 1, max: 40 }),
		});
		fc.assert(
			fc.property(input, ({ height, width, position, column, total }) => {
				fc.pre(position < total);
				const grid = Array.from({ length: height }, () => Array<string>(width).fill('v'));
				const plan = pastePlan(grid, { position, column }, KEYS, total);
				const own: GridKey[] = ['select', 'status', 'platform', 'notice'];
				const room = KEYS.slice(column).filter((k) => !own.includes(k));
				for (const edit of plan.edits) {
					expect(edit.position).toBeGreaterThanOrEqual(position);
					expect(edit.position).toBeLessThan(total);
				}
				expect(plan.fields).toEqual(room.slice(0, width));
				expect(plan.columnsLeftOut).toBe(Math.max(0, width - room.length));
				expect(plan.rowsLeftOut).toBe(Math.max(0, height - (total - position)));
				expect(plan.fields.every((f) => room.includes(f))).toBe(true);
			}),
		);
	});
});

describe('clearPlan', () => {
	it('empties the client cells of a range, one edit per row', () => {
		const range = { top: 4, bottom: 5, left: col('status'), right: col('first_name') };
		expect(clearPlan(range, KEYS)).toEqual([
			{ position: 4, set: { email_address: '', initial_password: '', first_name: '' } },
			{ position: 5, set: { email_address: '', initial_password: '', first_name: '' } },
		]);
		expect(clearPlan({ top: 0, bottom: 0, left: col('tags'), right: col('tags') }, KEYS)).toEqual([
			{ position: 0, set: { tags: [] } },
		]);
		expect(clearPlan({ top: 0, bottom: 3, left: 0, right: 1 }, KEYS)).toEqual([]);
	});
});

describe('refusedNote', () => {
	const label = (field: string) =>
		({ email_address: 'Email', first_name: 'First name' })[field] ?? field;

	it('names each refused row, why, and its columns', () => {
		const rows = [view(4, {}, 'queued'), view(5), view(6, {}, 'synced')];
		const refused = [
			{ row: 4, field: 'email_address' },
			{ row: 4, field: 'first_name' },
			{ row: 6, field: 'email_address' },
		];
		expect(refusedNote('pasted', refused, rows, label)).toBe(
			'Not pasted: row 4 is being sent (Email, First name); row 6 is already on the platform (Email).',
		);
		expect(refusedNote('pasted', [], rows, label)).toBe('');
	});

	it('counts the rows past the fifth instead of naming them', () => {
		const refused = Array.from({ length: 8 }, (_, k) => ({ row: k + 2, field: 'first_name' }));
		const rows = refused.map((r) => view(r.row, {}, 'queued'));
		expect(refusedNote('cleared', refused, rows, label)).toMatch(
			/^Not cleared: row 2 is being sent \(First name\);.*row 6 .*; and 3 more rows\.$/,
		);
	});
});
