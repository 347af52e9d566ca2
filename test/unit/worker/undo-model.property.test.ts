// A model-based property of undo and redo on the real draft worker service (over fake-indexeddb,
// through the real client): random runs of edits, deletes, added rows, safe fixes, date orders,
// created passwords, undo, redo and reopening the draft must leave the rows the grid shows, the
// Undo/Redo counts and the date order exactly where a simple model (rows plus two stacks of
// snapshots) says. The model knows the few values the runs use, not the app's rules, so it is an
// independent account of what each command does.
// Over 400 lines on purpose: the model, its commands and the checks after each read best as one
// account, beside the plain regression test the property found.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PasswordOrigin } from '../../../src/core/credentials.ts';
import { DEFAULT_PASSWORD_OPTIONS } from '../../../src/core/password.ts';
import { REQUIRED_FIELDS, type RequiredField } from '../../../src/core/template.ts';
import { harness, uniqueName, type Harness } from './harness.ts';
import type { RowView } from '../../../src/worker/views.ts';

type DateOrder = 'day-first' | 'month-first';

/** The cells of a row the commands change or read. */
interface ModelRow {
	row: number;
	email_address: string;
	initial_password: string;
	first_name: string;
	last_name: string;
	birthdate: string;
	gender: string;
	origin: PasswordOrigin;
	deleted: boolean;
}

interface Snapshot {
	rows: ModelRow[];
	dateOrder: DateOrder | null;
}

interface Model {
	now: Snapshot;
	undo: Snapshot[];
	redo: Snapshot[];
	/**
	 * What the worker showed of issues and counts in each state seen so far: the same rows must
	 * be checked the same way however they were reached (undo, redo, a reopen that checks every
	 * row from scratch).
	 */
	checked: Map<string, string>;
}

/** The worker under test: replaced by a fresh one on the same database when the draft reopens. */
interface Real {
	h: Harness;
	name: string;
	draftId: string;
}

// The values the runs use, and what a safe fix makes of each (the model's own table, not the
// app's rules). Nothing here needs quoting in a CSV.
const EMAILS = [
	'ann@example.com',
	'bob@example.com',
	'BOB@EXAMPLE.COM',
	'Cy@Example.com',
	'not-an-email',
	'',
];
const EMAIL_FIX: Record<string, string> = {
	'BOB@EXAMPLE.COM': 'bob@example.com',
	'Cy@Example.com': 'cy@example.com',
};
// `Homme` (French): a word is a certain fix; a lone `M` is ambiguous, its column's letters decide.
const GENDERS = ['female', 'male', 'Homme', 'Female'];
const GENDER_FIX: Record<string, string> = { Homme: 'male', Female: 'female' };
const NAMES = ['Ann', 'Zoë', 'Bob', ''];
const PASSWORDS = ['Abcdef1!', 'abcdefgh', 'Xy9!Xy9!Xy9!', ''];
/** Canonical, ISO (fixable), and ambiguous (read by the date order). */
const BIRTHDATES = ['19811120', '1981-11-20', '03/04/1990'];
const ISO_FIX: Record<string, string> = { '1981-11-20': '19811120' };
const AMBIGUOUS: Record<string, Record<DateOrder, string>> = {
	'03/04/1990': { 'day-first': '19900403', 'month-first': '19900304' },
};

const EDITABLE = {
	first_name: NAMES,
	email_address: EMAILS,
	initial_password: PASSWORDS,
} as const;
type EditField = keyof typeof EDITABLE;

function clone(s: Snapshot): Snapshot {
	return { rows: s.rows.map((r) => ({ ...r })), dateOrder: s.dateOrder };
}

/** Records a step the worker must have taken: the present goes on the undo stack. */
function push(m: Model, next: Snapshot): void {
	m.undo.push(m.now);
	m.redo = [];
	m.now = next;
}

/**
 * The state Undo or Redo returns to: `target`'s rows, and the rows added since kept as deleted
 * (undoing an added row deletes it; the next added row comes after it, numbered after it).
 */
function restore(target: Snapshot, current: Snapshot): Snapshot {
	const rows = target.rows.map((r) => ({ ...r }));
	for (const r of current.rows.slice(rows.length)) rows.push({ ...r, deleted: true });
	return { rows, dateOrder: target.dateOrder };
}

