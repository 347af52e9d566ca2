// Limits on what a file may hold: cell lengths per field (the app and the server agree),
// messages that quote at most 40 characters, one header issue for thousands of stray columns,
// one short message for a row of thousands of extra cells, and a stray quote in a large file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvStreamReader, readLiterally, type CsvRecord } from '../../../src/core/csv-reader.ts';
import { checkImportClient } from '../../../src/core/import-api.ts';
import { MAX_LENGTH } from '../../../src/core/limits.ts';
import { columnLetter, mapHeader, REQUIRED_FIELDS } from '../../../src/core/template.ts';
import { codesAt, csv, DEFAULTS, HEADER, importText, issuesOf, line, TODAY } from '../helpers.ts';

async function importedIssues(text: string) {
	return issuesOf((await importText(text)).dataset);
}

describe('value.too_long', () => {
	const at = (n: number, unit = 'a') => unit.repeat(n);
	const cases = [
		{ field: 'first_name', ok: at(100), over: at(101) },
		{ field: 'last_name', ok: at(100, '😀'), over: at(101, 'é') },
		{ field: 'initial_password', ok: `Aa1!${at(124)}`, over: `Aa1!${at(125)}` },
		{ field: 'email_address', ok: `${at(64)}@${at(185)}.com`, over: `${at(64)}@${at(186)}.com` },
		// RFC 5321 counts octets: 32 two-byte letters are 64 octets, 33 are 66.
		{ field: 'email_address', ok: `${at(32, 'é')}@example.com`, over: `${at(65)}@example.com` },
	] as const;

	it.each(cases)('$field: at the limit is accepted, one more is an error', async (c) => {
		const ok = await importedIssues(csv(line({ [c.field]: c.ok })));
		expect(ok.filter((i) => i.code === 'value.too_long' || i.severity === 'error')).toEqual([]);
		const over = await importedIssues(csv(line({ [c.field]: c.over })));
		expect(over.map((i) => [i.code, i.row, i.column, i.severity])).toEqual([
			['value.too_long', 2, c.field, 'error'],
		]);
		expect(over[0]?.message).toMatch(/^Row 2: /);
		expect(over[0]?.message).toMatch(/at most (64|100|128|254)/);
	});

	it('counts an emoji as one character: 100 emoji are a name the platform takes', async () => {
		const issues = await importedIssues(csv(line({ first_name: '👍'.repeat(100) })));
		expect(issues).toEqual([]);
	});

	it('bounds tags and the external ID, each tag on its own', async () => {
		const text = `${HEADER},tag,tag,external_id\n${line()},${'t'.repeat(64)},${'u'.repeat(65)},${'x'.repeat(129)}\n`;
		const issues = await importedIssues(text);
		expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
			['value.too_long', 2, 'tag'],
			['value.too_long', 2, 'external_id'],
		]);
		expect(issues[0]?.message).toContain('65 characters long');
		expect(issues[0]?.message).toContain('at most 64');
	});

	it('never quotes a password, however long', async () => {
		const password = `Secret1!${'s'.repeat(200)}`;
		const [issue] = await importedIssues(csv(line({ initial_password: password })));
		expect(issue?.code).toBe('value.too_long');
		expect(issue?.message).not.toContain('Secret');
	});

	it('is refused by the import API with the same code (the server checks with these rules)', () => {
		const client = { ...DEFAULTS, first_name: 'n'.repeat(MAX_LENGTH.first_name + 1) };
		const issues = checkImportClient(client, TODAY, null);
		expect(issues.map((i) => i.code)).toEqual(['value.too_long']);
		expect(checkImportClient({ ...DEFAULTS }, TODAY, null)).toEqual([]);
	});

	it('reports every over-long field of a row, each on its column', async () => {
		const long = 'z'.repeat(300);
		const issues = await importedIssues(
			csv(line({ email_address: `${long}@example.com`, first_name: long, last_name: long })),
		);
		expect(
			issues
				.filter((i) => i.code === 'value.too_long')
				.map((i) => i.column)
				.sort(),
		).toEqual(['email_address', 'first_name', 'last_name']);
	});
});

describe('messages quote at most 40 characters of a value', () => {
	const field = fc.constantFrom(...REQUIRED_FIELDS);
	const long = fc.string({ unit: 'grapheme', minLength: 41, maxLength: 400 });

	it('in every issue a long value raises, whatever the field (property)', async () => {
		await fc.assert(
			fc.asyncProperty(field, long, async (f, raw) => {
				// A value the CSV writer can hold on one row: no line breaks, cut at 400.
				const value = `Q${raw.replace(/[\r\n]/g, ' ')}`;
				const issues = await importedIssues(csv(line({ [f]: value })));
				for (const issue of issues) {
					expect(issue.message).not.toContain(value.slice(0, 41));
					expect(issue.message.length).toBeLessThan(400);
				}
			}),
			{ numRuns: 80 },
		);
	});
});

