// The rules and the import API's shape agree: a row the rules pass is one the API accepts, and a
// row with a shape error is one it refuses. Each property states one direction and filters its
// cases with fc.pre, so every run that counts asserts, and a run that finds too few cases fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadyClientSchema, toReadyClient } from '../../src/core/record.ts';
import { validateCells } from '../../src/core/validate.ts';
import { REQUIRED_FIELDS } from '../../src/core/template.ts';

const HEADER = [...REQUIRED_FIELDS, 'tag'];
const TODAY = '20261125';

// Cells that are sometimes valid and sometimes not, so both sides of the rules are exercised;
// the valid ones weigh more, or rows the rules pass would be rare.
const cell = {
	email: fc.oneof(
		{ arbitrary: fc.emailAddress(), weight: 4 },
		fc.string(),
		fc.constant('Ana@Example.com'),
	),
	password: fc.oneof(fc.string({ minLength: 6, maxLength: 20 }), {
		arbitrary: fc.constant('Hb4#Yq8!Nz2k'),
		weight: 3,
	}),
	name: fc.oneof(fc.string({ maxLength: 12 }), { arbitrary: fc.constant('Ana'), weight: 3 }),
	date: fc.oneof(
		{
			arbitrary: fc.constantFrom('19811120', '20000229', '19000229', '1981-11-20', '31/12/1990'),
			weight: 3,
		},
		fc.string({ maxLength: 10 }),
	),
	gender: fc.constantFrom('male', 'female', 'F', 'woman', ''),
	tag: fc.string({ maxLength: 8 }),
};

const row = fc.tuple(
	cell.email,
	cell.password,
	cell.name,
	cell.name,
	cell.date,
	cell.gender,
	cell.tag,
);

/** A row among other rows (duplicates across rows are errors too), and where it sits. */
const rowInFile = fc
	.tuple(row, fc.array(row, { maxLength: 7 }), fc.nat())
	.map(([subject, others, at]) => {
		const index = at % (others.length + 1);
		return { index, rows: [...others.slice(0, index), subject, ...others.slice(index)] };
	});

const SHAPE_CODES: readonly string[] = [
	'email.invalid',
	'email.uppercase',
	'gender.invalid',
	'gender.alias',
	'first_name.missing',
];

/** The record at `index` after validation: its error codes and whether the API schema takes it. */
function check({ index, rows }: { index: number; rows: string[][] }) {
	const dataset = validateCells([HEADER, ...rows], { today: TODAY });
	const record = dataset.records.at(index);
	if (record === undefined) throw new Error(`row ${index} was not read`);
	const errors = (dataset.recordIssues[index] ?? [])
		.filter((x) => x.severity === 'error')
		.map((x) => x.code);
	const parsed = ReadyClientSchema.safeParse(toReadyClient(record));
	return { record, errors, accepted: parsed.success };
}

// Each property skips the rows its precondition excludes; more than 20 skips per counted run
// (the generators drifting away from its cases) fails the run instead of passing on few cases.
const RUNS = { numRuns: 300, maxSkipsPerRun: 20 };

describe('ReadyClientSchema (the shape an import API receives)', () => {
	it('accepts every row the rules pass', () => {
		fc.assert(
			fc.property(rowInFile, (input) => {
				const { record, errors, accepted } = check(input);
				fc.pre(errors.length === 0);
				expect(accepted, JSON.stringify(record)).toBe(true);
			}),
			RUNS,
		);
	});

	it('rejects every row the rules reject for its shape', () => {
		fc.assert(
			fc.property(rowInFile, (input) => {
				const { record, errors, accepted } = check(input);
				fc.pre(errors.some((code) => SHAPE_CODES.includes(code)));
				expect(accepted, JSON.stringify(record)).toBe(false);
			}),
			RUNS,
		);
	});
});
