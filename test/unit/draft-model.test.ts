import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DraftModel } from '../../src/core/draft-model.ts';
import { Validator, revalidate } from '../../src/core/validate.ts';
import { RecordStore } from '../../src/core/record-store.ts';
import { mapHeader, REQUIRED_FIELDS } from '../../src/core/template.ts';
import { emptyRecord } from '../../src/core/row-patch.ts';
import type { ClientRecord } from '../../src/core/record.ts';
import { filterReadsCredentials, ROW_FILTERS, type RowFilter } from '../../src/core/draft-types.ts';
import { TODAY } from './helpers.ts';
import {
	NO_CREDENTIAL_COUNTS,
	PASSWORD_ORIGINS,
	SYNC_STATES,
	type CredentialCounts,
} from '../../src/core/credentials.ts';

const header = mapHeader([...REQUIRED_FIELDS, 'external_id']);

function client(row: number, over: Partial<ClientRecord> = {}): ClientRecord {
	return {
		...emptyRecord(row),
		email_address: `c${row}@example.com`,
		initial_password: 'Abcdef1!x',
		first_name: 'Ann',
		last_name: 'Lee',
		birthdate: '19811120',
		gender: 'female',
		...over,
	};
}

function modelOf(records: ClientRecord[]): DraftModel {
	const v = Validator.over(new RecordStore(), header, { today: TODAY, keepDateOrder: true });
	for (const r of records) v.addRecord(r);
	return new DraftModel(v.finish(), v);
}

/** Issues a full validation of the live rows gives, keyed by row number. */
function fullIssues(model: DraftModel): Map<number, string[]> {
	const live: ClientRecord[] = [];
	for (let i = 0; i < model.length; i++)
		if (!model.isDeleted(i)) live.push(model.dataset.records.at(i) as ClientRecord);
	const base = { ...model.dataset, fileIssues: [] };
	const fresh = revalidate(base, live, { today: TODAY, keepDateOrder: true });
	const out = new Map<number, string[]>();
	live.forEach((r, k) =>
		out.set(r.row, (fresh.recordIssues[k] ?? []).map((x) => x.message).sort()),
	);
	return out;
}

function modelIssues(model: DraftModel): Map<number, string[]> {
	const out = new Map<number, string[]>();
	for (let i = 0; i < model.length; i++)
		if (!model.isDeleted(i))
			out.set(
				model.dataset.records.rowNumber(i),
				model
					.issues(i)
					.map((x) => x.message)
					.sort(),
			);
	return out;
}

describe('DraftModel', () => {
	it('clears the duplicate mark on the other row when one of two equal emails changes', () => {
		const model = modelOf([
			client(2, { email_address: 'a@x.org' }),
			client(3, { email_address: 'a@x.org' }),
		]);
		expect(model.issues(1).map((i) => i.code)).toEqual(['email.duplicate']);
		model.update(0, client(2, { email_address: 'b@x.org' }));
		expect(model.issues(0)).toEqual([]);
		expect(model.issues(1)).toEqual([]);
		expect(model.counts().errorRows).toBe(0);
	});

	it('moves the mark to the later row when an earlier row takes an existing email', () => {
		const model = modelOf([client(2), client(3, { email_address: 'a@x.org' })]);
		model.update(0, client(2, { email_address: 'A@x.org' }));
		expect(model.issues(0).map((i) => i.code)).toEqual(['email.uppercase']);
		expect(model.issues(1).map((i) => i.message)).toEqual([
			'Row 3: email a@x.org is already used on row 2. Each client needs their own address: remove or change one of them.',
		]);
	});

	it('a deleted row no longer counts, and frees its email', () => {
		const model = modelOf([
			client(2, { email_address: 'a@x.org' }),
			client(3, { email_address: 'a@x.org' }),
		]);
		model.update(0, client(2, { email_address: 'a@x.org' }), true);
		expect(model.issues(1)).toEqual([]);
		expect(model.counts().rows).toBe(1);
		expect(model.view('all', '')).toEqual(Int32Array.from([1]));
	});

	it('agrees with a full validation after any sequence of edits, adds and deletes', () => {
		const emails = ['a@x.org', 'b@x.org', 'A@x.org', '', 'bad'];
		const ids = ['', '', 'k1', 'k2'];
		const dates = ['19811120', '03/04/1990', '13/04/1990', '', '2090-01-01'];
		const op = fc.record({
			at: fc.nat(30),
			email: fc.constantFrom(...emails),
			id: fc.constantFrom(...ids),
			date: fc.constantFrom(...dates),
			del: fc.boolean(),
			add: fc.boolean(),
		});
		fc.assert(
			fc.property(
				fc.array(op, { minLength: 1, maxLength: 4 }),
				fc.array(op, { maxLength: 30 }),
				(start, ops) => {
					const model = modelOf(
						start.map((o, k) =>
							client(k + 2, { email_address: o.email, external_id: o.id, birthdate: o.date }),
						),
					);
					for (const o of ops) {
						const index = o.add ? model.length : o.at % model.length;
						const row = o.add ? model.length + 2 : model.dataset.records.rowNumber(index);
						model.update(
							index,
							client(row, { email_address: o.email, external_id: o.id, birthdate: o.date }),
							o.del && !o.add,
						);
					}
					expect(modelIssues(model)).toEqual(fullIssues(model));
					const counts = model.counts();
					let errorRows = 0;
					for (let i = 0; i < model.length; i++) if (model.hasError(i)) errorRows++;
					expect(counts.errorRows).toBe(errorRows);
					const codeTotal = counts.codes.reduce((n, c) => n + c.count, 0);
					let issueTotal = 0;
					for (let i = 0; i < model.length; i++) issueTotal += model.issues(i).length;
					expect(codeTotal).toBe(issueTotal);
				},
			),
			{ numRuns: 200 },
		);
	});

	it('finds rows by any text except the password, across blocks', () => {
		const records = Array.from({ length: 3000 }, (_, k) => client(k + 2));
		records[2500] = client(2502, { last_name: 'Ørsted', initial_password: 'secretword1A' });
		const model = modelOf(records);
		expect([...(model.view('all', 'ørs') ?? [])]).toEqual([2500]);
		expect(model.view('all', 'secretword')).toEqual(new Int32Array(0));
		expect(model.view('all', 'c2999@')?.length).toBe(1);
	});
});

