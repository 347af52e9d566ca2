// Bugs found in review, each pinned by the case that showed it.
import { describe, expect, it } from 'vitest';
import { applySafeFixes } from '../../src/core/fixes.ts';
import { matchHeader } from '../../src/core/template.ts';
import { validateCells } from '../../src/core/validate.ts';
import { cells, TODAY } from './helpers.ts';
import { bytesSource, importCsv } from '../../src/core/import-csv.ts';
import { REQUIRED_FIELDS } from '../../src/core/template.ts';

const H = [...REQUIRED_FIELDS];
const codes = (issues: { code: string }[] | undefined) => (issues ?? []).map((i) => i.code);

describe('regressions', () => {
	it('keeps the column date order after fixes rewrite the dates that settled it', () => {
		const before = validateCells(
			[
				H,
				cells({ birthdate: '20/11/1981' }),
				cells({ email_address: 'b@example.com', birthdate: '05/06/2030' }),
			],
			{ today: TODAY },
		);
		expect(before.dateOrder).toBe('day-first');
		expect(codes(before.recordIssues[1])).toEqual(['birthdate.future']);
		const after = applySafeFixes(before, { today: TODAY });
		expect(after.records.at(0)?.birthdate).toBe('19811120');
		expect(codes(after.recordIssues[1])).toEqual(['birthdate.future']);
	});

	it('reads a header with the format in brackets', () => {
		expect(matchHeader('Birthdate (YYYYMMDD)')).toBe('birthdate');
		expect(matchHeader('Gender [male|female]')).toBeNull();
	});
});

describe('regressions found in review', () => {
	it('reads gender values named like object members as invalid, not as a crash', () => {
		for (const gender of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
			const d = validateCells([H, cells({ gender })], { today: TODAY });
			const issues = d.recordIssues[0] ?? [];
			expect(issues.map((i) => [i.code, i.fix])).toEqual([['gender.invalid', undefined]]);
		}
	});

	it('keeps a damaged UTF-16 file as UTF-16 instead of re-reading it as Windows-1252', async () => {
		const text = `${H.join(',')}\r\nann@example.com,Abcdef1!,Ann,Lee,19811120,female\r\n`;
		const body = Buffer.from(text, 'utf16le');
		const bytes = new Uint8Array([0xff, 0xfe, ...body, 0x41]); // a stray odd byte at the end
		const result = await importCsv(bytesSource(bytes), { today: TODAY });
		expect(result.encoding).toBe('utf-16le');
		expect(result.dataset.records.at(0)?.first_name).toBe('Ann');
	});

	it('still reports a quote that never closes in a large file', async () => {
		const rows = Array.from(
			{ length: 200_000 },
			(_, i) => `c${i}@example.com,Abcdef1!,Ann,Lee,19811120,female`,
		);
		const text = `${H.join(',')}\n${rows.slice(0, 10).join('\n')}\n"open,Abcdef1!,Ann,Lee,19811120,female\n${rows.slice(10).join('\n')}\n`;
		const result = await importCsv(bytesSource(new TextEncoder().encode(text), 1 << 16), {
			today: TODAY,
		});
		// A quote open for more than 8 MB is read as a character on its own row (issue 12), so
		// the rows after it are read as usual and memory stays bounded.
		expect(result.dataset.records.length).toBe(200_001);
		expect(result.dataset.records.at(10)?.email_address).toBe('"open');
		expect(result.dataset.records.at(11)?.email_address).toBe('c10@example.com');
		expect(result.dataset.fileIssues.map((i) => [i.code, i.row])).toContainEqual([
			'row.unclosed_quote',
			12,
		]);
	});
});
