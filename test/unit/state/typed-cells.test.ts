// Values typed into the grid before the worker saved them (src/state/typed-cells.svelte.ts): shown
// at once and marked saving; a failed edit takes its value back; a saved one stays only over rows
// read before the change; an older answer never clears a newer value.
import { describe, expect, it } from 'vitest';
import { TypedCells } from '../../../src/state/typed-cells.svelte.ts';
import type { RowView } from '../../../src/worker/views.ts';

function rowView(index: number, first_name: string): RowView {
	return {
		index,
		row: index + 2,
		email_address: `c${index}@example.com`,
		initial_password: '',
		first_name,
		last_name: 'Doe',
		birthdate: '19800101',
		gender: 'female',
		tags: [],
		external_id: '',
		extra: [],
		leftOut: [],
		hasError: false,
		issues: [],
		credential: { origin: 'file', setAt: 0, printedAt: 0, sync: 'none', syncedAt: 0 },
		syncIssues: [],
	};
}

describe('TypedCells', () => {
	it('shows a typed value on every read of the row until the answer, then only over old rows', () => {
		const typed = new TypedCells();
		const old = rowView(0, 'Ana');
		const edit = typed.type(0, 'first_name', 'Zoe');
		expect(typed.shown(old, false).first_name).toBe('Zoe');
		// A fresh read that came before the commit still shows what was typed.
		expect(typed.shown(rowView(0, 'Ana'), true).first_name).toBe('Zoe');
		expect(typed.isSaving(0, 'first_name')).toBe(true);
		expect(typed.isSaving(1, 'first_name')).toBe(false);

		typed.settle(0, 'first_name', edit, true);
		expect(typed.isSaving(0, 'first_name')).toBe(false);
		expect(typed.shown(old, false).first_name).toBe('Zoe');
		const fresh = rowView(0, 'Zoe');
		expect(typed.shown(fresh, true)).toBe(fresh);
		// Once fresh rows came, the screen's rows are the worker's alone.
		expect(typed.shown(old, false)).toBe(old);
	});

	it('a failed edit takes its value back; an older answer leaves a newer value alone', () => {
		const typed = new TypedCells();
		const row = rowView(3, 'Ana');
		const first = typed.type(3, 'first_name', 'Zoe');
		const second = typed.type(3, 'first_name', 'Zora');
		typed.settle(3, 'first_name', first, false);
		expect(typed.shown(row, false).first_name).toBe('Zora');
		expect(typed.isSaving(3, 'first_name')).toBe(true);
		typed.settle(3, 'first_name', second, false);
		expect(typed.shown(row, false)).toBe(row);
		expect(typed.isSaving(3, 'first_name')).toBe(false);
	});

	it("hides the old value's problems on a typed cell, not those of the row's other cells", () => {
		const typed = new TypedCells();
		const issue = (column: string) => ({
			row: 2,
			column,
			code: 'email.invalid' as const,
			severity: 'error' as const,
			message: `${column} is wrong`,
		});
		const row = { ...rowView(0, ''), issues: [issue('email_address'), issue('first_name')] };
		typed.type(0, 'email_address', 'new@example.com');
		expect(typed.shown(row, false).issues.map((i) => i.column)).toEqual(['first_name']);
		expect(row.issues).toHaveLength(2);
	});

	it('shows tags as a list and gives the grid one object per row', () => {
		const typed = new TypedCells();
		const row = rowView(1, 'Bo');
		typed.type(1, 'tags', ['vip', 'new']);
		const shown = typed.shown(row, false);
		expect(shown.tags).toEqual(['vip', 'new']);
		expect(typed.shown(row, false)).toBe(shown);
		typed.clear();
		expect(typed.shown(row, false)).toBe(row);
	});
});
