// Whether to ask an iPad/iPhone Safari user to add Roster to the Home Screen: Safari erases the
// script-writable storage (IndexedDB, where the drafts live) of a site not used for 7 days, unless
// the site runs as a Home Screen web app. Read from the browser once; a pure test of what it says.

export interface BrowserFacts {
	userAgent: string;
	/** iPadOS 13+ says "Macintosh"; only its touch points tell it from a Mac. */
	maxTouchPoints: number;
	/** Safari's own flag: true when opened from the Home Screen. */
	navigatorStandalone: boolean | undefined;
	/** `(display-mode: standalone)` matches: the manifest's display, as the web app runs. */
	displayStandalone: boolean;
}

export const HINT_DISMISSED_KEY = 'roster.safariKeepHint.dismissed';

export function browserFacts(): BrowserFacts {
	const nav = navigator as Navigator & { standalone?: boolean };
	return {
		userAgent: nav.userAgent,
		maxTouchPoints: nav.maxTouchPoints ?? 0,
		navigatorStandalone: nav.standalone,
		displayStandalone:
			typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches,
	};
}

/** iPhone, iPod or iPad, including an iPad that asks for desktop sites (its default). */
export function isAppleMobile(facts: BrowserFacts): boolean {
	if (/\b(iPad|iPhone|iPod)\b/.test(facts.userAgent)) return true;
	return /\bMacintosh\b/.test(facts.userAgent) && facts.maxTouchPoints > 1;
}

/**
 * Safari itself: other iOS browsers use WebKit too, but their Add to Home Screen is elsewhere
 * (or absent) and the 7-day rule is Safari's, so the hint's steps would be wrong there.
 */
function isSafari(facts: BrowserFacts): boolean {
	return (
		/\bSafari\//.test(facts.userAgent) &&
		!/\b(CriOS|FxiOS|EdgiOS|OPiOS|GSA|DuckDuckGo)\//.test(facts.userAgent)
	);
}

export function needsHomeScreenHint(facts: BrowserFacts): boolean {
	if (facts.navigatorStandalone === true || facts.displayStandalone) return false;
	return isAppleMobile(facts) && isSafari(facts);
}

/** localStorage can throw (storage disabled); a hint that cannot be remembered is still shown. */
export function hintDismissed(): boolean {
	try {
		return localStorage.getItem(HINT_DISMISSED_KEY) === '1';
	} catch {
		return false;
	}
}

export function rememberHintDismissed(): void {
	try {
		localStorage.setItem(HINT_DISMISSED_KEY, '1');
	} catch {
		// Shown again next time: better than never shown.
	}
}