function sameRows(a: Snapshot, b: Snapshot): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function liveIndexes(s: Snapshot): number[] {
	return s.rows.flatMap((r, i) => (r.deleted ? [] : [i]));
}

/** A birthdate once the safe fixes ran under `order`. */
function fixedDate(value: string, order: DateOrder | null): string {
	const ambiguous = AMBIGUOUS[value];
	if (ambiguous) return order ? ambiguous[order] : value;
	return ISO_FIX[value] ?? value;
}

/** What the grid shows of a row, in the model's terms. */
function shown(r: RowView) {
	return {
		index: r.index,
		row: r.row,
		email_address: r.email_address,
		initial_password: r.initial_password,
		first_name: r.first_name,
		last_name: r.last_name,
		birthdate: r.birthdate,
		gender: r.gender,
		origin: r.credential.origin,
	};
}

function expected(s: Snapshot) {
	return liveIndexes(s).map((index) => {
		const r = s.rows[index] as ModelRow;
		return {
			index,
			row: r.row,
			email_address: r.email_address,
			initial_password: r.initial_password,
			first_name: r.first_name,
			last_name: r.last_name,
			birthdate: r.birthdate,
			gender: r.gender,
			origin: r.origin,
		};
	});
}

/** After every command: the worker shows what the model holds. */
async function verify(m: Model, r: Real): Promise<void> {
	const state = await r.h.call('view', { filter: 'all', search: '' });
	const rows = await r.h.allRows();
	expect(rows.map(shown)).toEqual(expected(m.now));
	expect(state.total).toBe(rows.length);
	expect(state.counts.rows).toBe(rows.length);
	expect(state.dateOrder).toBe(m.now.dateOrder);
	const history = state.history;
	expect({ undo: history.undo, redo: history.redo }).toEqual({
		undo: m.undo.length,
		redo: m.redo.length,
	});
	expect(history.undoLabel !== null).toBe(m.undo.length > 0);
	expect(history.redoLabel !== null).toBe(m.redo.length > 0);

	const key = JSON.stringify(m.now);
	const checked = JSON.stringify({
		issues: rows.map((row) => row.issues.map((i) => i.code).sort()),
		hasError: rows.map((row) => row.hasError),
		counts: state.counts,
		credentials: state.credentials,
		ambiguousDates: state.ambiguousDates,
	});
	// The first time a state is seen, what the worker showed is what it must show again.
	const first = m.checked.get(key) ?? checked;
	m.checked.set(key, first);
	expect(JSON.parse(checked)).toEqual(JSON.parse(first));
}

type Command = fc.AsyncCommand<Model, Real>;

class Edit implements Command {
	constructor(
		readonly pick: number,
		readonly field: EditField,
		readonly value: string,
	) {}
	check(m: Readonly<Model>): boolean {
		return liveIndexes(m.now).length > 0;
	}
	async run(m: Model, r: Real): Promise<void> {
		const live = liveIndexes(m.now);
		const index = live[this.pick % live.length] as number;
		await r.h.change({ type: 'edit', index, set: { [this.field]: this.value } });
		const row = m.now.rows[index] as ModelRow;
		if (row[this.field] !== this.value) {
			const next = clone(m.now);
			const edited = next.rows[index] as ModelRow;
			edited[this.field] = this.value;
			// A password the pro types is theirs.
			if (this.field === 'initial_password') edited.origin = 'typed';
			push(m, next);
		}
		await verify(m, r);
	}
	toString(): string {
		return `edit(#${this.pick}, ${this.field}=${JSON.stringify(this.value)})`;
	}
}

class DeleteRows implements Command {
	constructor(readonly picks: number[]) {}
	check(): boolean {
		return true;
	}
	async run(m: Model, r: Real): Promise<void> {
		const n = m.now.rows.length;
		const indexes = this.picks.map((p) => p % n);
		await r.h.change({ type: 'deleteRows', indexes });
		const next = clone(m.now);
		for (const i of indexes) (next.rows[i] as ModelRow).deleted = true;
		if (!sameRows(next, m.now)) push(m, next);
		await verify(m, r);
	}
	toString(): string {
		return `deleteRows(${this.picks.join(',')})`;
	}
}

