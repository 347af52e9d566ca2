// Find-and-replace matching (core/find-replace.ts) and the worker's count over a draft built in
// memory: literal text, whole cell or every occurrence, case kept outside the match, tags one by
// one, and the preview count agreeing with what a replace changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	replaceIn,
	replaceInTags,
	replacer,
	splitTags,
	type TextQuery,
} from '../../../src/core/find-replace.ts';
import { DraftModel } from '../../../src/core/draft-model.ts';
import { RecordStore } from '../../../src/core/record-store.ts';
import type { ClientRecord } from '../../../src/core/record.ts';
import { emptyRecord } from '../../../src/core/row-patch.ts';
import { mapHeader, REQUIRED_FIELDS } from '../../../src/core/template.ts';
import { Validator } from '../../../src/core/validate.ts';
import { countReplace, planBulk } from '../../../src/worker/bulk-plan.ts';
import { BULK_FIELDS, type ReplaceQuery } from '../../../src/worker/protocol.ts';
import { TODAY } from '../helpers.ts';

const part = (find: string, replace: string, caseSensitive = false): TextQuery => ({
	find,
	replace,
	wholeCell: false,
	caseSensitive,
});
const whole = (find: string, replace: string, caseSensitive = false): TextQuery => ({
	...part(find, replace, caseSensitive),
	wholeCell: true,
});

describe('replaceIn', () => {
	it('replaces every occurrence, keeping the rest of the cell as written', () => {
		expect(replaceIn('ann@GMIAL.com', part('gmial', 'gmail'))).toBe('ann@gmail.com');
		expect(replaceIn('Gmial gmial GMIAL', part('gmial', 'Gmail'))).toBe('Gmail Gmail Gmail');
		expect(replaceIn('Gmial gmial GMIAL', part('gmial', 'gmail', true))).toBe('Gmial gmail GMIAL');
		expect(replaceIn('José Lee', part('é', 'e'))).toBe('Jose Lee');
	});

	it('reads the text looked for and its replacement literally, never as a pattern', () => {
		expect(replaceIn('a.b axb', part('a.b', 'c'))).toBe('c axb');
		expect(replaceIn('(x)', part('(x)', '$&$1'))).toBe('$&$1');
		expect(replaceIn('a*b', part('*', '\\'))).toBe('a\\b');
		expect(replaceIn('nothing here', part('.*', ''))).toBeNull();
	});

	it('maps matches back when lower-casing changes a text’s length', () => {
		// İ lower-cases to two code units: the match after it is still found in its place.
		expect(replaceIn('İstanbul GMIAL', part('gmial', 'gmail'))).toBe('İstanbul gmail');
		expect(replaceIn('İİ-x-İ', part('x', 'y'))).toBe('İİ-y-İ');
		expect(replaceIn('İzmir', part('izmir', 'Izmir'))).toBeNull();
		expect(replaceIn('İzmir', part('i̇zmir', 'Izmir'))).toBe('Izmir');
		// Characters outside the BMP, and a Greek final sigma.
		expect(replaceIn('😀 Gmial 😀', part('gmial', 'gmail'))).toBe('😀 gmail 😀');
		expect(replaceIn('ΟΔΟΣ', part('οδοσ', 'X'))).toBe('X');
		expect(replaceIn('ΟΔΟΣΑ', part('ΟΔΟΣ', 'X'))).toBe('XΑ');
	});

	it('with the whole cell, matches only a cell equal to the text looked for', () => {
		expect(replaceIn('VIP', whole('vip', 'gold'))).toBe('gold');
		expect(replaceIn('VIP', whole('vip', 'gold', true))).toBeNull();
		expect(replaceIn('VIP member', whole('vip', 'gold'))).toBeNull();
		expect(replaceIn(' vip', whole('vip', 'gold'))).toBeNull();
	});

	it('is null when the replacement writes what is there', () => {
		expect(replaceIn('gmail', part('gmail', 'gmail'))).toBeNull();
		expect(replaceIn('GMAIL', part('gmail', 'GMAIL'))).toBeNull();
		expect(replaceIn('GMAIL', part('gmail', 'gmail'))).toBe('gmail');
	});
});

describe('replaceInTags', () => {
	it('applies the query to each tag and removes a tag replaced by nothing', () => {
		expect(replaceInTags(['vip', 'VIP Gold', 'new'], part('vip', ''))).toEqual([' Gold', 'new']);
		expect(replaceInTags(['vip', 'vip2'], whole('VIP', 'gold'))).toEqual(['gold', 'vip2']);
		expect(replaceInTags(['a', 'b'], whole('c', 'd'))).toBeNull();
		expect(replaceInTags([], part('a', 'b'))).toBeNull();
	});
});

describe('splitTags', () => {
	it('splits on commas and semicolons, trims, and skips empty tags', () => {
		expect(splitTags('vip; gold ,, silver;')).toEqual(['vip', 'gold', 'silver']);
		expect(splitTags('  ')).toEqual([]);
		expect(splitTags('one tag')).toEqual(['one tag']);
	});
});

const letter = fc.constantFrom('a', 'A', 'b', 'İ', 'ß', 'Σ', 'é', '😀', ' ', '.');
const text = fc.string({ unit: letter });
const queryArb = fc.record({
	find: text.filter((s) => s.length > 0),
	replace: text,
	wholeCell: fc.boolean(),
	caseSensitive: fc.boolean(),
});

