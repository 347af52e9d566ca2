import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadyClientSchema, toReadyClient } from '../../src/core/record.ts';
import { validateCells } from '../../src/core/validate.ts';
import { REQUIRED_FIELDS } from '../../src/core/template.ts';

const HEADER = [...REQUIRED_FIELDS, 'tag'];

// Cells that are sometimes valid and sometimes not, so both sides of the rules are exercised.
const cell = {
	email: fc.oneof(fc.emailAddress(), fc.string(), fc.constant('Ana@Example.com')),
	password: fc.oneof(fc.string({ minLength: 6, maxLength: 20 }), fc.constant('Hb4#Yq8!Nz2k')),
	name: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('Ana')),
	date: fc.oneof(
		fc.constantFrom('19811120', '20000229', '19000229', '1981-11-20', '31/12/1990'),
		fc.string({ maxLength: 10 }),
	),
	gender: fc.constantFrom('male', 'female', 'F', 'woman', ''),
	tag: fc.string({ maxLength: 8 }),
};

describe('ReadyClientSchema (the shape an import API receives)', () => {
	it('accepts every row the rules pass, and rejects rows the rules reject for shape', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						cell.email,
						cell.password,
						cell.name,
						cell.name,
						cell.date,
						cell.gender,
						cell.tag,
					),
					{
						maxLength: 8,
					},
				),
				(rows) => {
					const dataset = validateCells([HEADER, ...rows], { today: '20261125' });
					dataset.records.toArray().forEach((rec, i) => {
						const errors = (dataset.recordIssues[i] ?? []).filter((x) => x.severity === 'error');
						const parsed = ReadyClientSchema.safeParse(toReadyClient(rec));
						if (errors.length === 0) expect(parsed.success, JSON.stringify(rec)).toBe(true);
						const shapeCodes = [
							'email.invalid',
							'email.uppercase',
							'gender.invalid',
							'gender.alias',
							'first_name.missing',
						];
						if (errors.some((e) => shapeCodes.includes(e.code))) expect(parsed.success).toBe(false);
					});
				},
			),
			{ numRuns: 300 },
		);
	});
});