class AddRow implements Command {
	check(): boolean {
		return true;
	}
	async run(m: Model, r: Real): Promise<void> {
		await r.h.change({ type: 'addRow' });
		const next = clone(m.now);
		const last = next.rows.at(-1);
		next.rows.push({
			row: (last?.row ?? 1) + 1,
			email_address: '',
			initial_password: '',
			first_name: '',
			last_name: '',
			birthdate: '',
			gender: '',
			origin: 'file',
			deleted: false,
		});
		push(m, next);
		await verify(m, r);
	}
	toString(): string {
		return 'addRow';
	}
}

class FixAll implements Command {
	check(): boolean {
		return true;
	}
	async run(m: Model, r: Real): Promise<void> {
		await r.h.change({ type: 'fix' });
		const next = clone(m.now);
		for (const row of next.rows) {
			if (row.deleted) continue;
			row.email_address = EMAIL_FIX[row.email_address] ?? row.email_address;
			row.gender = GENDER_FIX[row.gender] ?? row.gender;
			row.birthdate = fixedDate(row.birthdate, next.dateOrder);
		}
		if (!sameRows(next, m.now)) push(m, next);
		await verify(m, r);
	}
	toString(): string {
		return 'fixAll';
	}
}

class ChooseDateOrder implements Command {
	constructor(readonly order: DateOrder) {}
	check(): boolean {
		return true;
	}
	async run(m: Model, r: Real): Promise<void> {
		await r.h.change({ type: 'dateOrder', order: this.order });
		if (m.now.dateOrder !== this.order) {
			// Choosing an order is a step even when no cell changes; it rewrites every birthdate
			// it can read for certain now, ISO ones too.
			const next = clone(m.now);
			next.dateOrder = this.order;
			for (const row of next.rows)
				if (!row.deleted) row.birthdate = fixedDate(row.birthdate, this.order);
			push(m, next);
		}
		await verify(m, r);
	}
	toString(): string {
		return `dateOrder(${this.order})`;
	}
}

class CreatePasswords implements Command {
	check(): boolean {
		return true;
	}
	async run(m: Model, r: Real): Promise<void> {
		await r.h.change({ type: 'passwords', scope: 'missing', options: DEFAULT_PASSWORD_OPTIONS });
		const missing = liveIndexes(m.now).filter((i) => m.now.rows[i]?.initial_password === '');
		// Random passwords: the model takes each from the worker once it checked that one is
		// there; from then on it is an exact value that undo and redo must give back.
		const byIndex = new Map((await r.h.allRows()).map((row) => [row.index, row]));
		const created = missing.map((i) => byIndex.get(i)?.initial_password ?? '');
		expect(
			missing.filter((_, k) => created[k] === ''),
			'rows left without a password',
		).toEqual([]);
		const next = clone(m.now);
		missing.forEach((i, k) =>
			Object.assign(next.rows[i] as ModelRow, { initial_password: created[k], origin: 'created' }),
		);
		if (missing.length > 0) push(m, next);
		await verify(m, r);
	}
	toString(): string {
		return 'createMissingPasswords';
	}
}

/** Undo (`back`) or redo: the model moves one snapshot between its two stacks. */
class Step implements Command {
	constructor(readonly back: boolean) {}
	check(): boolean {
		return true;
	}
	async run(m: Model, r: Real): Promise<void> {
		await r.h.change({ type: this.back ? 'undo' : 'redo' });
		const [from, to] = this.back ? [m.undo, m.redo] : [m.redo, m.undo];
		const target = from.pop();
		if (target) {
			to.push(m.now);
			m.now = restore(target, m.now);
		}
		await verify(m, r);
	}
	toString(): string {
		return this.back ? 'undo' : 'redo';
	}
}

/** A new page on the same device: a fresh worker opens the draft from storage. */
class Reopen implements Command {
	check(): boolean {
		return true;
	}
	async run(m: Model, r: Real): Promise<void> {
		await r.h.call('close', {});
		r.h.client.terminate();
		r.h = harness(r.name);
		await r.h.open(r.draftId);
		await verify(m, r);
	}
	toString(): string {
		return 'reopen';
	}
}

