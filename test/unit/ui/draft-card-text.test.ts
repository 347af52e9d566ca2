// The words of a draft's card on the home screen for each way its rows can stand with the
// platform: sending now or waiting, refused rows, and drafts whose counts were never kept.
import { describe, expect, it } from 'vitest';
import { draftStateParts } from '../../../src/ui/draft-card-text.ts';
import type { DraftListCredentials } from '../../../src/storage/draft-record.ts';

const NONE: DraftListCredentials = {
	unsent: 0,
	queued: 0,
	synced: 0,
	exists: 0,
	rejected: 0,
	printed: 0,
	noticeReady: 0,
};

function text(credentials: Partial<DraftListCredentials> | null, phase = 'idle' as const) {
	const counts = {
		rows: 10,
		errorRows: 1,
		warningRows: 0,
		...(credentials ? { credentials: { ...NONE, ...credentials } } : {}),
	};
	return draftStateParts({ counts }, { phase })
		.map((p) => (p.bad ? `[${p.text}]` : p.text))
		.join(' · ');
}

describe('draft card state', () => {
	it('says "sending…" while the engine sends, "waiting to send" otherwise', () => {
		expect(
			draftStateParts(
				{ counts: { rows: 9, errorRows: 0, warningRows: 0, credentials: { ...NONE, queued: 9 } } },
				{ phase: 'sending' },
			)[0]?.text,
		).toBe('sending 9…');
		expect(text({ queued: 3 }, 'idle')).toBe('3 waiting to send · [1 need attention]');
	});

	it('names the rows the platform refused, in the error colour', () => {
		expect(text({ synced: 7, rejected: 2 })).toBe(
			'7 sent · [2 refused by the platform] · [1 need attention]',
		);
	});

	it('says nothing of sync for a draft saved before its counts were kept', () => {
		expect(text(null)).toBe('[1 need attention] · ready to fix');
	});

	it('counts clients the platform already had as sent', () => {
		expect(text({ synced: 5, exists: 2, printed: 1, noticeReady: 5 })).toBe(
			'7 sent · [1 need attention] · 1 notice printed',
		);
	});
});
