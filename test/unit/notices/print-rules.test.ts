// What decides a print run before anything reaches paper: which notices print under "Print after
// sending" and "Print anyway", what keeps printing refused (no practice name, no usable sign-in
// address), and where a printed address may break (never inside the host name).
import { describe, expect, it } from 'vitest';
import { noticesToPrint, notCreated, type PrintNotice } from '../../../src/notices/print-run.ts';
import { printBlockers } from '../../../src/notices/print-guard.ts';
import {
	addressPieces,
	longestPiece,
	segmentsAround,
	signInUrlProblem,
} from '../../../src/notices/sign-in-address.ts';
import type { SyncState } from '../../../src/core/credentials.ts';

function notice(index: number, sync: SyncState): PrintNotice {
	return {
		index,
		row: index + 2,
		first_name: 'Ann',
		last_name: 'Lee',
		email_address: `ann.${index}@example.com`,
		initial_password: 'Kx7#pQ2rTm9!',
		sync,
	};
}

describe('noticesToPrint', () => {
	// One of each state a notice can be in: never sent, in a batch, created, refused, edited since.
	const asked = [
		notice(0, 'none'),
		notice(1, 'queued'),
		notice(2, 'synced'),
		notice(3, 'rejected'),
		notice(4, 'synced'),
	];

	it('prints only clients the platform has created after sending', () => {
		expect(noticesToPrint(asked, 'after-sending').map((n) => n.index)).toEqual([2, 4]);
	});

	it('prints everyone asked for, in order, when told to print anyway', () => {
		expect(noticesToPrint(asked, 'anyway').map((n) => n.index)).toEqual([0, 1, 2, 3, 4]);
	});

	it('marks the notices whose client is not created: never sent, being sent or refused', () => {
		expect(notCreated(asked).map((n) => n.index)).toEqual([0, 1, 3]);
	});

	it('prints nothing after sending when nothing was sent', () => {
		expect(noticesToPrint([notice(0, 'none')], 'after-sending')).toEqual([]);
	});
});

describe('printBlockers', () => {
	const ready = { practiceName: 'Harbour Physio', signInUrl: 'https://app.example.com' };

	it('lets a template with a practice name and an https address print', () => {
		expect(printBlockers(ready)).toEqual([]);
	});

	it('names each missing setting, practice name first', () => {
		const blockers = printBlockers({ practiceName: '  ', signInUrl: '' });
		expect(blockers.map((b) => b.field)).toEqual(['practiceName', 'signInUrl']);
		expect(blockers[0]?.message).toMatch(/practice name is missing/);
		expect(blockers[1]?.message).toMatch(/sign-in address is missing/);
	});

	it('refuses an address saved before https was required', () => {
		const [blocker] = printBlockers({ ...ready, signInUrl: 'http://app.example.com' });
		expect(blocker?.field).toBe('signInUrl');
		expect(blocker?.message).toMatch(/https:\/\//);
	});
});

describe('signInUrlProblem', () => {
	it('accepts an empty field and https addresses', () => {
		for (const url of ['', 'https://app.example.com', 'https://localhost:4173/x?y=1'])
			expect(signInUrlProblem(url), url).toBeNull();
	});

	it('says to start with https:// and gives an example', () => {
		for (const url of ['app.example.com', 'www.example.com/sign-in', 'ftp://example.com'])
			expect(signInUrlProblem(url), url).toBe(
				'Start the address with https://, e.g. https://app.example.com',
			);
		expect(signInUrlProblem('http://app.example.com')).toMatch(/https:\/\/ rather than http:\/\//);
	});

	it('refuses what is not a web address, or carries a password', () => {
		expect(signInUrlProblem('https://exa mple.com')).toMatch(/not a web address/);
		expect(signInUrlProblem('javascript:alert(1)')).toMatch(/Start the address with https/);
		expect(signInUrlProblem('https://user:secret@app.example.com')).toMatch(/user name/);
	});
});

describe('addressPieces', () => {
	it('keeps the scheme and host in one piece and cuts the path after each "/"', () => {
		expect(addressPieces('https://app.example-health.com/signup/now?practice=harbour')).toEqual([
			'https://app.example-health.com',
			'/',
			'signup/',
			'now?practice=harbour',
		]);
	});

	it('gives the address back when joined, whatever its shape', () => {
		for (const url of [
			'https://app.example.com',
			'https://app.example.com/',
			'https://app.example.com:8443/a//b/',
			'https://xn--bcher-kva.example/ü',
		])
			expect(addressPieces(url).join(''), url).toBe(url);
	});

	it('measures the longest piece that may not wrap', () => {
		expect(longestPiece('https://app.example-health.com/signup')).toBe(
			'https://app.example-health.com'.length,
		);
		expect(longestPiece('https://a.io/a-very-long-path-segment-here')).toBe(
			'a-very-long-path-segment-here'.length,
		);
		expect(longestPiece('')).toBe(0);
	});
});

describe('segmentsAround', () => {
	const address = 'https://app.example.com/x';

	it('cuts a paragraph around each mention of the address', () => {
		expect(segmentsAround(`Go to ${address} or ${address}.`, address)).toEqual([
			{ text: 'Go to ', address: false },
			{ text: address, address: true },
			{ text: ' or ', address: false },
			{ text: address, address: true },
			{ text: '.', address: false },
		]);
	});

	it('leaves a paragraph without the address, or with no address set, in one piece', () => {
		expect(segmentsAround('Hello.', address)).toEqual([{ text: 'Hello.', address: false }]);
		expect(segmentsAround('Hello.', '')).toEqual([{ text: 'Hello.', address: false }]);
	});
});
