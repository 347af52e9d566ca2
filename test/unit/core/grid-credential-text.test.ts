// The grid's Platform and Notice columns say what the credential rules decide: a row's words
// change with its sync state, print date and errors exactly as the rules do.
import { describe, expect, it } from 'vitest';
import { noticeText, platformText } from '../../../src/ui/grid/columns.ts';
import type { RowView } from '../../../src/worker/views.ts';
import type { SyncState } from '../../../src/core/credentials.ts';
import { shortDate } from '../../../src/ui/format.ts';

const PRINTED_AT = Date.UTC(2025, 10, 20, 12);

function view(sync: SyncState, over: { printed?: boolean; hasError?: boolean } = {}): RowView {
	return {
		index: 0,
		row: 2,
		email_address: 'ann@example.com',
		initial_password: 'Pw-1234567',
		first_name: 'Ann',
		last_name: 'Lee',
		birthdate: '19811120',
		gender: 'female',
		tags: [],
		external_id: '',
		extra: [],
		leftOut: [],
		hasError: over.hasError ?? false,
		issues: [],
		credential: {
			origin: 'created',
			setAt: 1,
			printedAt: over.printed ? PRINTED_AT : 0,
			sync,
			syncedAt: PRINTED_AT,
		},
		syncIssues:
			sync === 'rejected' ? [{ code: 'tag.unknown', message: "tag 'x' does not exist" }] : [],
	};
}

describe('the Notice column', () => {
	it.each([
		['due', 'Not printed', view('none')],
		['printed', `Printed ${shortDate(PRINTED_AT)}`, view('none', { printed: true })],
		[
			'printed, errors since',
			`Printed ${shortDate(PRINTED_AT)}`,
			view('none', { printed: true, hasError: true }),
		],
		['with errors', '—', view('none', { hasError: true })],
		['already registered', 'Not needed', view('exists')],
		['registered with errors', 'Not needed', view('exists', { hasError: true })],
		['synced', 'Not printed', view('synced')],
	])('%s → %s', (_name, text, row) => {
		expect(noticeText(row)).toBe(text);
	});
});

describe('the Platform column', () => {
	it.each([
		['not sent', 'Not sent', view('none')],
		['not sendable', '—', view('none', { hasError: true })],
		['queued', 'Sending… (locked)', view('queued')],
		['synced', `Synced ✓ ${shortDate(PRINTED_AT)}`, view('synced')],
		['already registered', 'Already registered', view('exists')],
		['rejected', "Rejected: tag 'x' does not exist", view('rejected')],
	])('%s → %s', (_name, text, row) => {
		expect(platformText(row)).toBe(text);
	});
});
