// "Next problem" / "Previous problem" in the worker: the next cell with an error in the view's
// order (filter and search apply), warnings once no error is left, wrapping at the ends.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../src/core/issues.ts';
import { findProblem, problemKey } from '../../../src/worker/problem-search.ts';
import { clientsCsv, harness, uniqueName } from './harness.ts';

/**
 * Ten clients: 1 has an invalid email, 4 a capitalised one and no birthdate (errors); 3 and 6 a
 * weak password (warnings).
 */
const TEN = clientsCsv(10, (i) => ({
	...(i === 1 ? { email_address: 'not-an-email' } : {}),
	...(i === 4 ? { email_address: 'Zed@Example.com', birthdate: '' } : {}),
	...(i === 3 || i === 6 ? { initial_password: 'abcdefgh' } : {}),
}));

async function opened(prefix: string) {
	const h = harness(uniqueName(prefix));
	await h.importText(TEN);
	const next = (from: number, field: string, direction: 1 | -1 = 1) =>
		h.call('problem', { from, field, direction });
	return { h, next };
}

describe('worker: next and previous problem', () => {
	it('goes cell by cell through the errors, then wraps to the first', async () => {
		const { next } = await opened('problem-next');
		expect(await next(0, 'email_address')).toEqual({
			position: 1,
			field: 'email_address',
			severity: 'error',
			wrapped: false,
		});
		expect(await next(1, 'email_address')).toMatchObject({ position: 4, field: 'email_address' });
		// The same row's next problem cell comes before the next row's.
		expect(await next(4, 'email_address')).toMatchObject({ position: 4, field: 'birthdate' });
		// Past the last error: back to the first, and it says so.
		expect(await next(4, 'birthdate')).toEqual({
			position: 1,
			field: 'email_address',
			severity: 'error',
			wrapped: true,
		});
	});

	it('goes backwards with direction -1, wrapping to the last error', async () => {
		const { next } = await opened('problem-previous');
		expect(await next(4, 'birthdate', -1)).toMatchObject({ position: 4, field: 'email_address' });
		expect(await next(4, 'email_address', -1)).toMatchObject({ position: 1, wrapped: false });
		expect(await next(1, 'email_address', -1)).toMatchObject({
			position: 4,
			field: 'birthdate',
			wrapped: true,
		});
	});

	it('follows the view: in a search, positions are the view’s', async () => {
		const { h, next } = await opened('problem-view');
		// Only the warning rows 3 and 6 are in view: no error left, so warnings.
		await h.call('view', { filter: 'warnings', search: '' });
		expect(await next(0, 'email_address')).toMatchObject({
			position: 0,
			field: 'initial_password',
		});
		expect(await next(0, 'initial_password')).toEqual({
			position: 1,
			field: 'initial_password',
			severity: 'warning',
			wrapped: false,
		});
		await h.call('view', { filter: 'errors', search: '' });
		expect(await next(0, 'email_address')).toMatchObject({ position: 1, field: 'email_address' });
	});

	it('answers null when the view has no problem', async () => {
		const { h, next } = await opened('problem-none');
		await h.call('view', { filter: 'all', search: 'client9@' });
		expect(await next(0, 'email_address')).toBeNull();
		expect(await next(0, 'email_address', -1)).toBeNull();
	});
});

const err = (column: string | null): Issue => ({
	row: 2,
	column,
	code: 'email.invalid',
	severity: 'error',
	message: 'x',
});
const warn = (column: string | null): Issue => ({ ...err(column), severity: 'warning' });

describe('findProblem', () => {
	it('finds the focused cell itself only when it is the one problem left', () => {
		const rows = [[], [err('gender')], []];
		const at = (p: number) => rows[p];
		expect(findProblem(3, at, { position: 1, field: 'gender' }, 1)).toEqual({
			position: 1,
			field: 'gender',
			severity: 'error',
			wrapped: true,
		});
	});

	it('prefers an error anywhere to a nearer warning', () => {
		const rows = [[], [warn('first_name')], [], [err('last_name')]];
		expect(findProblem(4, (p) => rows[p], { position: 0, field: 'select' }, 1)).toMatchObject({
			position: 3,
			severity: 'error',
		});
		// Backwards from row 0: wraps to 3 first.
		expect(findProblem(4, (p) => rows[p], { position: 0, field: 'select' }, -1)).toMatchObject({
			position: 3,
			wrapped: true,
		});
	});

	it('puts a problem of the whole row (or of a column the grid lacks) on Status', () => {
		expect(problemKey(null)).toBe('status');
		expect(problemKey('tag')).toBe('tags');
		expect(problemKey('remarks')).toBe('status');
		const rows = [[err('email_address'), err(null)]];
		// From the checkbox: Status comes before Email.
		expect(findProblem(1, (p) => rows[p], { position: 0, field: 'select' }, 1)).toMatchObject({
			field: 'status',
			wrapped: false,
		});
		// From Notice (after every problem column), backwards: Email first.
		expect(findProblem(1, (p) => rows[p], { position: 0, field: 'notice' }, -1)).toMatchObject({
			field: 'email_address',
			wrapped: false,
		});
	});

	it('an empty view has no problem', () => {
		expect(findProblem(0, () => [err('gender')], { position: 0, field: 'gender' }, 1)).toBeNull();
	});
});
