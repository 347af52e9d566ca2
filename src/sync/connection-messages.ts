// What a failed call to the import API means, in words a pro can act on: each kind of failure
// (no answer, an address Roster may not reach, a refused token, a wrong address, a server
// fault, a time limit) maps to one plain sentence saying what to do, with the technical detail
// kept apart ("HTTP 404 from …/health") for whoever sets the server up. Settings ("Test
// connection") and the sync line read the same sentences from here.

/** A failure of one request, as the client saw it. */
export type ConnectionFailure =
	/** fetch rejected: nothing came back (offline, no server there, or refused by a policy). */
	| { kind: 'network'; url: string; error: string; blockedBy?: 'policy' | null }
	/** No (whole) answer within the time limit. */
	| { kind: 'timeout'; url: string; ms: number }
	/** An answer with this status; `serverMessage` from the API's error body, if any. */
	| { kind: 'status'; url: string; status: number; serverMessage?: string | undefined }
	/** A 2xx answer that is not what the import API answers (a web page, other JSON…). */
	| { kind: 'not-api'; url: string; error: string };

export interface PlainMessage {
	/** What happened and what to do, in the pro's words. */
	message: string;
	/** The technical detail (status, address), for whoever sets the server up. */
	detail: string;
}

export const MESSAGES = {
	noAnswer: 'No server answers at this address. Check the address, and that this device is online.',
	token: 'The server refused the token — check it in Settings.',
	/** How every token refusal begins (the sync line tells it apart from other stops). */
	tokenRefused: 'The server refused the token',
	notApi:
		'This address answers, but it is not an import API: check the address (it usually ends in /api/v1).',
	serverFault: 'The server had a problem; try again later.',
	busy: 'The server is busy; try again in a minute.',
	/** While sending, Roster tries again by itself: nothing for the pro to do. */
	serverFaultRetrying: 'The server had a problem; Roster sends these clients again by itself.',
	busyRetrying: 'The server is busy; Roster sends these clients again in a moment.',
} as const;

/** "15 seconds", "1 second", "300 ms". */
export function seconds(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	const s = Math.round(ms / 1000);
	return s === 1 ? '1 second' : `${s} seconds`;
}

/** What an address Roster's security policy does not let it reach means, and what to change. */
export function policyMessage(target: string, self: string): string {
	const selfOrigin = originOf(self) ?? self;
	const targetOrigin = originOf(target) ?? target;
	return `Roster may only connect to the address it was opened from (${selfOrigin}). Use ${selfOrigin}/api/v1, or ask whoever set up Roster to allow ${targetOrigin}.`;
}

/** The plain message and its detail for one failure; `self`: the page's (or worker's) address. */
export function explainFailure(failure: ConnectionFailure, self: string): PlainMessage {
	switch (failure.kind) {
		case 'network':
			return {
				message:
					failure.blockedBy === 'policy' ? policyMessage(failure.url, self) : MESSAGES.noAnswer,
				detail: `No answer from ${failure.url} (${failure.error})`,
			};
		case 'timeout':
			return {
				message: `The server did not answer within ${seconds(failure.ms)}. Check the address, and that the server is running.`,
				detail: `No answer from ${failure.url} within ${seconds(failure.ms)}`,
			};
		case 'not-api':
			return {
				message: MESSAGES.notApi,
				detail: `${failure.url} answered something else than the import API (${failure.error})`,
			};
		case 'status':
			return { message: statusMessage(failure.status), detail: statusDetail(failure) };
	}
}

/**
 * The plain words for an HTTP status the import API answered with; `retrying`: a chunk Roster
 * sends again by itself (the pro has nothing to try).
 */
export function statusMessage(status: number, retrying = false): string {
	if (status === 401 || status === 403) return MESSAGES.token;
	if (status === 404 || status === 405) return MESSAGES.notApi;
	if (status === 429) return retrying ? MESSAGES.busyRetrying : MESSAGES.busy;
	if (status >= 500) return retrying ? MESSAGES.serverFaultRetrying : MESSAGES.serverFault;
	if (retrying)
		return 'The server could not take these clients just now; Roster sends them again by itself.';
	return `The server did not take the request (HTTP ${status}).`;
}

function statusDetail(failure: {
	url: string;
	status: number;
	serverMessage?: string | undefined;
}) {
	const said = failure.serverMessage ? `: ${failure.serverMessage}` : '';
	return `HTTP ${failure.status} from ${failure.url}${said}`;
}

/**
 * Whether a Content-Security-Policy lets the page connect to `target` (false only when the policy
 * surely refuses it: an unreadable policy is taken as allowing). `self`: the page's address.
 */
export function policyAllows(policy: string | null, target: string, self: string): boolean {
	if (!policy) return true;
	const directives = policy.split(';').map((d) => d.trim().split(/\s+/));
	const find = (name: string) => directives.find((d) => d[0]?.toLowerCase() === name);
	const sources = (find('connect-src') ?? find('default-src'))?.slice(1);
	if (!sources) return true;
	const targetOrigin = originOf(target);
	if (targetOrigin === null) return true;
	return sources.some((source) => {
		if (source === '*') return true;
		if (source === "'self'") return targetOrigin === originOf(self);
		if (source.endsWith(':') && !source.includes('/')) return targetOrigin.startsWith(source);
		// A host source: only whole origins are compared (wildcards are taken as allowing).
		return source.includes('*') || originOf(source) === targetOrigin;
	});
}

function originOf(url: string): string | null {
	try {
		return new URL(url).origin;
	} catch {
		return null;
	}
}