describe('DraftModel credential counts', () => {
	/** The counts recomputed from every row, as the model did before it kept them row by row. */
	function recount(model: DraftModel): CredentialCounts {
		const out: CredentialCounts = { ...NO_CREDENTIAL_COUNTS };
		for (let i = 0; i < model.length; i++) {
			if (model.isDeleted(i)) continue;
			const c = model.dataset.records.credential(i);
			const ok = !model.hasError(i);
			if (c.printedAt > 0) out.printed++;
			if (ok && c.sync === 'none') out.unsent++;
			if (ok && c.sync !== 'exists') {
				out.noticeReady++;
				if (c.printedAt === 0) out.noticePending++;
			}
			if (c.sync !== 'none') out[c.sync]++;
			if (c.origin !== 'file') out[c.origin]++;
		}
		return out;
	}

	it('stay equal to a full recount after any edits, deletes and credential changes', () => {
		const op = fc.record({
			at: fc.nat(40),
			kind: fc.constantFrom('edit', 'delete', 'restore', 'credential', 'add'),
			email: fc.constantFrom('a@x.org', 'b@x.org', 'bad', ''),
			origin: fc.constantFrom(...PASSWORD_ORIGINS),
			sync: fc.constantFrom(...SYNC_STATES),
			printed: fc.boolean(),
		});
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 1100 }), fc.array(op, { maxLength: 40 }), (n, ops) => {
				const model = modelOf(Array.from({ length: n }, (_, k) => client(k + 2)));
				for (const o of ops) {
					const index = o.kind === 'add' ? model.length : o.at % model.length;
					const row = o.kind === 'add' ? model.length + 2 : model.dataset.records.rowNumber(index);
					if (o.kind === 'credential')
						model.setCredential(index, {
							origin: o.origin,
							sync: o.sync,
							printedAt: o.printed ? 5 : 0,
						});
					else model.update(index, client(row, { email_address: o.email }), o.kind === 'delete');
				}
				expect(model.credentialCounts()).toEqual(recount(model));
			}),
			{ numRuns: 150 },
		);
	});
});

describe('DraftModel views and credentials', () => {
	it('a change to credentials alone moves no row in or out of a view that does not read them', () => {
		const filters = [...ROW_FILTERS.filter((f) => f !== 'sync.elsewhere'), 'email.invalid'];
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						index: fc.nat(11),
						sync: fc.constantFrom(...SYNC_STATES),
						origin: fc.constantFrom(...PASSWORD_ORIGINS),
						printedAt: fc.constantFrom(0, 5),
					}),
					{ maxLength: 12 },
				),
				(changes) => {
					const model = modelOf(
						Array.from({ length: 12 }, (_, i) =>
							client(i + 2, i % 4 === 1 ? { email_address: 'bad' } : {}),
						),
					);
					model.update(7, model.dataset.records.at(7) as ClientRecord, true);
					const before = new Map(
						filters.map((f) => [f, [...(model.view(f as RowFilter, '') ?? [])]]),
					);
					for (const c of changes)
						model.setCredential(c.index, {
							sync: c.sync,
							origin: c.origin,
							printedAt: c.printedAt,
							setAt: 1,
						});
					for (const f of filters)
						if (!filterReadsCredentials(f))
							expect([...(model.view(f as RowFilter, '') ?? [])]).toEqual(before.get(f));
				},
			),
		);
	});

	it('names the filters whose rows follow credentials', () => {
		expect(ROW_FILTERS.filter((f) => filterReadsCredentials(f))).toEqual([
			'notice.pending',
			'notice.printed',
			'sync.rejected',
			'sync.elsewhere',
		]);
	});
});