/** An independent account of a plain-ASCII replace: a regular expression of the escaped text. */
function reference(value: string, q: TextQuery): string | null {
	const escaped = q.find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const re = new RegExp(q.wholeCell ? `^${escaped}$` : escaped, q.caseSensitive ? 'g' : 'gi');
	const out = value.replace(re, () => q.replace);
	return out === value ? null : out;
}

describe('replaceIn properties', () => {
	it('replacing the text by itself, case-sensitively, changes nothing', () => {
		fc.assert(
			fc.property(text, queryArb, (value, q) => {
				expect(replaceIn(value, { ...q, replace: q.find, caseSensitive: true })).toBeNull();
			}),
		);
	});

	it('says a cell changes exactly when the replace writes something else', () => {
		const alike = fc.constantFrom('a', 'A', 'İ', 'i̇', 'ß', 'é', 'É');
		fc.assert(
			fc.property(text, queryArb, fc.boolean(), alike, (value, q, sameFold, letter) => {
				// Half the runs replace with a case variant of the text looked for.
				const query = sameFold ? { ...q, find: letter, replace: letter.toUpperCase() } : q;
				const r = replacer(query);
				expect(r.changes(value)).toBe(r.text(value) !== null);
			}),
		);
	});

	it('with the whole cell, gives the replacement or nothing', () => {
		fc.assert(
			fc.property(text, queryArb, (value, q) => {
				const out = replaceIn(value, { ...q, wholeCell: true });
				expect(out === null || out === q.replace).toBe(true);
			}),
		);
	});

	it('agrees with an escaped regular expression on plain ASCII', () => {
		const ascii = fc.string({ unit: fc.constantFrom('a', 'B', 'b', 'A', '.', '$', '*', ' ') });
		fc.assert(
			fc.property(
				ascii,
				fc.record({
					find: ascii.filter((s) => s.length > 0),
					replace: ascii,
					wholeCell: fc.boolean(),
					caseSensitive: fc.boolean(),
				}),
				(value, q) => {
					expect(replaceIn(value, q)).toBe(reference(value, q));
				},
			),
		);
	});
});

const header = mapHeader([...REQUIRED_FIELDS, 'external_id']);

function modelOf(records: ClientRecord[]): DraftModel {
	const v = Validator.over(new RecordStore(), header, { today: TODAY, keepDateOrder: true });
	for (const r of records) v.addRecord(r);
	return new DraftModel(v.finish(), v);
}

const recordArb = fc.record({
	first_name: text,
	last_name: text,
	gender: text,
	email_address: text,
	tags: fc.array(
		text.filter((s) => s.length > 0),
		{ maxLength: 3 },
	),
});

describe('the replace count', () => {
	it('is the number of cells replaceIn changes, and what a replace then changes', () => {
		fc.assert(
			fc.property(
				fc.array(recordArb, { maxLength: 8 }),
				// Short texts to look for, so that rows often match in several cells.
				queryArb.chain((q) =>
					fc.string({ unit: letter, minLength: 1, maxLength: 2 }).map((find) => ({ ...q, find })),
				),
				// Every column half the time: a row then often changes in several cells.
				fc.option(fc.constantFrom(...BULK_FIELDS), { nil: null, freq: 1 }),
				(cells, q, field) => {
					const model = modelOf(cells.map((c, i) => ({ ...emptyRecord(i + 2), ...c })));
					const query: ReplaceQuery = { ...q, field };
					let expected = 0;
					let rows = 0;
					for (const c of cells) {
						const rec = { ...emptyRecord(0), ...c };
						const n = (field === null ? BULK_FIELDS : [field]).filter((f) =>
							f === 'tags' ? replaceInTags(rec.tags, q) !== null : replaceIn(rec[f], q) !== null,
						).length;
						expected += n;
						if (n > 0) rows++;
					}
					expect(countReplace(model, query)).toEqual({ cells: expected, rows, refused: 0 });
					const plan = planBulk(model, { type: 'replace', ...query }, 0);
					const changed = plan.changes.reduce(
						(sum, c) => sum + Object.keys(c.after.set ?? {}).length,
						0,
					);
					expect(changed).toBe(expected);
					expect(plan.changes).toHaveLength(rows);
				},
			),
		);
	});
});

describe('the replace count over full blocks with names past Latin-1', () => {
	it('counts cells in the names set apart from the block text as in the others', () => {
		// 1,100 rows: the first 1,024 make a full block, held one byte per character with the
		// Chinese and emoji names set apart (src/core/narrow-text.ts).
		const names = ['陈娜', 'Zoë 🌟', 'Zoë', 'Ana'];
		const model = modelOf(
			Array.from({ length: 1_100 }, (_, i) => ({
				...emptyRecord(i + 2),
				first_name: names[i % 4] as string,
				last_name: i % 4 === 0 ? '陈' : 'Silva',
			})),
		);
		const count = (find: string, caseSensitive = false) =>
			countReplace(model, { find, replace: 'x', wholeCell: false, caseSensitive, field: null });
		expect(count('陈')).toEqual({ cells: 550, rows: 275, refused: 0 });
		expect(count('zoë')).toEqual({ cells: 550, rows: 550, refused: 0 });
		expect(count('zoë', true)).toEqual({ cells: 0, rows: 0, refused: 0 });
		expect(count('🌟')).toEqual({ cells: 275, rows: 275, refused: 0 });
		expect(count('Silva')).toEqual({ cells: 825, rows: 825, refused: 0 });
	});
});
