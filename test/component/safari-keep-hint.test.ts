// The "Add Roster to the Home Screen" hint: shown to Safari on an iPad or iPhone when Roster was not
// opened from the Home Screen (Safari may erase its drafts after 7 days without use), nowhere else,
// and gone for good once dismissed.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import SafariKeepHint from '../../src/ui/SafariKeepHint.svelte';
import { HINT_DISMISSED_KEY, type BrowserFacts } from '../../src/ui/safari-keep.ts';

const IPAD_DESKTOP_UA =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const IPHONE_UA =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CHROME_IOS_UA =
	'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1';

function facts(over: Partial<BrowserFacts>): BrowserFacts {
	return {
		userAgent: IPAD_DESKTOP_UA,
		maxTouchPoints: 5,
		navigatorStandalone: false,
		displayStandalone: false,
		...over,
	};
}

const HINT =
	'Add Roster to the Home Screen to keep your drafts: Safari may erase them after 7 days without use.';

afterEach(() => localStorage.clear());

describe('SafariKeepHint', () => {
	it('asks Safari on an iPad (which reads as a Mac with touch) to add Roster to the Home Screen', () => {
		render(SafariKeepHint, { facts: facts({}) });
		expect(screen.getByRole('heading', { name: HINT })).toBeVisible();
		expect(screen.getByTestId('safari-keep-hint')).toHaveTextContent(
			'Share (the square with an arrow), then Add to Home Screen',
		);
	});

	it('asks Safari on an iPhone too', () => {
		render(SafariKeepHint, { facts: facts({ userAgent: IPHONE_UA, maxTouchPoints: 5 }) });
		expect(screen.getByRole('heading', { name: HINT })).toBeVisible();
	});

	it.each([
		['opened from the Home Screen (navigator.standalone)', { navigatorStandalone: true }],
		['running standalone (display-mode)', { displayStandalone: true }],
		['a Mac (no touch points)', { maxTouchPoints: 0 }],
		['Chrome on an iPad', { userAgent: CHROME_IOS_UA }],
		[
			'a desktop Linux browser',
			{ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 Safari/605.1.15' },
		],
	])('says nothing when %s', (_why, over) => {
		render(SafariKeepHint, { facts: facts(over) });
		expect(screen.queryByTestId('safari-keep-hint')).toBeNull();
	});

	it('once dismissed, stays dismissed on this device', async () => {
		const user = userEvent.setup();
		const first = render(SafariKeepHint, { facts: facts({}) });
		await user.click(screen.getByRole('button', { name: 'Got it' }));
		expect(screen.queryByTestId('safari-keep-hint')).toBeNull();
		expect(localStorage.getItem(HINT_DISMISSED_KEY)).toBe('1');
		first.unmount();
		render(SafariKeepHint, { facts: facts({}) });
		expect(screen.queryByTestId('safari-keep-hint')).toBeNull();
	});
});