describe('a file with thousands of columns', () => {
	it('gets one header.unknown issue naming the first columns, the last and the count', () => {
		const names = [...REQUIRED_FIELDS, ...Array.from({ length: 1995 }, (_, i) => `Extra ${i}`)];
		const { issues, columns } = mapHeader(names);
		expect(columns.filter((c) => c === null)).toHaveLength(1995);
		expect(issues.map((i) => [i.code, i.row])).toEqual([['header.unknown', 1]]);
		const last = columnLetter(names.length - 1);
		expect(issues[0]?.message).toBe(
			`Header (row 1): 1,995 columns are not template columns (G, H, I … ${last}); they will be left out. Template columns: email_address, initial_password, first_name, last_name, birthdate, gender, tag, external_id.`,
		);
	});

	it('keeps one issue per column while there are only a few (up to 3)', () => {
		const { issues } = mapHeader([...REQUIRED_FIELDS, 'Notes', 'Phone', 'City']);
		expect(issues.map((i) => i.message.slice(0, 33))).toEqual([
			"Header (row 1): column G 'Notes' ",
			"Header (row 1): column H 'Phone' ",
			"Header (row 1): column I 'City' i",
		]);
	});

	it('folds repeated template columns into one header.duplicate issue', () => {
		const { issues } = mapHeader([...REQUIRED_FIELDS, ...Array(500).fill('Email')], null, 3);
		expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
			['header.duplicate', 3, 'email_address'],
		]);
		expect(issues[0]?.message).toMatch(/^Header \(row 3\): 500 columns repeat a template column/);
	});

	it('gives a row with 10,000 extra cells one short row.extra_cells message', async () => {
		const { dataset } = await importText(csv(`${line()}${',x'.repeat(10_000)}`));
		const issues = issuesOf(dataset);
		expect(codesAt(dataset)).toEqual(['row.extra_cells@2']);
		expect(issues[0]?.message).toBe(
			`Row 2: 10,000 cells (G, H, I … ${columnLetter(10_005)}) are outside the template columns and will be left out.`,
		);
	});
});

describe('a stray quote in a large file', () => {
	it('reads the quote’s line literally and goes on reading, whatever the file’s size', () => {
		const rows = 420_000; // ~75 bytes a row: 31 MB of text
		const body = (i: number) => `c${i}@example.com,Abcdef1!,Ann,Lee,19811120,female`;
		const records: CsvRecord[] = [];
		const reader = new CsvStreamReader((batch) => {
			for (const r of batch) if (r.row <= 4 || r.row === rows + 3) records.push(r);
		});
		let text = `${HEADER}\n${body(0)}\nbob@example.com,Abcdef1!,"Bob,Lee,19811120,male\n`;
		const lines: string[] = [];
		for (let i = 1; i <= rows; i++) {
			lines.push(body(i));
			if (lines.length === 10_000 || i === rows) {
				text += `${lines.join('\n')}\n`;
				lines.length = 0;
				reader.push(text);
				text = '';
			}
		}
		// Rows after the quote came out while the file was still being read, not at its end.
		expect(records.filter((r) => r.row === 4)).toHaveLength(1);
		const result = reader.end();
		expect(result).toEqual({ unclosedQuoteRow: 3, literalQuoteRows: [3] });
		expect(records.map((r) => [r.row, r.cells[0], r.cells[2], r.cells.length])).toEqual([
			[1, 'email_address', 'first_name', 6],
			[2, 'c0@example.com', 'Ann', 6],
			[3, 'bob@example.com', '"Bob', 6],
			[4, 'c1@example.com', 'Ann', 6],
			[rows + 3, `c${rows}@example.com`, 'Ann', 6],
		]);
	});

	it.each([
		['a,"b,c', ['a', '"b', 'c']],
		['"x, y",b,"c', ['x, y', 'b', '"c']],
		['"say ""hi""",b,"c,d', ['say "hi"', 'b', '"c', 'd']],
		['a;"b;c', ['a', '"b', 'c'], ';'],
	] as const)('reads %j as %j', (text, cells, delimiter: ',' | ';' = ',') => {
		expect(readLiterally(text, delimiter)).toEqual(cells);
	});
});