const rowCells = fc.record({
	email_address: fc.constantFrom(...EMAILS),
	initial_password: fc.constantFrom(...PASSWORDS),
	first_name: fc.constantFrom(...NAMES),
	birthdate: fc.constantFrom(...BIRTHDATES),
	gender: fc.constantFrom(...GENDERS),
});
type Cells = typeof rowCells extends fc.Arbitrary<infer T> ? T : never;

/** Three rows with each fixable problem and a missing password, then up to three random ones. */
const FIXED_ROWS: Cells[] = [
	{
		email_address: 'BOB@EXAMPLE.COM',
		initial_password: 'Abcdef1!',
		first_name: 'Bob',
		birthdate: '1981-11-20',
		gender: 'Homme',
	},
	{
		email_address: 'ann@example.com',
		initial_password: '',
		first_name: 'Ann',
		birthdate: '03/04/1990',
		gender: 'Female',
	},
	{
		email_address: 'Cy@Example.com',
		initial_password: 'abcdefgh',
		first_name: 'Zoë',
		birthdate: '19811120',
		gender: 'male',
	},
];
const initialRows = fc.array(rowCells, { maxLength: 3 }).map((extra) => [...FIXED_ROWS, ...extra]);

const commands = fc.commands(
	[
		fc
			.tuple(fc.nat(), fc.constantFrom(...(Object.keys(EDITABLE) as EditField[])), fc.nat())
			.map(
				([pick, field, v]) => new Edit(pick, field, EDITABLE[field][v % EDITABLE[field].length]!),
			),
		fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).map((picks) => new DeleteRows(picks)),
		fc.constant(new AddRow()),
		fc.constant(new FixAll()),
		fc.constantFrom<DateOrder>('day-first', 'month-first').map((o) => new ChooseDateOrder(o)),
		fc.constant(new CreatePasswords()),
		fc.constant(new Step(true)),
		fc.constant(new Step(true)),
		fc.constant(new Step(false)),
		fc.constant(new Step(false)),
		fc.constant(new Reopen()),
	],
	// 'max': runs average about half of maxCommands instead of a third.
	{ maxCommands: 15, size: 'max' },
);

function csvOf(rows: Cells[]): string {
	const lines = rows.map((c) => {
		const row: Record<RequiredField, string> = { ...c, last_name: 'Lee' };
		return REQUIRED_FIELDS.map((f) => row[f]).join(',');
	});
	return [REQUIRED_FIELDS.join(','), ...lines].join('\r\n') + '\r\n';
}

describe('undo and redo on the real worker service, against a model', () => {
	// Found by the property (shrunk): the state said the order undone was still chosen, because
	// "no order" in the open draft fell back to the order the draft was opened with.
	it('undoing a date order chosen before the draft was reopened says no order is chosen', async () => {
		const name = uniqueName('undo-model-order');
		const first = harness(name);
		const { draft } = await first.importText(csvOf(FIXED_ROWS));
		await first.change({ type: 'dateOrder', order: 'day-first' });
		await first.call('close', {});
		first.client.terminate();
		const again = harness(name);
		await again.open(draft.id);
		const undone = await again.change({ type: 'undo' });
		expect(undone.state).toMatchObject({ dateOrder: null, ambiguousDates: 1 });
		expect((await again.rows(1, 1))[0]?.birthdate).toBe('03/04/1990');
		expect((await again.call('view', { filter: 'all', search: '' })).dateOrder).toBeNull();
	});

	it('every run of changes, undo, redo and reopening shows the rows and history the model holds', async () => {
		await fc.assert(
			fc.asyncProperty(initialRows, commands, async (cells, cmds) => {
				const setup = async () => {
					const name = uniqueName('undo-model');
					const h = harness(name);
					const opened = await h.importText(csvOf(cells));
					const model: Model = {
						now: {
							rows: cells.map((c, i) => ({
								...c,
								row: i + 2,
								last_name: 'Lee',
								origin: 'file' as const,
								deleted: false,
							})),
							dateOrder: null,
						},
						undo: [],
						redo: [],
						checked: new Map(),
					};
					const real: Real = { h, name, draftId: opened.draft.id };
					await verify(model, real);
					return { model, real };
				};
				await fc.asyncModelRun(setup, cmds);
			}),
			{ numRuns: 35 },
		);
	}, 90_000);
});
