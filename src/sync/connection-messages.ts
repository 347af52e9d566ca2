// What a failed call to the import API means, in words a pro can act on: each kind of failure
// (no answer, an address Roster may not reach, a refused token, a wrong address, a server
// fault, a time limit) maps to one plain sentence saying what to do, with the technical detail
// kept apart ("HTTP 404 from …/health") for whoever sets the server up. Settings ("Test
// connection") and the sync line read the same sentences from here, in the pro's language.
import { m } from '../i18n/messages.ts';
import { formatNumber } from '../i18n/format.ts';

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

/** Read at each use: the language may have changed since the module loaded. */
export const MESSAGES = {
	get noAnswer(): string {
		return m.shell_conn_no_answer();
	},
	get token(): string {
		return m.shell_conn_token({ refused: m.shell_conn_token_refused() });
	},
	/** How every token refusal begins (the sync line tells it apart from other stops). */
	get tokenRefused(): string {
		return m.shell_conn_token_refused();
	},
	get notApi(): string {
		return m.shell_conn_not_api();
	},
	get serverFault(): string {
		return m.shell_conn_server_fault();
	},
	get busy(): string {
		return m.shell_conn_busy();
	},
	/** While sending, Roster tries again by itself: nothing for the pro to do. */
	get serverFaultRetrying(): string {
		return m.shell_conn_server_fault_retrying();
	},
	get busyRetrying(): string {
		return m.shell_conn_busy_retrying();
	},
};

/** "15 seconds", "1 second", "300 ms". */
export function seconds(ms: number): string {
	if (ms < 1000) return m.shell_conn_ms({ ms: formatNumber(ms) });
	return m.shell_conn_seconds({ count: Math.round(ms / 1000) });
}

/** What an address Roster's security policy does not let it reach means, and what to change. */
export function policyMessage(target: string, self: string): string {
	const selfOrigin = originOf(self) ?? self;
	const targetOrigin = originOf(target) ?? target;
	return m.shell_conn_policy({ origin: selfOrigin, target: targetOrigin });
}

/** The plain message and its detail for one failure; `self`: the page's (or worker's) address. */
export function explainFailure(failure: ConnectionFailure, self: string): PlainMessage {
	switch (failure.kind) {
		case 'network':
			return {
				message:
					failure.blockedBy === 'policy' ? policyMessage(failure.url, self) : MESSAGES.noAnswer,
				detail: m.shell_conn_detail_no_answer({ url: failure.url, error: failure.error }),
			};
		case 'timeout':
			return {
				message: m.shell_conn_timeout({ time: seconds(failure.ms) }),
				detail: m.shell_conn_detail_timeout({ url: failure.url, time: seconds(failure.ms) }),
			};
		case 'not-api':
			return {
				message: MESSAGES.notApi,
				detail: m.shell_conn_detail_not_api({ url: failure.url, error: failure.error }),
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
	if (retrying) return m.shell_conn_retrying_other();
	return m.shell_conn_status({ status: String(status) });
}

function statusDetail(failure: {
	url: string;
	status: number;
	serverMessage?: string | undefined;
}) {
	const status = String(failure.status);
	return failure.serverMessage
		? m.shell_conn_detail_status_said({ status, url: failure.url, said: failure.serverMessage })
		: m.shell_conn_detail_status({ status, url: failure.url });
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
