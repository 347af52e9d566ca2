// A row read as Windows-1252 in a UTF-8 file keeps its `row.encoding` warning where the pro will
// see it: after the draft is stored and read back (a reload), and until the pro edits the row.
import { describe, expect, it } from 'vitest';
import { bytesSource, importCsv } from '../../../src/core/import-csv.ts';
import { RecordStore } from '../../../src/core/record-store.ts';
import { applyCells } from '../../../src/core/row-patch.ts';
import { checkRecord, type RuleContext } from '../../../src/core/rules.ts';
import type { Issue } from '../../../src/core/issues.ts';
import { concatBytes, utf8 } from '../helpers.ts';

const TODAY = '20261203';

function mixedFile(): Uint8Array {
	const parts = [
		utf8(
			'email_address,initial_password,first_name,last_name,birthdate,gender\n' +
				'a@example.com,Str0ng-pass-1!,José,Lefèvre,19900101,male\n' +
				'b@example.com,Str0ng-pass-2!,',
		),
		// "Jérôme" in Windows-1252: not UTF-8.
		new Uint8Array([0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65]),
		utf8(',Ray,19900101,male\n'),
	];
	return concatBytes(parts);
}

const codes = (issues: readonly Issue[] | undefined) => (issues ?? []).map((i) => i.code);

describe('a row read as Windows-1252', () => {
	it('keeps the other rows UTF-8 and warns on that row only', async () => {
		const { dataset } = await importCsv(bytesSource(mixedFile()), { today: TODAY });
		expect(dataset.records.at(0)?.first_name).toBe('José');
		expect(dataset.records.at(1)?.first_name).toBe('Jérôme');
		expect(codes(dataset.recordIssues[0])).toEqual([]);
		expect(codes(dataset.recordIssues[1])).toEqual(['row.encoding']);
		expect(dataset.recordIssues[1]?.[0]?.message).toContain('Row 3');
	});

	it('still warns once stored and read back, and no longer once the row is edited', async () => {
		const { dataset } = await importCsv(bytesSource(mixedFile()), { today: TODAY });
		const stored = RecordStore.fromBlocks([dataset.records.sealedBlock(0)]);
		const again = stored.at(1);
		expect(again?.recoded).toBe(true);
		expect(stored.at(0)?.recoded).toBeUndefined();
		const ctx: RuleContext = {
			today: TODAY,
			absent: new Set(),
			genderConvention: null,
			deferGenderLetters: false,
		};
		const out: Issue[] = [];
		checkRecord(again!, ctx, out);
		expect(codes(out)).toEqual(['row.encoding']);
		const edited = applyCells(again!, { first_name: 'Jérôme' });
		const after: Issue[] = [];
		checkRecord(edited, ctx, after);
		expect(codes(after)).toEqual([]);
	});
});
